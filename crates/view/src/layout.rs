//! Layout: styled elements become taffy boxes (block, flex, grid, absolute), runs of inline
//! content become parley paragraphs measured inside taffy, and the result is every element's
//! border box and every paragraph's lines in page coordinates.

use crate::fonts::{Fonts, SHAPED_LIMIT};
use crate::paint::ImageSource;
use crate::styled::{Content, StyledTree};
use parley::{Alignment, AlignmentOptions, FontFamily, FontStyle, FontWeight, LayoutContext, StyleProperty};
use std::borrow::Cow;
use std::hash::{Hash, Hasher};
use taffy::prelude::*;
use taffy::{compute_leaf_layout, AvailableSpace as Space};
use wxemu_render::{Box2, Rgba};
use wxemu_wxss::style::{self as css, ComputedStyle, ContentSize, Dim};

mod floats;
use floats::{Beside, Intrusion, Place};

/// A paragraph of the page: the leaf that holds its lines, and where its box is.
pub struct Paragraph {
    node: NodeId,
    /// The element whose style the paragraph's box uses (its containing block).
    pub element: usize,
    pub area: Box2,
}

/// What was laid out, in page coordinates (CSS px, the page's top-left at 0,0), and the
/// boxes it was laid out with, which the next layout of the page starts from.
pub struct PageLayout {
    /// Border box of each styled element (None when not displayed).
    pub boxes: Vec<Option<Box2>>,
    pub paragraphs: Vec<Paragraph>,
    /// Paint order: elements and paragraphs in tree order.
    pub order: Vec<Piece>,
    /// Height of the page's content.
    pub height: f32,
    /// How far each element that clips its content could scroll it (x, y): the content's
    /// size, padding included, past the box inside its borders.
    pub scroll_ranges: std::collections::HashMap<usize, (f32, f32)>,
    /// An inline element's box on each line it is on, in order (its `boxes` entry is their
    /// union), for those on more than one line.
    pub fragments: std::collections::HashMap<usize, Vec<Box2>>,
    tree: Tree,
    /// The containing block sizes lengths mixing px and % were resolved with, if any.
    bases: Option<Vec<(f32, f32)>>,
    /// The floats the paragraphs' lines were broken beside.
    beside: Beside,
}

impl PageLayout {
    /// The lines of paragraph `p` as they are drawn (cut with an ellipsis if its style says so).
    pub fn lines(&self, p: usize) -> &parley::Layout<Rgba> {
        let leaf = self.tree.taffy.get_node_context(self.paragraphs[p].node).expect("a paragraph is a leaf");
        leaf.shown.as_ref().unwrap_or(&leaf.layout)
    }

    /// Where in paragraph `p`'s text (a byte offset) a caret put at (x, y) of its own box goes.
    pub fn text_offset_at(&self, p: usize, x: f32, y: f32) -> usize {
        parley::Cursor::from_point(self.lines(p), x, y).index()
    }

    /// A caret's line at byte `index` of paragraph `p`'s text, in the paragraph's own box (as
    /// wide as the cursor parley draws there).
    pub fn caret_line(&self, p: usize, index: usize) -> Box2 {
        let lines = self.lines(p);
        let r = parley::Cursor::from_byte_index(lines, index, parley::Affinity::Downstream).geometry(lines, 1.0);
        Box2 { x: r.x0 as f32, y: r.y0 as f32, w: (r.x1 - r.x0) as f32, h: (r.y1 - r.y0) as f32 }
    }

    /// Paragraph `p`'s text, as laid out (white space collapsed as its style says).
    pub fn text(&self, p: usize) -> &str {
        &self.tree.taffy.get_node_context(self.paragraphs[p].node).expect("a paragraph is a leaf").text
    }

    /// The paragraphs in block flow, each with its content box.
    fn places(&self) -> impl Iterator<Item = (Place, Box2)> + '_ {
        self.paragraphs.iter().filter_map(|p| Some((self.tree.taffy.get_node_context(p.node)?.place?, p.area)))
    }
}

/// One step of painting in tree order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Piece {
    /// An element's own box (background, border) — its children follow until `End`.
    Begin(usize),
    End(usize),
    /// An inline element inside the next paragraph (its box is the union of its lines).
    Inline(usize),
    Paragraph(usize),
}

/// A paragraph leaf of the taffy tree: its text, shaped, and what it was made from.
struct Leaf {
    layout: parley::Layout<Rgba>,
    /// The lines as drawn when `text-overflow: ellipsis` or `-webkit-line-clamp` cut them.
    shown: Option<parley::Layout<Rgba>>,
    /// Its size on one line (max-content), once known: any wider limit gives the same.
    unbroken: Option<Size<f32>>,
    /// The width its lines were last broken, cut and aligned at for drawing (None after
    /// measuring broke them otherwise).
    drawn_at: Option<f32>,
    /// `-webkit-line-clamp` of its block: at most this many lines take room.
    clamp: Option<usize>,
    /// Whether lines may wrap (not for `white-space: nowrap` and `pre`).
    wrap: bool,
    /// How far lines that may not wrap move right to be aligned in their box (parley aligns
    /// them only within their own width).
    indent: f32,
    /// The element whose style the paragraph's box uses.
    container: usize,
    /// What the shaping depended on (see [`shaping_key`]).
    key: u64,
    /// The text ranges of the inline elements inside it.
    inline: Vec<(std::ops::Range<usize>, usize)>,
    /// The inline-blocks on its lines, each at a byte index of its text.
    atomics: Vec<(usize, Atomic)>,
    /// Its text (white space processed).
    text: String,
    /// Which paragraph of the block flow it is (None: a flex or grid item).
    place: Option<Place>,
    /// The floats beside its lines.
    floats: Vec<Intrusion>,
}

/// An inline-block among a paragraph's text: its box, laid out on its own (the root of a
/// subtree apart from the page's), stands on the lines as a parley inline box.
#[derive(Clone, Copy)]
struct Atomic {
    root: NodeId,
    /// Its margin box.
    width: f32,
    height: f32,
    /// Its baseline from the margin box's top (None: the margin box's bottom).
    baseline: Option<f32>,
    /// Its left and top margins: where its border box starts in the margin box.
    margin: (f32, f32),
    vertical_align: parley::VerticalAlign,
}

/// Where the ids of inline-blocks' parley boxes start (below are the inline elements' rooms).
const ATOMIC_IDS: u64 = 1 << 32;

/// The height a parley box gives an inline-block of none, for its line to count.
const EMPTY_ATOMIC_HEIGHT: f32 = 1.0 / 1024.0;

/// What stands for an inline-block in a paragraph's text until its index is known.
const ATOMIC_MARK: char = '\u{FFFC}';

impl Leaf {
    /// The paragraph's size when broken at `max` px (None: never broken).
    fn measure(&mut self, max: Option<f32>) -> Size<f32> {
        let unbroken = match self.unbroken {
            Some(size) => size,
            None => {
                self.layout.break_all_lines(None);
                self.drawn_at = None;
                *self.unbroken.insert(Size { width: self.layout.width().ceil(), height: self.layout.height() })
            }
        };
        if !self.wrap || max.is_none_or(|m| self.floats.is_empty() && m >= unbroken.width) {
            return unbroken;
        }
        let moved = self.break_lines(max);
        self.drawn_at = None;
        let height = match self.clamp {
            Some(n) if self.layout.len() > n => (0..n).filter_map(|i| self.layout.get(i)).map(|line| line.metrics().line_height).sum(),
            _ => self.layout.height() + moved,
        };
        Size { width: self.layout.width().ceil(), height }
    }

    /// Breaks its lines at `max` px (None, or lines that may not wrap: never), each beside
    /// the floats it has. Returns how far lines went down to get past floats.
    fn break_lines(&mut self, max: Option<f32>) -> f32 {
        match max.filter(|_| self.wrap) {
            Some(width) if !self.floats.is_empty() => floats::break_lines(&mut self.layout, width, &self.floats),
            max => {
                self.layout.break_all_lines(max);
                0.0
            }
        }
    }
}

/// Per taffy node: what it stands for.
enum Slot {
    Element(usize),
    Paragraph,
    Anonymous,
}

/// The taffy tree of a page's boxes. It is kept from one layout of the page to the next:
/// subtrees in which nothing changed keep their nodes, and with them taffy's cached sizes
/// and their paragraphs' lines, so a setData lays out again only what it changed.
struct Tree {
    taffy: TaffyTree<Leaf>,
    /// What each node stands for, and the layout that last reached it (nodes no longer
    /// reached are removed).
    slots: std::collections::HashMap<NodeId, (Slot, u32)>,
    /// Each element's node in the last layout.
    nodes: Vec<Option<NodeId>>,
    /// Which layout this is.
    generation: u32,
    /// The viewport the boxes were laid out for.
    viewport: (f32, f32),
}

/// Text of one run of inline content, with the element whose style each part has.
type Runs = Vec<(String, usize)>;

struct Builder<'a> {
    styled: &'a StyledTree,
    fonts: &'a mut Fonts,
    images: ImageSource<'a>,
    text: LayoutContext<Rgba>,
    tree: Tree,
    /// Per element: whether its node from the last layout can stand as it is (nothing in its
    /// subtree changed).
    reusable: Vec<bool>,
    /// Leaves by shaping key, to copy lines from for repeated text: those made in this
    /// layout, and (looked up when text is new) those of the last layout.
    shaped_here: std::collections::HashMap<u64, NodeId>,
    last_leaves: Option<std::collections::HashMap<u64, NodeId>>,
    /// Each element's containing block size, for lengths mixing px and % (see [`layout`]).
    bases: Option<Vec<(f32, f32)>>,
    /// Boxes with position: fixed, laid out against the viewport.
    fixed: Vec<NodeId>,
    /// The floats beside paragraphs in the last layout, the formatting contexts that hold
    /// floats, and how many paragraphs of its block flow each element has so far.
    beside: Beside,
    with_floats: std::collections::HashSet<usize>,
    places: std::collections::HashMap<usize, usize>,
}

