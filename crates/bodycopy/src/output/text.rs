//! Plain text: one block per line group, blocks separated by blank lines,
//! consecutive list items and table rows on their own lines.

use crate::document::{Block, BlockKind};

/// Render blocks as plain text.
pub fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut prev_item = false;
    for b in blocks {
        let is_item = matches!(b.kind, BlockKind::ListItem { .. });
        let body = block_text(b);
        if body.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(if is_item && prev_item { "\n" } else { "\n\n" });
        }
        out.push_str(&body);
        prev_item = is_item;
    }
    out
}

fn block_text(b: &Block) -> String {
    match b.kind {
        BlockKind::Table => b
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| c.text.as_str())
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
        BlockKind::Code { .. } => b.text.trim_end().to_string(),
        BlockKind::ListItem {
            depth,
            continued: true,
            ..
        } => format!("{}  {}", "  ".repeat(depth as usize), b.text.trim()),
        BlockKind::ListItem {
            ordered: true,
            number,
            depth,
            ..
        } => format!("{}{number}. {}", "  ".repeat(depth as usize), b.text.trim()),
        BlockKind::ListItem { depth, .. } => {
            format!("{}- {}", "  ".repeat(depth as usize), b.text.trim())
        }
        _ => b.text.trim().to_string(),
    }
}
