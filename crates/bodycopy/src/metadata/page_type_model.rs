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

/// The model laid out for reading: every tree's nodes in one array, in the order the
/// file lists them, so a prediction walks memory forwards.
struct Compiled {
    model: Model,
    /// All nodes of all trees.
    nodes: Vec<Flat>,
    /// Index in `nodes` of each tree's root.
    roots: Vec<u32>,
}

/// A node with its children as indices into [`Compiled::nodes`].
#[derive(Clone, Copy)]
struct Flat {
    threshold: f64,
    value: f64,
    feature: u32,
    left: u32,
    right: u32,
    leaf: bool,
}

/// The bundled model, checked once: a model whose shape does not match the features in
/// this build is refused, and the rules decide alone.
fn model() -> Option<&'static Compiled> {
    static MODEL: OnceLock<Option<Compiled>> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            let m: Model =
                serde_json::from_str(include_str!("../rules/page_type_model.json")).ok()?;
            valid(&m).then(|| compile(m))
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
                && t.len() < u32::MAX as usize
                && t.iter().all(|Node(f, _, l, r, _, leaf)| {
                    *leaf == 1 || (*f < n && *l < t.len() && *r < t.len())
                })
        })
}

fn compile(model: Model) -> Compiled {
    let mut nodes = Vec::new();
    let mut roots = Vec::with_capacity(model.trees.len());
    for tree in &model.trees {
        let base = nodes.len() as u32;
        roots.push(base);
        nodes.extend(tree.iter().map(|Node(f, t, l, r, v, leaf)| Flat {
            threshold: *t,
            value: *v,
            feature: *f as u32,
            left: base + *l as u32,
            right: base + *r as u32,
            leaf: *leaf == 1,
        }));
    }
    Compiled {
        model,
        nodes,
        roots,
    }
}

/// The model's feature names (for checking them against the signals).
#[cfg(test)]
pub(crate) fn feature_names() -> Option<Vec<&'static str>> {
    model().map(|c| c.model.features.iter().map(String::as_str).collect())
}

/// The page type the model picks for these named features, or `None` when the model or
/// the features do not fit (then the caller keeps the rules' answer).
pub(crate) fn predict(features: &[(&'static str, f32)]) -> Option<PageType> {
    let c = model()?;
    let m = &c.model;
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
    for (i, &root) in c.roots.iter().enumerate() {
        if let Some(s) = scores.get_mut(i % k) {
            *s += leaf_value(&c.nodes, root, &x)?;
        }
    }
    let best = scores
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, _)| i)?;
    m.classes.get(best).and_then(|c| PageType::parse(c))
}

/// Walk one tree from its root to a leaf (children were checked to lie inside the tree,
/// and the walk is bounded by the node count even for a malformed file).
fn leaf_value(nodes: &[Flat], root: u32, x: &[f64]) -> Option<f64> {
    let mut at = root as usize;
    for _ in 0..nodes.len() {
        let n = nodes.get(at)?;
        if n.leaf {
            return Some(n.value);
        }
        at = if *x.get(n.feature as usize)? <= n.threshold {
            n.left
        } else {
            n.right
        } as usize;
    }
    None
}