/// What of the inline elements' boxes a layout computes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum InlineBoxes {
    /// Only those drawn (with a background, border or shadow): enough to paint.
    Painted,
    /// All of them: for hit testing and for telling where elements are.
    All,
}

/// What changed since the page's last layout: that layout, and the elements (of a styled
/// tree of the same shape) whose style, attributes or text differ.
pub struct Changes<'a> {
    pub last: PageLayout,
    pub elements: &'a [usize],
}

/// Lays out the styled page at the viewport `width` (and `height` for the page's min-height).
/// `images` gives the pictures `<image mode="widthFix|heightFix">` take their proportions from.
/// With the page's last layout and what changed since, only the changed elements and their
/// ancestors are laid out anew.
pub fn layout(styled: &StyledTree, fonts: &mut Fonts, images: ImageSource, width: f32, height: f32, inline: InlineBoxes, changes: Option<Changes>) -> PageLayout {
    // taffy cannot resolve `calc()`: a length mixing px and % (`calc(100% - 6px)`) takes its
    // percentage of the containing block the last layout gave the element, and the page is
    // laid out again while those change (the first time, of the viewport).
    // Likewise lines beside floats: which floats stand beside which paragraph is known from
    // the last layout (the first time, none), and the page is laid out again while that changes.
    let mixed = styled.elements.iter().any(|e| mixes_units(&e.style));
    let floated = styled.elements.iter().any(|e| e.style.float != css::Float::None);
    let mut bases = changes.as_ref().and_then(|c| c.last.bases.clone()).filter(|b| mixed && b.len() == styled.elements.len());
    let mut beside = changes.as_ref().map(|c| c.last.beside.clone()).filter(|_| floated).unwrap_or_default();
    let mut layout = layout_pass(styled, fonts, images, (width, height), inline, changes, (bases.clone(), beside.clone()));
    for _ in 0..3 {
        let found_bases = mixed.then(|| percentage_bases(styled, &layout.boxes, (width, height)));
        let found_beside = if floated { floats::beside(styled, &layout.boxes, layout.places()) } else { Beside::new() };
        let settled = bases == found_bases && beside == found_beside;
        (bases, beside) = (found_bases, found_beside);
        if settled {
            break;
        }
        recycle(layout, fonts);
        layout = layout_pass(styled, fonts, images, (width, height), inline, None, (bases.clone(), beside.clone()));
    }
    layout.bases = bases;
    layout.beside = beside;
    layout
}

/// One layout of the page, with percentages of mixed lengths of `bases` when known and
/// paragraphs' lines beside the floats `beside` says.
fn layout_pass(
    styled: &StyledTree,
    fonts: &mut Fonts,
    images: ImageSource,
    (width, height): (f32, f32),
    inline: InlineBoxes,
    changes: Option<Changes>,
    (bases, beside): (Option<Vec<(f32, f32)>>, Beside),
) -> PageLayout {
    let count = styled.elements.len();
    let (tree, reusable) = match changes {
        Some(Changes { last, elements }) if last.tree.nodes.len() == count && last.tree.viewport == (width, height) => {
            let reusable = reusable(styled, elements);
            (last.tree, reusable)
        }
        other => {
            if let Some(changes) = other {
                recycle(changes.last, fonts);
            }
            let tree = Tree { taffy: TaffyTree::new(), slots: Default::default(), nodes: vec![None; count], generation: 0, viewport: (width, height) };
            (tree, vec![false; count])
        }
    };
    let mut b = Builder {
        styled,
        fonts,
        images,
        text: LayoutContext::new(),
        tree,
        reusable,
        shaped_here: Default::default(),
        last_leaves: None,
        bases,
        fixed: Vec::new(),
        beside,
        with_floats: floats::with_floats(styled),
        places: Default::default(),
    };
    // A page styled `display: none` shows nothing: an empty box stands for it.
    let root = match b.element(0, false) {
        Some(root) => root,
        None => b.node(Style::default(), &[], Slot::Anonymous),
    };
    b.tree.taffy.compute_layout_with_measure(root, Size { width: Space::Definite(width), height: Space::MaxContent }, measure).expect("taffy layout");
    // position: fixed boxes are laid out against the screen's viewport, apart from the page.
    let fixed = std::mem::take(&mut b.fixed);
    let viewport = b.node(Style { size: Size { width: Dimension::length(width), height: Dimension::length(height) }, ..Style::default() }, &fixed, Slot::Anonymous);
    b.tree.taffy.compute_layout_with_measure(viewport, Size { width: Space::Definite(width), height: Space::Definite(height) }, measure).expect("taffy layout");
    b.finish(&[root, viewport], height, inline == InlineBoxes::All)
}

/// The first line's baseline in laid-out subtree `node`, from its border box's top: that of
/// its first in-flow child that has one.
fn first_baseline(taffy: &TaffyTree<Leaf>, node: NodeId) -> Option<f32> {
    if let Some(leaf) = taffy.get_node_context(node) {
        return leaf.layout.get(0).map(|line| line.metrics().baseline);
    }
    taffy.children(node).ok()?.into_iter().find_map(|child| {
        let in_flow = taffy.style(child).ok()?.position != Position::Absolute;
        in_flow.then(|| Some(taffy.layout(child).ok()?.location.y + first_baseline(taffy, child)?)).flatten()
    })
}

/// Whether a positioned box has `left` and `right` auto: it stays across where its parent
/// would put it.
fn static_across(s: &ComputedStyle) -> bool {
    s.inset[1] == Dim::Auto && s.inset[3] == Dim::Auto
}

/// Whether a style has a length mixing px and % (a `calc()`), which taffy cannot resolve.
fn mixes_units(s: &ComputedStyle) -> bool {
    let mixed = |d: &Dim| matches!(d, Dim::Length { px, percent } if *px != 0.0 && *percent != 0.0);
    [s.width, s.height, s.min_width, s.min_height, s.max_width, s.max_height, s.flex_basis].iter().chain(&s.margin).chain(&s.padding).chain(&s.inset).chain(&s.gap).any(mixed)
}

/// The size of each element's containing block in a finished layout (`boxes`), what its
/// percentages are of: the content box of the block it is in, the padding box of its
/// positioned ancestor when it is absolutely positioned, the viewport when fixed.
fn percentage_bases(styled: &StyledTree, boxes: &[Option<Box2>], viewport: (f32, f32)) -> Vec<(f32, f32)> {
    let mut bases: Vec<(f32, f32)> = Vec::with_capacity(styled.elements.len());
    for element in &styled.elements {
        let s = &element.style;
        let mut container = element.parent;
        while let Some(c) = container {
            let cs = &styled.elements[c].style;
            let holds = match s.position {
                css::Position::Absolute => cs.position != css::Position::Static,
                _ => !matches!(cs.display, css::Display::Inline | css::Display::Contents),
            };
            if holds {
                break;
            }
            container = styled.elements[c].parent;
        }
        let base = match (s.position, container.and_then(|c| Some((c, boxes[c]?)))) {
            (css::Position::Fixed, _) | (_, None) => viewport,
            (position, Some((c, b))) => {
                let cs = &styled.elements[c].style;
                let (of_width, _) = bases[c];
                let padding = |side: usize| if position == css::Position::Absolute { 0.0 } else { cs.padding[side].resolve(of_width).unwrap_or(0.0) };
                let width = b.w - cs.border_width(1) - cs.border_width(3) - padding(1) - padding(3);
                let height = b.h - cs.border_width(0) - cs.border_width(2) - padding(0) - padding(2);
                (width.max(0.0), height.max(0.0))
            }
        };
        bases.push(base);
    }
    bases
}

/// Which elements' nodes can be kept: those with nothing changed in their subtree, and not
/// holding a `position: fixed` box (those are laid out against the viewport each time).
fn reusable(styled: &StyledTree, changed: &[usize]) -> Vec<bool> {
    let mut reusable = vec![true; styled.elements.len()];
    let fixed = styled.elements.iter().enumerate().filter(|(_, e)| e.style.position == css::Position::Fixed).map(|(i, _)| i);
    for mut e in changed.iter().copied().chain(fixed) {
        while reusable[e] {
            reusable[e] = false;
            match styled.elements[e].parent {
                Some(parent) => e = parent,
                None => break,
            }
        }
    }
    reusable
}

/// Whether element `e` (not the page) is a block formatting context's root with floats
/// inside it.
fn contains_floats(styled: &StyledTree, e: usize) -> bool {
    let root = e != 0 && floats::formatting_root(styled, e);
    fn any_float(styled: &StyledTree, e: usize) -> bool {
        styled.elements[e].children.iter().any(|c| matches!(c, Content::Element(c) if styled.elements[*c].style.float != css::Float::None || any_float(styled, *c)))
    }
    root && any_float(styled, e)
}

