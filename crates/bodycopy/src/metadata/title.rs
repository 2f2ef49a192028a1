//! The headline: the page title without the site's name, checked against `<h1>`.

/// Separators between a headline and the site name in `<title>`.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " « ", " • ", " / ", " ~ ", " || ", " -- ",
];

/// Lower-case letters and digits only, for loose comparisons.
pub fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Byte spans of the separator-delimited parts of a title.
fn parts(t: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    while pos < t.len() {
        let rest = &t[pos..];
        let hit = SEPARATORS
            .iter()
            .filter_map(|s| rest.find(s).map(|i| (i, s.len())))
            .min();
        match hit {
            Some((i, len)) => {
                out.push((start, pos + i));
                pos += i + len;
                start = pos;
            }
            None => break,
        }
    }
    out.push((start, t.len()));
    out.retain(|&span| !part(t, span).trim().is_empty());
    out
}

/// The text of one span of [`parts`] (empty if the span does not fit `t`).
fn part(t: &str, (start, end): (usize, usize)) -> &str {
    t.get(start..end).unwrap_or_default()
}

/// Does a title part name the site?
fn names_site(part: &str, site_key: &str) -> bool {
    let pk = key(part);
    if pk.is_empty() || site_key.len() < 2 {
        return false;
    }
    pk == site_key
        || (pk.len() >= 3 && site_key.contains(&pk))
        || (pk.contains(site_key) && pk.len() <= site_key.len() * 2 + 4)
}

/// Remove a leading or trailing separator-delimited part naming the site.
pub fn strip_site(title: &str, site: Option<&str>) -> String {
    let title = title.trim();
    let ps = parts(title);
    if ps.len() < 2 {
        return title.to_string();
    }
    if let Some(site) = site {
        let sk = key(site);
        let first_start = ps.first().map_or(0, |p| p.0);
        if let [.., (_, end), last] = ps[..] {
            if names_site(part(title, last), &sk) {
                return part(title, (first_start, end)).trim().to_string();
            }
        }
        if let [first, (start, _), ..] = ps[..] {
            if names_site(part(title, first), &sk) {
                return part(title, (start, title.len())).trim().to_string();
            }
        }
    }
    title.to_string()
}

/// What the title is chosen from.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Titles from metadata, most trusted first (JSON-LD headline, og:title, ...).
    pub meta: Vec<String>,
    /// The `<title>` element's text.
    pub doc_title: Option<String>,
    /// Visible `<h1>` texts in document order.
    pub h1s: Vec<String>,
    /// The site's name, if known.
    pub site: Option<String>,
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Choose the headline.
pub fn choose(inp: &Inputs) -> Option<String> {
    let h1s: Vec<&str> = inp
        .h1s
        .iter()
        .map(String::as_str)
        .filter(|h| !h.is_empty() && words(h) <= 40)
        .take(4)
        .collect();
    let (cand, from_doc) = match inp
        .meta
        .iter()
        .find(|t| !t.trim().is_empty() && words(t) <= 40)
    {
        Some(t) => (t.as_str(), false),
        None => match inp.doc_title.as_deref().filter(|t| !t.trim().is_empty()) {
            Some(t) => (t, true),
            None => return h1s.first().map(|h| h.to_string()),
        },
    };
    let t = strip_site(cand, inp.site.as_deref());
    let tk = key(&t);
    // a single visible <h1> is the headline as readers see it
    let site_key = inp.site.as_deref().map(key).unwrap_or_default();
    if let [h] = h1s.as_slice() {
        let hk = key(h);
        let n = words(h);
        if hk.len() >= 3 && hk != site_key && (2..=30).contains(&n) {
            return Some(h.to_string());
        }
    }
    if h1s.iter().any(|h| key(h) == tk) {
        return Some(t);
    }
    // an <h1> equal to some run of the title's parts is the headline
    let ps = parts(&t);
    if ps.len() >= 2 {
        for h in &h1s {
            let hk = key(h);
            if hk.len() < 4 {
                continue;
            }
            for (i, &(start, _)) in ps.iter().enumerate() {
                for (j, &(_, end)) in ps.iter().enumerate().skip(i) {
                    let run = part(&t, (start, end));
                    if (i, j) != (0, ps.len() - 1) && key(run) == hk {
                        return Some(run.trim().to_string());
                    }
                }
            }
        }
    }
    // `<title>` without a known site name: "Headline | Short Site"
    let doc = inp.doc_title.as_deref().map(key);
    if let (true, [first, second]) = (from_doc || doc.as_deref() == Some(tk.as_str()), &ps[..]) {
        let a = part(&t, *first).trim();
        let b = part(&t, *second).trim();
        if words(b) <= 3 && words(a) >= 3 {
            return Some(a.to_string());
        }
        if words(a) <= 2 && words(b) >= 4 {
            return Some(b.to_string());
        }
    }
    Some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(meta: &[&str], doc: Option<&str>, h1s: &[&str], site: Option<&str>) -> Inputs {
        Inputs {
            meta: meta.iter().map(|s| s.to_string()).collect(),
            doc_title: doc.map(str::to_string),
            h1s: h1s.iter().map(|s| s.to_string()).collect(),
            site: site.map(str::to_string),
        }
    }

    #[test]
    fn strips_site_suffixes() {
        for sep in [" - ", " | ", " :: ", " — "] {
            let t = format!("Rain due on Thursday{sep}The Daily");
            assert_eq!(strip_site(&t, Some("The Daily")), "Rain due on Thursday");
        }
        assert_eq!(
            strip_site("The Daily | Rain due", Some("The Daily")),
            "Rain due"
        );
        assert_eq!(
            strip_site("Rain due - Daily", Some("The Daily News")),
            "Rain due"
        );
        assert_eq!(
            strip_site("Rain due - Weather - news.example", Some("news.example")),
            "Rain due - Weather"
        );
        assert_eq!(strip_site("Rain - due", Some("Other")), "Rain - due");
        assert_eq!(strip_site("", Some("x")), "");
    }

    #[test]
    fn prefers_h1_matching_part_of_title() {
        let i = inputs(
            &[],
            Some("Rain due - Weather - The Daily"),
            &["Rain due"],
            None,
        );
        assert_eq!(choose(&i).as_deref(), Some("Rain due"));
        let i = inputs(
            &["Rain due on Thursday"],
            Some("x"),
            &["Other"],
            Some("The Daily"),
        );
        assert_eq!(choose(&i).as_deref(), Some("Rain due on Thursday"));
        let i = inputs(&[], None, &["Only heading"], None);
        assert_eq!(choose(&i).as_deref(), Some("Only heading"));
        let i = inputs(&[], Some("A long headline about rain | Daily"), &[], None);
        assert_eq!(choose(&i).as_deref(), Some("A long headline about rain"));
        assert_eq!(choose(&Inputs::default()), None);
    }
}
