//! From bytes to a tree: decoding ([`decode`]), parsing ([`parse`]) and the arena tree ([`tree`]).

pub mod decode;
pub mod html;
pub mod parse;
pub mod tag;
pub mod tree;

pub use tag::Tag;
pub use tree::{Attr, AttrRange, Dom, NodeId, NodeKind, NodeMap};