/// Measures a paragraph leaf for taffy (other leaves have no content of their own).
fn measure(inputs: taffy::LayoutInput, _: NodeId, context: Option<&mut Leaf>, style: &Style) -> taffy::LayoutOutput {
    let mut baseline = None;
    let mut output = compute_leaf_layout(
        inputs,
        style,
        |_, _| 0.0,
        |known, available| match context {
            None => Size::ZERO,
            Some(leaf) => {
                let max = known.width.or(match available.width {
                    Space::Definite(w) => Some(w),
                    Space::MinContent => Some(0.0),
                    Space::MaxContent => None,
                });
                let size = leaf.measure(max);
                // Its first line's baseline, which a row of inline boxes aligns on.
                baseline = leaf.layout.get(0).map(|line| line.metrics().baseline);
                Size { width: known.width.unwrap_or(size.width), height: known.height.unwrap_or(size.height) }
            }
        },
    );
    if baseline.is_some() {
        output.baselines = taffy::Baselines::from_first(baseline);
    }
    output
}

impl Builder<'_> {
    fn node(&mut self, style: Style, children: &[NodeId], slot: Slot) -> NodeId {
        let id = self.tree.taffy.new_with_children(style, children).unwrap();
        self.tree.slots.insert(id, (slot, 0));
        id
    }

    /// The box of element `index` and everything in it (None when not displayed, or when it
    /// is fixed: then it joins the viewport's boxes). An atomic inline (an inline-block on a
    /// line) keeps its size: it may overflow the line, not shrink.
    fn element(&mut self, index: usize, atomic_inline: bool) -> Option<NodeId> {
        let style = &self.styled.elements[index].style;
        if style.display == css::Display::None {
            return None;
        }
        let mut taffy_style = self.box_style(index);
        if atomic_inline {
            taffy_style.flex_shrink = 0.0;
            // Auto margins of an inline-block are 0 (a line shares out no free space).
            for margin in [&mut taffy_style.margin.left, &mut taffy_style.margin.right, &mut taffy_style.margin.top, &mut taffy_style.margin.bottom] {
                if *margin == LengthPercentageAuto::auto() {
                    *margin = LengthPercentageAuto::length(0.0);
                }
            }
            // On the row's common baseline, or at its top, middle or bottom.
            taffy_style.align_self = Some(match style.vertical_align {
                css::VerticalAlign::Top | css::VerticalAlign::TextTop => AlignItems::FLEX_START,
                css::VerticalAlign::Middle => AlignItems::CENTER,
                css::VerticalAlign::Bottom | css::VerticalAlign::TextBottom => AlignItems::FLEX_END,
                _ => AlignItems::BASELINE,
            });
        }
        let last = self.tree.nodes[index].filter(|_| self.reusable[index]);
        let id = match last {
            Some(id) => {
                if *self.tree.taffy.style(id).unwrap() != taffy_style {
                    self.tree.taffy.set_style(id, taffy_style).unwrap();
                }
                id
            }
            None => {
                let flex_like = matches!(style.display, css::Display::Flex | css::Display::InlineFlex | css::Display::Grid);
                let mut children = self.children(index, flex_like);
                if !flex_like && contains_floats(self.styled, index) {
                    // A box that contains its floats ends below them: taffy leaves its bottom
                    // padding and border out of that, and an empty box that clears them
                    // puts them back (it takes no room of its own).
                    let clear = Style { clear: taffy::Clear::Both, ..Style::default() };
                    children.push(self.node(clear, &[], Slot::Anonymous));
                }
                self.node(taffy_style, &children, Slot::Element(index))
            }
        };
        // A fixed box placed by a horizontal inset is laid out against the viewport; one with
        // `left` and `right` auto stays across where it would be in its parent (its static
        // position, which a flex parent's alignment gives; down too when `top` and `bottom`
        // are auto, else `walk` puts it there in the viewport), and is then drawn there
        // whatever the page's scroll.
        let style = &self.styled.elements[index].style;
        if style.position == css::Position::Fixed && index != 0 && !static_across(style) {
            self.fixed.push(id);
            return None;
        }
        Some(id)
    }

    /// The taffy style of element `index`: its computed style, the proportions of an image
    /// in mode widthFix/heightFix, the page's size for `page`.
    fn box_style(&self, index: usize) -> Style {
        let element = &self.styled.elements[index];
        let (width, height) = self.tree.viewport;
        let base = self.bases.as_ref().map_or((width, height), |bases| bases[index]);
        let mut taffy_style = box_style(&element.style, &Lengths { base });
        if index == 0 {
            let (width, height) = self.tree.viewport;
            taffy_style.min_size.height = LengthPercentageAuto::length(height);
            taffy_style.size.width = Dimension::length(width);
            // `page` is the WebView's body inside a viewport-high document: its percentage
            // heights (`page { height: 100% }`) are of the viewport, so its children's are
            // definite too.
            let of_viewport = |d: Dim| match d {
                Dim::Length { px, percent } if percent != 0.0 => Some(px + percent / 100.0 * height),
                _ => None,
            };
            let style = &element.style;
            if let Some(px) = of_viewport(style.height) {
                taffy_style.size.height = Dimension::length(px);
            }
            if let Some(px) = of_viewport(style.min_height) {
                taffy_style.min_size.height = LengthPercentageAuto::length(px.max(height));
            }
            if let Some(px) = of_viewport(style.max_height) {
                taffy_style.max_size.height = LengthPercentageAuto::length(px);
            }
        }
        if element.style.position == css::Position::Fixed && static_across(&element.style) {
            (taffy_style.inset.top, taffy_style.inset.bottom) = (auto(), auto());
        }
        let picture = crate::components::registry(&element.tag).and_then(|b| b.picture(element));
        if let Some((src, mode)) = picture.filter(|(_, mode)| matches!(mode.as_str(), "widthFix" | "heightFix")) {
            if let Some(image) = (self.images)(&src) {
                // The box keeps the picture's proportions: height follows width, or the reverse.
                let ratio = image.width / image.height.max(1.0);
                taffy_style.aspect_ratio = Some(ratio);
                let style = &element.style;
                if mode == "widthFix" {
                    taffy_style.size.height = match style.width {
                        Dim::Length { px, percent: 0.0 } => Dimension::length(px / ratio),
                        _ => Dimension::auto(),
                    };
                } else {
                    taffy_style.size.width = match style.height {
                        Dim::Length { px, percent: 0.0 } => Dimension::length(px * ratio),
                        _ => Dimension::auto(),
                    };
                }
            }
        }
        taffy_style
    }

    /// Boxes for the children of `index`. In a flex or grid container every child element
    /// is an item and every text a paragraph item. Otherwise block-level descendants are
    /// boxes of their own (also inside inline elements), and the inline content between
    /// them forms paragraphs (wrapping rows when it holds inline-blocks sized in percentages).
    fn children(&mut self, index: usize, flex_like: bool) -> Vec<NodeId> {
        let mut out = Vec::new();
        if flex_like {
            let mut items = Vec::new();
            self.items(index, index, &mut items);
            // CSS `order` places items (a stable sort keeps tree order among equals).
            items.sort_by_key(|(order, _)| *order);
            return items.into_iter().map(|(_, id)| id).collect();
        }
        let mut run = Vec::new();
        self.collect(index, index, &mut run, &mut out);
        self.flush(index, &mut run, &mut out);
        out
    }

    /// Flex or grid items: every child element, and each text as a paragraph; the children of
    /// a `display: contents` element take its place.
    fn items(&mut self, container: usize, index: usize, out: &mut Vec<(i32, NodeId)>) {
        let styled = self.styled;
        for child in &styled.elements[index].children {
            match child {
                Content::Text(text) => out.extend(self.paragraph(container, vec![(text.clone(), index)], Vec::new()).map(|id| (0, id))),
                Content::Element(e) if styled.elements[*e].style.display == css::Display::Contents => self.items(container, *e, out),
                Content::Element(e) => out.extend(self.element(*e, false).map(|id| (styled.elements[*e].style.order, id))),
            }
        }
    }

    fn collect(&mut self, container: usize, index: usize, run: &mut Vec<Inline>, out: &mut Vec<NodeId>) {
        let styled = self.styled;
        for child in &styled.elements[index].children {
            match child {
                Content::Text(text) => run.push(Inline::Text(text.clone(), index)),
                // Absolutely positioned boxes are out of the flow, whatever their display.
                Content::Element(e) if matches!(styled.elements[*e].style.position, css::Position::Absolute | css::Position::Fixed) => out.extend(self.element(*e, false)),
                // A float is a block box (whatever its display) beside which the boxes after
                // it are placed.
                Content::Element(e) if styled.elements[*e].style.float != css::Float::None && styled.elements[*e].style.display != css::Display::None => {
                    self.flush(container, run, out);
                    out.extend(self.element(*e, false));
                }
                Content::Element(e) => match styled.elements[*e].style.display {
                    css::Display::None => {}
                    css::Display::Inline | css::Display::Contents => self.collect(container, *e, run, out),
                    css::Display::InlineBlock | css::Display::InlineFlex => run.push(Inline::Atomic(*e)),
                    _ => {
                        self.flush(container, run, out);
                        out.extend(self.element(*e, false));
                    }
                },
            }
        }
    }

    fn flush(&mut self, container: usize, run: &mut Vec<Inline>, out: &mut Vec<NodeId>) {
        if run.is_empty() {
            return;
        }
        let pieces = std::mem::take(run);
        // Text and inline-blocks: one paragraph whose lines break around them, as long as
        // their sizes do not depend on the line (no percentages).
        let percent = |e: usize| {
            let s = &self.styled.elements[e].style;
            [s.width, s.height].iter().any(|d| matches!(d, Dim::Length { percent, .. } if *percent != 0.0))
        };
        if !pieces.iter().any(|p| matches!(p, Inline::Atomic(e) if percent(*e))) {
            let mut runs: Runs = Vec::new();
            let mut atomics = Vec::new();
            for piece in pieces {
                match piece {
                    Inline::Text(t, e) => runs.push((t, e)),
                    Inline::Atomic(e) => {
                        if let Some(atomic) = self.atomic(e) {
                            runs.push((ATOMIC_MARK.to_string(), self.styled.elements[e].parent.unwrap_or(container)));
                            atomics.push(atomic);
                        }
                    }
                }
            }
            let paragraph = self.paragraph(container, runs, atomics);
            if let Some(id) = paragraph {
                self.in_flow(container, id);
            }
            out.extend(paragraph);
            return;
        }
        // Inline-blocks sized in percentages of the line (and the text between them): a
        // wrapping row on a common baseline, placed by the container's text-align.
        let mut items = Vec::new();
        let mut texts: Runs = Vec::new();
        let mut atomics = Vec::new();
        let mut paragraphs = 0;
        for piece in pieces.into_iter().map(Some).chain([None]) {
            match piece {
                Some(Inline::Text(t, e)) => texts.push((t, e)),
                atomic => {
                    let text = self.paragraph(container, std::mem::take(&mut texts), Vec::new());
                    paragraphs += text.iter().len();
                    items.extend(text);
                    if let Some(Inline::Atomic(e)) = atomic {
                        atomics.push(e);
                        items.extend(self.element(e, true));
                    }
                }
            }
        }
        let has_text = paragraphs > 0;
        let style = &self.styled.elements[container].style;
        // Without text of its own the line still has the container's strut: a box as high as
        // the line above the baseline and as deep below it (the gap a WebView leaves under a
        // line of images), aligned on the baseline with the rest.
        if !has_text {
            let (above, below) = strut(self.fonts, style);
            let part = |height: f32| Style { size: Size { width: Dimension::length(0.0), height: Dimension::length(height.max(0.0)) }, ..Style::default() };
            let parts = [self.node(part(above), &[], Slot::Anonymous), self.node(part(below), &[], Slot::Anonymous)];
            items.insert(0, self.node(Style { display: Display::Flex, flex_direction: FlexDirection::Column, flex_shrink: 0.0, ..Style::default() }, &parts, Slot::Anonymous));
        }
        let justify_content = match style.text_align {
            css::TextAlign::Center => AlignContent::CENTER,
            css::TextAlign::Right | css::TextAlign::End => AlignContent::FLEX_END,
            _ => AlignContent::FLEX_START,
        };
        // Inline-blocks wrap onto new lines unless white space may not break (or there is one
        // alone, which the strut before it must not push onto a line of its own).
        let alone = !has_text && atomics.len() == 1;
        let flex_wrap = if alone || matches!(style.white_space, css::WhiteSpace::NoWrap | css::WhiteSpace::Pre) { FlexWrap::NoWrap } else { FlexWrap::Wrap };
        let mut row = Style { display: Display::Flex, flex_wrap, align_items: AlignItems::BASELINE, justify_content, ..Style::default() };
        // An inline-block's percentage height is of its containing block, not of the line:
        // the row takes the container's height then (its lines still start at the top).
        let percent_high = |e: &usize| matches!(self.styled.elements[*e].style.height, Dim::Length { percent, .. } if percent != 0.0);
        if style.height != Dim::Auto && atomics.iter().any(percent_high) {
            row.size.height = Dimension::percent(1.0);
            row.align_content = AlignContent::FLEX_START;
        }
        out.push(self.node(row, &items, Slot::Anonymous));
    }

    /// A paragraph leaf for inline text runs (None when it is only collapsible white space),
    /// with `atomics` where the runs hold [`ATOMIC_MARK`]s.
    fn paragraph(&mut self, container: usize, runs: Runs, atomics: Vec<Atomic>) -> Option<NodeId> {
        let block = &self.styled.elements[container].style;
        let mut text = String::new();
        let mut spans = Vec::new();
        for (part, element) in &runs {
            let style = &self.styled.elements[*element].style;
            let start = text.len();
            collapse(&style.text_transform.apply(part), style.white_space, &mut text);
            spans.push((start..text.len(), *element));
        }
        // White space that is kept (pre, pre-wrap) is text like any other, but for a last line
        // break, which starts no line of its own (as in a browser); else white space is dropped
        // at the paragraph's ends.
        let keeps_spaces = matches!(block.white_space, css::WhiteSpace::Pre | css::WhiteSpace::PreWrap);
        if text.trim_matches(collapsible).is_empty() && !keeps_spaces {
            return None;
        }
        let trimmed_start = if keeps_spaces { 0 } else { text.len() - text.trim_start_matches(collapsible).len() };
        let text = match keeps_spaces {
            true => text.strip_suffix('\n').map(str::to_string).unwrap_or(text),
            false => text.trim_matches(collapsible).to_string(),
        };
        let spans = spans.into_iter().map(|(range, element)| (range.start.saturating_sub(trimmed_start).min(text.len())..range.end.saturating_sub(trimmed_start).min(text.len()), element));
        // The inline-blocks' marks come out of the text: each box stands at its mark's index.
        let marks: Vec<usize> = text.match_indices(ATOMIC_MARK).map(|(i, _)| i).collect();
        let unmarked = |i: usize| i - ATOMIC_MARK.len_utf8() * marks.iter().filter(|m| **m < i).count();
        let atomics: Vec<(usize, Atomic)> = marks.iter().map(|m| unmarked(*m)).zip(atomics).collect();
        let text = text.replace(ATOMIC_MARK, "");
        let inline: Vec<(std::ops::Range<usize>, usize)> =
            spans.map(|(range, element)| (unmarked(range.start)..unmarked(range.end), element)).filter(|(range, element)| !range.is_empty() && *element != container).collect();
        let spans: Vec<(std::ops::Range<usize>, &ComputedStyle)> = inline.iter().map(|(range, element)| (range.clone(), &self.styled.elements[*element].style)).collect();
        let key = shaping_key(&text, block, &spans, &atomics);
        let layout = match self.fonts.shaped.remove(&key).or_else(|| self.shaped_before(key)) {
            Some(layout) => layout,
            None => shape(&mut self.text, self.fonts, self.styled, &text, container, &inline, &atomics),
        };
        let clamp = block.line_clamp.map(|n| n as usize);
        let wrap = !matches!(block.white_space, css::WhiteSpace::NoWrap | css::WhiteSpace::Pre);
        let leaf = Leaf { layout, shown: None, unbroken: None, drawn_at: None, clamp, wrap, indent: 0.0, container, key, inline, atomics, text, place: None, floats: Vec::new() };
        let id = self.tree.taffy.new_leaf_with_context(Style::default(), leaf).unwrap();
        self.tree.slots.insert(id, (Slot::Paragraph, 0));
        self.shaped_here.entry(key).or_insert(id);
        Some(id)
    }

    /// Names paragraph `id` by its place in `container`'s block flow and gives it the floats
    /// beside it.
    fn in_flow(&mut self, container: usize, id: NodeId) {
        let count = self.places.entry(container).or_default();
        let place = (container, *count);
        *count += 1;
        let floats = self.beside.get(&place).cloned().unwrap_or_default();
        let leaf = self.tree.taffy.get_node_context_mut(id).expect("a paragraph is a leaf");
        (leaf.place, leaf.floats) = (Some(place), floats);
        // Beside floats it is a block box, as wide as its container, whose lines the floats
        // shorten (taffy's default, a flex box, would go beside them whole).
        if !self.with_floats.is_empty() && self.with_floats.contains(&floats::root_of(self.styled, container)) {
            self.tree.taffy.set_style(id, Style { display: Display::Block, ..Style::default() }).unwrap();
        }
    }

    /// Inline-block `e` laid out on its own, as wide as its content up to its containing
    /// block's width (shrink to fit), for a paragraph's lines.
    fn atomic(&mut self, e: usize) -> Option<Atomic> {
        let root = self.element(e, true)?;
        let s = &self.styled.elements[e].style;
        let room = self.bases.as_ref().map_or(self.tree.viewport.0, |bases| bases[e].0);
        let margin = |side: usize| s.margin[side].resolve(room).unwrap_or(0.0);
        let taffy = &mut self.tree.taffy;
        taffy.compute_layout_with_measure(root, Size { width: Space::MaxContent, height: Space::MaxContent }, measure).expect("taffy layout");
        if s.width == Dim::Auto && taffy.layout(root).unwrap().size.width > room {
            let mut style = taffy.style(root).unwrap().clone();
            style.size.width = Dimension::length(room - margin(1) - margin(3));
            taffy.set_style(root, style).unwrap();
            taffy.compute_layout_with_measure(root, Size { width: Space::Definite(room), height: Space::MaxContent }, measure).expect("taffy layout");
        }
        // Its size as laid out, not as rounded to whole pixels: the line it is on is rounded once.
        let size = taffy.unrounded_layout(root).size;
        // Its baseline is its first line's, unless it clips its content or has no line: then
        // it is the bottom of its margin box.
        let baseline = if s.overflow == [css::Overflow::Visible; 2] { first_baseline(taffy, root).map(|b| b + margin(0)) } else { None };
        Some(Atomic {
            root,
            width: size.width + margin(1) + margin(3),
            height: size.height + margin(0) + margin(2),
            baseline,
            margin: (margin(3), margin(0)),
            vertical_align: vertical_align(s.vertical_align),
        })
    }

    /// The lines of a paragraph with this shaping key made earlier in this layout or in the
    /// last one (a copy).
    fn shaped_before(&mut self, key: u64) -> Option<parley::Layout<Rgba>> {
        let tree = &self.tree;
        let last = self.last_leaves.get_or_insert_with(|| {
            let leaves = tree.slots.iter().filter(|(_, (slot, generation))| matches!(slot, Slot::Paragraph) && *generation == tree.generation);
            leaves.filter_map(|(id, _)| Some((tree.taffy.get_node_context(*id)?.key, *id))).collect()
        });
        let id = self.shaped_here.get(&key).or_else(|| last.get(&key))?;
        Some(tree.taffy.get_node_context(*id)?.layout.clone())
    }

    fn finish(mut self, roots: &[NodeId], viewport_height: f32, inline_boxes: bool) -> PageLayout {
        self.tree.generation += 1;
        let mut boxes = vec![None; self.styled.elements.len()];
        let mut w = Walk {
            boxes: &mut boxes,
            reached: 0,
            scroll_ranges: Default::default(),
            paragraphs: Vec::new(),
            layers: vec![Vec::new()],
            seq: 0,
            viewport_height,
            text: &mut self.text,
            fonts: self.fonts,
        };
        let mut order = Vec::new();
        for &root in roots {
            walk(&mut self.tree, self.styled, root, (0.0, 0.0), &mut w, &mut order);
        }
        let Walk { mut paragraphs, mut layers, scroll_ranges, reached, .. } = w;
        let layers = layers.pop().expect("the page's own layers");
        // The page's layers: under its content from just after its own background, over
        // everything else (the fixed boxes too).
        let first = order.iter().position(|p| matches!(p, Piece::Begin(0))).map_or(0, |i| i + 1);
        let everything = order.len();
        let pieces = stacked(order, layers, first, everything);
        let mut fragments: std::collections::HashMap<usize, Vec<Box2>> = Default::default();
        for paragraph in &mut paragraphs {
            let leaf = self.tree.taffy.get_node_context_mut(paragraph.node).expect("a paragraph is a leaf");
            let width = paragraph.area.w.max(1.0);
            if leaf.drawn_at != Some(width) {
                draw_lines(leaf, width, &mut self.text, self.fonts, self.styled);
            }
            paragraph.area.x += leaf.indent;
            let lines = leaf.shown.as_ref().unwrap_or(&leaf.layout);
            // Where the room for inline elements' margins, borders and paddings went.
            let spacing = spacing(self.styled, &leaf.inline);
            let placed: Vec<parley::PositionedInlineBox> =
                lines.lines().flat_map(|line| line.items().filter_map(|item| if let parley::PositionedLayoutItem::InlineBox(b) = item { Some(b) } else { None }).collect::<Vec<_>>()).collect();
            let room = |element: usize, start: bool| {
                let id = spacing.iter().position(|s| s.element == element && s.start == start)? as u64;
                placed.iter().find(|b| b.id == id)
            };
            for (range, inline) in &leaf.inline {
                let ancestry = inline_ancestry(self.styled, *inline, leaf.container);
                if !inline_boxes && !ancestry.iter().any(|e| decorated(&self.styled.elements[*e].style)) {
                    continue;
                }
                // The element's box reaches over its padding and border (not its margin): from
                // past the margin in the room at its start to before the one in the room at its
                // end, on the lines those are on.
                let s = &self.styled.elements[*inline].style;
                let (start, end) = (room(*inline, true), room(*inline, false));
                let anchor = parley::Cursor::from_byte_index(lines, range.start, parley::Affinity::Downstream);
                let focus = parley::Cursor::from_byte_index(lines, range.end, parley::Affinity::Upstream);
                for (rect, _) in parley::Selection::new(anchor, focus).geometry(lines) {
                    let on_line = |b: &&parley::PositionedInlineBox| (rect.y0..=rect.y1).contains(&(b.y as f64));
                    let x0 = start.filter(on_line).map_or(rect.x0 as f32, |b| b.x + px(s.margin[3]));
                    let x1 = end.filter(on_line).map_or(rect.x1 as f32, |b| b.x + b.width - px(s.margin[1]));
                    let (y0, y1) = content_area(lines, range, ((rect.y0 + rect.y1) / 2.0) as f32).unwrap_or((rect.y0 as f32, rect.y1 as f32));
                    let area = paragraph.area;
                    let rect = Box2 { x: area.x + x0, y: area.y + y0, w: x1 - x0, h: y1 - y0 };
                    for &e in &ancestry {
                        boxes[e] = Some(boxes[e].map_or(rect, |b| union(b, rect)));
                        // One fragment a line: what is on the same line joins it.
                        let lines = fragments.entry(e).or_default();
                        match lines.iter_mut().find(|f| f.y == rect.y && f.h == rect.h) {
                            Some(line) => *line = union(*line, rect),
                            None => lines.push(rect),
                        }
                    }
                }
            }
        }
        if reached < self.tree.slots.len() {
            self.tree.remove_unreached(self.fonts);
        }
        let height = content_bottom(self.styled, &boxes).max(viewport_height);
        fragments.retain(|_, lines| lines.len() > 1);
        PageLayout { boxes, paragraphs, order: pieces, height, scroll_ranges, fragments, tree: self.tree, bases: None, beside: Beside::new() }
    }
}

