//! Cross-document evidence: a line that appears on many pages of one site is the
//! site's template (menus, footers, sidebars, standard notices), not a story.
//!
//! Build a [`TemplateIndex`] over a batch of texts (first pass), then clean each
//! text with its site's [`SiteLines`] (second pass):
//!
//! ```
//! use bodycopy::textclean::{clean_text_in_site, site_of, TemplateIndex};
//!
//! let pages = [
//!     ("https://www.example.com/a", "Sections and services of The Example Daily newspaper\nThe first story is about the harbour, which was rebuilt in the spring after the storms of the winter.\n"),
//!     ("https://example.com/b", "Sections and services of The Example Daily newspaper\nThe second story is about the market, where the stalls are open again on every day of the week.\n"),
//! ];
//! let mut index = TemplateIndex::new();
//! for (url, text) in &pages {
//!     index.add(&site_of(url).unwrap(), text);
//! }
//! let site = index.site("example.com");
//! let cleaned = clean_text_in_site(pages[0].1, site);
//! assert!(!cleaned.text.contains("Sections and services"));
//! ```

use std::collections::HashSet;

use super::features::{measure, FxMap, Scratch};

/// A line is template when it appears in at least this many texts of its site…
pub const TEMPLATE_MIN_DOCS: u32 = 2;

/// …and in at least this share of them.
pub const TEMPLATE_MIN_SHARE: f32 = 0.3;

/// Line counts of one site: in how many of its texts each normalised line appears.
#[derive(Clone, Debug, Default)]
pub struct SiteLines {
    docs: u32,
    counts: FxMap<u64, u32>,
}

impl SiteLines {
    /// Count the lines of one more text of this site (each distinct line once).
    pub fn add(&mut self, text: &str) {
        let mut scratch = Scratch::default();
        let mut here: HashSet<u64, std::hash::BuildHasherDefault<super::features::FxHasher>> =
            HashSet::default();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            here.insert(measure(line, &mut scratch).hash);
        }
        for h in here {
            *self.counts.entry(h).or_insert(0) += 1;
        }
        self.docs += 1;
    }

    /// Texts counted.
    pub fn docs(&self) -> u32 {
        self.docs
    }

    /// In how many texts the line with this normalised hash appears.
    pub fn count(&self, hash: u64) -> u32 {
        self.counts.get(&hash).copied().unwrap_or(0)
    }

    /// Is the line with this hash part of the site's template?
    /// (At least [`TEMPLATE_MIN_DOCS`] texts and [`TEMPLATE_MIN_SHARE`] of them.)
    pub fn is_template(&self, hash: u64) -> bool {
        let n = self.count(hash);
        n >= TEMPLATE_MIN_DOCS && n as f32 >= TEMPLATE_MIN_SHARE * self.docs as f32
    }
}

/// Line counts of many sites, keyed by site name (see [`site_of`]).
#[derive(Clone, Debug, Default)]
pub struct TemplateIndex {
    sites: FxMap<String, SiteLines>,
}

impl TemplateIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Count the lines of one text of `site`.
    pub fn add(&mut self, site: &str, text: &str) {
        self.sites.entry(site.to_string()).or_default().add(text);
    }

    /// The counts of one site, if any text of it was added.
    pub fn site(&self, site: &str) -> Option<&SiteLines> {
        self.sites.get(site)
    }

    /// Number of sites.
    pub fn len(&self) -> usize {
        self.sites.len()
    }

    /// True when no text was added.
    pub fn is_empty(&self) -> bool {
        self.sites.is_empty()
    }
}

/// The site of a URL: its host, lower-cased, without a leading `www.`
/// (`None` when the URL has no host).
pub fn site_of(url: &str) -> Option<String> {
    let u = url::Url::parse(url.trim()).ok()?;
    let host = u.host_str()?.to_ascii_lowercase();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_each_line_once_per_text() {
        let mut s = SiteLines::default();
        s.add("Menu line\nMenu line\nStory one\n");
        s.add("Menu line\nStory two\n");
        let mut sc = Scratch::default();
        assert_eq!(s.docs(), 2);
        assert_eq!(s.count(measure("menu line", &mut sc).hash), 2);
        assert!(s.is_template(measure("Menu line", &mut sc).hash));
        assert!(!s.is_template(measure("Story one", &mut sc).hash));
    }

    #[test]
    fn sites() {
        assert_eq!(
            site_of("https://WWW.Example.com/a?b").as_deref(),
            Some("example.com")
        );
        assert_eq!(site_of("not a url"), None);
    }
}
