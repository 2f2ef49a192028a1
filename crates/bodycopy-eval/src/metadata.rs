//! The metadata eval: exact-match rates of title, author, date, site name and language
//! against a dataset's truth, and page-type accuracy with a confusion table.
//!
//! A field is scored on the pages whose truth has a non-empty value for it; a page where the
//! extractor gives nothing counts as a miss. Both sides go through the same normalisation
//! (`scripts/peers/metadata.py` implements the very same rules for the peers):
//!
//! - **title**, **site name**: white space runs (Unicode `White_Space`) collapse to one space,
//!   ends trimmed, then lower-cased (Unicode default lower case).
//! - **date** (day precision): the first 10 characters of the trimmed value (`YYYY-MM-DD`,
//!   fewer when the truth is shorter, e.g. `YYYY-MM`); a hit when the prediction's first
//!   characters equal the truth's.
//! - **author**: a set of names. The value (each predicted name, or the truth string) is
//!   lower-cased, cut at `,` `;` `&` `|` `/` line breaks and the words `and`, `und`, `et`,
//!   `y`; in each part a leading `by`, `par`, `von`, `por` or `door` word is dropped, every
//!   character outside the Unicode general categories L (letter), M (mark), N (number) and
//!   white space is dropped, white space collapses; empty parts are dropped. A hit when the
//!   predicted set equals the truth set.
//! - **language**: the primary subtag (before `-` or `_`), lower-cased.
//! - **page type**: the predicted type's snake_case name equals the truth's `page_type`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use bodycopy::{Config, Extractor, PageInfo};
use serde::{Deserialize, Serialize};
use unicode_general_category::{get_general_category, GeneralCategory};

use crate::dataset::Dataset;
use crate::run::par_map;

/// The scored fields, in table order.
pub const FIELDS: [&str; 5] = ["title", "author", "date", "sitename", "language"];

/// The metadata fields of a truth file.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct TruthMeta {
    /// Headline.
    pub title: Option<String>,
    /// Author string (one or several names).
    pub author: Option<String>,
    /// Publication date (ISO 8601, any precision).
    pub date: Option<String>,
    /// Site name.
    pub sitename: Option<String>,
    /// Language tag.
    pub language: Option<String>,
    /// Page type (wcxb-dev).
    pub page_type: Option<String>,
}

/// What the extractor gave for one page.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Predicted {
    /// Title.
    pub title: Option<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// Publication date.
    pub date: Option<String>,
    /// Modification date.
    pub date_modified: Option<String>,
    /// Site name.
    pub sitename: Option<String>,
    /// Language.
    pub language: Option<String>,
    /// Page type.
    pub page_type: Option<String>,
    /// The named signals behind the page type (the input of
    /// `scripts/train-page-type.py`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub page_type_features: Vec<(String, f32)>,
}

/// One page of a metadata run.
#[derive(Clone, Debug, Serialize)]
pub struct MetaPage {
    /// Page id.
    pub id: String,
    /// Page URL from the truth.
    pub url: Option<String>,
    /// The truth's metadata.
    pub truth: TruthMeta,
    /// The extractor's metadata.
    pub predicted: Predicted,
    /// Per field: `Some(hit)` when the truth has the field, else `None`.
    pub hits: BTreeMap<String, Option<bool>>,
    /// The extraction error, when any.
    pub error: Option<String>,
}

/// The rate of one field.
#[derive(Clone, Debug, Serialize)]
pub struct FieldRate {
    /// Field name (see [`FIELDS`]).
    pub field: String,
    /// Pages whose truth has the field.
    pub n: usize,
    /// Exact matches among them.
    pub hits: usize,
    /// `hits / n` (None when `n` is 0).
    pub rate: Option<f64>,
}

/// Page-type accuracy and confusion.
#[derive(Clone, Debug, Serialize)]
pub struct PageTypeScore {
    /// Pages with a truth page type.
    pub n: usize,
    /// Share predicted right.
    pub accuracy: f64,
    /// Truth type -> predicted type (`none` when nothing predicted) -> pages.
    pub confusion: BTreeMap<String, BTreeMap<String, usize>>,
}

