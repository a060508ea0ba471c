//! The network APIs (tests/apps/calls, an app that records what its wx calls get):
//! wx.request, downloadFile, uploadFile and sockets against real servers this test starts
//! on 127.0.0.1, and against mock routes on the virtual clock; the URL check, the request
//! log, errors and task objects.

use serde_json::{json, Value as Json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::time::Duration;
use wxemu_core::{LaunchOptions, Routes, Simulator};

mod calls;
use calls::{app_dir, eval, launch, names, seen};

/// An HTTP/1.1 server on 127.0.0.1 answering a few paths (each connection one exchange):
/// `/json`, `/echo` (the request as JSON), `/slow` (after 500 ms), `/bytes`, `/file.png`
/// (1000 bytes), `/missing` (404).
fn http_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || answer(stream));
        }
    });
    address
}

fn answer(stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or_default().to_string(), parts.next().unwrap_or_default().to_string());
    let mut headers = serde_json::Map::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).unwrap();
        let Some((name, value)) = header.trim_end().split_once(": ") else { break };
        headers.insert(name.to_ascii_lowercase(), value.into());
    }
    let length = headers.get("content-length").and_then(|v| v.as_str()?.parse().ok()).unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    let path = target.split('?').next().unwrap_or_default();
    let (status, kind, content): (&str, &str, Vec<u8>) = match path {
        "/json" => ("200 OK", "application/json", br#"{"hello":"world","n":1}"#.to_vec()),
        "/echo" => {
            let echo = json!({ "method": method, "target": target, "headers": headers, "body": String::from_utf8_lossy(&body) });
            ("200 OK", "application/json", echo.to_string().into_bytes())
        }
        "/slow" => {
            std::thread::sleep(Duration::from_millis(500));
            ("200 OK", "text/plain", b"late".to_vec())
        }
        "/bytes" => ("200 OK", "application/octet-stream", vec![0, 1, 2, 255]),
        "/file.png" => ("200 OK", "image/png", (0..1000).map(|i| (i % 251) as u8).collect()),
        // Past the 200 MB a download may bring.
        "/huge" => ("200 OK", "application/octet-stream", vec![7; 201 * 1024 * 1024]),
        _ => ("404 Not Found", "text/plain", b"missing".to_vec()),
    };
    let mut out = stream;
    let head = format!("HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nX-Served-By: test\r\nSet-Cookie: a=1\r\nConnection: close\r\n\r\n", content.len());
    let _ = out.write_all(head.as_bytes());
    let _ = out.write_all(&content);
}

/// A WebSocket server on 127.0.0.1 that echoes messages and closes with 4000 "bye" when
/// sent "bye".
fn socket_server() -> String {
    wxemu_testkit::websocket_server(|mut socket| {
        while let Ok(message) = socket.read() {
            match message {
                tungstenite::Message::Text(text) if text.as_str() == "bye" => {
                    let frame = tungstenite::protocol::CloseFrame { code: 4000.into(), reason: "bye".into() };
                    let _ = socket.close(Some(frame));
                }
                m @ (tungstenite::Message::Text(_) | tungstenite::Message::Binary(_)) => {
                    let _ = socket.send(m);
                }
                _ => {}
            }
        }
    })
}