/// How far down the page scrolls: to the bottom of its box, or of a box that overflows it
/// that no ancestor clips (a `page { height: 100% }` page with more content still scrolls
/// to its end, as the WebView's document does). Fixed boxes do not count.
fn content_bottom(styled: &StyledTree, boxes: &[Option<Box2>]) -> f32 {
    // Elements come after their parents: whether each is clipped or fixed is known in one pass.
    let mut left_out = vec![false; styled.elements.len()];
    let mut bottom = boxes.first().copied().flatten().map_or(0.0, |b| b.y + b.h);
    for (i, element) in styled.elements.iter().enumerate().skip(1) {
        let parent = element.parent.is_some_and(|p| left_out[p] || styled.elements[p].style.overflow.iter().any(|o| *o != css::Overflow::Visible));
        left_out[i] = parent || element.style.position == css::Position::Fixed;
        if let (false, Some(b)) = (left_out[i], boxes[i]) {
            bottom = bottom.max(b.y + b.h);
        }
    }
    bottom
}

/// Shapes `text` in the style of `container`, with the inline elements' styles on their
/// ranges.
fn shape(
    context: &mut LayoutContext<Rgba>,
    fonts: &mut Fonts,
    styled: &StyledTree,
    text: &str,
    container: usize,
    inline: &[(std::ops::Range<usize>, usize)],
    atomics: &[(usize, Atomic)],
) -> parley::Layout<Rgba> {
    let heights: Vec<parley::LineHeight> = std::iter::once(container).chain(inline.iter().map(|(_, e)| *e)).map(|e| line_height(fonts, &styled.elements[e].style)).collect();
    let mut builder = context.ranged_builder(&mut fonts.context, text, 1.0, true);
    push_style(&mut builder, &fonts.fallback, &styled.elements[container].style, heights[0], None);
    for ((range, element), height) in inline.iter().zip(&heights[1..]) {
        push_style(&mut builder, &fonts.fallback, &styled.elements[*element].style, *height, Some(range.clone()));
    }
    for (id, room) in spacing(styled, inline).into_iter().enumerate() {
        builder.push_inline_box(parley::InlineBox {
            id: id as u64,
            kind: parley::InlineBoxKind::InFlow,
            index: room.index,
            width: room.width,
            height: 0.0,
            baseline: None,
            vertical_align: parley::VerticalAlign::BASELINE,
        });
    }
    for (k, (index, atomic)) in atomics.iter().enumerate() {
        builder.push_inline_box(parley::InlineBox {
            id: ATOMIC_IDS + k as u64,
            kind: parley::InlineBoxKind::InFlow,
            index: *index,
            width: atomic.width,
            // Even an empty inline-block makes its line a line box, with the strut (CSS 2
            // §9.4.2); parley counts a box as content when it has some height.
            height: atomic.height.max(EMPTY_ATOMIC_HEIGHT),
            baseline: atomic.baseline,
            vertical_align: atomic.vertical_align,
        });
    }
    builder.build(text)
}

