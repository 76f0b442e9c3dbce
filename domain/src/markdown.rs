//! The safe Markdown subset of tree texts: paragraphs, bullet and numbered lists,
//! fenced code blocks, and inline bold, italic, code and links.
//!
//! Texts are parsed into [`Block`]s that front ends render as elements; nothing is ever
//! handed to the browser as HTML, so a tree text cannot inject markup. Links keep only
//! `https:`, `http:` and `mailto:` targets; anything else stays plain text, and
//! validation reports it.

use serde::{Deserialize, Serialize};

/// A block of a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    Paragraph(Vec<Inline>),
    /// Items of a bullet (`ordered == false`) or numbered list.
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
    /// A fenced code block: shown as is, with a copy button in the portal.
    Code(String),
}

/// A piece of running text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Inline {
    Text(String),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    Code(String),
    Link { href: String, label: Vec<Inline> },
}

/// Whether a link target is one Lotse opens.
pub fn is_safe_href(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p) && lower.len() > p.len())
}

/// Link targets in `text` that [`is_safe_href`] refuses.
pub fn unsafe_links(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("](") {
        let after = &rest[i + 2..];
        if let Some(end) = after.find(')') {
            let href = &after[..end];
            if !is_safe_href(href) {
                found.push(href.to_owned());
            }
        }
        rest = after;
    }
    found
}

/// Parses a text into blocks.
pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut list: Option<(bool, Vec<Vec<Inline>>)> = None;
    let mut lines = text.lines();

    fn flush(
        blocks: &mut Vec<Block>,
        paragraph: &mut Vec<&str>,
        list: &mut Option<(bool, Vec<Vec<Inline>>)>,
    ) {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(inline(&paragraph.join(" "))));
            paragraph.clear();
        }
        if let Some((ordered, items)) = list.take() {
            blocks.push(Block::List { ordered, items });
        }
    }

    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            flush(&mut blocks, &mut paragraph, &mut list);
            let code: Vec<&str> = lines
                .by_ref()
                .take_while(|l| !l.trim().starts_with("```"))
                .collect();
            blocks.push(Block::Code(code.join("\n")));
        } else if trimmed.is_empty() {
            flush(&mut blocks, &mut paragraph, &mut list);
        } else if let Some((ordered, item)) = list_item(trimmed) {
            if !paragraph.is_empty() || list.as_ref().is_some_and(|(o, _)| *o != ordered) {
                flush(&mut blocks, &mut paragraph, &mut list);
            }
            list.get_or_insert_with(|| (ordered, Vec::new()))
                .1
                .push(inline(item));
        } else if let Some((_, items)) = list.as_mut().filter(|_| line.starts_with("  ")) {
            // An indented line continues the last item.
            if let Some(last) = items.last_mut() {
                last.push(Inline::Text(" ".into()));
                last.extend(inline(trimmed));
            }
        } else {
            if list.is_some() {
                flush(&mut blocks, &mut paragraph, &mut list);
            }
            paragraph.push(trimmed);
        }
    }
    flush(&mut blocks, &mut paragraph, &mut list);
    blocks
}

/// `- item`, `* item` or `1. item`.
fn list_item(line: &str) -> Option<(bool, &str)> {
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return Some((false, rest.trim()));
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits)
        && let Some(rest) = line[digits..].strip_prefix(". ")
    {
        return Some((true, rest.trim()));
    }
    None
}

/// Parses running text: `**bold**`, `*italic*` or `_italic_`, `` `code` ``, `[label](href)`.
/// Unclosed markers stay literal text.
pub fn inline(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        let rest = &text[i..];
        let parsed = if rest.starts_with('`') {
            closed(rest, "`", "`").map(|(inner, used)| (Inline::Code(inner.to_owned()), used))
        } else if rest.starts_with("**") {
            closed(rest, "**", "**").map(|(inner, used)| (Inline::Strong(inline(inner)), used))
        } else if rest.starts_with('*') || rest.starts_with('_') {
            let marker = &rest[..1];
            closed(rest, marker, marker)
                .filter(|(inner, _)| !inner.starts_with(' '))
                .map(|(inner, used)| (Inline::Emphasis(inline(inner)), used))
        } else if rest.starts_with('[') {
            link(rest)
        } else {
            None
        };
        match parsed {
            Some((node, used)) => {
                if !plain.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut plain)));
                }
                out.push(node);
                i += used;
            }
            None => {
                let ch = rest.chars().next().unwrap_or_default();
                plain.push(ch);
                i += ch.len_utf8().max(1);
                debug_assert!(i <= bytes.len());
            }
        }
    }
    if !plain.is_empty() {
        out.push(Inline::Text(plain));
    }
    out
}