/// The metadata figures of one dataset.
#[derive(Clone, Debug, Serialize)]
pub struct MetaReport {
    /// Dataset name.
    pub dataset: String,
    /// Pages.
    pub pages: usize,
    /// Per-field exact-match rates, in [`FIELDS`] order.
    pub fields: Vec<FieldRate>,
    /// Page-type figures, when the truth has page types.
    pub page_type: Option<PageTypeScore>,
    /// Pages whose extraction failed.
    pub errors: usize,
}

/// Collapse white space and lower-case (titles, site names).
pub fn norm_text(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The day part of a date (`YYYY-MM-DD`, or shorter when the value is).
pub fn norm_date(s: &str) -> String {
    s.trim().chars().take(10).collect()
}

/// The primary language subtag, lower-cased.
pub fn norm_language(s: &str) -> String {
    s.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// Words that join two names.
const NAME_JOINERS: [&str; 4] = ["and", "und", "et", "y"];
/// Words dropped at the head of a name.
const NAME_HEADS: [&str; 5] = ["by", "par", "von", "por", "door"];

/// The normalised names of an author string (see the module docs).
pub fn author_set(s: &str) -> BTreeSet<String> {
    let lower = s.to_lowercase();
    let mut parts: Vec<Vec<String>> = vec![Vec::new()];
    for chunk in lower.split([',', ';', '&', '|', '/', '\n', '\r']) {
        for word in chunk.split_whitespace() {
            if NAME_JOINERS.contains(&word) {
                parts.push(Vec::new());
            } else if let Some(last) = parts.last_mut() {
                last.push(word.to_string());
            }
        }
        parts.push(Vec::new());
    }
    parts
        .into_iter()
        .filter_map(|mut words| {
            if words
                .first()
                .is_some_and(|w| NAME_HEADS.contains(&w.as_str()))
            {
                words.remove(0);
            }
            let kept: String = words
                .join(" ")
                .chars()
                .filter(|&c| c.is_whitespace() || is_name_char(c))
                .collect();
            let name = kept.split_whitespace().collect::<Vec<_>>().join(" ");
            (!name.is_empty()).then_some(name)
        })
        .collect()
}

fn is_name_char(c: char) -> bool {
    use GeneralCategory as G;
    matches!(
        get_general_category(c),
        G::UppercaseLetter
            | G::LowercaseLetter
            | G::TitlecaseLetter
            | G::ModifierLetter
            | G::OtherLetter
            | G::NonspacingMark
            | G::SpacingMark
            | G::EnclosingMark
            | G::DecimalNumber
            | G::LetterNumber
            | G::OtherNumber
    )
}

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Score one field: `None` when the truth lacks it.
fn hit(field: &str, truth: &TruthMeta, p: &Predicted) -> Option<bool> {
    let text_eq =
        |t: &str, v: &Option<String>| v.as_deref().is_some_and(|v| norm_text(v) == norm_text(t));
    Some(match field {
        "title" => text_eq(nonempty(&truth.title)?, &p.title),
        "sitename" => text_eq(nonempty(&truth.sitename)?, &p.sitename),
        "date" => {
            let t = norm_date(nonempty(&truth.date)?);
            p.date
                .as_deref()
                .is_some_and(|d| norm_date(d).starts_with(&t))
        }
        "author" => {
            let t = author_set(nonempty(&truth.author)?);
            let got: BTreeSet<String> = p.authors.iter().flat_map(|a| author_set(a)).collect();
            !t.is_empty() && got == t
        }
        "language" => {
            let t = norm_language(nonempty(&truth.language)?);
            p.language.as_deref().is_some_and(|l| norm_language(l) == t)
        }
        _ => return None,
    })
}

/// Read the metadata truth of every page of `ds` (from `truth/<id>.json`).
fn load_truths(ds: &Dataset) -> io::Result<BTreeMap<String, TruthMeta>> {
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(ds.path.join("truth"))? {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let bytes = fs::read(&path)?;
        #[derive(Deserialize)]
        struct WithId {
            id: Option<String>,
            #[serde(flatten)]
            meta: TruthMeta,
        }
        let t: WithId = serde_json::from_slice(&bytes).map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("parsing {}: {e}", path.display()),
            )
        })?;
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.insert(t.id.unwrap_or(stem), t.meta);
    }
    Ok(out)
}

