//! The rpx pre-pass: `n rpx` becomes px for the device width exactly as the official
//! compiler's runtime (`transformRPX` in wcsc's output) does it, before lightningcss parses.

use crate::device::Device;
use cssparser::{Parser, ParserInput, Token};

/// `transformRPX`: `floor(n / 750 * width + 1e-4)`, and a non-zero value that floors to 0
/// becomes 1 px (0.5 px on iOS at dpr ≥ 2).
pub fn rpx_to_px(n: f64, device: &Device) -> f64 {
    if n == 0.0 {
        return 0.0;
    }
    let px = (n / 750.0 * device.width as f64 + 1e-4).floor();
    if px != 0.0 {
        px
    } else if device.dpr == 1.0 || !device.ios {
        1.0
    } else {
        0.5
    }
}

/// Text after the rpx pass, with what is needed to map positions back to the source.
pub struct Converted {
    /// The CSS with every `rpx` dimension written in px.
    pub css: String,
    /// Per rewritten token: (line, column in the output just after it, columns removed).
    shifts: Vec<(u32, u32, i64)>,
}

impl Converted {
    /// The source column (1-based) of output column `column` on `line` (0-based).
    pub fn source_column(&self, line: u32, column: u32) -> u32 {
        let shift: i64 = self.shifts.iter().filter(|(l, c, _)| *l == line && *c <= column).map(|(_, _, d)| d).sum();
        (column as i64 + shift).max(1) as u32
    }
}

/// Rewrites `rpx` dimensions (lowercase only, like wcsc; strings and urls untouched).
pub fn convert(css: &str, device: &Device) -> Converted {
    let mut input = ParserInput::new(css);
    let mut parser = Parser::new(&mut input);
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    collect(&mut parser, device, &mut edits);
    let mut out = String::with_capacity(css.len());
    let mut shifts = Vec::with_capacity(edits.len());
    let mut last = 0;
    for (start, end, px) in edits {
        out.push_str(&css[last..start]);
        out.push_str(&px);
        last = end;
        let line = css[..start].matches('\n').count() as u32;
        let column = out.len() - out.rfind('\n').map_or(0, |i| i + 1);
        shifts.push((line, column as u32 + 1, (end - start) as i64 - px.len() as i64));
    }
    out.push_str(&css[last..]);
    Converted { css: out, shifts }
}

fn collect(parser: &mut Parser, device: &Device, edits: &mut Vec<(usize, usize, String)>) {
    loop {
        let start = parser.position().byte_index();
        let token = match parser.next_including_whitespace_and_comments() {
            Ok(token) => token.clone(),
            Err(_) => return,
        };
        match token {
            Token::Dimension { value, unit, .. } if &*unit == "rpx" => {
                let end = parser.position().byte_index();
                edits.push((start, end, format!("{}px", rpx_to_px(value as f64, device))));
            }
            Token::Function(_) | Token::ParenthesisBlock | Token::SquareBracketBlock | Token::CurlyBracketBlock => {
                let _ = parser.parse_nested_block(|nested| {
                    collect(nested, device, edits);
                    Ok::<(), cssparser::ParseError<()>>(())
                });
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rpx_follows_the_official_rounding() {
        let d = Device::IPHONE_6;
        assert_eq!(rpx_to_px(100.0, &d), 50.0);
        assert_eq!(rpx_to_px(1.0, &d), 0.5);
        assert_eq!(rpx_to_px(-1.0, &d), -1.0);
        assert_eq!(rpx_to_px(3.0, &d), 1.0);
        assert_eq!(rpx_to_px(1.0, &Device { ios: false, ..d }), 1.0);
        assert_eq!(rpx_to_px(750.0, &Device { width: 414.0, ..d }), 414.0);
    }

    #[test]
    fn only_rpx_tokens_change_and_columns_map_back() {
        let c = convert(".a{width:100rpx;content:\"10rpx\";margin:3RPX calc(20rpx + 1px)}\n.b{top:750rpx}", &Device::IPHONE_6);
        assert_eq!(c.css, ".a{width:50px;content:\"10rpx\";margin:3RPX calc(10px + 1px)}\n.b{top:375px}");
        // `.b` starts line 1 at column 1 either way; `content` moved left by 2 columns.
        assert_eq!(c.source_column(1, 1), 1);
        assert_eq!(c.source_column(0, 16), 18);
    }
}
