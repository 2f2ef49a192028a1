//! The shingle metric (placeholder; see the eval work).

/// Tokens: maximal runs of word characters.
pub fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}