#[test]
fn request_sends_data_by_the_platform_rules_and_decodes_the_answer() {
    let server = http_server();
    let mut sim = launch(LaunchOptions::default());
    let calls = format!(
        r#"() => {{
        const task = wx.request({{ url: '{server}/echo?x=1', data: {{ a: 'b c', n: 2, o: {{}} }}, ...callbacks('get') }})
        wx.request({{ url: '{server}/echo', method: 'post', data: {{ a: [1, 2] }}, header: {{ Referer: 'x', 'X-Mine': 7 }}, ...callbacks('json') }})
        wx.request({{ url: '{server}/echo', method: 'PUT', data: {{ a: 1, b: 'é' }}, header: {{ 'Content-Type': 'application/x-www-form-urlencoded' }}, ...callbacks('form') }})
        wx.request({{ url: '{server}/json', dataType: 'text', ...callbacks('text') }})
        wx.request({{ url: '{server}/bytes', responseType: 'arraybuffer', ...callbacks('bytes') }})
        wx.request({{ url: '{server}/missing', ...callbacks('missing') }})
        return [typeof task.abort, typeof task.onHeadersReceived, typeof task.then]
    }}"#
    );
    assert_eq!(eval(&mut sim, &calls), json!(["function", "function", "undefined"]), "a RequestTask, never a Promise");
    assert!(seen(&mut sim).is_empty(), "nothing arrives before the clock moves");
    sim.advance(0);
    let mut results: Vec<(String, Json)> = seen(&mut sim);
    results.sort_by(|a, b| a.0.cmp(&b.0));
    let find = |name: &str| results.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("{name} in {results:?}")).1.clone();
    let get = find("get success");
    assert_eq!(get["errMsg"], "request:ok");
    assert_eq!(get["statusCode"], 200);
    assert_eq!(get["data"]["method"], "GET");
    assert_eq!(get["data"]["target"], "/echo?x=1&a=b%20c&n=2&o=%5Bobject%20Object%5D");
    assert_eq!(get["data"]["headers"]["content-type"], "application/json");
    assert_eq!(get["data"]["headers"]["referer"], "https://servicewechat.com/wx0123456789abcdef/devtools/page-frame.html");
    // Header names as the server spells them (apps read `res.header['Content-Type']`).
    assert_eq!((get["header"]["X-Served-By"].as_str(), get["header"]["Content-Type"].as_str()), (Some("test"), Some("application/json")), "{}", get["header"]);
    assert_eq!(get["cookies"], json!(["a=1"]));
    let post = find("json success");
    assert_eq!((post["data"]["method"].as_str(), post["data"]["body"].as_str()), (Some("POST"), Some(r#"{"a":[1,2]}"#)));
    assert_eq!(post["data"]["headers"]["x-mine"], "7");
    assert_eq!(post["data"]["headers"]["referer"], "https://servicewechat.com/wx0123456789abcdef/devtools/page-frame.html", "the app cannot set Referer");
    assert_eq!(find("form success")["data"]["body"], "a=1&b=%C3%A9");
    assert_eq!(find("text success")["data"], r#"{"hello":"world","n":1}"#, "dataType other than json: not parsed");
    assert_eq!(find("bytes success")["data"], json!({ "byteLength": 4, "bytes": [0, 1, 2, 255] }));
    let missing = find("missing success");
    assert_eq!((missing["statusCode"].as_u64(), missing["data"].as_str()), (Some(404), Some("missing")), "an HTTP error status is still a success");
    let log = sim.requests();
    assert_eq!(log.len(), 6);
    assert_eq!((log[1].method.as_str(), log[1].body.as_str(), log[1].status, log[1].mocked), ("POST", r#"{"a":[1,2]}"#, Some(200), false));
}

#[test]
fn request_tasks_report_headers_time_out_and_abort() {
    let server = http_server();
    let mut sim = launch(LaunchOptions::default());
    eval(
        &mut sim,
        &format!(
            r#"() => {{
        const task = wx.request({{ url: '{server}/json', ...callbacks('json') }})
        task.onHeadersReceived(record('headers'))
        wx.request({{ url: '{server}/slow', timeout: 100, ...callbacks('slow') }})
        wx.request({{ url: '{server}/slow', ...callbacks('aborted') }}).abort()
        wx.request({{ url: 'http://127.0.0.1:1/', ...callbacks('refused') }})
        wx.request({{ method: 'GET', ...callbacks('no url') }})
    }}"#
        ),
    );
    sim.advance(0);
    let results = seen(&mut sim);
    let find = |name: &str| results.iter().position(|(n, _)| n == name).unwrap_or_else(|| panic!("{name} in {results:?}"));
    assert!(find("headers") < find("json success"), "onHeadersReceived comes first");
    assert_eq!(results[find("headers")].1["statusCode"], 200);
    assert_eq!(results[find("json success")].1["data"], json!({"hello": "world", "n": 1}));
    assert_eq!(results[find("slow fail")].1, json!({"errMsg": "request:fail timeout", "errno": 5}));
    assert_eq!(results[find("aborted fail")].1, json!({"errMsg": "request:fail abort"}));
    assert!(!names(&results).contains(&"aborted success"));
    assert_eq!(results[find("refused fail")].1, json!({"errMsg": "request:fail net::ERR_CONNECTION_REFUSED", "errno": 600001}));
    assert_eq!(results[find("no url fail")].1["errMsg"], "request:fail parameter error: parameter.url should be String instead of Undefined;");
}

#[test]
fn files_download_into_the_sandbox_and_upload_from_it() {
    let server = http_server();
    let mut sim = launch(LaunchOptions::default());
    eval(
        &mut sim,
        &format!(
            r#"() => {{
        const task = wx.downloadFile({{ url: '{server}/file.png', ...callbacks('download') }})
        task.onProgressUpdate(record('progress'))
        wx.downloadFile({{ url: '{server}/file.png', filePath: wx.env.USER_DATA_PATH + '/saved/../kept.png', ...callbacks('saved') }})
        wx.downloadFile({{ url: '{server}/file.png', filePath: '/images/evil.png', ...callbacks('into the package') }})
        wx.downloadFile({{ url: '{server}/file.png', filePath: wx.env.USER_DATA_PATH + '/../../escape.png', ...callbacks('escape') }})
    }}"#
        ),
    );
    sim.advance(0);
    let results = seen(&mut sim);
    let find = |name: &str| results.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("{name} in {results:?}")).1.clone();
    let download = find("download success");
    assert_eq!(download["tempFilePath"], "wxfile://tmp_1.png");
    assert_eq!((download["statusCode"].as_u64(), download["dataLength"].as_u64()), (Some(200), Some(1000)));
    assert_eq!(find("progress"), json!({"progress": 100, "totalBytesWritten": 1000, "totalBytesExpectedToWrite": 1000}));
    assert_eq!(find("saved success")["filePath"], "wxfile://usr/saved/../kept.png");
    assert_eq!(find("into the package fail")["errMsg"], "downloadFile:fail permission denied, open /images/evil.png");
    assert_eq!(find("escape fail")["errMsg"], "downloadFile:fail permission denied, open wxfile://usr/../../escape.png");

    eval(
        &mut sim,
        &format!(
            r#"() => {{
        const task = wx.uploadFile({{ url: '{server}/echo', filePath: 'wxfile://tmp_1.png', name: 'photo', formData: {{ user: 'ann' }}, ...callbacks('upload') }})
        task.onProgressUpdate(record('sent'))
        wx.uploadFile({{ url: '{server}/echo', filePath: 'wxfile://tmp_../../../etc/passwd', name: 'f', ...callbacks('sneaky') }})
        wx.uploadFile({{ url: '{server}/echo', filePath: 'wxfile://tmp_404.png', name: 'f', ...callbacks('absent') }})
    }}"#
        ),
    );
    sim.advance(0);
    let results = seen(&mut sim);
    let find = |name: &str| results.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("{name} in {results:?}")).1.clone();
    let upload = find("upload success");
    assert_eq!(upload["statusCode"], 200);
    let echoed: Json = serde_json::from_str(upload["data"].as_str().expect("upload data is the response text")).unwrap();
    assert!(echoed["headers"]["content-type"].as_str().unwrap().starts_with("multipart/form-data; boundary="));
    let body = echoed["body"].as_str().unwrap();
    assert!(body.contains("name=\"user\"\r\n\r\nann"), "{body}");
    assert!(body.contains("name=\"photo\"; filename=\"1.png\""), "{body}");
    assert_eq!(find("sent"), json!({"progress": 100, "totalBytesSent": 1000, "totalBytesExpectedToSend": 1000}));
    assert_eq!(find("sneaky fail")["errMsg"], "uploadFile:fail permission denied, open wxfile://tmp_../../../etc/passwd");
    assert_eq!(find("absent fail")["errMsg"], "uploadFile:fail no such file or directory, open wxfile://tmp_404.png");
}

