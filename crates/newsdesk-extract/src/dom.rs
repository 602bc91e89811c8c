//! A flat, preorder copy of the parsed tree that every later pass walks
//! with plain loops (never recursion), so 100,000-deep nesting is as safe
//! as a flat page.

use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{Html, Node};

/// Upper bound on nodes we look at: beyond this a page is hostile or
/// pathological; the rest is ignored to bound work.
const MAX_NODES: usize = 2_000_000;

/// One node of the flat tree.
pub(crate) struct FlatNode<'a> {
    pub kind: Kind<'a>,
    /// Index of the parent, `usize::MAX` for the root.
    pub parent: usize,
    /// One past the index of this node's last descendant (preorder range).
    pub end: usize,
}

/// What a node is; comments, doctypes etc. are `Other`.
pub(crate) enum Kind<'a> {
    Element(&'a Element),
    Text(&'a str),
    Other,
}

impl<'a> FlatNode<'a> {
    /// The element's lower-case local name, or "" for non-elements.
    pub fn tag(&self) -> &'a str {
        match self.kind {
            Kind::Element(e) => e.name(),
            _ => "",
        }
    }
    /// The element's attribute value.
    pub fn attr(&self, name: &str) -> Option<&'a str> {
        match self.kind {
            Kind::Element(e) => e.attr(name),
            _ => None,
        }
    }
}

/// Flattens the document in preorder.
pub(crate) fn flatten(html: &Html) -> Vec<FlatNode<'_>> {
    let mut nodes: Vec<FlatNode> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(n) => {
                if nodes.len() >= MAX_NODES {
                    break;
                }
                let kind = match n.value() {
                    Node::Element(e) => Kind::Element(e),
                    Node::Text(t) => Kind::Text(&t.text),
                    _ => Kind::Other,
                };
                let idx = nodes.len();
                nodes.push(FlatNode {
                    kind,
                    parent: stack.last().copied().unwrap_or(usize::MAX),
                    end: idx + 1,
                });
                stack.push(idx);
            }
            Edge::Close(_) => {
                if let Some(idx) = stack.pop() {
                    nodes[idx].end = nodes.len();
                }
            }
        }
    }
    // Nodes still open (we stopped early) end at the array's end.
    let len = nodes.len();
    for idx in stack {
        nodes[idx].end = len;
    }
    nodes
}

/// Appends the text of the subtree at `idx` (raw, unnormalised) to `out`,
/// skipping script/style below it, up to `cap` bytes.
pub(crate) fn subtree_text(nodes: &[FlatNode], idx: usize, out: &mut String, cap: usize) {
    let mut i = idx;
    let end = nodes.get(idx).map_or(idx, |n| n.end);
    while i < end {
        match nodes[i].kind {
            Kind::Element(e)
                if i != idx && matches!(e.name(), "script" | "style" | "noscript" | "template") =>
            {
                i = nodes[i].end;
                continue;
            }
            Kind::Text(t) => {
                out.push_str(t);
                if out.len() > cap {
                    return;
                }
            }
            _ => {}
        }
        i += 1;
    }
}
