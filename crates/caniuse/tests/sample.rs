//! Schemas drawn from the sources by scripts/caniuse/generate.js (tests/sample.txt): each is
//! available from the version that introduced it and not on the release just before.

use wxemu_caniuse::{Database, Version};

/// (schema, introduced, release before) from tests/sample.txt.
pub fn sample() -> Vec<(String, Version, Version)> {
    let text = include_str!("sample.txt");
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let version = |i: usize| Version::parse(fields[i]).unwrap_or_else(|| panic!("bad line `{line}`"));
            (fields[0].to_string(), version(1), version(2))
        })
        .collect()
}

#[test]
fn each_sampled_schema_comes_with_its_version() {
    let db = Database::get();
    let sample = sample();
    assert!(sample.len() >= 300, "the sample has {} schemas", sample.len());
    for (schema, since, before) in &sample {
        assert!(db.can_i_use(schema, *since), "{schema} at {since}");
        assert!(!db.can_i_use(schema, *before), "{schema} at {before}, before {since}");
        assert!(db.is_release(*before) && before < since);
    }
}
