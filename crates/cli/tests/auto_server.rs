//! `wxemu auto` as an untrusted network would meet it: a client that never finishes its
//! handshake, or one that connects and goes quiet, keeps nobody else waiting; a web page's
//! handshake (a browser's `Origin`) is refused; only 127.0.0.1 is listened on; a client's
//! `App.callFunction` reaches no more than app code does.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::client::IntoClientRequest;
use tungstenite::Message;

struct Server(Child, u16, std::path::PathBuf);

impl Server {
    /// What the server printed, for a failing assertion's message.
    fn said(&self) -> String {
        std::fs::read_to_string(&self.2).unwrap_or_default()
    }

    /// A plain TCP connection to the server.
    fn tcp(&self) -> TcpStream {
        TcpStream::connect(("127.0.0.1", self.1)).unwrap_or_else(|e| panic!("connecting to wxemu auto: {e}; it said: {}", self.said()))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // (It may have ended already.)
        let _ = self.0.kill();
        let _ = self.0.wait();
        let _ = std::fs::remove_file(&self.2);
    }
}

/// A free port no other test of this file was given (the tests run at once, and the kernel
/// may hand a port just released to the next `bind`).
fn free_port() -> u16 {
    static GIVEN: std::sync::Mutex<Vec<u16>> = std::sync::Mutex::new(Vec::new());
    let mut given = GIVEN.lock().unwrap();
    loop {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        if !given.contains(&port) {
            given.push(port);
            return port;
        }
    }
}

fn start() -> Server {
    let port = free_port();
    let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-apps/todo");
    let said = std::env::temp_dir().join(format!("wxemu-auto-server-{}-{port}.log", std::process::id()));
    let child = Command::new(env!("CARGO_BIN_EXE_wxemu"))
        .args(["auto", "--project"])
        .arg(&project)
        .args(["--auto-port", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&said).unwrap())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut server = Server(child, port, said);
    // It says so once the app is launched and it listens.
    while !server.said().contains("wxemu auto: serving") {
        assert!(Instant::now() < deadline, "wxemu auto did not start serving; it said: {}", server.said());
        assert!(server.0.try_wait().unwrap().is_none(), "wxemu auto ended; it said: {}", server.said());
        std::thread::sleep(Duration::from_millis(50));
    }
    server
}

type Socket = tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>;

fn connect(server: &Server, origin: Option<&str>) -> Result<Socket, tungstenite::Error> {
    let mut request = format!("ws://127.0.0.1:{}", server.1).into_client_request().unwrap();
    if let Some(origin) = origin {
        request.headers_mut().insert("Origin", origin.parse().unwrap());
    }
    let stream = server.tcp();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    tungstenite::client(request, tungstenite::stream::MaybeTlsStream::Plain(stream)).map(|(socket, _)| socket).map_err(|e| match e {
        tungstenite::HandshakeError::Failure(e) => e,
        tungstenite::HandshakeError::Interrupted(_) => panic!("handshake interrupted"),
    })
}

fn ask(socket: &mut Socket, id: u32, method: &str) -> serde_json::Value {
    ask_with(socket, id, method, serde_json::json!({}))
}

fn ask_with(socket: &mut Socket, id: u32, method: &str, params: serde_json::Value) -> serde_json::Value {
    socket.send(Message::text(serde_json::json!({ "id": id, "method": method, "params": params }).to_string())).unwrap();
    loop {
        let Message::Text(text) = socket.read().unwrap() else { continue };
        let reply: serde_json::Value = serde_json::from_str(&text).unwrap();
        if reply["id"] == id {
            return reply;
        }
    }
}

#[test]
fn idle_clients_keep_nobody_waiting() {
    let server = start();
    // One connection that never says anything, one that sends half a handshake, and one
    // WebSocket client that connects and goes quiet.
    let _silent = server.tcp();
    let mut half = server.tcp();
    half.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n").unwrap();
    let _quiet = connect(&server, None).unwrap();
    let started = Instant::now();
    let mut socket = connect(&server, None).unwrap();
    let reply = ask(&mut socket, 1, "App.getCurrentPage");
    assert_eq!(reply["result"]["path"], "pages/index/index", "{reply}");
    assert!(started.elapsed() < Duration::from_secs(4), "answered after {:?}", started.elapsed());
    // A second client at the same time is served too.
    let mut other = connect(&server, None).unwrap();
    assert_eq!(ask(&mut other, 2, "App.getCurrentPage")["result"]["path"], "pages/index/index");
    assert_eq!(ask(&mut socket, 3, "App.getCurrentPage")["result"]["path"], "pages/index/index");
}

#[test]
fn web_pages_are_refused_and_local_tools_served() {
    let server = start();
    for origin in ["https://evil.example", "http://localhost.evil.example", "http://127.0.0.1.evil.example:9"] {
        match connect(&server, Some(origin)) {
            Err(tungstenite::Error::Http(response)) => assert_eq!(response.status(), 403, "{origin}"),
            other => panic!("{origin}: {:?}", other.map(|_| "connected")),
        }
    }
    for origin in [None, Some("null"), Some("http://localhost:3000"), Some("http://127.0.0.1:9420")] {
        let mut socket = connect(&server, origin).unwrap_or_else(|e| panic!("{origin:?}: {e}"));
        assert_eq!(ask(&mut socket, 1, "App.getCurrentPage")["result"]["path"], "pages/index/index");
    }
    // Nothing listens beyond the loopback address.
    let listening = std::fs::read_to_string("/proc/net/tcp").unwrap();
    let port = format!(":{:04X} ", server.1);
    let lines: Vec<&str> = listening.lines().filter(|l| l.contains(&port) && l.split_whitespace().nth(3) == Some("0A")).collect();
    assert!(!lines.is_empty() && lines.iter().all(|l| l.split_whitespace().nth(1).is_some_and(|a| a.starts_with("0100007F:"))), "{lines:?}");
}

#[test]
fn call_function_reaches_no_more_than_app_code() {
    let server = start();
    let mut socket = connect(&server, None).unwrap();
    let probe = r#"function () {
        var g = Function('return this')();
        var internal = Object.getOwnPropertyNames(g).filter(function (k) { return k.indexOf('__wxemu') === 0; });
        var read;
        try { read = require('../../../../../../etc/hostname'); } catch (e) { read = 'refused: ' + e.message; }
        return [typeof __wxemu, typeof __wxemuCall, typeof __wxemuSource, internal.length, read];
    }"#;
    let reply = ask_with(&mut socket, 1, "App.callFunction", serde_json::json!({ "functionDeclaration": probe, "args": [] }));
    let result = reply["result"]["result"].as_array().unwrap_or_else(|| panic!("{reply}"));
    assert_eq!(result[..4], [serde_json::json!("undefined"), serde_json::json!("undefined"), serde_json::json!("undefined"), serde_json::json!(0)], "{reply}");
    assert!(result[4].as_str().is_some_and(|r| r.starts_with("refused: ")), "{reply}");
}