/// The top and bottom of the content area of the text in `range` on the line at height `y`
/// of `lines`: its fonts' ascent and descent around its baseline (as a browser draws an inline
/// element's background and borders, not over the line's whole height).
fn content_area(lines: &parley::Layout<Rgba>, range: &std::ops::Range<usize>, y: f32) -> Option<(f32, f32)> {
    let line = lines.lines().find(|line| (line.metrics().block_min_coord..=line.metrics().block_max_coord).contains(&y))?;
    let runs = line.items().filter_map(|item| if let parley::PositionedLayoutItem::GlyphRun(run) = item { Some(run) } else { None });
    runs.filter(|run| {
        let text = run.run().text_range();
        text.start < range.end && range.start < text.end
    })
    .map(|run| {
        let font = run.run().font_metrics();
        (run.baseline() - font.ascent, run.baseline() + font.descent)
    })
    .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
}

/// Room on a line for an inline element's horizontal margin, border and padding at its
/// start or end: an empty inline box at `index` of the paragraph's text.
struct Room {
    index: usize,
    width: f32,
    element: usize,
    start: bool,
}

/// The room the inline elements of a paragraph take, in text order (a room's place is its
/// inline box's id).
fn spacing(styled: &StyledTree, inline: &[(std::ops::Range<usize>, usize)]) -> Vec<Room> {
    let mut rooms = Vec::new();
    for (range, element) in inline {
        let (left, right) = edges(&styled.elements[*element].style);
        let (start, end) = (Room { index: range.start, width: left, element: *element, start: true }, Room { index: range.end, width: right, element: *element, start: false });
        rooms.extend([start, end].into_iter().filter(|room| room.width > 0.0));
    }
    rooms.sort_by_key(|room| room.index);
    rooms
}

