//! An ordered list of header fields with case-insensitive look-up (WARC and HTTP).

/// Header fields in their order, names as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Headers {
    fields: Vec<(String, String)>,
}

impl Headers {
    /// An empty list.
    pub fn new() -> Self {
        Headers::default()
    }

    /// Append a field.
    pub fn push(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.fields.push((name.into(), value.into()));
    }

    /// The first value of `name` (ASCII case-insensitive).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every field in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// True when there is no field.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Append the text of a continuation line (one starting with white space) to the last field.
    pub(crate) fn continue_last(&mut self, more: &str) -> bool {
        match self.fields.last_mut() {
            Some((_, v)) => {
                v.push(' ');
                v.push_str(more.trim());
                true
            }
            None => false,
        }
    }
}

/// Split a `Name: value` line (without its line end); `None` when there is no colon
/// or the name is empty or holds white space.
pub(crate) fn split_field(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(':')?;
    if name.is_empty() || name.contains(|c: char| c.is_ascii_whitespace()) {
        return None;
    }
    Some((name, value.trim()))
}

/// `line` without a trailing `\n` or `\r\n`.
pub(crate) fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_is_case_insensitive_and_keeps_the_first() {
        let mut h = Headers::new();
        h.push("Content-Type", "text/html");
        h.push("content-type", "text/plain");
        assert_eq!(h.get("CONTENT-TYPE"), Some("text/html"));
        assert_eq!(h.len(), 2);
    }

    #[test]
    fn field_lines_split_on_the_first_colon() {
        assert_eq!(
            split_field("WARC-Target-URI: http://a/b:c"),
            Some(("WARC-Target-URI", "http://a/b:c"))
        );
        assert_eq!(split_field("no colon"), None);
        assert_eq!(split_field("bad name: x"), None);
        assert_eq!(split_field(": x"), None);
    }
}
