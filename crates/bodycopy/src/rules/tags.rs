//! Tag sets used by the stages.

use crate::dom::Tag;

/// Elements whose content is never article text: code, styling, embedded
/// documents, form controls and document metadata. (`<noscript>` is not among
/// them: pages such as forum software serve their whole content there for
/// readers without JavaScript, which is what this parser is.)
pub fn never_content(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Head
            | Tag::Script
            | Tag::Style
            | Tag::Template
            | Tag::Svg
            | Tag::Math
            | Tag::Iframe
            | Tag::Object
            | Tag::Embed
            | Tag::Canvas
            | Tag::Select
            | Tag::Option
            | Tag::Optgroup
            | Tag::Datalist
            | Tag::Button
            | Tag::Input
            | Tag::Textarea
            | Tag::Link
            | Tag::Meta
            | Tag::Base
            | Tag::Audio
            | Tag::Video
            | Tag::Source
            | Tag::Track
            | Tag::Map
            | Tag::Area
            | Tag::Dialog
            | Tag::Frameset
            | Tag::Frame
            | Tag::Noframes
            | Tag::Param
            | Tag::Rp
    )
}

/// Sectioning elements that hold page chrome when they are not the content itself.
pub fn chrome_section(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Nav | Tag::Aside | Tag::Footer | Tag::Header | Tag::Menu | Tag::Form | Tag::Label
    )
}

/// Elements that start a new block of text (everything else flows inline).
pub fn is_block(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Address
            | Tag::Article
            | Tag::Aside
            | Tag::Blockquote
            | Tag::Body
            | Tag::Caption
            | Tag::Center
            | Tag::Dd
            | Tag::Details
            | Tag::Dialog
            | Tag::Div
            | Tag::Dl
            | Tag::Dt
            | Tag::Fieldset
            | Tag::Figcaption
            | Tag::Figure
            | Tag::Footer
            | Tag::Form
            | Tag::H1
            | Tag::H2
            | Tag::H3
            | Tag::H4
            | Tag::H5
            | Tag::H6
            | Tag::Header
            | Tag::Hgroup
            | Tag::Hr
            | Tag::Html
            | Tag::Legend
            | Tag::Li
            | Tag::Main
            | Tag::Menu
            | Tag::Nav
            | Tag::Ol
            | Tag::P
            | Tag::Pre
            | Tag::Search
            | Tag::Section
            | Tag::Summary
            | Tag::Table
            | Tag::Tbody
            | Tag::Td
            | Tag::Tfoot
            | Tag::Th
            | Tag::Thead
            | Tag::Tr
            | Tag::Ul
            | Tag::Frameset
    )
}

/// Heading level of `h1`–`h6`.
pub fn heading_level(tag: Tag) -> Option<u8> {
    match tag {
        Tag::H1 => Some(1),
        Tag::H2 => Some(2),
        Tag::H3 => Some(3),
        Tag::H4 => Some(4),
        Tag::H5 => Some(5),
        Tag::H6 => Some(6),
        _ => None,
    }
}