/// A length's px part (percentages of a containing block count as 0 here).
fn px(d: Dim) -> f32 {
    match d {
        Dim::Length { px, .. } => px,
        Dim::Auto | Dim::Content(_) => 0.0,
    }
}

/// The room an inline element takes beside its text: margin, border and padding on the
/// left and on the right (px; percentages count as 0).
fn edges(s: &ComputedStyle) -> (f32, f32) {
    (px(s.margin[3]) + s.border_width(3) + px(s.padding[3]), px(s.margin[1]) + s.border_width(1) + px(s.padding[1]))
}

/// Breaks a paragraph's lines at its box's `width`, cuts them as its style says, aligns them.
fn draw_lines(leaf: &mut Leaf, width: f32, context: &mut LayoutContext<Rgba>, fonts: &mut Fonts, styled: &StyledTree) {
    let style = &styled.elements[leaf.container].style;
    leaf.break_lines(Some(width));
    leaf.shown = truncated(leaf, width, context, fonts, styled);
    let align = alignment(style.text_align);
    leaf.layout.align(align, AlignmentOptions::default());
    if let Some(shown) = &mut leaf.shown {
        shown.align(align, AlignmentOptions::default());
    }
    let room = width - leaf.shown.as_ref().unwrap_or(&leaf.layout).width();
    leaf.indent = match style.text_align {
        _ if leaf.wrap || room <= 0.0 => 0.0,
        css::TextAlign::Center => room / 2.0,
        css::TextAlign::Right | css::TextAlign::End => room,
        _ => 0.0,
    };
    leaf.drawn_at = Some(width);
}

/// The paragraph cut with an ellipsis where it overflows its box, as `text-overflow:
/// ellipsis` (one line, nowrap) and `-webkit-line-clamp: n` do (None when it fits). The cut
/// text is shaped anew.
fn truncated(leaf: &Leaf, width: f32, context: &mut LayoutContext<Rgba>, fonts: &mut Fonts, styled: &StyledTree) -> Option<parley::Layout<Rgba>> {
    let layout = &leaf.layout;
    let style = &styled.elements[leaf.container].style;
    let clipped = style.overflow[0] != css::Overflow::Visible || style.overflow[1] != css::Overflow::Visible;
    let lines = match (style.line_clamp, style.ellipsis && clipped) {
        (Some(n), _) if n > 0 && layout.len() > n as usize => n as usize,
        (None, true) if layout.width() > width + 0.5 => 1,
        _ => return None,
    };
    let ellipsis = style.font_size;
    let y = layout.get(lines - 1)?.metrics().baseline;
    let mut cut = parley::Cursor::from_point(layout, (width - ellipsis).max(0.0), y).index();
    let text = &leaf.text;
    let mut candidate = None;
    for _ in 0..8 {
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let shortened = format!("{}…", text[..cut].trim_end());
        let inline: Vec<_> = leaf.inline.iter().filter(|(r, _)| r.start < cut).map(|(r, e)| (r.start..r.end.min(cut), *e)).collect();
        let atomics: Vec<_> = leaf.atomics.iter().filter(|(i, _)| *i < cut).copied().collect();
        let mut shaped = shape(context, fonts, styled, &shortened, leaf.container, &inline, &atomics);
        shaped.break_all_lines(leaf.wrap.then_some(width));
        let fits = shaped.len() <= lines && shaped.width() <= width + 0.5;
        candidate = Some(shaped);
        if fits || cut == 0 {
            break;
        }
        cut = text[..cut].char_indices().next_back().map_or(0, |(i, _)| i);
    }
    candidate
}

impl Tree {
    /// Removes the nodes the last layout did not reach; their paragraphs' lines go back to
    /// the fonts' cache.
    fn remove_unreached(&mut self, fonts: &mut Fonts) {
        let generation = self.generation;
        let unreached: Vec<NodeId> = self.slots.iter().filter(|(_, (_, g))| *g != generation).map(|(id, _)| *id).collect();
        // Parents first let go of their children: taffy keeps one parent per node (the last
        // that took it), while a replaced parent still lists the children it had.
        for &id in &unreached {
            self.taffy.set_children(id, &[]).unwrap();
        }
        for id in unreached {
            if let Some(leaf) = self.taffy.get_node_context_mut(id) {
                keep_shaped(fonts, leaf.key, std::mem::take(&mut leaf.layout));
            }
            // An element not reached (under a `display: none` one now) has no node any more:
            // the next layout must not take the removed one back.
            if let Some((Slot::Element(index), _)) = self.slots.remove(&id) {
                if self.nodes.get(index) == Some(&Some(id)) {
                    self.nodes[index] = None;
                }
            }
            self.taffy.remove(id).unwrap();
        }
    }
}

/// Keeps shaped lines in the fonts' cache for a later layout.
fn keep_shaped(fonts: &mut Fonts, key: u64, layout: parley::Layout<Rgba>) {
    if fonts.shaped.len() >= SHAPED_LIMIT {
        fonts.shaped.clear();
    }
    fonts.shaped.insert(key, layout);
}

/// Gives the shaped paragraphs of a layout no longer needed back to the fonts' cache, so
/// that drawing the page again only shapes text that changed.
pub fn recycle(layout: PageLayout, fonts: &mut Fonts) {
    let mut tree = layout.tree;
    for (id, (slot, _)) in &tree.slots {
        if let (Slot::Paragraph, Some(leaf)) = (slot, tree.taffy.get_node_context_mut(*id)) {
            keep_shaped(fonts, leaf.key, std::mem::take(&mut leaf.layout));
        }
    }
}

/// One paragraph of `text` in `style`, broken at `width`, aligned by the style.
pub fn line(fonts: &mut Fonts, text: &str, style: &ComputedStyle, width: f32) -> parley::Layout<Rgba> {
    let mut context = LayoutContext::new();
    let height = line_height(fonts, style);
    let mut builder = context.ranged_builder(&mut fonts.context, text, 1.0, true);
    push_style(&mut builder, &fonts.fallback, style, height, None);
    let mut layout = builder.build(text);
    layout.break_all_lines(Some(width));
    layout.align(alignment(style.text_align), AlignmentOptions::default());
    layout
}

/// What walking the laid-out tree collects.
struct Walk<'a> {
    boxes: &'a mut Vec<Option<Box2>>,
    /// How many nodes the walk reached.
    reached: usize,
    scroll_ranges: std::collections::HashMap<usize, (f32, f32)>,
    paragraphs: Vec<Paragraph>,
    /// Subtrees of positioned boxes with a z-index: (z-index, tree order, their pieces), for
    /// the page and for each such box being walked (its own stacking context: the boxes
    /// with a z-index inside it stack among themselves, within it).
    layers: Vec<Vec<Layer>>,
    /// Elements reached so far, for tree order.
    seq: usize,
    /// The viewport's height: where a fixed box laid out in the page goes down by its `top`
    /// or `bottom`.
    viewport_height: f32,
    /// What breaks a paragraph's lines, to place the inline-blocks on them.
    text: &'a mut LayoutContext<Rgba>,
    fonts: &'a mut Fonts,
}

/// A positioned box with a z-index and what is drawn in it: (z-index, tree order, pieces).
type Layer = (i32, usize, Vec<Piece>);

/// The pieces of a stacking context with the layers inside it, in z-index order (then tree
/// order): those with a negative z-index at `below` (after its own background), the others
/// at `above` (after its content). For a box with a z-index that is between its `Begin` and
/// its `End`, so they stay inside its clip and opacity.
fn stacked(mut own: Vec<Piece>, mut layers: Vec<Layer>, below: usize, above: usize) -> Vec<Piece> {
    if layers.is_empty() {
        return own;
    }
    layers.sort_by_key(|(z, seq, _)| (*z, *seq));
    let (under, over): (Vec<_>, Vec<_>) = layers.into_iter().partition(|(z, _, _)| *z < 0);
    let after = own.split_off(above);
    let content = own.split_off(below);
    own.extend(under.into_iter().flat_map(|(_, _, p)| p));
    own.extend(content);
    own.extend(over.into_iter().flat_map(|(_, _, p)| p));
    own.extend(after);
    own
}

