//! The extraction stages, in pipeline order: [`stats`] measures the tree,
//! [`prune`] marks chrome, [`select`] picks the main content, [`collect`] turns
//! it into blocks, [`clean`] tidies them; [`comments`] gathers reader comments on request.

pub mod clean;
pub mod collect;
pub mod comments;
pub mod prune;
pub mod select;
pub mod signal;
pub mod stats;
