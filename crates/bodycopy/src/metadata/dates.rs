//! Date parsing without regular expressions: ISO 8601, numeric day/month/year
//! forms, and month names in a few European languages. Output is `YYYY-MM-DD`.

use std::time::{SystemTime, UNIX_EPOCH};

/// Earliest publication year accepted (the web before it is rare and dates
/// that old are usually birth dates or historical references).
const MIN_YEAR: u32 = 1995;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A run of ASCII digits: value and digit count.
    Num(u32, usize),
    /// A run of letters, lower-cased.
    Word(String),
}

/// A token and the separator characters just before it (spaces dropped).
#[derive(Debug)]
struct Item {
    tok: Tok,
    sep: String,
}

fn tokenize(s: &str) -> Vec<Item> {
    let mut out = Vec::new();
    let mut sep = String::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        if out.len() > 64 {
            break;
        }
        if c.is_ascii_digit() {
            let mut v: u64 = 0;
            let mut n = 0usize;
            while let Some(&d) = chars.peek() {
                if let Some(x) = d.to_digit(10).filter(|_| d.is_ascii_digit()) {
                    v = v.saturating_mul(10).saturating_add(u64::from(x));
                    n += 1;
                    chars.next();
                } else {
                    break;
                }
            }
            let v = u32::try_from(v.min(u64::from(u32::MAX))).unwrap_or(u32::MAX);
            out.push(Item {
                tok: Tok::Num(v, n),
                sep: std::mem::take(&mut sep),
            });
        } else if c.is_alphabetic() && !matches!(c, '年' | '月' | '日' | '년' | '월' | '일') {
            let mut w = String::new();
            while let Some(&d) = chars.peek() {
                if d.is_alphabetic() && !matches!(d, '年' | '月' | '日' | '년' | '월' | '일')
                {
                    w.extend(d.to_lowercase());
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(Item {
                tok: Tok::Word(w),
                sep: std::mem::take(&mut sep),
            });
        } else {
            if !c.is_whitespace() && sep.len() < 8 {
                sep.push(c);
            }
            chars.next();
        }
    }
    out
}

/// The month named by a word (full or abbreviated name), 1-12.
pub(crate) fn month_from_name(w: &str) -> Option<u32> {
    const NAMES: &[(&str, u32)] = &[
        // English
        ("january", 1),
        ("february", 2),
        ("march", 3),
        ("april", 4),
        ("may", 5),
        ("june", 6),
        ("july", 7),
        ("august", 8),
        ("september", 9),
        ("sept", 9),
        ("october", 10),
        ("november", 11),
        ("december", 12),
        // German
        ("januar", 1),
        ("jänner", 1),
        ("februar", 2),
        ("märz", 3),
        ("maerz", 3),
        ("mai", 5),
        ("juni", 6),
        ("juli", 7),
        ("oktober", 10),
        ("dezember", 12),
        // French
        ("janvier", 1),
        ("février", 2),
        ("fevrier", 2),
        ("mars", 3),
        ("avril", 4),
        ("juin", 6),
        ("juillet", 7),
        ("août", 8),
        ("aout", 8),
        ("septembre", 9),
        ("octobre", 10),
        ("novembre", 11),
        ("décembre", 12),
        ("decembre", 12),
        // Spanish / Portuguese / Italian
        ("enero", 1),
        ("febrero", 2),
        ("marzo", 3),
        ("abril", 4),
        ("mayo", 5),
        ("junio", 6),
        ("julio", 7),
        ("agosto", 8),
        ("septiembre", 9),
        ("setiembre", 9),
        ("octubre", 10),
        ("noviembre", 11),
        ("diciembre", 12),
        ("janeiro", 1),
        ("fevereiro", 2),
        ("março", 3),
        ("maio", 5),
        ("junho", 6),
        ("julho", 7),
        ("setembro", 9),
        ("outubro", 10),
        ("novembro", 11),
        ("dezembro", 12),
        ("gennaio", 1),
        ("febbraio", 2),
        ("aprile", 4),
        ("maggio", 5),
        ("giugno", 6),
        ("luglio", 7),
        ("settembre", 9),
        ("ottobre", 10),
        ("dicembre", 12),
        // Dutch
        ("januari", 1),
        ("februari", 2),
        ("maart", 3),
        ("mei", 5),
        ("augustus", 8),
        // Russian (genitive, as in dates, then nominative)
        ("января", 1),
        ("февраля", 2),
        ("марта", 3),
        ("апреля", 4),
        ("мая", 5),
        ("июня", 6),
        ("июля", 7),
        ("августа", 8),
        ("сентября", 9),
        ("октября", 10),
        ("ноября", 11),
        ("декабря", 12),
        ("январь", 1),
        ("февраль", 2),
        ("март", 3),
        ("апрель", 4),
        ("май", 5),
        ("июнь", 6),
        ("июль", 7),
        ("август", 8),
        ("сентябрь", 9),
        ("октябрь", 10),
        ("ноябрь", 11),
        ("декабрь", 12),
    ];
    if let Some(&(_, m)) = NAMES.iter().find(|(n, _)| *n == w) {
        return Some(m);
    }
    // English three-letter abbreviations ("Jul", "Sep")
    const ABBR: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    ABBR.iter()
        .position(|a| *a == w)
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// The current year (UTC), from the system clock.
pub(crate) fn current_year() -> u32 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    // average Gregorian year: 365.2425 days
    let y = 1970 + secs / 31_556_952;
    u32::try_from(y).unwrap_or(2100).max(2024)
}

/// The calendar day (UTC) of `now`, `YYYY-MM-DD`; dates after it are rejected as not yet
/// published (the crawl cannot predate the page). `None` reads the system clock.
pub fn today(now: Option<SystemTime>) -> String {
    let secs = now
        .unwrap_or_else(SystemTime::now)
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (y, m, d) = civil_from_days(i64::try_from(secs / 86_400).unwrap_or(0));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Gregorian (year, month, day) of a count of days since 1970-01-01 (era arithmetic:
/// 400-year eras of 146,097 days, years starting in March so leap days fall last).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// A plausible publication date?
pub(crate) fn valid(y: u32, m: u32, d: u32) -> bool {
    (MIN_YEAR..=current_year() + 1).contains(&y)
        && (1..=12).contains(&m)
        && d >= 1
        && d <= days_in_month(y, m)
}

fn fmt(y: u32, m: u32, d: u32) -> Option<String> {
    valid(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn is_date_sep(s: &str) -> bool {
    matches!(s, "-" | "/" | "." | "")
}

/// Parse a date in any common form; `None` when there is none or it is implausible.
pub fn parse(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let toks = tokenize(if s.len() > 300 { truncate(s, 300) } else { s });
    let n = toks.len();
    let num = |i: usize| match toks.get(i).map(|t| &t.tok) {
        Some(Tok::Num(v, len)) => Some((*v, *len)),
        _ => None,
    };
    let sep = |i: usize| toks.get(i).map_or("", |t| t.sep.as_str());
    let month_word = |i: usize| match toks.get(i).map(|t| &t.tok) {
        Some(Tok::Word(w)) => month_from_name(w.trim_end_matches('.')),
        _ => None,
    };
    let is_filler = |i: usize| {
        matches!(toks.get(i).map(|t| &t.tok),
            Some(Tok::Word(w)) if matches!(w.as_str(), "st" | "nd" | "rd" | "th" | "of" | "de" | "del" | "er" | "e"))
    };
    for i in 0..n {
        // YYYYMMDD as one token (alone or followed by a time)
        if let Some((v, 8)) = num(i) {
            if let Some(d) = fmt(v / 10000, (v / 100) % 100, v % 100) {
                return Some(d);
            }
        }
        // YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, 2022年7月21日
        if let (Some((y, 4)), Some((m, ml)), Some((d, dl))) = (num(i), num(i + 1), num(i + 2)) {
            let (s1, s2) = (sep(i + 1), sep(i + 2));
            let cjk = s1.contains('年') || s1.contains('년');
            if ml <= 2 && dl <= 2 && (cjk || (is_date_sep(s1) && s1 == s2 && !s1.is_empty())) {
                if let Some(r) = fmt(y, m, d) {
                    return Some(r);
                }
            }
        }
        // DD/MM/YYYY or MM/DD/YYYY
        if let (Some((a, al)), Some((b, bl)), Some((y, 4))) = (num(i), num(i + 1), num(i + 2)) {
            let (s1, s2) = (sep(i + 1), sep(i + 2));
            if al <= 2 && bl <= 2 && is_date_sep(s1) && s1 == s2 && !s1.is_empty() {
                let dmy = fmt(y, b, a);
                let mdy = fmt(y, a, b);
                let r = if s1 == "/" { mdy.or(dmy) } else { dmy.or(mdy) };
                if r.is_some() {
                    return r;
                }
            }
        }
        // Month D(th), YYYY
        if let Some(m) = month_word(i) {
            let mut j = i + 1;
            if let Some((d, dl)) = num(j).filter(|&(_, l)| l <= 2) {
                j += 1;
                while is_filler(j) {
                    j += 1;
                }
                if let Some((y, 4)) = num(j) {
                    if let Some(r) = fmt(y, m, d) {
                        return Some(r);
                    }
                }
                let _ = dl;
            }
        }
        // D(th) [of|de] Month [de] YYYY
        if let Some((d, dl)) = num(i) {
            if dl <= 2 {
                let mut j = i + 1;
                while is_filler(j) {
                    j += 1;
                }
                if let Some(m) = month_word(j) {
                    j += 1;
                    while is_filler(j) {
                        j += 1;
                    }
                    if let Some((y, 4)) = num(j) {
                        if let Some(r) = fmt(y, m, d) {
                            return Some(r);
                        }
                    }
                }
            }
        }
        // YYYY Month D
        if let (Some((y, 4)), Some(m), Some((d, dl))) = (num(i), month_word(i + 1), num(i + 2)) {
            if dl <= 2 {
                if let Some(r) = fmt(y, m, d) {
                    return Some(r);
                }
            }
        }
    }
    None
}

fn truncate(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A date written in a URL path: `/2022/07/21/`, `/2022-07-21-slug`, `/20220721/`.
pub fn from_url(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let path = match path.find("://") {
        Some(p) => path[p + 3..].split_once('/').map_or("", |(_, rest)| rest),
        None => path,
    };
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let digits = |s: &str, lo: usize, hi: usize| {
        (lo..=hi).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    for (i, seg) in segs.iter().enumerate() {
        if digits(seg, 4, 4) {
            if let (Some(m), Some(d)) = (segs.get(i + 1), segs.get(i + 2)) {
                if digits(m, 1, 2) && digits(d, 1, 2) {
                    let (y, m, d) = (seg.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
                    if let Some(r) = fmt(y, m, d) {
                        return Some(r);
                    }
                }
            }
        }
        // 2022-07-21 at the start of a segment, or a whole 8-digit segment
        let b = seg.as_bytes();
        let ascii_digits =
            |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
        if ascii_digits(0..4)
            && b.get(4) == Some(&b'-')
            && ascii_digits(5..7)
            && b.get(7) == Some(&b'-')
            && ascii_digits(8..10)
            && !b.get(10).is_some_and(u8::is_ascii_digit)
        {
            if let Some(r) = seg.get(..10).and_then(parse) {
                return Some(r);
            }
        }
        if digits(seg, 8, 8) {
            if let Some(r) = parse(seg) {
                return Some(r);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_forms() {
        assert_eq!(
            parse("2022-07-21T09:14:05+05:30").as_deref(),
            Some("2022-07-21")
        );
        assert_eq!(parse("2022-07-21").as_deref(), Some("2022-07-21"));
        assert_eq!(parse("2022/7/1").as_deref(), Some("2022-07-01"));
        assert_eq!(parse("20220721").as_deref(), Some("2022-07-21"));
        assert_eq!(parse("2018-04-05T06:00").as_deref(), Some("2018-04-05"));
        assert_eq!(parse("2021年11月1日").as_deref(), Some("2021-11-01"));
    }

    #[test]
    fn written_forms() {
        assert_eq!(parse("July 21, 2022").as_deref(), Some("2022-07-21"));
        assert_eq!(
            parse("Published: Jul. 21st, 2022 at 9am").as_deref(),
            Some("2022-07-21")
        );
        assert_eq!(parse("21 July 2022").as_deref(), Some("2022-07-21"));
        assert_eq!(parse("21st of July, 2022").as_deref(), Some("2022-07-21"));
        assert_eq!(parse("1. März 2021").as_deref(), Some("2021-03-01"));
        assert_eq!(parse("21 de julio de 2022").as_deref(), Some("2022-07-21"));
        assert_eq!(
            parse("Thu, 21 Jul 2022 09:14:05 GMT").as_deref(),
            Some("2022-07-21")
        );
        assert_eq!(parse("21.07.2022").as_deref(), Some("2022-07-21"));
        assert_eq!(parse("07/21/2022").as_deref(), Some("2022-07-21"));
        assert_eq!(parse("21/07/2022").as_deref(), Some("2022-07-21"));
    }

    #[test]
    fn rejects_implausible() {
        assert_eq!(parse("1887-05-01"), None);
        assert_eq!(parse("2999-01-01"), None);
        assert_eq!(parse("2022-13-01"), None);
        assert_eq!(parse("2022-02-30"), None);
        assert_eq!(parse("3 hours ago"), None);
        assert_eq!(parse(""), None);
        assert_eq!(parse("99999999999999999999999"), None);
        assert_eq!(parse("May the force be with you"), None);
    }

    #[test]
    fn today_from_a_fixed_clock() {
        let t = UNIX_EPOCH + std::time::Duration::from_secs(1_709_251_200); // 2024-03-01
        assert_eq!(today(Some(t)), "2024-03-01");
        assert_eq!(today(Some(UNIX_EPOCH)), "1970-01-01");
        let leap = UNIX_EPOCH + std::time::Duration::from_secs(951_782_400); // 2000-02-29
        assert_eq!(today(Some(leap)), "2000-02-29");
    }

    #[test]
    fn russian_months() {
        assert_eq!(parse("5 марта 2021 г."), Some("2021-03-05".into()));
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            from_url("https://x.example/2025/09/04/top-trends/").as_deref(),
            Some("2025-09-04")
        );
        assert_eq!(
            from_url("https://x.example/news/2021-03-05-slug").as_deref(),
            Some("2021-03-05")
        );
        assert_eq!(from_url("https://x.example/2021/03/"), None);
        assert_eq!(from_url("https://2021.example/a"), None);
    }
}