/// Records boxes and paint order of node `id` and below, at page offset `origin` of its
/// parent, and marks them reached by this layout.
fn walk(tree: &mut Tree, styled: &StyledTree, id: NodeId, origin: (f32, f32), w: &mut Walk, order: &mut Vec<Piece>) {
    let l = *tree.taffy.layout(id).unwrap();
    let mut area = Box2 { x: origin.0 + l.location.x, y: origin.1 + l.location.y, w: l.size.width, h: l.size.height };
    // A fixed box laid out in the page (across at its static position) with `top` or
    // `bottom` goes down the viewport by it.
    if let Some((Slot::Element(e), _)) = tree.slots.get(&id) {
        let s = &styled.elements[*e].style;
        if s.position == css::Position::Fixed && *e != 0 && static_across(s) {
            let (vh, margin) = (w.viewport_height, |side: usize| s.margin[side].resolve(0.0).unwrap_or(0.0));
            match (s.inset[0], s.inset[2]) {
                (Dim::Auto, Dim::Auto) => {}
                (Dim::Auto, bottom) => area.y = vh - bottom.resolve(vh).unwrap_or(0.0) - margin(2) - area.h,
                (top, _) => area.y = top.resolve(vh).unwrap_or(0.0) + margin(0),
            }
        }
    }
    let (slot, generation) = tree.slots.get_mut(&id).expect("every node has a slot");
    *generation = tree.generation;
    w.reached += 1;
    let children = |tree: &Tree| tree.taffy.children(id).unwrap();
    match *slot {
        Slot::Element(e) => {
            tree.nodes[e] = Some(id);
            let style = &styled.elements[e].style;
            let positioned = style.position != css::Position::Static;
            let layered = positioned && style.z_index.is_some_and(|z| z != 0);
            // What paints its z-index descendants inside itself (between its Begin and End, so
            // inside its clip, opacity and transform): a stacking context (a z-index, opacity
            // below 1, a transform, position: fixed), and a positioned box that clips, which is
            // the containing block of the positioned boxes inside it.
            let clips = style.overflow != [css::Overflow::Visible; 2];
            let context = positioned && (style.z_index.is_some() || style.position == css::Position::Fixed || clips) || style.opacity < 1.0 || !style.transform.is_empty();
            let seq = w.seq;
            w.seq += 1;
            let mut own = Vec::new();
            let target = if context { &mut own } else { &mut *order };
            w.boxes[e] = Some(area);
            if clips {
                w.scroll_ranges.insert(e, (l.scroll_width(), l.scroll_height()));
            }
            if context {
                w.layers.push(Vec::new());
            }
            target.push(Piece::Begin(e));
            for child in children(tree) {
                walk(tree, styled, child, (area.x, area.y), w, target);
            }
            target.push(Piece::End(e));
            if context {
                let inside = w.layers.pop().expect("pushed above");
                let end = own.len() - 1;
                let pieces = stacked(own, inside, 1, end);
                match style.z_index.filter(|_| layered) {
                    Some(z) => w.layers.last_mut().expect("the page's layers").push((z, seq, pieces)),
                    None => order.extend(pieces),
                }
            }
        }
        Slot::Paragraph => {
            let leaf = tree.taffy.get_node_context(id).expect("a paragraph is a leaf");
            let area = Box2 { x: area.x + l.padding.left, y: area.y + l.padding.top, w: l.content_box_width(), h: l.content_box_height() };
            if !leaf.inline.is_empty() {
                let mut inline: Vec<usize> = leaf.inline.iter().flat_map(|(_, e)| inline_ancestry(styled, *e, leaf.container)).collect();
                inline.sort_unstable();
                inline.dedup();
                order.extend(inline.into_iter().map(Piece::Inline));
            }
            order.push(Piece::Paragraph(w.paragraphs.len()));
            w.paragraphs.push(Paragraph { node: id, element: leaf.container, area });
            // Its inline-blocks, where its lines put them (those an ellipsis cut off are not drawn).
            let leaf = tree.taffy.get_node_context_mut(id).expect("a paragraph is a leaf");
            if !leaf.atomics.is_empty() {
                let width = area.w.max(1.0);
                if leaf.drawn_at != Some(width) {
                    draw_lines(leaf, width, w.text, w.fonts, styled);
                }
                let lines = leaf.shown.as_ref().unwrap_or(&leaf.layout);
                let boxes = lines.lines().flat_map(|line| {
                    line.items().filter_map(|item| match item {
                        parley::PositionedLayoutItem::InlineBox(b) if b.id >= ATOMIC_IDS => Some((b.id, b.x, b.y)),
                        _ => None,
                    })
                });
                let placed: Vec<(Atomic, f32, f32)> = boxes.map(|(id, x, y)| (leaf.atomics[(id - ATOMIC_IDS) as usize].1, x + leaf.indent, y)).collect();
                // Those cut off are kept for the next layout, which may show them.
                for (_, atomic) in leaf.atomics.clone() {
                    keep(tree, atomic.root);
                }
                for (atomic, x, y) in placed {
                    let at = tree.taffy.layout(atomic.root).unwrap().location;
                    walk(tree, styled, atomic.root, (area.x + x + atomic.margin.0 - at.x, area.y + y + atomic.margin.1 - at.y), w, order);
                }
            }
        }
        Slot::Anonymous => {
            for child in children(tree) {
                walk(tree, styled, child, (area.x, area.y), w, order);
            }
        }
    }
}

/// Marks subtree `id` reached by this layout without drawing it.
fn keep(tree: &mut Tree, id: NodeId) {
    if let Some((_, generation)) = tree.slots.get_mut(&id) {
        *generation = tree.generation;
    }
    for child in tree.taffy.children(id).unwrap() {
        keep(tree, child);
    }
}

/// An inline element and its inline ancestors (up to the block that holds the paragraph).
fn inline_ancestry(styled: &StyledTree, mut element: usize, container: usize) -> Vec<usize> {
    let mut chain = vec![element];
    while let Some(parent) = styled.elements[element].parent {
        if parent == container || styled.elements[parent].style.display != css::Display::Inline {
            break;
        }
        chain.push(parent);
        element = parent;
    }
    chain
}

/// Whether a box paints something of its own (background, border, shadow).
fn decorated(s: &ComputedStyle) -> bool {
    s.background_color.a > 0 || s.background.any() || !s.shadows.is_empty() || (0..4).any(|i| s.border_width(i) > 0.0)
}

fn union(a: Box2, b: Box2) -> Box2 {
    let (x, y) = (a.x.min(b.x), a.y.min(b.y));
    Box2 { x, y, w: (a.x + a.w).max(b.x + b.w) - x, h: (a.y + a.h).max(b.y + b.h) - y }
}

enum Inline {
    Text(String, usize),
    Atomic(usize),
}

