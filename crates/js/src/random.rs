//! `Math.random` drawn from a seed (the app clock's start), not from the machine: the same run
//! draws the same numbers everywhere, so a page test's screenshot of a shuffled board or a
//! random banner is the same every time, as the rest of a headless run is.

use boa_engine::{Context, Source};

/// sfc32 (Chris Doty-Humphrey's small fast counter generator), 32 random bits per draw.
const SEEDED_JS: &str = r#"
(function (a, b, c, d) {
  function random() {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    var t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  Object.defineProperty(Math, 'random', { value: random, writable: true, configurable: true, enumerable: false });
  for (var i = 0; i < 12; i++) random();
})"#;

/// Replaces `Math.random` with a generator seeded by `seed`.
pub fn install(context: &mut Context, seed: u64) {
    // splitmix64 spreads the seed over the generator's four words.
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) as u32
    };
    let words = [next(), next(), next(), next()];
    let call = format!("{SEEDED_JS}({}, {}, {}, {})", words[0], words[1], words[2], words[3]);
    context.eval(Source::from_bytes(&call)).expect("the seeded Math.random is valid JavaScript");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draws(seed: u64) -> String {
        let mut context = Context::default();
        install(&mut context, seed);
        let drawn = context.eval(Source::from_bytes("[0, 1, 2, 3].map(function () { return Math.random(); })")).unwrap();
        drawn.to_string(&mut context).unwrap().to_std_string_escaped()
    }

    #[test]
    fn the_same_seed_draws_the_same_numbers_in_range_and_another_seed_others() {
        assert_eq!(draws(1), draws(1));
        assert_ne!(draws(1), draws(2));
        let mut context = Context::default();
        install(&mut context, 7);
        let ok = context
            .eval(Source::from_bytes(
                "var n = 10000, lo = 0, ok = true; for (var i = 0; i < n; i++) { var r = Math.random(); ok = ok && r >= 0 && r < 1; if (r < 0.5) lo++; } ok && lo > 4700 && lo < 5300",
            ))
            .unwrap();
        assert_eq!(ok.as_boolean(), Some(true), "uniform enough on [0, 1)");
    }
}