/// For `rest` starting with `open`, the text up to the next `close` and the bytes used.
fn closed<'a>(rest: &'a str, open: &str, close: &str) -> Option<(&'a str, usize)> {
    let body = &rest[open.len()..];
    let end = body.find(close)?;
    (end > 0).then(|| (&body[..end], open.len() + end + close.len()))
}

/// `[label](href)`; an unsafe target leaves the label as plain text.
fn link(rest: &str) -> Option<(Inline, usize)> {
    let close = rest.find("](")?;
    let label = &rest[1..close];
    let after = &rest[close + 2..];
    let end = after.find(')')?;
    let href = after[..end].trim();
    let used = close + 2 + end + 1;
    if is_safe_href(href) {
        Some((
            Inline::Link {
                href: href.to_owned(),
                label: inline(label),
            },
            used,
        ))
    } else {
        Some((Inline::Text(label.to_owned()), used))
    }
}

/// The text without markup, for search and for screen-reader summaries.
pub fn plain_text(text: &str) -> String {
    fn push(out: &mut String, inlines: &[Inline]) {
        for i in inlines {
            match i {
                Inline::Text(t) | Inline::Code(t) => out.push_str(t),
                Inline::Strong(c) | Inline::Emphasis(c) => push(out, c),
                Inline::Link { label, .. } => push(out, label),
            }
        }
    }
    let mut out = String::new();
    for block in parse(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        match block {
            Block::Paragraph(p) => push(&mut out, &p),
            Block::List { items, .. } => {
                for item in items {
                    push(&mut out, &item);
                    out.push(' ');
                }
            }
            Block::Code(c) => out.push_str(&c),
        }
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Inline::*;

    fn text(s: &str) -> Inline {
        Text(s.to_owned())
    }

    #[test]
    fn inline_markup() {
        assert_eq!(
            inline("Press **Win** and *R*, type `cmd`."),
            vec![
                text("Press "),
                Strong(vec![text("Win")]),
                text(" and "),
                Emphasis(vec![text("R")]),
                text(", type "),
                Code("cmd".into()),
                text(".")
            ]
        );
    }

    #[test]
    fn html_stays_text() {
        assert_eq!(
            inline("<script>alert(1)</script>"),
            vec![text("<script>alert(1)</script>")]
        );
    }

    #[test]
    fn links_keep_only_safe_targets() {
        assert_eq!(
            inline("[Portal](https://example.org)"),
            vec![Link {
                href: "https://example.org".into(),
                label: vec![text("Portal")]
            }]
        );
        assert_eq!(
            inline("[x](javascript:alert(1))"),
            vec![text("x"), text(")")]
        );
        assert_eq!(
            unsafe_links("a [x](javascript:alert) b [y](https://ok.de)"),
            vec!["javascript:alert"]
        );
    }

    #[test]
    fn unclosed_markers_are_literal() {
        assert_eq!(inline("2 * 3 = 6"), vec![text("2 * 3 = 6")]);
        assert_eq!(inline("**open"), vec![text("**open")]);
        assert_eq!(inline("ümlaut `x"), vec![text("ümlaut `x")]);
    }

    #[test]
    fn blocks_lists_and_code() {
        let blocks = parse(
            "Try this:\n\n1. Restart\n2. Log in\n\n- a\n- b\n  more\n\n```\nipconfig /all\n```\nDone",
        );
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph(vec![text("Try this:")]),
                Block::List {
                    ordered: true,
                    items: vec![vec![text("Restart")], vec![text("Log in")]]
                },
                Block::List {
                    ordered: false,
                    items: vec![vec![text("a")], vec![text("b"), text(" "), text("more")]]
                },
                Block::Code("ipconfig /all".into()),
                Block::Paragraph(vec![text("Done")]),
            ]
        );
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            plain_text("**Drucker** neu *starten*"),
            "Drucker neu starten"
        );
    }
}
