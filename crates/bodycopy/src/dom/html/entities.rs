//! Character references (WHATWG § 13.2.5.72–80): named ones from the WHATWG
//! table as published by the `web_atoms` crate, numeric ones with the spec's
//! replacement rules.

use web_atoms::{C1_REPLACEMENTS, NAMED_ENTITIES};

/// Decode the character reference starting at `at` (a `&`) in `s`.
///
/// Returns the position after the reference and the one or two characters it
/// stands for, or `None` when the `&` is plain text. `in_attr` applies the
/// legacy rule: in an attribute value, a named reference without `;` followed
/// by `=` or an alphanumeric is left as written.
pub(crate) fn char_ref(s: &str, at: usize, in_attr: bool) -> Option<(usize, char, Option<char>)> {
    let b = s.as_bytes();
    match *b.get(at + 1)? {
        b'#' => numeric(b, at + 2),
        c if c.is_ascii_alphanumeric() => named(s, at + 1, in_attr),
        _ => None,
    }
}

/// The named references most pages use, with their `;`: each is the longest match of
/// its text (the `;` ends every name), so it needs no walk through the table.
const COMMON_NAMED: [(&[u8], char); 6] = [
    (b"amp;", '&'),
    (b"nbsp;", '\u{a0}'),
    (b"quot;", '"'),
    (b"lt;", '<'),
    (b"gt;", '>'),
    (b"apos;", '\''),
];

fn named(s: &str, start: usize, in_attr: bool) -> Option<(usize, char, Option<char>)> {
    let b = s.as_bytes();
    let rest = b.get(start..).unwrap_or_default();
    if let Some((name, c)) = COMMON_NAMED.iter().find(|(name, _)| rest.starts_with(name)) {
        return Some((start + name.len(), *c, None));
    }
    let mut best = None;
    let mut k = start;
    while let Some(&c) = b
        .get(k)
        .filter(|c| c.is_ascii_alphanumeric() || **c == b';')
    {
        let Some(&(c1, c2)) = s.get(start..=k).and_then(|name| NAMED_ENTITIES.get(name)) else {
            break;
        };
        if c1 != 0 {
            best = Some((k + 1, c1, c2));
        }
        if c == b';' {
            break;
        }
        k += 1;
    }
    let (end, c1, c2) = best?;
    // `end` is one past the reference's last byte, so at least 1
    if in_attr && b.get(end - 1) != Some(&b';') {
        if let Some(&next) = b.get(end) {
            if next == b'=' || next.is_ascii_alphanumeric() {
                return None;
            }
        }
    }
    let c1 = char::from_u32(c1)?;
    let c2 = if c2 == 0 { None } else { char::from_u32(c2) };
    Some((end, c1, c2))
}

fn numeric(b: &[u8], mut i: usize) -> Option<(usize, char, Option<char>)> {
    let hex = matches!(b.get(i), Some(b'x' | b'X'));
    if hex {
        i += 1;
    }
    let digits_start = i;
    let mut value: u32 = 0;
    while let Some(&c) = b.get(i) {
        let d = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'a'..=b'f' if hex => u32::from(c - b'a' + 10),
            b'A'..=b'F' if hex => u32::from(c - b'A' + 10),
            _ => break,
        };
        value = value
            .saturating_mul(if hex { 16 } else { 10 })
            .saturating_add(d)
            .min(0x11_0000);
        i += 1;
    }
    if i == digits_start {
        return None;
    }
    if b.get(i) == Some(&b';') {
        i += 1;
    }
    let c = match value {
        0 | 0x11_0000.. | 0xD800..=0xDFFF => '\u{FFFD}',
        0x80..=0x9F => C1_REPLACEMENTS
            .get((value - 0x80) as usize)
            .copied()
            .flatten()
            .unwrap_or_else(|| char::from_u32(value).unwrap_or('\u{FFFD}')),
        v => char::from_u32(v).unwrap_or('\u{FFFD}'),
    };
    Some((i, c, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The short path for common references gives what the table gives.
    #[test]
    fn common_references_match_the_table() {
        for (name, c) in COMMON_NAMED {
            let name = std::str::from_utf8(name).unwrap();
            assert_eq!(
                NAMED_ENTITIES.get(name).map(|e| e.0),
                Some(u32::from(c)),
                "{name}"
            );
            let text = format!("x&{name}y");
            assert_eq!(char_ref(&text, 1, false), Some((2 + name.len(), c, None)));
        }
        // without the `;`, the legacy rules still apply
        assert_eq!(char_ref("&ampx", 0, false), Some((4, '&', None)));
        assert_eq!(char_ref("&ampx", 0, true), None);
        assert_eq!(char_ref("&notin;", 0, false), Some((7, '\u{2209}', None)));
    }
}