#[test]
fn a_body_past_200_mb_fails_the_download_instead_of_filling_the_memory() {
    let server = http_server();
    let mut sim = launch(LaunchOptions::default());
    eval(&mut sim, &format!("() => {{ wx.downloadFile({{ url: '{server}/huge', ...callbacks('huge') }}) }}"));
    sim.advance(0);
    let results = seen(&mut sim);
    let fail = results.iter().find(|(n, _)| n == "huge fail").unwrap_or_else(|| panic!("{results:?}")).1.clone();
    assert_eq!(fail["errMsg"], "downloadFile:fail exceed max file size: the body is larger than 200 MB");
}

#[test]
fn sockets_open_exchange_messages_and_close() {
    let server = socket_server();
    let mut sim = launch(LaunchOptions::default());
    eval(
        &mut sim,
        &format!(
            r#"() => {{
        const socket = wx.connectSocket({{ url: '{server}/chat', ...callbacks('connect') }})
        globalThis.socket = socket
        socket.onOpen(record('open'))
        socket.onMessage(record('message'))
        socket.onClose(record('close'))
        wx.onSocketMessage(record('global message'))
    }}"#
        ),
    );
    assert_eq!(names(&seen(&mut sim)), ["connect success"], "connectSocket succeeds once the task is made");
    sim.advance(0);
    assert_eq!(names(&seen(&mut sim)), ["open"], "the clock waits for the handshake");
    eval(&mut sim, "() => { socket.send({ data: 'hi', ...callbacks('send') }); socket.send({ data: new Uint8Array([7, 8]).buffer }) }");
    let mut got = seen(&mut sim);
    while got.iter().filter(|(n, _)| n == "message").count() < 2 {
        assert!(sim.wait_for_network(Duration::from_secs(5)), "the echo comes back: {got:?}");
        got.extend(seen(&mut sim));
    }
    assert_eq!(got[0], ("send success".to_string(), json!({"errMsg": "sendSocketMessage:ok"})));
    let messages: Vec<&Json> = got.iter().filter(|(n, _)| n == "message").map(|(_, m)| &m["data"]).collect();
    assert_eq!(messages, [&json!("hi"), &json!({"byteLength": 2, "bytes": [7, 8]})]);
    assert_eq!(got.iter().filter(|(n, _)| n == "global message").count(), 2, "wx.onSocketMessage hears the last socket");
    eval(&mut sim, "() => wx.sendSocketMessage({ data: 'bye' })");
    let mut got = seen(&mut sim);
    while !names(&got).contains(&"close") {
        assert!(sim.wait_for_network(Duration::from_secs(5)), "the server closes: {got:?}");
        got.extend(seen(&mut sim));
    }
    assert_eq!(got.last().unwrap().1, json!({"code": 4000, "reason": "bye"}));
    eval(&mut sim, "() => socket.send({ data: 'late', ...callbacks('late') })");
    assert_eq!(seen(&mut sim), [("late fail".to_string(), json!({"errMsg": "sendSocketMessage:fail WebSocket is not connected"}))]);
}

