//! bodycopy's own HTML parser: a tokenizer scanning with `memchr` and a tree
//! builder writing straight into the arena [`Dom`], built to give the same
//! tree as html5ever (scripting disabled) at several times its speed.
//!
//! - [`tokenizer`]: the WHATWG tokenizer states real pages use;
//! - `entities`: character references (named table from `web_atoms`);
//! - `tree_builder`: insertion modes, adoption agency, foster parenting,
//!   templates, foreign content;
//! - `foreign`, `quirks`: the spec's name tables and DOCTYPE rules.

mod entities;
mod foreign;
mod quirks;
pub(crate) mod tokenizer;
mod tree_builder;

use std::borrow::Cow;
use std::time::Instant;

use super::tree::Dom;
use crate::error::{Error, ErrorKind};
use crate::limits::Limits;
use tokenizer::{State, Tokenizer};
use tree_builder::{BuildLimits, TreeBuilder};

/// Input stream preprocessing: CR LF and lone CR become LF.
pub(crate) fn normalize_newlines(html: &str) -> Cow<'_, str> {
    if memchr::memchr(b'\r', html.as_bytes()).is_none() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = memchr::memchr(b'\r', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if rest.starts_with('\n') {
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Parse decoded HTML into a [`Dom`], enforcing the node, depth, attribute and
/// time limits with the same errors as the html5ever adapter.
pub fn parse_html(html: &str, limits: &Limits, started: Instant) -> Result<Dom, Error> {
    // one leading byte order mark is not content
    let input = normalize_newlines(html.strip_prefix('\u{feff}').unwrap_or(html));
    let attr_cap = limits
        .max_attributes
        .saturating_mul(Limits::PARSE_ATTRIBUTES_FACTOR);
    let mut builder = TreeBuilder::new(
        BuildLimits {
            max_depth: limits.parse_depth_cap(),
            max_nodes: limits.max_nodes,
            max_attrs: limits.max_attributes,
            started,
            budget: limits.time_budget,
        },
        input.len() / 40,
    );
    let mut tokenizer = Tokenizer::new(&input, State::Data, attr_cap);
    tokenizer.run(&mut builder);
    if tokenizer.too_many_attributes {
        return Err(Error::new(ErrorKind::TooManyAttributes));
    }
    if let Some(kind) = builder.exceeded {
        return Err(Error::new(kind));
    }
    if started.elapsed() > limits.time_budget {
        return Err(Error::new(ErrorKind::TimeBudgetExceeded));
    }
    Ok(builder.dom)
}

#[cfg(test)]
mod tests;
