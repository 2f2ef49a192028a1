//! Author names from bylines and metadata: strip "By", roles, e-mails, URLs,
//! dates and handles; split lists of names; reject boilerplate.

/// Words that name a role, not a person ("Staff Writer", "Correspondent").
const ROLE_WORDS: &[&str] = &[
    "staff",
    "writer",
    "writers",
    "correspondent",
    "reporter",
    "editor",
    "editors",
    "senior",
    "contributing",
    "contributor",
    "columnist",
    "chief",
    "managing",
    "associate",
    "assistant",
    "deputy",
    "political",
    "science",
    "technology",
    "business",
    "sports",
    "health",
    "news",
    "special",
    "foreign",
    "national",
    "freelance",
    "journalist",
    "photographer",
    "producer",
    "analyst",
    "in",
    "at",
    "large",
    "reviewed",
    "fact",
    "checked",
    "updated",
];

/// Role words that, alone, mark a part as a role ("Staff Writer" yes, "News" alone no).
const ROLE_HEADS: &[&str] = &[
    "writer",
    "writers",
    "correspondent",
    "reporter",
    "editor",
    "editors",
    "contributor",
    "columnist",
    "journalist",
    "photographer",
    "producer",
    "analyst",
];

/// Phrases that mark a byline fragment as page chrome.
const BOILERPLATE: &[&str] = &[
    "email",
    "e-mail",
    " ago",
    "follow",
    "share",
    "comment",
    "view all",
    "posts by",
    "read more",
    "more from",
    "subscribe",
    "sign in",
    "log in",
    "login",
    "about the author",
    "contact",
    "published",
    "updated",
    "minute read",
    "min read",
    "print",
    "twitter",
    "facebook",
    "linkedin",
    "instagram",
    "profile",
    "articles",
    "click",
    "http",
    "www.",
    "copyright",
    "all rights",
    "reserved",
    "last modified",
    "the author",
    " i am ",
    "i've",
    "i'm ",
];

/// Names that say nothing about a person; kept only when nothing better exists.
const WEAK: &[&str] = &[
    "admin",
    "administrator",
    "author",
    "staff",
    "guest",
    "user",
    "editor",
    "editorial",
    "webmaster",
    "unknown",
    "anonymous",
    "root",
];

/// Is this name a placeholder such as "admin"?
pub fn is_weak(name: &str) -> bool {
    let l = name.to_lowercase();
    WEAK.contains(&l.as_str())
}

/// Leading phrases to drop ("By", "Written by:", "Author:").
const PREFIXES: &[&str] = &[
    "written by",
    "posted by",
    "published by",
    "reviewed by",
    "story by",
    "words by",
    "article by",
    "authored by",
    "authors",
    "author",
    "by",
    "von",
    "par",
    "por",
    "door",
    "di",
    "text",
    "words",
    "from",
];

fn strip_prefix_ci<'a>(s: &'a str, p: &str) -> Option<&'a str> {
    let head = s.get(..p.len())?;
    if !head.eq_ignore_ascii_case(p) {
        return None;
    }
    let rest = &s[p.len()..];
    // the prefix must end at a word boundary
    match rest.chars().next() {
        None => Some(rest),
        // "BySummer Swann": markup without a space after "By"
        Some(c) if c.is_uppercase() && head.ends_with(|h: char| h.is_lowercase()) => Some(rest),
        Some(c) if c.is_alphanumeric() => None,
        Some(_) => Some(
            rest.trim_start_matches([':', ' ', '-', '\u{a0}', '|'])
                .trim_start(),
        ),
    }
}

fn strip_prefixes(mut s: &str) -> &str {
    loop {
        let before = s;
        for p in PREFIXES {
            if let Some(rest) = strip_prefix_ci(s, p) {
                s = rest;
                break;
            }
        }
        if s == before {
            return s;
        }
    }
}