/// A WebSocket server on 127.0.0.1 that sends small text messages without end.
fn flooding_socket_server() -> String {
    wxemu_testkit::websocket_server(|mut socket| while socket.send(tungstenite::Message::text("flood")).is_ok() {})
}

#[test]
fn a_socket_that_never_stops_sending_cannot_hold_the_clock() {
    let server = flooding_socket_server();
    let mut sim = launch(LaunchOptions::default());
    eval(&mut sim, &format!("() => {{ globalThis.got = 0; wx.connectSocket({{ url: '{server}/flood' }}).onMessage(() => globalThis.got++) }}"));
    sim.advance(0);
    for _ in 0..3 {
        assert!(sim.wait_for_network(Duration::from_secs(5)), "the flood comes");
        sim.advance(100);
    }
    let got = eval(&mut sim, "() => globalThis.got");
    let got = got.as_u64().unwrap_or_else(|| panic!("{got:?}"));
    assert!((1..=10_000).contains(&got), "each step delivers at most 1,000 messages and returns, got {got}");
}

const ROUTES: &str = r#"{
  "domains": ["api.example.com"],
  "routes": [
    { "method": "GET", "url": "https://api.example.com/todos*", "status": 200, "headers": {"X-Total": 2}, "body": [{"id": 1}, {"id": 2}], "delay": 120 },
    { "method": "POST", "url": "https://api.example.com/todos", "status": 201, "body": "created" },
    { "url": "https://api.example.com/slow", "fail": "timeout" },
    { "url": "https://api.example.com/down", "fail": "net::ERR_CONNECTION_RESET", "delay": 5 },
    { "url": "wss://api.example.com/chat", "echo": true, "delay": 10, "messages": ["welcome"] }
  ]
}"#;

