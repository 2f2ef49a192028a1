//! The learned page-type classifier: gradient-boosted decision trees over the named
//! signals of [`super::page_type::Signals::features`], the hand-written rules' own answer
//! among them.
//!
//! The trees are data (`rules/page_type_model.json`), trained by
//! `scripts/train-page-type.py` on the features that `bodycopy eval --metadata --out DIR`
//! writes; the script reports the cross-validated accuracy it expects on unseen pages.
//! Reading a tree is a handful of comparisons per level: the model costs microseconds.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::document::PageType;

/// The model as the training script writes it.
#[derive(Debug, Deserialize)]
struct Model {
    /// Feature names, in the order [`super::page_type::Signals::features`] yields them.
    features: Vec<String>,
    /// Class names, as [`PageType::as_str`] spells them.
    classes: Vec<String>,
    /// The starting raw score of each class.
    baseline: Vec<f64>,
    /// Trees, iteration by iteration, one per class in `classes` order within an iteration.
    trees: Vec<Vec<Node>>,
}

/// One tree node: `[feature, threshold, left, right, value, is_leaf]`; a sample goes left
/// when its feature is at most the threshold.
#[derive(Debug, Deserialize)]
struct Node(usize, f64, usize, usize, f64, u8);

/// The bundled model, checked once: a model whose shape does not match the features in
/// this build is refused, and the rules decide alone.
fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            let m: Model =
                serde_json::from_str(include_str!("../rules/page_type_model.json")).ok()?;
            valid(&m).then_some(m)
        })
        .as_ref()
}

fn valid(m: &Model) -> bool {
    let n = m.features.len();
    !m.classes.is_empty()
        && m.baseline.len() == m.classes.len()
        && m.trees.len() % m.classes.len() == 0
        && m.classes.iter().all(|c| PageType::parse(c).is_some())
        && m.trees.iter().all(|t| {
            !t.is_empty()
                && t.iter().all(|Node(f, _, l, r, _, leaf)| {
                    *leaf == 1 || (*f < n && *l < t.len() && *r < t.len())
                })
        })
}

/// The model's feature names (for checking them against the signals).
#[cfg(test)]
pub(crate) fn feature_names() -> Option<Vec<&'static str>> {
    model().map(|m| m.features.iter().map(String::as_str).collect())
}

/// The page type the model picks for these named features, or `None` when the model or
/// the features do not fit (then the caller keeps the rules' answer).
pub(crate) fn predict(features: &[(&'static str, f32)]) -> Option<PageType> {
    let m = model()?;
    if features.len() != m.features.len()
        || features
            .iter()
            .zip(&m.features)
            .any(|((name, _), want)| name != want)
    {
        return None;
    }
    let x: Vec<f64> = features.iter().map(|(_, v)| f64::from(*v)).collect();
    let mut scores = m.baseline.clone();
    let k = m.classes.len();
    for (i, tree) in m.trees.iter().enumerate() {
        if let Some(s) = scores.get_mut(i % k) {
            *s += leaf_value(tree, &x)?;
        }
    }
    let best = scores
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, _)| i)?;
    m.classes.get(best).and_then(|c| PageType::parse(c))
}

/// Walk one tree from its root to a leaf (a tree is at most as deep as it has nodes, so
/// the walk is bounded even for a malformed file).
fn leaf_value(tree: &[Node], x: &[f64]) -> Option<f64> {
    let mut at = 0;
    for _ in 0..tree.len() {
        let Node(feature, threshold, left, right, value, leaf) = tree.get(at)?;
        if *leaf == 1 {
            return Some(*value);
        }
        at = if *x.get(*feature)? <= *threshold {
            *left
        } else {
            *right
        };
    }
    None
}