fn predict(ex: &Extractor, html: &[u8], url: Option<&str>) -> Result<Predicted, String> {
    let info = PageInfo {
        url,
        content_type: None,
    };
    let doc = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| ex.extract(html, &info)))
        .map_err(|_| "panic".to_string())?
        .map_err(|e| format!("{}: {e}", e.kind().as_str()))?;
    let m = doc.metadata;
    Ok(Predicted {
        title: m.title,
        authors: m.authors,
        date: m.date,
        date_modified: m.date_modified,
        sitename: m.sitename,
        language: m.language,
        page_type: m.page_type.map(|t| t.as_str().to_string()),
        page_type_features: m
            .page_type_features
            .iter()
            .map(|(n, v)| (n.to_string(), *v))
            .collect(),
    })
}

/// Extract every page of `ds` with `config` on `threads` threads and score its metadata.
pub fn run_metadata(ds: &Dataset, config: &Config, threads: usize) -> io::Result<Vec<MetaPage>> {
    let truths = load_truths(ds)?;
    let ex = Extractor::new(config.clone());
    let results = par_map(ds.pages.len(), threads, |i| {
        let page = &ds.pages[i];
        predict(&ex, &page.html, page.url.as_deref())
    });
    Ok(ds
        .pages
        .iter()
        .zip(results)
        .map(|(page, r)| {
            let truth = truths.get(&page.id).cloned().unwrap_or_default();
            let (predicted, error) = match r {
                Ok(p) => (p, None),
                Err(e) => (Predicted::default(), Some(e)),
            };
            let hits = FIELDS
                .iter()
                .map(|f| (f.to_string(), hit(f, &truth, &predicted)))
                .collect();
            MetaPage {
                id: page.id.clone(),
                url: page.url.clone(),
                truth,
                predicted,
                hits,
                error,
            }
        })
        .collect())
}

impl MetaReport {
    /// Sum up the pages of one dataset.
    pub fn from_pages(dataset: &str, pages: &[MetaPage]) -> MetaReport {
        let fields = FIELDS
            .iter()
            .map(|f| {
                let scored: Vec<bool> = pages.iter().filter_map(|p| p.hits[*f]).collect();
                let hits = scored.iter().filter(|&&h| h).count();
                FieldRate {
                    field: f.to_string(),
                    n: scored.len(),
                    hits,
                    rate: (!scored.is_empty()).then(|| hits as f64 / scored.len() as f64),
                }
            })
            .collect();
        let mut confusion: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        let mut n = 0;
        let mut right = 0;
        for p in pages {
            let Some(t) = nonempty(&p.truth.page_type) else {
                continue;
            };
            let got = p.predicted.page_type.as_deref().unwrap_or("none");
            n += 1;
            right += usize::from(got == t);
            *confusion
                .entry(t.to_string())
                .or_default()
                .entry(got.to_string())
                .or_default() += 1;
        }
        MetaReport {
            dataset: dataset.to_string(),
            pages: pages.len(),
            fields,
            page_type: (n > 0).then(|| PageTypeScore {
                n,
                accuracy: right as f64 / n as f64,
                confusion,
            }),
            errors: pages.iter().filter(|p| p.error.is_some()).count(),
        }
    }