fn mocked() -> Simulator {
    let routes = Routes::parse(ROUTES, Path::new(".")).unwrap();
    launch(LaunchOptions { routes: Some(routes), ..LaunchOptions::default() })
}

#[test]
fn mock_routes_answer_on_the_virtual_clock_and_are_logged() {
    let mut sim = mocked();
    eval(
        &mut sim,
        r#"() => {
        wx.request({ url: 'https://api.example.com/todos?page=1', ...callbacks('todos') }).onHeadersReceived(record('headers'))
        wx.request({ url: 'https://api.example.com/todos', method: 'POST', data: { title: 'x' }, ...callbacks('create') })
        wx.request({ url: 'https://api.example.com/slow', ...callbacks('slow') })
        wx.request({ url: 'https://api.example.com/down', ...callbacks('down') })
        wx.request({ url: 'https://api.example.com/other', ...callbacks('other') })
    }"#,
    );
    sim.advance(0);
    let now = seen(&mut sim);
    assert_eq!(names(&now), ["other fail", "create success"]);
    assert_eq!(now[0].1["errMsg"], "request:fail no mock route matches GET https://api.example.com/other");
    assert_eq!((now[1].1["statusCode"].as_u64(), now[1].1["data"].as_str()), (Some(201), Some("created")));
    sim.advance(5);
    assert_eq!(seen(&mut sim), [("down fail".to_string(), json!({"errMsg": "request:fail net::ERR_CONNECTION_RESET", "errno": 600001}))]);
    sim.advance(114);
    assert!(seen(&mut sim).is_empty(), "the route's delay is 120 ms");
    sim.advance(1);
    let todos = seen(&mut sim);
    assert_eq!(names(&todos), ["headers", "todos success"]);
    assert_eq!(todos[1].1["data"], json!([{"id": 1}, {"id": 2}]));
    assert_eq!(todos[1].1["header"], json!({"X-Total": "2", "Content-Type": "application/json"}));
    sim.advance(3000 - 120 - 1);
    assert!(seen(&mut sim).is_empty());
    sim.advance(1);
    assert_eq!(seen(&mut sim), [("slow fail".to_string(), json!({"errMsg": "request:fail timeout", "errno": 5}))], "app.json's networkTimeout.request is 3000");
    let log = sim.requests();
    let summary: Vec<(u64, &str, &str, Option<u16>, Option<&str>)> = log.iter().map(|r| (r.time, r.method.as_str(), r.url.as_str(), r.status, r.error.as_deref())).collect();
    assert_eq!(
        summary,
        [
            (0, "GET", "https://api.example.com/todos?page=1", Some(200), None),
            (0, "POST", "https://api.example.com/todos", Some(201), None),
            (0, "GET", "https://api.example.com/slow", None, Some("timeout")),
            (0, "GET", "https://api.example.com/down", None, Some("net::ERR_CONNECTION_RESET")),
            (0, "GET", "https://api.example.com/other", None, Some("no mock route matches GET https://api.example.com/other")),
        ]
    );
    assert_eq!(log[1].body, r#"{"title":"x"}"#);
    assert!(log.iter().take(4).all(|r| r.mocked));
}

