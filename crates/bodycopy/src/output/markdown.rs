//! Markdown (CommonMark + GFM tables) from blocks.

use crate::document::{Block, BlockKind, Span};

/// Render blocks as Markdown.
pub fn render(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut prev_item = false;
    for b in blocks {
        let is_item = matches!(b.kind, BlockKind::ListItem { .. });
        let md = block(b);
        if md.trim().is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(if is_item && prev_item { "\n" } else { "\n\n" });
        }
        out.push_str(&md);
        prev_item = is_item;
    }
    out
}

fn block(b: &Block) -> String {
    match &b.kind {
        BlockKind::Heading { level } => {
            format!("{} {}", "#".repeat(*level as usize), inline(b))
        }
        BlockKind::Paragraph | BlockKind::Caption => escape_block_start(&inline(b)),
        BlockKind::ListItem {
            ordered,
            depth,
            number,
        } => {
            let indent = if *ordered { "   " } else { "  " }.repeat(*depth as usize);
            let marker = if *ordered {
                format!("{number}.")
            } else {
                "-".to_string()
            };
            format!("{indent}{marker} {}", inline(b))
        }
        BlockKind::Quote => inline(b)
            .lines()
            .map(|l| format!("> {l}"))
            .collect::<Vec<_>>()
            .join("\n"),
        BlockKind::Code { lang } => {
            let fence = if b.text.contains("```") {
                "~~~~"
            } else {
                "```"
            };
            format!(
                "{fence}{}\n{}\n{fence}",
                lang.as_deref().unwrap_or(""),
                b.text.trim_end_matches('\n')
            )
        }
        BlockKind::Table => table(b),
        BlockKind::Image => format!(
            "![{}]({})",
            escape(&b.text),
            b.src.as_deref().unwrap_or_default()
        ),
    }
}

fn table(b: &Block) -> String {
    let width = b.rows.iter().map(|r| r.len()).max().unwrap_or(0);
    if width == 0 {
        return String::new();
    }
    let mut lines = Vec::new();
    let cell = |t: &str| escape(t).replace('|', "\\|").replace('\n', " ");
    for (i, row) in b.rows.iter().enumerate() {
        let mut cells: Vec<String> = row.iter().map(|c| cell(&c.text)).collect();
        cells.resize(width, String::new());
        lines.push(format!("| {} |", cells.join(" | ")));
        if i == 0 {
            lines.push(format!("|{}", " --- |".repeat(width)));
        }
    }
    lines.join("\n")
}

/// Inline Markdown of a block's spans (falls back to its text).
fn inline(b: &Block) -> String {
    if b.spans.is_empty() {
        return escape(&b.text);
    }
    let mut out = String::new();
    for s in &b.spans {
        out.push_str(&span(s));
        if s.line_break {
            out.push_str("\\\n");
        }
    }
    out.trim().to_string()
}

fn span(s: &Span) -> String {
    let trimmed = s.text.trim();
    if trimmed.is_empty() {
        return s.text.clone();
    }
    let lead = &s.text[..s.text.len() - s.text.trim_start().len()];
    let trail = &s.text[s.text.trim_end().len()..];
    let mut body = if s.code {
        let tick = if trimmed.contains('`') { "``" } else { "`" };
        format!("{tick}{trimmed}{tick}")
    } else {
        escape(trimmed)
    };
    if s.emphasis && !s.code {
        body = format!("*{body}*");
    }
    if s.strong && !s.code {
        body = format!("**{body}**");
    }
    if let Some(link) = &s.link {
        body = format!("[{body}]({})", link.replace(' ', "%20").replace(')', "%29"));
    }
    format!("{lead}{body}{trail}")
}

/// Escape characters that would start Markdown syntax inside running text.
fn escape(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        if matches!(c, '*' | '_' | '`' | '[' | ']' | '<' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escape a paragraph start that Markdown would read as a heading, list or quote.
fn escape_block_start(t: &str) -> String {
    let trimmed = t.trim_start();
    let first = trimmed.chars().next();
    match first {
        Some('#') | Some('>') | Some('-') | Some('+') | Some('=') => format!("\\{trimmed}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = trimmed.chars().take_while(|c| c.is_ascii_digit()).count();
            let rest = &trimmed[digits..];
            if rest.starts_with(". ") || rest.starts_with(") ") {
                format!("{}\\{}", &trimmed[..digits], rest)
            } else {
                trimmed.to_string()
            }
        }
        _ => trimmed.to_string(),
    }
}
