//! Computed styles: what layout and paint need of each element, lengths in px where they
//! can be known at cascade time and as px + percentage where they depend on the container.

pub use wxemu_render::Rgba;

/// A length: `px + percent% of the reference` (calc() of lengths and percentages is always
/// of this form), or `auto`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Dim {
    Auto,
    Length { px: f32, percent: f32 },
}

impl Dim {
    pub const ZERO: Dim = Dim::Length { px: 0.0, percent: 0.0 };

    pub fn px(px: f32) -> Dim {
        Dim::Length { px, percent: 0.0 }
    }

    /// The value against `reference` px (None for auto).
    pub fn resolve(&self, reference: f32) -> Option<f32> {
        match *self {
            Dim::Auto => None,
            Dim::Length { px, percent } => Some(px + percent / 100.0 * reference),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Display {
    None,
    #[default]
    Inline,
    Block,
    InlineBlock,
    Flex,
    InlineFlex,
    Grid,
    /// The element has no box; its children take its place.
    Contents,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Position {
    #[default]
    Static,
    Relative,
    Absolute,
    Fixed,
    Sticky,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FlexDirection {
    #[default]
    Row,
    RowReverse,
    Column,
    ColumnReverse,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FlexWrap {
    #[default]
    NoWrap,
    Wrap,
    WrapReverse,
}

/// justify-content / align-content values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Distribute {
    #[default]
    Normal,
    Start,
    End,
    Center,
    Stretch,
    SpaceBetween,
    SpaceAround,
    SpaceEvenly,
}

/// align-items / align-self values (`Auto` only for align-self).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Align {
    #[default]
    Auto,
    Normal,
    Stretch,
    Start,
    End,
    Center,
    Baseline,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextAlign {
    #[default]
    Start,
    Left,
    Center,
    Right,
    End,
    Justify,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WhiteSpace {
    #[default]
    Normal,
    NoWrap,
    Pre,
    PreWrap,
    PreLine,
}

/// `word-break`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum WordBreak {
    #[default]
    Normal,
    BreakAll,
    KeepAll,
}

/// `vertical-align` of an inline box or span (a length raises it by that many px).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum VerticalAlign {
    #[default]
    Baseline,
    Sub,
    Super,
    TextTop,
    TextBottom,
    Middle,
    Top,
    Bottom,
    Length(f32),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Overflow {
    #[default]
    Visible,
    Hidden,
    Scroll,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum LineHeight {
    #[default]
    Normal,
    /// A multiple of the font size.
    Number(f32),
    Px(f32),
}

/// One `box-shadow`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shadow {
    pub x: f32,
    pub y: f32,
    pub blur: f32,
    pub spread: f32,
    pub color: Rgba,
    pub inset: bool,
}

/// A gradient stop: colour at a fraction of the line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stop {
    pub color: Rgba,
    pub at: Option<f32>,
}

/// `background-image`: a file, or a linear gradient at an angle (degrees, CSS convention).
#[derive(Clone, Debug, PartialEq)]
pub enum BackgroundImage {
    Url(String),
    Linear { angle: f32, stops: Vec<Stop> },
}

/// `background-size`: the picture's own size (`auto`), scaled to cover or fit the box, or
/// lengths (either may be auto, keeping the picture's proportions).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum BackgroundSize {
    Cover,
    Contain,
    Explicit(Dim, Dim),
}

/// `float`: a box taken out of the flow to the left or right of its container, the boxes
/// after it placed beside it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Float {
    #[default]
    None,
    Left,
    Right,
}

/// `clear`: which floats before a box it goes below.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Clear {
    #[default]
    None,
    Left,
    Right,
    Both,
}

/// Where a picture layer (a background picture, a mask) goes in its box: its size, its
/// position (x, y: percentages of the room the picture leaves in the padding box) and
/// whether it repeats (x, y).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    pub size: BackgroundSize,
    pub position: [Dim; 2],
    pub repeat: [bool; 2],
}

impl Default for Placement {
    fn default() -> Placement {
        Placement { size: BackgroundSize::Explicit(Dim::Auto, Dim::Auto), position: [Dim::ZERO; 2], repeat: [true; 2] }
    }
}

/// One function of a `transform` list: lengths in px or % of the element's border box,
/// angles in radians (clockwise).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Transform {
    Translate(Dim, Dim),
    Scale(f32, f32),
    Rotate(f32),
    Skew(f32, f32),
    /// `matrix(a, b, c, d, e, f)`.
    Matrix([f32; 6]),
}

/// One side's border.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Border {
    pub width: f32,
    pub color: Option<Rgba>,
    /// `none`/`hidden` draw nothing and take no room.
    pub visible: bool,
    pub dashed: bool,
}

