//! JUnit XML for CI: one `<testsuite>` per test file, a `<testcase>` per test with its
//! `<failure>` or `<skipped/>`.

use crate::{Outcome, TestResult};
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

/// The report of `results` as JUnit XML.
pub fn report(results: &[TestResult]) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    let count = |pick: &dyn Fn(&TestResult) -> bool| results.iter().filter(|r| pick(r)).count().to_string();
    let failed = |r: &TestResult| matches!(r.outcome, Outcome::Failed(_));
    let skipped = |r: &TestResult| r.outcome == Outcome::Skipped;
    let mut root = BytesStart::new("testsuites");
    root.push_attribute(("name", "wxemu test"));
    root.push_attribute(("tests", results.len().to_string().as_str()));
    root.push_attribute(("failures", count(&failed).as_str()));
    root.push_attribute(("skipped", count(&skipped).as_str()));
    write(&mut writer, Event::Start(root));
    let mut files: Vec<&std::path::Path> = results.iter().map(|r| r.file.as_path()).collect();
    files.dedup();
    for file in files {
        let cases: Vec<&TestResult> = results.iter().filter(|r| r.file == file).collect();
        let seconds: f64 = cases.iter().map(|r| r.seconds).sum();
        let mut suite = BytesStart::new("testsuite");
        suite.push_attribute(("name", file.display().to_string().as_str()));
        suite.push_attribute(("tests", cases.len().to_string().as_str()));
        suite.push_attribute(("failures", cases.iter().filter(|r| failed(r)).count().to_string().as_str()));
        suite.push_attribute(("skipped", cases.iter().filter(|r| skipped(r)).count().to_string().as_str()));
        suite.push_attribute(("time", format!("{seconds:.3}").as_str()));
        write(&mut writer, Event::Start(suite));
        for case in cases {
            let mut test = BytesStart::new("testcase");
            test.push_attribute(("name", case.name.as_str()));
            test.push_attribute(("classname", file.display().to_string().as_str()));
            test.push_attribute(("time", format!("{:.3}", case.seconds).as_str()));
            match &case.outcome {
                Outcome::Passed => write(&mut writer, Event::Empty(test)),
                Outcome::Skipped => {
                    write(&mut writer, Event::Start(test));
                    write(&mut writer, Event::Empty(BytesStart::new("skipped")));
                    write(&mut writer, Event::End(BytesEnd::new("testcase")));
                }
                Outcome::Failed(text) => {
                    write(&mut writer, Event::Start(test));
                    let mut failure = BytesStart::new("failure");
                    failure.push_attribute(("message", text.lines().next().unwrap_or_default()));
                    write(&mut writer, Event::Start(failure));
                    write(&mut writer, Event::Text(BytesText::new(text)));
                    write(&mut writer, Event::End(BytesEnd::new("failure")));
                    write(&mut writer, Event::End(BytesEnd::new("testcase")));
                }
            }
        }
        write(&mut writer, Event::End(BytesEnd::new("testsuite")));
    }
    write(&mut writer, Event::End(BytesEnd::new("testsuites")));
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str(&String::from_utf8(writer.into_inner()).expect("the writer writes UTF-8"));
    xml.push('\n');
    xml
}

fn write(writer: &mut Writer<Vec<u8>>, event: Event) {
    writer.write_event(event).expect("writing to memory does not fail");
}