#[test]
fn a_mocked_request_can_be_aborted_before_it_answers() {
    let mut sim = mocked();
    eval(&mut sim, "() => { globalThis.t = wx.request({ url: 'https://api.example.com/todos', ...callbacks('todos') }) }");
    sim.advance(50);
    eval(&mut sim, "() => t.abort()");
    assert_eq!(seen(&mut sim), [("todos fail".to_string(), json!({"errMsg": "request:fail abort"}))]);
    sim.advance(1000);
    assert!(seen(&mut sim).is_empty(), "nothing more arrives");
}

#[test]
fn a_mocked_socket_greets_and_echoes() {
    let mut sim = mocked();
    eval(
        &mut sim,
        r#"() => {
        const s = wx.connectSocket({ url: 'wss://api.example.com/chat' })
        globalThis.s = s
        s.onOpen(record('open')); s.onMessage(record('message')); s.onClose(record('close'))
    }"#,
    );
    sim.advance(10);
    assert_eq!(seen(&mut sim), [("open".to_string(), json!({"header": {}, "profile": {}})), ("message".to_string(), json!({"data": "welcome"}))]);
    eval(&mut sim, "() => { s.send({ data: 'ping' }); s.close({ code: 1000, reason: 'done' }) }");
    sim.advance(10);
    assert_eq!(seen(&mut sim), [("message".to_string(), json!({"data": "ping"})), ("close".to_string(), json!({"code": 1000, "reason": "done"}))]);
}

#[test]
fn url_check_allows_only_https_to_listed_domains() {
    let project = tempfile::tempdir().unwrap();
    for entry in ["app.json", "app.js", "pages/index/index.js", "pages/index/index.wxml"] {
        std::fs::create_dir_all(project.path().join(entry).parent().unwrap()).unwrap();
        std::fs::copy(app_dir().join(entry), project.path().join(entry)).unwrap();
    }
    std::fs::write(project.path().join("project.config.json"), r#"{"setting": {"urlCheck": true}}"#).unwrap();
    let routes = Routes::parse(ROUTES, Path::new(".")).unwrap();
    let options = LaunchOptions { routes: Some(routes), domains: vec!["https://cdn.example.com".into()], ..LaunchOptions::default() };
    let mut sim = Simulator::launch(project.path(), options).unwrap();
    eval(
        &mut sim,
        r#"() => {
        wx.request({ url: 'http://api.example.com/todos', ...callbacks('http') })
        wx.request({ url: 'https://evil.example.com/', ...callbacks('unlisted') })
        wx.downloadFile({ url: 'https://cdn.example.com/a.png', ...callbacks('cdn') })
        wx.connectSocket({ url: 'ws://api.example.com/chat', ...callbacks('ws') })
        wx.request({ url: 'https://api.example.com/todos', ...callbacks('listed') })
    }"#,
    );
    sim.advance(120);
    let results = seen(&mut sim);
    let not_listed = json!({"errMsg": "request:fail url not in domain list", "errno": 600002});
    assert_eq!(results[0], ("http fail".to_string(), not_listed.clone()), "HTTPS only");
    assert_eq!(results[1], ("unlisted fail".to_string(), not_listed));
    assert_eq!(results[2].0, "cdn fail");
    assert_eq!(results[2].1["errMsg"], "downloadFile:fail no mock route matches GET https://cdn.example.com/a.png", "a listed domain passes the check");
    assert_eq!(results[3], ("ws fail".to_string(), json!({"errMsg": "connectSocket:fail url not in domain list", "errno": 600002})));
    assert_eq!(results[4].0, "listed success");
}