/// White space CSS collapses: spaces, tabs, line breaks (not no-break or em/en spaces).
fn collapsible(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

/// White space processing of CSS `white-space` (spaces and tabs collapse except in pre and
/// pre-wrap; newlines too except in pre, pre-wrap and pre-line).
fn collapse(text: &str, mode: css::WhiteSpace, out: &mut String) {
    let keep_spaces = matches!(mode, css::WhiteSpace::Pre | css::WhiteSpace::PreWrap);
    let keep_newlines = keep_spaces || mode == css::WhiteSpace::PreLine;
    for c in text.chars() {
        let c = if c == '\t' && !keep_spaces { ' ' } else { c };
        if c == '\n' && keep_newlines {
            while !keep_spaces && out.ends_with(' ') {
                out.pop();
            }
            out.push('\n');
        } else if collapsible(c) && !keep_spaces {
            if !out.ends_with(' ') && !out.ends_with('\n') && !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// A line's strut in the container's style `s`: how far it reaches above and below the
/// baseline (its primary font's ascent and descent, and half the leading the line height
/// adds to each).
fn strut(fonts: &mut Fonts, s: &ComputedStyle) -> (f32, f32) {
    let font = fonts.line_metrics(&s.font_family, s.font_weight, s.italic, s.font_size);
    let line = s.line_height_px().unwrap_or(font.line_height());
    let half_leading = (line - font.ascent - font.descent) / 2.0;
    (font.ascent + half_leading, font.descent + half_leading)
}

/// The line height parley gives text in style `s`: `normal` is its primary font's.
fn line_height(fonts: &mut Fonts, s: &ComputedStyle) -> parley::LineHeight {
    match s.line_height {
        css::LineHeight::Normal => parley::LineHeight::Absolute(fonts.line_metrics(&s.font_family, s.font_weight, s.italic, s.font_size).line_height()),
        css::LineHeight::Number(n) => parley::LineHeight::FontSizeRelative(n),
        css::LineHeight::Px(px) => parley::LineHeight::Absolute(px),
    }
}

/// What shaping a paragraph depends on: its text and the text styles of its parts.
fn shaping_key(text: &str, block: &ComputedStyle, spans: &[(std::ops::Range<usize>, &ComputedStyle)], atomics: &[(usize, Atomic)]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    let style = |s: &ComputedStyle, h: &mut std::collections::hash_map::DefaultHasher| {
        s.font_family.hash(h);
        [s.font_size, s.letter_spacing].map(f32::to_bits).hash(h);
        (s.font_weight, s.italic, s.color, s.underline, s.line_through, s.word_break, s.break_long_words).hash(h);
        let (left, right) = edges(s);
        [left, right].map(f32::to_bits).hash(h);
        std::mem::discriminant(&s.vertical_align).hash(h);
        if let css::VerticalAlign::Length(px) = s.vertical_align {
            px.to_bits().hash(h);
        }
        match s.line_height {
            css::LineHeight::Normal => 0u32.hash(h),
            css::LineHeight::Number(n) => (1u32, n.to_bits()).hash(h),
            css::LineHeight::Px(px) => (2u32, px.to_bits()).hash(h),
        }
    };
    style(block, &mut h);
    for (range, s) in spans {
        range.hash(&mut h);
        style(s, &mut h);
    }
    for (index, a) in atomics {
        index.hash(&mut h);
        [a.width, a.height, a.baseline.unwrap_or(f32::NAN)].map(f32::to_bits).hash(&mut h);
        format!("{:?}", a.vertical_align).hash(&mut h);
    }
    h.finish()
}

/// Puts style `s` with `line_height` on `range` of the text (all of it when None); after the
/// families it names, text falls back to `fallback`.
fn push_style(builder: &mut parley::RangedBuilder<'_, Rgba>, fallback: &[String], s: &ComputedStyle, line_height: parley::LineHeight, range: Option<std::ops::Range<usize>>) {
    let families: Vec<parley::FontFamilyName> = s.font_family.iter().chain(fallback).map(|f| parley::FontFamilyName::Named(Cow::Owned(f.clone()))).collect();
    let properties: [StyleProperty<'_, Rgba>; 8] = [
        StyleProperty::FontFamily(FontFamily::List(Cow::Owned(families))),
        StyleProperty::FontSize(s.font_size),
        StyleProperty::FontWeight(FontWeight::new(s.font_weight as f32)),
        StyleProperty::FontStyle(if s.italic { FontStyle::Italic } else { FontStyle::Normal }),
        StyleProperty::Brush(s.color),
        StyleProperty::LineHeight(line_height),
        StyleProperty::LetterSpacing(s.letter_spacing),
        StyleProperty::Underline(s.underline),
    ];
    for property in properties {
        match &range {
            None => builder.push_default(property),
            Some(r) => builder.push(property, r.clone()),
        }
    }
    let word_break = StyleProperty::WordBreak(match s.word_break {
        css::WordBreak::Normal => parley::WordBreak::Normal,
        css::WordBreak::BreakAll => parley::WordBreak::BreakAll,
        css::WordBreak::KeepAll => parley::WordBreak::KeepAll,
    });
    let overflow_wrap = StyleProperty::OverflowWrap(if s.break_long_words { parley::OverflowWrap::Anywhere } else { parley::OverflowWrap::Normal });
    for property in [word_break, overflow_wrap] {
        match &range {
            None => builder.push_default(property),
            Some(r) => builder.push(property, r.clone()),
        }
    }
    let strike = StyleProperty::Strikethrough(s.line_through);
    match range {
        None => builder.push_default(strike),
        Some(r) => {
            builder.push(strike, r.clone());
            builder.push(StyleProperty::VerticalAlign(vertical_align(s.vertical_align)), r);
        }
    }
}

fn vertical_align(v: css::VerticalAlign) -> parley::VerticalAlign {
    use parley::VerticalAlign as V;
    match v {
        css::VerticalAlign::Baseline => V::BASELINE,
        css::VerticalAlign::Sub => V::SUB,
        css::VerticalAlign::Super => V::SUPER,
        css::VerticalAlign::TextTop => V::TEXT_TOP,
        css::VerticalAlign::TextBottom => V::TEXT_BOTTOM,
        css::VerticalAlign::Middle => V::MIDDLE,
        css::VerticalAlign::Top => V::TOP,
        css::VerticalAlign::Bottom => V::BOTTOM,
        css::VerticalAlign::Length(px) => V::length(px),
    }
}

fn alignment(align: css::TextAlign) -> Alignment {
    match align {
        css::TextAlign::Start | css::TextAlign::Left => Alignment::Start,
        css::TextAlign::Center => Alignment::Center,
        css::TextAlign::Right | css::TextAlign::End => Alignment::End,
        css::TextAlign::Justify => Alignment::Justify,
    }
}

/// A percentage as the fraction taffy resolves. Chromium keeps a percentage as the number
/// written and floors what it resolves to 1/64 px, so three `33.33333333%` boxes fill their
/// line; as an f32 fraction that rounds up and the three overflow it, and the third wraps. A
/// fraction written to more than six decimals is taken a millionth smaller (an invisible
/// amount); short ones, such as 10% or 12.5%, stay exact.
fn fraction(percent: f32) -> f32 {
    let fraction = percent / 100.0;
    let millionths = f64::from(fraction) * 1e6;
    if (millionths - millionths.round()).abs() > 0.01 {
        fraction * (1.0 - 1e-6)
    } else {
        fraction
    }
}

/// Turns computed lengths into taffy's. A length mixing px and % (which taffy cannot
/// resolve) takes its percentage of `base`, the size of the element's containing block.
struct Lengths {
    base: (f32, f32),
}

impl Lengths {
    /// A length along the containing block's width (and a margin or padding, any side).
    fn lp(&self, d: Dim) -> LengthPercentage {
        Self::of(d, self.base.0)
    }

    /// A length along the containing block's height.
    fn lp_y(&self, d: Dim) -> LengthPercentage {
        Self::of(d, self.base.1)
    }

    fn of(d: Dim, base: f32) -> LengthPercentage {
        match d {
            Dim::Length { px, percent: 0.0 } => LengthPercentage::length(px),
            Dim::Length { px: 0.0, percent } => LengthPercentage::percent(fraction(percent)),
            Dim::Length { px, percent } => LengthPercentage::length(px + percent / 100.0 * base),
            Dim::Auto | Dim::Content(_) => LengthPercentage::length(0.0),
        }
    }

    fn lpa(&self, d: Dim, vertical: bool) -> LengthPercentageAuto {
        match d {
            Dim::Auto | Dim::Content(_) => LengthPercentageAuto::auto(),
            other if vertical => self.lp_y(other).into(),
            other => self.lp(other).into(),
        }
    }

    /// A size: a length, auto, or a size of the content.
    fn dimension(&self, d: Dim, vertical: bool) -> Dimension {
        match d {
            Dim::Auto => Dimension::auto(),
            Dim::Content(ContentSize::Min) => Dimension::min_content(),
            Dim::Content(ContentSize::Max) => Dimension::max_content(),
            Dim::Content(ContentSize::Fit) => Dimension::fit_content(),
            other => self.lpa(other, vertical).into(),
        }
    }
}

/// The taffy style of an element box.
fn box_style(s: &ComputedStyle, l: &Lengths) -> Style {
    let display = match s.display {
        css::Display::None => Display::None,
        css::Display::Flex | css::Display::InlineFlex => Display::Flex,
        css::Display::Grid => Display::Grid,
        css::Display::FlowRoot => Display::FlowRoot,
        _ => Display::Block,
    };
    let float = match s.float {
        css::Float::None => taffy::Float::None,
        css::Float::Left => taffy::Float::Left,
        css::Float::Right => taffy::Float::Right,
    };
    let clear = match s.clear {
        css::Clear::None => taffy::Clear::None,
        css::Clear::Left => taffy::Clear::Left,
        css::Clear::Right => taffy::Clear::Right,
        css::Clear::Both => taffy::Clear::Both,
    };
    let margin = Rect { top: l.lpa(s.margin[0], false), right: l.lpa(s.margin[1], false), bottom: l.lpa(s.margin[2], false), left: l.lpa(s.margin[3], false) };
    let inset = Rect { top: l.lpa(s.inset[0], true), right: l.lpa(s.inset[1], false), bottom: l.lpa(s.inset[2], true), left: l.lpa(s.inset[3], false) };
    let border = |i: usize| LengthPercentage::length(s.border_width(i));
    let overflow = |o: css::Overflow| match o {
        css::Overflow::Visible => taffy::Overflow::Visible,
        css::Overflow::Hidden => taffy::Overflow::Hidden,
        css::Overflow::Scroll => taffy::Overflow::Scroll,
    };
    Style {
        float,
        clear,
        display,
        box_sizing: if s.border_box { BoxSizing::BorderBox } else { BoxSizing::ContentBox },
        position: match s.position {
            css::Position::Absolute | css::Position::Fixed => Position::Absolute,
            _ => Position::Relative,
        },
        inset: if s.position == css::Position::Static { Rect { top: auto(), right: auto(), bottom: auto(), left: auto() } } else { inset },
        size: Size { width: l.dimension(s.width, false), height: l.dimension(s.height, true) },
        min_size: Size { width: l.lpa(s.min_width, false), height: l.lpa(s.min_height, true) },
        max_size: Size { width: l.lpa(s.max_width, false), height: l.lpa(s.max_height, true) },
        aspect_ratio: s.aspect_ratio,
        margin,
        padding: Rect { top: l.lp(s.padding[0]), right: l.lp(s.padding[1]), bottom: l.lp(s.padding[2]), left: l.lp(s.padding[3]) },
        border: Rect { top: border(0), right: border(1), bottom: border(2), left: border(3) },
        overflow: taffy::Point { x: overflow(s.overflow[0]), y: overflow(s.overflow[1]) },
        scrollbar_width: 0.0,
        flex_direction: match s.flex_direction {
            css::FlexDirection::Row => FlexDirection::Row,
            css::FlexDirection::RowReverse => FlexDirection::RowReverse,
            css::FlexDirection::Column => FlexDirection::Column,
            css::FlexDirection::ColumnReverse => FlexDirection::ColumnReverse,
        },
        flex_wrap: match s.flex_wrap {
            css::FlexWrap::NoWrap => FlexWrap::NoWrap,
            css::FlexWrap::Wrap => FlexWrap::Wrap,
            css::FlexWrap::WrapReverse => FlexWrap::WrapReverse,
        },
        flex_grow: s.flex_grow,
        flex_shrink: s.flex_shrink,
        flex_basis: l.dimension(s.flex_basis, false),
        justify_content: distribute(s.justify_content),
        align_content: distribute(s.align_content),
        align_items: align(s.align_items),
        align_self: (s.align_self != css::Align::Auto).then(|| align(s.align_self)),
        gap: Size { width: l.lp(s.gap[1]), height: l.lp_y(s.gap[0]) },
        ..Style::default()
    }
}

fn distribute(d: css::Distribute) -> AlignContent {
    match d {
        css::Distribute::Normal => AlignContent::NORMAL,
        css::Distribute::Start => AlignContent::FLEX_START,
        css::Distribute::End => AlignContent::FLEX_END,
        css::Distribute::Center => AlignContent::CENTER,
        css::Distribute::Stretch => AlignContent::STRETCH,
        css::Distribute::SpaceBetween => AlignContent::SPACE_BETWEEN,
        css::Distribute::SpaceAround => AlignContent::SPACE_AROUND,
        css::Distribute::SpaceEvenly => AlignContent::SPACE_EVENLY,
    }
}

fn align(a: css::Align) -> AlignItems {
    match a {
        css::Align::Auto | css::Align::Normal => AlignItems::NORMAL,
        css::Align::Stretch => AlignItems::STRETCH,
        css::Align::Start => AlignItems::FLEX_START,
        css::Align::End => AlignItems::FLEX_END,
        css::Align::Center => AlignItems::CENTER,
        css::Align::Baseline => AlignItems::BASELINE,
    }
}
