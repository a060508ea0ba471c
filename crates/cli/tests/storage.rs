//! `wx` storage on disk through the `wxemu` binary: it survives the process being killed in
//! the middle of writing, and `wxemu storage` reads and changes it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;
use wxemu_core::Storage;

fn wxemu(data_dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wxemu"));
    command.env("WXEMU_DATA_DIR", data_dir);
    command
}

fn app(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/apps").join(name)
}

#[test]
fn storage_survives_a_kill_in_the_middle_of_writing() {
    let data = tempfile::tempdir().unwrap();
    let file = Storage::file_for(data.path(), None, &app("storage-writer"));
    let mut last = 0;
    for round in 0..8u64 {
        // The app writes 300 KB on every 1 ms timer for as long as it runs.
        let mut child = wxemu(data.path()).args(["dump", "--advance", "100000000"]).arg(app("storage-writer")).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(150 + 37 * round));
        child.kill().unwrap();
        child.wait().unwrap();
        let storage = Storage::on_disk(&file).unwrap_or_else(|e| panic!("round {round}: {e}"));
        let n: u64 = storage.get("n").expect("written").data.parse().unwrap();
        let blob = &storage.get("blob").expect("written").data;
        assert!(blob.ends_with(&format!("x{n}")), "round {round}: the counter and the value stored with it are in step");
        assert!(n > last, "round {round}: the run went on from what the last one stored ({last} → {n})");
        last = n;
    }
}

#[test]
fn wxemu_storage_lists_reads_sets_and_clears() {
    let data = tempfile::tempdir().unwrap();
    let project = app("storage-writer");
    let run = |args: &[&str]| {
        let out = wxemu(data.path()).arg("storage").arg(&project).args(args).output().unwrap();
        (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    assert!(run(&["set", "user", r#"{"name":"小明"}"#]).0);
    assert!(run(&["set", "greeting", "hello"]).0);
    assert_eq!(run(&["get", "user"]).1, "{\"name\":\"小明\"}\n");
    assert_eq!(run(&["get", "greeting"]).1, "\"hello\"\n");
    let (_, list, _) = run(&[]);
    assert!(list.contains("user\tObject\t17 bytes") && list.contains("greeting\tString\t5 bytes"), "{list}");
    assert!(run(&["clear"]).0);
    let (ok, _, err) = run(&["get", "user"]);
    assert!(!ok && err.contains("no key `user`"), "{err}");
}

#[test]
fn two_processes_writing_one_store_keep_each_others_updates() {
    let data = tempfile::tempdir().unwrap();
    let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-apps/todo");
    let writer = |prefix: &'static str| {
        let (data, project) = (data.path().to_path_buf(), project.clone());
        std::thread::spawn(move || {
            for i in 0..15 {
                let out = Command::new(env!("CARGO_BIN_EXE_wxemu")).args(["storage"]).arg(&project).args(["set", &format!("{prefix}{i}"), "1"]).env("WXEMU_DATA_DIR", &data).output().unwrap();
                assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            }
        })
    };
    let (a, b) = (writer("a"), writer("b"));
    a.join().unwrap();
    b.join().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_wxemu")).arg("storage").arg(&project).arg("list").env("WXEMU_DATA_DIR", data.path()).output().unwrap();
    let listed = String::from_utf8_lossy(&out.stdout);
    let missing: Vec<String> = (0..15).flat_map(|i| [format!("a{i}"), format!("b{i}")]).filter(|k| !listed.lines().any(|l| l.split_whitespace().next() == Some(k.as_str()))).collect();
    assert!(missing.is_empty(), "lost: {missing:?}\n{listed}");
}