/// Remove e-mail addresses, URLs, @handles and parenthesized asides.
fn drop_noise(s: &str) -> String {
    // parenthesized or bracketed text: "(Reuters)", "(http://...)"
    let mut out = String::with_capacity(s.len());
    let mut depth = 0u32;
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace()
        .filter(|w| {
            let l = w.to_lowercase();
            !(l.contains('@')
                || l.starts_with("http")
                || l.starts_with("www.")
                || l.contains(".com"))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text after the word "by" when a byline says "Posted on May 1 by Jane".
fn after_by(s: &str) -> &str {
    let lower = s.to_lowercase();
    if lower.len() != s.len() {
        return s;
    }
    let mut best = None;
    let mut from = 0;
    while let Some(p) = lower[from..].find("by") {
        let at = from + p;
        let before_ok = at
            .checked_sub(1)
            .and_then(|i| lower.as_bytes().get(i))
            .is_none_or(|b| !b.is_ascii_alphanumeric());
        let after_ok = lower
            .as_bytes()
            .get(at + 2)
            .is_none_or(|b| !b.is_ascii_alphanumeric());
        if before_ok && after_ok {
            best = Some(at);
            break;
        }
        from = at + 2;
    }
    match best {
        Some(at) if at > 0 => &s[at..],
        _ => s,
    }
}

fn is_credential(w: &str) -> bool {
    let t: String = w.chars().filter(|c| c.is_alphanumeric()).collect();
    if t.is_empty() {
        return true;
    }
    let l = t.to_lowercase();
    matches!(
        l.as_str(),
        "phd"
            | "md"
            | "ms"
            | "msc"
            | "ma"
            | "mba"
            | "rd"
            | "rdn"
            | "cpt"
            | "jr"
            | "sr"
            | "dr"
            | "mph"
            | "rn"
            | "cfa"
            | "cpa"
            | "esq"
            | "ii"
            | "iii"
            | "fand"
            | "ldn"
            | "cscs"
            | "ryt"
            | "eryt"
            | "bsc"
            | "ba"
    ) || (t.len() <= 5
        && t.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && t.len() >= 2)
}

/// Drop trailing role words ("Jane Doe Staff Writer" -> "Jane Doe").
fn drop_roles(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let lw: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    // a part made only of role words is a role
    if lw.iter().all(|w| ROLE_WORDS.contains(&w.as_str()))
        && lw.iter().any(|w| ROLE_HEADS.contains(&w.as_str()))
    {
        return String::new();
    }
    let mut end = words.len();
    let has_head = lw.iter().any(|w| ROLE_HEADS.contains(&w.as_str()));
    if has_head {
        while end > 1
            && lw
                .get(end - 1)
                .is_some_and(|w| ROLE_WORDS.contains(&w.as_str()))
        {
            end -= 1;
        }
    }
    words.get(..end).unwrap_or_default().join(" ")
}

fn plausible(name: &str) -> bool {
    let words = name.split_whitespace().count();
    if name.chars().count() > 60 || words == 0 || words > 6 {
        return false;
    }
    if name.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    if !name.chars().any(char::is_alphabetic) {
        return false;
    }
    let l = format!(" {} ", name.to_lowercase());
    if BOILERPLATE.iter().any(|b| l.contains(b)) {
        return false;
    }
    // a byline is not a sentence
    (!name.ends_with('?') && !name.contains(". ")) || words <= 4
}

fn split_names(s: &str) -> Vec<String> {
    let mut s = format!(" {s} ");
    for sep in [
        " and ", " And ", " AND ", " & ", " und ", " et ", " y ", " e ", " og ", " en ",
    ] {
        s = s.replace(sep, ",");
    }
    s.split([',', ';', '/', '·', '•'])
        .map(|p| p.trim_matches(|c: char| c.is_whitespace() || ",.:;-|".contains(c)))
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// Particles that stay lower case inside names.
const PARTICLES: &[&str] = &[
    "van", "der", "den", "de", "la", "le", "von", "da", "di", "del", "du", "bin", "al", "el", "y",
    "dos", "das", "ten", "ter",
];

/// Does a name from visible text look like a name (capitalised words)?
fn looks_like_name(n: &str) -> bool {
    let words: Vec<&str> = n.split_whitespace().collect();
    if words.len() > 5 {
        return false;
    }
    words.iter().all(|w| {
        PARTICLES.contains(&w.to_lowercase().as_str())
            || w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
    })
}

/// Clean a byline from visible text: like [`clean`], but every name must look
/// like a name (capitalised words, at most five).
pub fn clean_visible(raw: &str) -> Vec<String> {
    let names = clean(raw);
    if names.iter().all(|n| looks_like_name(n)) {
        names
    } else {
        Vec::new()
    }
}

/// Clean one author string into names; empty when it holds none.
pub fn clean(raw: &str) -> Vec<String> {
    let text: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() || text.chars().count() > 300 {
        return Vec::new();
    }
    // cut the byline at separators and keep the part that names people
    let mut parts: Vec<&str> = Vec::new();
    for p in text.split(['|', '\n', '•', '—', '–']) {
        for q in p.split(" - ") {
            let q = q.trim();
            if !q.is_empty() {
                parts.push(q);
            }
        }
    }
    let mut chosen: Vec<String> = Vec::new();
    for part in parts {
        let part = after_by(part);
        let part = strip_prefixes(part.trim());
        let part = drop_noise(part);
        let mut names = Vec::new();
        for (i, piece) in split_names(&part).into_iter().enumerate() {
            if i > 0 && piece.split_whitespace().all(is_credential) {
                continue;
            }
            let n = drop_roles(&piece);
            let n =
                n.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'' && c != ')');
            let n = strip_prefixes(n);
            if plausible(n) {
                names.push(n.to_string());
            }
        }
        if !names.is_empty() {
            chosen = names;
            break;
        }
    }
    dedupe(chosen)
}

/// Case-insensitive dedupe keeping the first spelling; weak names go when real ones exist.
pub fn dedupe(names: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&n)) {
            out.push(n);
        }
    }
    if out.iter().any(|n| !is_weak(n)) {
        out.retain(|n| !is_weak(n));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_by_and_roles() {
        assert_eq!(clean("By Jane Doe"), vec!["Jane Doe"]);
        assert_eq!(clean("by: Jane Doe, Staff Writer"), vec!["Jane Doe"]);
        assert_eq!(
            clean("Written by Jane Doe Senior Correspondent"),
            vec!["Jane Doe"]
        );
        assert_eq!(clean("By News Desk -"), vec!["News Desk"]);
        assert_eq!(clean("Author: John Smith"), vec!["John Smith"]);
        assert_eq!(clean("BySummer Swann"), vec!["Summer Swann"]);
        assert_eq!(clean("Byron Smith"), vec!["Byron Smith"]);
    }

    #[test]
    fn drops_noise() {
        assert_eq!(clean("Jane Doe jane@example.com"), vec!["Jane Doe"]);
        assert_eq!(
            clean("Bradley M. Kuhn (http://ebb.org/bkuhn/)"),
            vec!["Bradley M. Kuhn"]
        );
        assert_eq!(clean("By Jane Doe | July 21, 2022"), vec!["Jane Doe"]);
        assert_eq!(
            clean("Posted on July 21, 2022 by Jane Doe"),
            vec!["Jane Doe"]
        );
        assert_eq!(clean("Jane Doe @janedoe"), vec!["Jane Doe"]);
        assert_eq!(clean("Dylan Bailey, MS, RD, FAND"), vec!["Dylan Bailey"]);
    }

    #[test]
    fn splits_lists() {
        assert_eq!(clean("Jane Doe and John Roe"), vec!["Jane Doe", "John Roe"]);
        assert_eq!(
            clean("By Ann A, Bob B & Cy C"),
            vec!["Ann A", "Bob B", "Cy C"]
        );
        assert_eq!(clean("Jane Doe, Jane Doe"), vec!["Jane Doe"]);
    }

    #[test]
    fn rejects_boilerplate() {
        assert!(clean("Email the author").is_empty());
        assert!(clean("3 hours ago").is_empty());
        assert!(clean("").is_empty());
        assert!(clean("Staff Writer").is_empty());
        assert!(
            clean_visible("The Author, I've consulted with hundreds of new gardeners").is_empty()
        );
        assert_eq!(
            clean_visible("By Marna van der Merwe"),
            vec!["Marna van der Merwe"]
        );
        assert_eq!(
            dedupe(vec!["admin".into(), "Jane Doe".into()]),
            vec!["Jane Doe"]
        );
        assert_eq!(dedupe(vec!["admin".into()]), vec!["admin"]);
    }
}