/// Everything the view needs of one element's style. Sides go top, right, bottom, left;
/// corners top-left, top-right, bottom-right, bottom-left.
#[derive(Clone, Debug, PartialEq)]
pub struct ComputedStyle {
    pub display: Display,
    pub position: Position,
    pub float: Float,
    pub clear: Clear,
    pub border_box: bool,
    pub width: Dim,
    pub height: Dim,
    pub min_width: Dim,
    pub min_height: Dim,
    pub max_width: Dim,
    pub max_height: Dim,
    pub margin: [Dim; 4],
    pub padding: [Dim; 4],
    pub inset: [Dim; 4],
    pub border: [Border; 4],
    pub radius: [(Dim, Dim); 4],
    pub flex_direction: FlexDirection,
    pub flex_wrap: FlexWrap,
    pub flex_grow: f32,
    pub flex_shrink: f32,
    pub flex_basis: Dim,
    pub justify_content: Distribute,
    pub align_content: Distribute,
    pub align_items: Align,
    pub align_self: Align,
    pub gap: [Dim; 2],
    pub order: i32,
    pub aspect_ratio: Option<f32>,
    pub z_index: Option<i32>,
    pub overflow: [Overflow; 2],
    pub opacity: f32,
    /// `transform`, applied in order (empty: none).
    pub transform: Vec<Transform>,
    /// `transform-origin` (x, y), against the border box.
    pub transform_origin: [Dim; 2],
    pub background_color: Rgba,
    pub background_image: Option<BackgroundImage>,
    /// `background-size`, `-position` and `-repeat` of a background picture.
    pub background_placement: Placement,
    /// `mask-image` (a picture's URL, or a gradient) and where it goes (`mask-size`,
    /// `-position`, `-repeat`): the element shows where the mask is opaque.
    pub mask_image: Option<BackgroundImage>,
    pub mask_placement: Placement,
    pub shadows: Vec<Shadow>,
    pub ellipsis: bool,
    pub line_clamp: Option<u32>,
    /// `animation-name`, and whether its fill mode keeps the end state (`forwards`/`both`).
    pub animation: Option<(String, bool)>,
    pub vertical_align: VerticalAlign,
    /// `content` of a `::before`/`::after` box (None: `none`/`normal`, no box).
    pub content: Option<String>,
    // Inherited:
    pub color: Rgba,
    pub font_size: f32,
    pub font_weight: u16,
    pub italic: bool,
    pub font_family: Vec<String>,
    pub line_height: LineHeight,
    pub letter_spacing: f32,
    pub text_align: TextAlign,
    pub white_space: WhiteSpace,
    pub visible: bool,
    pub underline: bool,
    pub line_through: bool,
    /// `pointer-events: none`: taps go through to what is under the element.
    pub pointer_events_none: bool,
    /// `word-break`, and `overflow-wrap: break-word|anywhere` (long words may break).
    pub word_break: WordBreak,
    pub break_long_words: bool,
}

impl Default for ComputedStyle {
    fn default() -> Self {
        ComputedStyle {
            display: Display::Inline,
            position: Position::Static,
            border_box: false,
            width: Dim::Auto,
            height: Dim::Auto,
            min_width: Dim::Auto,
            min_height: Dim::Auto,
            max_width: Dim::Auto,
            max_height: Dim::Auto,
            margin: [Dim::ZERO; 4],
            padding: [Dim::ZERO; 4],
            inset: [Dim::Auto; 4],
            border: [Border::default(); 4],
            radius: [(Dim::ZERO, Dim::ZERO); 4],
            flex_direction: FlexDirection::Row,
            flex_wrap: FlexWrap::NoWrap,
            flex_grow: 0.0,
            flex_shrink: 1.0,
            flex_basis: Dim::Auto,
            justify_content: Distribute::Normal,
            align_content: Distribute::Normal,
            align_items: Align::Normal,
            align_self: Align::Auto,
            gap: [Dim::ZERO; 2],
            order: 0,
            aspect_ratio: None,
            z_index: None,
            overflow: [Overflow::Visible; 2],
            opacity: 1.0,
            transform: Vec::new(),
            transform_origin: [Dim::Length { px: 0.0, percent: 50.0 }; 2],
            background_color: Rgba::TRANSPARENT,
            background_image: None,
            float: Float::None,
            clear: Clear::None,
            background_placement: Placement::default(),
            mask_image: None,
            mask_placement: Placement::default(),
            shadows: Vec::new(),
            ellipsis: false,
            line_clamp: None,
            animation: None,
            vertical_align: VerticalAlign::Baseline,
            content: None,
            color: Rgba::BLACK,
            font_size: 16.0,
            font_weight: 400,
            italic: false,
            font_family: Vec::new(),
            line_height: LineHeight::Normal,
            letter_spacing: 0.0,
            text_align: TextAlign::Start,
            white_space: WhiteSpace::Normal,
            visible: true,
            underline: false,
            line_through: false,
            pointer_events_none: false,
            word_break: WordBreak::Normal,
            break_long_words: false,
        }
    }
}

impl ComputedStyle {
    /// The initial style of a child of `parent`: inherited properties copied, others reset.
    pub fn inherit(parent: &ComputedStyle) -> ComputedStyle {
        ComputedStyle {
            color: parent.color,
            font_size: parent.font_size,
            font_weight: parent.font_weight,
            italic: parent.italic,
            font_family: parent.font_family.clone(),
            line_height: parent.line_height,
            letter_spacing: parent.letter_spacing,
            text_align: parent.text_align,
            white_space: parent.white_space,
            visible: parent.visible,
            pointer_events_none: parent.pointer_events_none,
            word_break: parent.word_break,
            break_long_words: parent.break_long_words,
            ..ComputedStyle::default()
        }
    }

    /// The used line height in px.
    pub fn line_height_px(&self) -> Option<f32> {
        match self.line_height {
            LineHeight::Normal => None,
            LineHeight::Number(n) => Some(n * self.font_size),
            LineHeight::Px(px) => Some(px),
        }
    }

    /// The colour of a border side (`currentColor` when unset).
    pub fn border_color(&self, side: usize) -> Rgba {
        self.border[side].color.unwrap_or(self.color)
    }

    /// Used border width of a side (0 when its style is none).
    pub fn border_width(&self, side: usize) -> f32 {
        if self.border[side].visible {
            self.border[side].width
        } else {
            0.0
        }
    }
}