    /// A readable table: one line per field, then the page-type confusion table.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}  pages {}  errors {}",
            self.dataset, self.pages, self.errors
        );
        let _ = writeln!(
            out,
            "  {:<10} {:>5} {:>5}  {:>6}",
            "field", "n", "hits", "rate"
        );
        for f in &self.fields {
            let rate = f.rate.map_or("-".to_string(), |r| format!("{r:.3}"));
            let _ = writeln!(
                out,
                "  {:<10} {:>5} {:>5}  {:>6}",
                f.field, f.n, f.hits, rate
            );
        }
        if let Some(pt) = &self.page_type {
            let mut cols: BTreeSet<&str> = BTreeSet::new();
            for row in pt.confusion.values() {
                cols.extend(row.keys().map(String::as_str));
            }
            let _ = write!(out, "  {:<14}", "truth \\ pred");
            for c in &cols {
                let _ = write!(out, " {:>6}", abbrev(c));
            }
            let _ = writeln!(out, " {:>6}", "acc");
            for (t, row) in &pt.confusion {
                let _ = write!(out, "  {t:<14}");
                let total: usize = row.values().sum();
                for c in &cols {
                    let _ = write!(out, " {:>6}", row.get(*c).copied().unwrap_or(0));
                }
                let own = row.get(t).copied().unwrap_or(0);
                let _ = writeln!(out, " {:>6.3}", own as f64 / total.max(1) as f64);
            }
            let _ = writeln!(out, "  page type accuracy {:.3} (n {})", pt.accuracy, pt.n);
        }
        out
    }
}

/// A column heading of at most six characters.
fn abbrev(s: &str) -> &str {
    match s {
        "documentation" => "docs",
        "collection" => "collec",
        other => &other[..other.len().min(6)],
    }
}

/// Write `DIR/<dataset>.metadata.jsonl`, one [`MetaPage`] per line. Returns the path.
pub fn write_pages(dataset: &str, pages: &[MetaPage], dir: &Path) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let path = dir.join(format!("{dataset}.metadata.jsonl"));
    let mut w = BufWriter::new(fs::File::create(&path)?);
    for p in pages {
        serde_json::to_writer(&mut w, p)?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &[&str]) -> BTreeSet<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn author_sets() {
        assert_eq!(
            author_set("By Jane Doe and John O'Hara"),
            set(&["jane doe", "john ohara"])
        );
        assert_eq!(
            author_set("Rui Ma, Heba Ledwon & Suparn Patra"),
            set(&["rui ma", "heba ledwon", "suparn patra"])
        );
        assert_eq!(
            author_set("Par Sébastien Farcis"),
            set(&["sébastien farcis"])
        );
        assert_eq!(author_set("  \n "), set(&[]));
    }

    #[test]
    fn text_and_dates() {
        assert_eq!(norm_text("  The  Title\u{a0}Here "), "the title here");
        assert_eq!(norm_date("2018-04-05T06:00"), "2018-04-05");
        assert_eq!(norm_language("en-US"), "en");
        let truth = TruthMeta {
            date: Some("2025-01".into()),
            title: Some("A  Headline".into()),
            ..TruthMeta::default()
        };
        let p = Predicted {
            date: Some("2025-01-29".into()),
            title: Some("a headline".into()),
            ..Predicted::default()
        };
        assert_eq!(hit("date", &truth, &p), Some(true));
        assert_eq!(hit("title", &truth, &p), Some(true));
        assert_eq!(hit("author", &truth, &p), None);
    }

    #[test]
    fn report_counts_misses_and_confusion() {
        let page = |t: &str, got: Option<&str>, title_hit: bool| MetaPage {
            id: "x".into(),
            url: None,
            truth: TruthMeta {
                page_type: Some(t.into()),
                ..TruthMeta::default()
            },
            predicted: Predicted {
                page_type: got.map(str::to_string),
                ..Predicted::default()
            },
            hits: FIELDS
                .iter()
                .map(|f| (f.to_string(), (*f == "title").then_some(title_hit)))
                .collect(),
            error: None,
        };
        let r = MetaReport::from_pages(
            "d",
            &[
                page("article", Some("article"), true),
                page("forum", None, false),
            ],
        );
        assert_eq!(r.fields[0].n, 2);
        assert_eq!(r.fields[0].rate, Some(0.5));
        assert_eq!(r.fields[1].rate, None);
        let pt = r.page_type.unwrap();
        assert_eq!(pt.accuracy, 0.5);
        assert_eq!(pt.confusion["forum"]["none"], 1);
    }
}
