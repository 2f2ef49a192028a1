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

/// The model laid out for reading: the splits of every tree in one array, the leaf
/// values in another, in the order the file lists them, so that a prediction walks
/// memory forwards and a step down a tree is one comparison.
struct Compiled {
    model: Model,
    /// All splits (inner nodes) of all trees.
    splits: Vec<Split>,
    /// All leaf values of all trees.
    leaves: Vec<f64>,
    /// Each tree's root, as a node reference (see [`LEAF`]).
    roots: Vec<u32>,
}

/// A node reference with this bit set is the index of a leaf in [`Compiled::leaves`];
/// without it, the index of a split in [`Compiled::splits`].
const LEAF: u32 = 1 << 31;

/// An inner node: a sample goes to `next[0]` when its feature is at most the threshold,
/// else to `next[1]` (node references, see [`LEAF`]).
#[derive(Clone, Copy)]
struct Split {
    threshold: f64,
    feature: u32,
    next: [u32; 2],
}

/// The bundled model, checked once: a model whose shape does not match the features in
/// this build is refused, and the rules decide alone.
fn model() -> Option<&'static Compiled> {
    static MODEL: OnceLock<Option<Compiled>> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            let m: Model =
                serde_json::from_str(include_str!("../rules/page_type_model.json")).ok()?;
            valid(&m).then(|| compile(m))?
        })
        .as_ref()
}

/// Does the model fit these features, and is every tree one (each inner node's
/// children come after it in its tree, as the training script writes them, so that a
/// walk down a tree ends)?
fn valid(m: &Model) -> bool {
    let n = m.features.len();
    !m.classes.is_empty()
        && m.baseline.len() == m.classes.len()
        && m.trees.len() % m.classes.len() == 0
        && m.classes.iter().all(|c| PageType::parse(c).is_some())
        && m.trees.iter().all(|t| {
            !t.is_empty()
                && t.len() < u32::MAX as usize
                && t.iter().enumerate().all(|(i, Node(f, _, l, r, _, leaf))| {
                    *leaf == 1 || (*f < n && i < *l && i < *r && *l < t.len() && *r < t.len())
                })
        })
}

/// The model's trees as [`Split`]s and leaves; `None` if there are too many nodes for
/// a node reference.
fn compile(model: Model) -> Option<Compiled> {
    let (mut splits, mut leaves) = (Vec::new(), Vec::new());
    let mut roots = Vec::with_capacity(model.trees.len());
    let mut refs = Vec::new();
    for tree in &model.trees {
        // each node's reference first, then the splits that point to them
        refs.clear();
        let (mut inner, mut leaf) = (splits.len(), leaves.len());
        for Node(.., value, is_leaf) in tree {
            let at = if *is_leaf == 1 {
                leaves.push(*value);
                leaf += 1;
                u32::try_from(leaf - 1).ok().filter(|i| i & LEAF == 0)? | LEAF
            } else {
                inner += 1;
                u32::try_from(inner - 1).ok().filter(|i| i & LEAF == 0)?
            };
            refs.push(at);
        }
        roots.push(*refs.first()?);
        for Node(feature, threshold, left, right, _, is_leaf) in tree {
            if *is_leaf != 1 {
                splits.push(Split {
                    threshold: *threshold,
                    feature: u32::try_from(*feature).ok()?,
                    next: [*refs.get(*left)?, *refs.get(*right)?],
                });
            }
        }
    }
    Some(Compiled {
        model,
        splits,
        leaves,
        roots,
    })
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
    // an iteration's trees, one per class in order
    for trees in c.roots.chunks_exact(m.classes.len()) {
        for (score, &root) in scores.iter_mut().zip(trees) {
            *score += c.leaf_value(root, &x)?;
        }
    }
    let best = scores
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, _)| i)?;
    m.classes.get(best).and_then(|c| PageType::parse(c))
}

impl Compiled {
    /// Walk one tree from its root to a leaf (children lie after their parent, checked
    /// when the model was read: the walk ends).
    fn leaf_value(&self, root: u32, x: &[f64]) -> Option<f64> {
        let mut at = root;
        while at & LEAF == 0 {
            let n = self.splits.get(at as usize)?;
            at = if *x.get(n.feature as usize)? <= n.threshold {
                n.next[0]
            } else {
                n.next[1]
            };
        }
        self.leaves.get((at & !LEAF) as usize).copied()
    }
}