#[test]
fn downloads_uploads_and_chunks_from_mock_routes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("logo.png"), [0x89, b'P', b'N', b'G', 1, 2, 3]).unwrap();
    let routes = r#"{ "routes": [
        { "url": "https://cdn.example.com/logo.png", "bodyFile": "logo.png", "headers": {"Content-Type": "image/png"}, "delay": 30 },
        { "method": "POST", "url": "https://api.example.com/upload", "status": 201, "body": {"stored": true} },
        { "url": "https://api.example.com/stream", "body": "abc" }
    ] }"#;
    let routes = Routes::parse(routes, dir.path()).unwrap();
    let mut sim = launch(LaunchOptions { routes: Some(routes), ..LaunchOptions::default() });
    eval(
        &mut sim,
        r#"() => {
        const d = wx.downloadFile({ url: 'https://cdn.example.com/logo.png', ...callbacks('download') })
        d.onProgressUpdate(record('progress'))
        const r = wx.request({ url: 'https://api.example.com/stream', enableChunked: true, ...callbacks('stream') })
        r.onChunkReceived(record('chunk'))
    }"#,
    );
    sim.advance(30);
    let got = seen(&mut sim);
    assert_eq!(names(&got), ["chunk", "stream success", "progress", "download success"]);
    assert_eq!(got[0].1, json!({"data": {"byteLength": 3, "bytes": [97, 98, 99]}}));
    assert_eq!(got[2].1, json!({"progress": 100, "totalBytesWritten": 7, "totalBytesExpectedToWrite": 7}));
    assert_eq!(got[3].1["tempFilePath"], "wxfile://tmp_1.png");
    eval(&mut sim, "() => wx.uploadFile({ url: 'https://api.example.com/upload', filePath: 'wxfile://tmp_1.png', name: 'logo', formData: { a: 1 }, ...callbacks('upload') })");
    sim.advance(0);
    let got = seen(&mut sim);
    assert_eq!(got[0].1, json!({"data": r#"{"stored":true}"#, "statusCode": 201, "header": {"Content-Type": "application/json"}, "errMsg": "uploadFile:ok"}));
    let upload = sim.requests().pop().unwrap();
    assert_eq!((upload.method.as_str(), upload.body.as_str(), upload.mocked), ("POST", "logo=1.png (7 bytes); a=1", true));
}

#[test]
fn at_most_ten_requests_run_at_once_and_the_rest_wait() {
    let routes = Routes::parse(r#"{"routes": [{"url": "https://api.example.com/slow*", "body": "ok", "delay": 100}]}"#, Path::new(".")).unwrap();
    let mut sim = launch(LaunchOptions { routes: Some(routes), ..LaunchOptions::default() });
    eval(&mut sim, "() => { for (let i = 0; i < 12; i++) wx.request({ url: 'https://api.example.com/slow?n=' + i, ...callbacks('r' + i) }); globalThis.last = wx.request({ url: 'https://api.example.com/slow?n=12', ...callbacks('aborted') }) }");
    eval(&mut sim, "() => last.abort()");
    assert_eq!(names(&seen(&mut sim)), ["aborted fail"], "a waiting request can be aborted");
    sim.advance(100);
    assert_eq!(seen(&mut sim).len(), 10);
    let started: Vec<u64> = sim.requests().iter().map(|r| r.time).collect();
    assert_eq!(started, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100, 100], "the 11th and 12th start when the first end");
    sim.advance(100);
    assert_eq!(names(&seen(&mut sim)), ["r10 success", "r11 success"]);
}
