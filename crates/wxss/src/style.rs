//! Computed styles: what layout and paint need of each element, lengths in px where they
//! can be known at cascade time and as px + percentage where they depend on the container.

pub use wxemu_render::Rgba;

/// A length: `px + percent% of the reference` (calc() of lengths and percentages is always
/// of this form), `auto`, or (for sizes) a size of the content.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Dim {
    Auto,
    Length { px: f32, percent: f32 },
    Content(ContentSize),
}

/// The sizes of a box's content that `width`, `height` and their limits may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContentSize {
    /// `min-content`: as narrow as the content goes.
    Min,
    /// `max-content`: as wide as the content is, without wrapping.
    Max,
    /// `fit-content`: the content's width, but no wider than the room there is.
    Fit,
}

impl Dim {
    pub const ZERO: Dim = Dim::Length { px: 0.0, percent: 0.0 };

    pub fn px(px: f32) -> Dim {
        Dim::Length { px, percent: 0.0 }
    }

    /// The value against `reference` px (None for auto and content sizes).
    pub fn resolve(&self, reference: f32) -> Option<f32> {
        match *self {
            Dim::Auto | Dim::Content(_) => None,
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
    /// A block that contains its floats (`display: flow-root`).
    FlowRoot,
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

/// `text-transform`: the letters' case as drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TextTransform {
    #[default]
    None,
    Uppercase,
    Lowercase,
    /// The first letter of each word in upper case.
    Capitalize,
}

impl TextTransform {
    /// `text` with its letters' case changed.
    pub fn apply(self, text: &str) -> std::borrow::Cow<'_, str> {
        match self {
            TextTransform::None => text.into(),
            TextTransform::Uppercase => text.to_uppercase().into(),
            TextTransform::Lowercase => text.to_lowercase().into(),
            TextTransform::Capitalize => {
                let mut start = true;
                text.chars()
                    .flat_map(|c| {
                        let upper = start && c.is_alphabetic();
                        start = !c.is_alphanumeric();
                        if upper {
                            c.to_uppercase().collect::<Vec<_>>()
                        } else {
                            vec![c]
                        }
                    })
                    .collect::<String>()
                    .into()
            }
        }
    }
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

/// A gradient stop: a colour at a length along the gradient line (px + % of the line; None:
/// placed between its neighbours).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stop {
    pub color: Rgba,
    pub at: Option<Dim>,
}

/// How far a radial gradient's ending shape reaches: to a side or corner of the box, or a
/// size (x and y radii; a circle's are equal).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RadialExtent {
    ClosestSide,
    FarthestSide,
    ClosestCorner,
    FarthestCorner,
    Size(Dim, Dim),
}

/// The image of a background or mask layer: a file, or a gradient.
#[derive(Clone, Debug, PartialEq)]
pub enum BackgroundImage {
    Url(String),
    /// A linear gradient at an angle (degrees, CSS convention: 0 points up, 90 right).
    Linear {
        angle: f32,
        stops: Vec<Stop>,
        repeating: bool,
    },
    /// A radial gradient: a circle or an ellipse of `extent` centred at `center` (x, y in
    /// the box).
    Radial {
        circle: bool,
        extent: RadialExtent,
        center: [Dim; 2],
        stops: Vec<Stop>,
        repeating: bool,
    },
}

/// One of a box's boxes, as `background-origin` and `-clip` name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoxArea {
    Border,
    Padding,
    Content,
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
/// position (x, y: percentages of the room the picture leaves in the origin box), whether it
/// repeats (x, y), the box it is placed in (`-origin`) and the one it is clipped to (`-clip`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    pub size: BackgroundSize,
    pub position: [Dim; 2],
    pub repeat: [bool; 2],
    pub origin: BoxArea,
    pub clip: BoxArea,
}

/// A box's background or mask layers, each property's list as the cascade gave it. The
/// images say how many layers there are (the first is drawn on top); the other lists repeat
/// to match, as CSS says.
#[derive(Clone, Debug, PartialEq)]
pub struct Layers {
    /// One per layer; None where the image is `none` or one wxemu does not draw.
    pub images: Vec<Option<BackgroundImage>>,
    pub sizes: Vec<BackgroundSize>,
    pub x: Vec<Dim>,
    pub y: Vec<Dim>,
    pub repeats: Vec<[bool; 2]>,
    pub origins: Vec<BoxArea>,
    pub clips: Vec<BoxArea>,
}

impl Layers {
    /// No layers, placed in `origin` and clipped to the border box when some are given
    /// (backgrounds start at the padding box, masks at the border box).
    pub fn new(origin: BoxArea) -> Layers {
        Layers {
            images: Vec::new(),
            sizes: vec![BackgroundSize::Explicit(Dim::Auto, Dim::Auto)],
            x: vec![Dim::ZERO],
            y: vec![Dim::ZERO],
            repeats: vec![[true; 2]],
            origins: vec![origin],
            clips: vec![BoxArea::Border],
        }
    }

    /// The layers with their images, top first.
    pub fn layers(&self) -> impl DoubleEndedIterator<Item = (&BackgroundImage, Placement)> {
        fn nth<T: Copy>(list: &[T], i: usize, default: T) -> T {
            if list.is_empty() {
                default
            } else {
                list[i % list.len()]
            }
        }
        self.images.iter().enumerate().filter_map(|(i, image)| {
            let placement = Placement {
                size: nth(&self.sizes, i, BackgroundSize::Explicit(Dim::Auto, Dim::Auto)),
                position: [nth(&self.x, i, Dim::ZERO), nth(&self.y, i, Dim::ZERO)],
                repeat: nth(&self.repeats, i, [true; 2]),
                origin: nth(&self.origins, i, BoxArea::Padding),
                clip: nth(&self.clips, i, BoxArea::Border),
            };
            image.as_ref().map(|image| (image, placement))
        })
    }

    /// The box the background colour is clipped to: the bottom layer's `-clip`.
    pub fn color_clip(&self) -> BoxArea {
        if self.clips.is_empty() {
            BoxArea::Border
        } else {
            self.clips[self.images.len().max(1).saturating_sub(1) % self.clips.len()]
        }
    }

    /// Whether a layer draws something.
    pub fn any(&self) -> bool {
        self.images.iter().any(Option::is_some)
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
    /// Solid, dashed or dotted (the other styles are drawn solid).
    pub line: wxemu_render::Line,
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
    /// `background-image` and where each goes (`-size`, `-position`, `-repeat`, `-origin`,
    /// `-clip`).
    pub background: Layers,
    /// `mask-image` (a picture's URL, or a gradient) and where it goes (`mask-size`,
    /// `-position`, `-repeat`, `-origin`, `-clip`): the element shows where the mask is opaque.
    pub mask: Layers,
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
    pub text_transform: TextTransform,
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
            background: Layers::new(BoxArea::Padding),
            float: Float::None,
            clear: Clear::None,
            mask: Layers::new(BoxArea::Border),
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
            text_transform: TextTransform::None,
        }
    }
}

impl ComputedStyle {
    /// Every property at its initial value (what the page root inherits from).
    pub fn initial() -> ComputedStyle {
        ComputedStyle { font_size: crate::cascade::ROOT_FONT_SIZE, ..ComputedStyle::default() }
    }

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
            text_transform: parent.text_transform,
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
