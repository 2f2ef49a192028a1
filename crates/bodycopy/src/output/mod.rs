//! Renderers over [`crate::Document`]: plain text, Markdown, JSON.

pub mod json;
pub mod markdown;
pub mod text;
