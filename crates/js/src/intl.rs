//! `Intl` (boa's ECMA-402, with its bundled ICU data) as a phone in China gives it: a locale
//! or time zone left out is `zh-CN` and `Asia/Shanghai`, never the machine's own, so the
//! same script prints the same on every machine. What boa leaves out (currency and percent
//! number styles, `RelativeTimeFormat`) throws or prints as boa does.

use boa_engine::{Context, Source};

/// Wraps the constructors and `toLocale…` methods to fill in the phone's locale and zone.
const PIN_JS: &str = r#"
(function () {
  var LOCALE = 'zh-CN', ZONE = 'Asia/Shanghai';
  function locale(locales) { return locales === undefined ? LOCALE : locales; }
  function zoned(options) {
    if (options === undefined || options === null) return { timeZone: ZONE };
    if (Object(options).timeZone !== undefined) return options;
    var copy = {};
    for (var key in options) copy[key] = options[key];
    copy.timeZone = ZONE;
    return copy;
  }
  function define(target, name, value) {
    Object.defineProperty(target, name, { value: value, writable: true, configurable: true, enumerable: false });
  }
  ['Collator', 'DateTimeFormat', 'ListFormat', 'NumberFormat', 'PluralRules', 'Segmenter'].forEach(function (name) {
    var Native = Intl[name];
    if (typeof Native !== 'function') return;
    var pinned = function (locales, options) { return new Native(locale(locales), name === 'DateTimeFormat' ? zoned(options) : options); };
    pinned.prototype = Native.prototype;
    define(pinned, 'supportedLocalesOf', Native.supportedLocalesOf);
    define(Native.prototype, 'constructor', pinned);
    define(Intl, name, pinned);
  });
  function pin(proto, name, zone) {
    var native = proto[name];
    if (typeof native !== 'function') return;
    define(proto, name, function (locales, options) { return native.call(this, locale(locales), zone ? zoned(options) : options); });
  }
  pin(Number.prototype, 'toLocaleString', false);
  pin(Array.prototype, 'toLocaleString', false);
  pin(Date.prototype, 'toLocaleString', true);
  pin(Date.prototype, 'toLocaleDateString', true);
  pin(Date.prototype, 'toLocaleTimeString', true);
  var compare = String.prototype.localeCompare;
  define(String.prototype, 'localeCompare', function (that, locales, options) { return compare.call(this, that, locale(locales), options); });
})();
"#;

/// Pins `Intl`'s defaults in `context` (before any script runs).
pub fn install(context: &mut Context) {
    context.eval(Source::from_bytes(PIN_JS)).expect("the Intl pins run");
}

#[cfg(test)]
mod tests {
    use boa_engine::Source;

    fn run(code: &str) -> String {
        let mut context = crate::new_context(1_000_000);
        context.eval(Source::from_bytes(code)).unwrap().to_string(&mut context).unwrap().to_std_string_escaped()
    }

    #[test]
    fn locale_and_zone_are_the_phones() {
        assert_eq!(run("Intl.DateTimeFormat().resolvedOptions().locale"), "zh", "not the machine's own");
        assert_eq!(run("new Intl.NumberFormat().format(1234567.891)"), "1,234,567.891");
        assert_eq!(run("(1234.5).toLocaleString()"), "1,234.5");
        assert_eq!(run("new Intl.DateTimeFormat(undefined, { dateStyle: 'long' }).format(new Date(0))"), "1970年1月1日");
        // The Unix epoch is 08:00 in Beijing.
        assert_eq!(run("new Intl.DateTimeFormat('zh-CN', { hour: 'numeric', minute: 'numeric' }).format(new Date(0))"), "08:00");
        assert_eq!(run("['张', '李', '王'].sort(new Intl.Collator().compare).join()"), "李,王,张");
        assert_eq!(run("['张', '李', '王'].sort((a, b) => a.localeCompare(b)).join()"), "李,王,张");
        assert_eq!(run("new Intl.ListFormat().format(['a', 'b', 'c'])"), "a、b和c");
        assert_eq!(run("new Intl.PluralRules('en').select(1)"), "one");
        assert_eq!(run("new Intl.NumberFormat() instanceof Intl.NumberFormat"), "true");
    }
}
