//! The network APIs' platform rules: `wx.request`, `downloadFile`, `uploadFile` and
//! `connectSocket` with their task objects. A call is checked (the domain list when
//! project.config.json's `setting.urlCheck` is on, the timeout from the option or app.json's
//! `networkTimeout`), logged, and sent either to a mock route (answered on the virtual
//! clock) or to the real network (`crates/net`). What comes back is turned into what the
//! app sees: task events (`onHeadersReceived`, `onProgressUpdate`, socket `onMessage`, …)
//! and the call's result, with the platform's `errMsg` and `errno`.

use crate::files::Sandbox;
use base64::Engine;
use serde_json::{json, Map, Value};
use std::collections::{HashMap, VecDeque};
use std::path::Path;
use std::time::Duration;
use wxemu_net::{Body, Frame, HttpRequest, Net, NetEvent};

/// What a network task tells the app.
#[derive(Clone, Debug, PartialEq)]
pub enum Update {
    /// An event on the task object: `headersReceived`, `chunkReceived`, `progressUpdate`,
    /// `open`, `message`, `error` or `close`.
    Event { task: u32, name: &'static str, payload: Value },
    /// The call is over: its success or fail result, with `errMsg`.
    Result { task: u32, result: Value },
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Request,
    Download,
    Upload,
    Socket,
    /// An `<image>`'s network `src` (the view's load, not the app's call: no domain check).
    Image,
}

impl Kind {
    fn of(api: &str) -> Option<Kind> {
        Some(match api {
            "request" => Kind::Request,
            "downloadFile" => Kind::Download,
            "uploadFile" => Kind::Upload,
            "connectSocket" => Kind::Socket,
            "image" => Kind::Image,
            _ => return None,
        })
    }

    fn api(self) -> &'static str {
        match self {
            Kind::Request => "request",
            Kind::Download => "downloadFile",
            Kind::Upload => "uploadFile",
            Kind::Socket => "connectSocket",
            Kind::Image => "image",
        }
    }

    /// Requests, downloads and uploads share the platform's limit of 10 at once.
    fn counts_to_the_limit(self) -> bool {
        matches!(self, Kind::Request | Kind::Download | Kind::Upload)
    }

    fn secure_scheme(self) -> &'static str {
        if self == Kind::Socket {
            "wss"
        } else {
            "https"
        }
    }
}

/// A request the app made, for tests to assert on.
#[derive(Clone, Debug, PartialEq)]
pub struct LoggedRequest {
    /// When it was made (ms on the simulator's clock).
    pub time: u64,
    /// `request`, `downloadFile`, `uploadFile`, `connectSocket`, or `image` (an `<image>`'s
    /// network `src`).
    pub api: String,
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    /// The body as text (binary bodies lossily; an upload as a description of its parts).
    pub body: String,
    /// A mock route answered it.
    pub mocked: bool,
    /// The response status, once it came.
    pub status: Option<u16>,
    /// Why it failed, if it did.
    pub error: Option<String>,
}

/// Mock routes: canned answers for requests, from a JSON file.
///
/// ```json
/// { "domains": ["api.example.com"],
///   "unmatched": "fail",
///   "routes": [
///     { "method": "GET", "url": "https://api.example.com/todos*", "status": 200,
///       "headers": {"X-Total": "2"}, "body": [{"id": 1}], "delay": 120 },
///     { "url": "https://api.example.com/report", "bodyFile": "report.csv" },
///     { "url": "https://api.example.com/slow", "fail": "timeout" },
///     { "url": "wss://api.example.com/chat", "echo": true, "messages": ["hello"] } ] }
/// ```
/// `url` matches the whole URL (or the URL without its query) with `*` for any text;
/// `delay` is in virtual ms; `unmatched` says what happens to a request no route matches:
/// `"fail"` (the default; it fails naming the request) or `"network"` (it goes out).
#[derive(Clone, Debug, Default)]
pub struct Routes {
    pub domains: Vec<String>,
    pub unmatched_to_network: bool,
    routes: Vec<Route>,
}

#[derive(Clone, Debug)]
struct Route {
    method: Option<String>,
    url: String,
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    delay: u64,
    fail: Option<String>,
    echo: bool,
    messages: Vec<Frame>,
}

impl Routes {
    /// Reads a routes file (`bodyFile`s are relative to it).
    pub fn load(file: &Path) -> Result<Routes, String> {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        Routes::parse(&text, file.parent().unwrap_or(Path::new("."))).map_err(|e| format!("{}: {e}", file.display()))
    }

    /// Reads routes from JSON text; `bodyFile`s are relative to `dir`.
    pub fn parse(text: &str, dir: &Path) -> Result<Routes, String> {
        let file: Value = serde_json::from_str(text).map_err(|e| format!("line {}, column {}: {e}", e.line(), e.column()))?;
        let strings = |v: Option<&Value>| v.and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect()).unwrap_or_default();
        let unmatched_to_network = match file.get("unmatched").and_then(Value::as_str) {
            None | Some("fail") => false,
            Some("network") => true,
            Some(other) => return Err(format!("\"unmatched\" is \"{other}\"; use \"fail\" or \"network\"")),
        };
        let mut routes = Vec::new();
        for (i, route) in file.get("routes").and_then(Value::as_array).into_iter().flatten().enumerate() {
            routes.push(Route::parse(route, dir).map_err(|e| format!("routes[{i}]: {e}"))?);
        }
        Ok(Routes { domains: strings(file.get("domains")), unmatched_to_network, routes })
    }

    fn find(&self, method: &str, url: &str) -> Option<&Route> {
        let without_query = url.split(['?', '#']).next().unwrap_or(url);
        self.routes.iter().find(|r| r.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method)) && (glob(&r.url, url) || glob(&r.url, without_query)))
    }
}

impl Route {
    fn parse(route: &Value, dir: &Path) -> Result<Route, String> {
        let url = route.get("url").and_then(Value::as_str).ok_or("a route needs a \"url\"")?.to_string();
        let mut headers: Vec<(String, String)> = route.get("headers").and_then(Value::as_object).into_iter().flatten().map(|(k, v)| (k.clone(), text_of(v))).collect();
        let body = match (route.get("body"), route.get("bodyFile").and_then(Value::as_str)) {
            (_, Some(file)) => std::fs::read(dir.join(file)).map_err(|e| format!("bodyFile {file}: {e}"))?,
            (Some(Value::String(text)), None) => text.clone().into_bytes(),
            (Some(value), None) => {
                if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("content-type")) {
                    headers.push(("Content-Type".into(), "application/json".into()));
                }
                serde_json::to_vec(value).expect("JSON values serialize")
            }
            (None, None) => Vec::new(),
        };
        let messages = route.get("messages").and_then(Value::as_array).into_iter().flatten().map(|m| Frame::Text(text_of(m))).collect();
        Ok(Route {
            method: route.get("method").and_then(Value::as_str).map(str::to_string),
            url,
            status: route.get("status").and_then(Value::as_u64).unwrap_or(200) as u16,
            headers,
            body,
            delay: route.get("delay").and_then(Value::as_u64).unwrap_or(0),
            fail: route.get("fail").and_then(Value::as_str).map(str::to_string),
            echo: route.get("echo").and_then(Value::as_bool).unwrap_or(false),
            messages,
        })
    }
}

/// A JSON value as header or message text (strings without quotes).
fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `pattern` (with `*` for any text) matches all of `text`.
fn glob(pattern: &str, text: &str) -> bool {
    let mut pieces = pattern.split('*');
    let first = pieces.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else { return false };
    let pieces: Vec<&str> = pieces.collect();
    for (i, piece) in pieces.iter().enumerate() {
        if i == pieces.len() - 1 {
            return rest.ends_with(piece);
        }
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

/// The network settings of one app.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// project.config.json's `setting.urlCheck`: only HTTPS/WSS to listed domains.
    pub url_check: bool,
    /// The domains requests may go to when `url_check` is on (with the routes' own).
    pub domains: Vec<String>,
    /// app.json's `networkTimeout` (ms per API: request, connectSocket, uploadFile,
    /// downloadFile).
    pub timeouts: Map<String, Value>,
    pub routes: Option<Routes>,
    /// The Referer every request carries (`https://servicewechat.com/<appid>/devtools/page-frame.html`).
    pub referer: String,
}

/// The platform's default timeout (ms).
const DEFAULT_TIMEOUT: u64 = 60_000;

/// How many requests, downloads and uploads run at once; more wait for one to end.
pub const CONCURRENT_REQUESTS: usize = 10;

struct Task {
    kind: Kind,
    json: bool,
    array_buffer: bool,
    chunked: bool,
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    total: Option<u64>,
    /// downloadFile's `filePath`.
    save_to: Option<String>,
    /// What a mock route will do next, one event per queued turn.
    scripted: VecDeque<NetEvent>,
    /// A mock route answers it.
    mocked: bool,
    /// The mock route echoes socket messages after this delay.
    echo: Option<u64>,
    upload_size: u64,
    logged: usize,
}

/// The app's network: its settings, the tasks under way, and the request log.
#[derive(Default)]
pub struct Network {
    pub settings: Settings,
    tasks: HashMap<u32, Task>,
    /// Requests, downloads and uploads beyond the platform's 10 at once wait here, in order.
    waiting: VecDeque<(u32, String, Map<String, Value>)>,
    log: RequestLog,
    net: Net,
}

/// The request log keeps the newest this many requests (a long `wxemu run` forgets older ones).
const LOG_KEPT: usize = 10_000;

/// The newest requests, numbered from the first one ever made.
#[derive(Default)]
struct RequestLog {
    kept: VecDeque<LoggedRequest>,
    forgotten: usize,
}

impl RequestLog {
    /// Logs `request`; returns its number.
    fn push(&mut self, request: LoggedRequest) -> usize {
        if self.kept.len() == LOG_KEPT {
            self.kept.pop_front();
            self.forgotten += 1;
        }
        self.kept.push_back(request);
        self.forgotten + self.kept.len() - 1
    }

    /// Request number `n`, while it is kept.
    fn get_mut(&mut self, n: usize) -> Option<&mut LoggedRequest> {
        self.kept.get_mut(n.checked_sub(self.forgotten)?)
    }

    /// Notes how request number `n` ended.
    fn ended(&mut self, n: usize, status: Option<u16>, error: Option<String>) {
        if let Some(request) = self.get_mut(n) {
            if status.is_some() {
                request.status = status;
            }
            if error.is_some() {
                request.error = error;
            }
        }
    }
}

impl std::fmt::Debug for Network {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Network").field("tasks", &self.tasks.len()).field("log", &self.log.kept.len()).finish()
    }
}

/// The result of a failed call: `errMsg`, and `errno` where the platform documents one.
fn failure(api: &str, reason: &str) -> Value {
    let errno = match reason {
        "timeout" => Some(5),
        "url not in domain list" => Some(600002),
        r if r.starts_with("invalid url") => Some(600009),
        r if r.starts_with("net::") => Some(600001),
        _ => None,
    };
    let mut result = json!({ "errMsg": format!("{api}:fail {reason}") });
    if let Some(errno) = errno {
        result["errno"] = errno.into();
    }
    result
}

fn headers_of(value: Option<&Value>) -> Vec<(String, String)> {
    value.and_then(Value::as_object).into_iter().flatten().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), text_of(v))).collect()
}

fn header_object(headers: &[(String, String)]) -> Value {
    let mut object = Map::new();
    for (name, value) in headers {
        match object.get_mut(name) {
            Some(Value::String(existing)) => {
                existing.push_str(", ");
                existing.push_str(value);
            }
            _ => {
                object.insert(name.clone(), value.clone().into());
            }
        }
    }
    Value::Object(object)
}

/// An ArrayBuffer crossing to the framework (which turns it back into one).
pub fn array_buffer(bytes: &[u8]) -> Value {
    json!({ "__arrayBuffer": base64::engine::general_purpose::STANDARD.encode(bytes) })
}

/// Bytes the framework sent: a string, or an ArrayBuffer as `{__arrayBuffer: base64}`.
fn bytes_of(value: Option<&Value>) -> Vec<u8> {
    match value {
        Some(Value::String(text)) => text.clone().into_bytes(),
        Some(Value::Object(o)) => o.get("__arrayBuffer").and_then(Value::as_str).and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok()).unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn frame_of(value: Option<&Value>) -> Frame {
    match value {
        Some(Value::Object(_)) => Frame::Binary(bytes_of(value)),
        other => Frame::Text(other.map(text_of).unwrap_or_default()),
    }
}

fn frame_data(frame: &Frame) -> Value {
    match frame {
        Frame::Text(text) => text.clone().into(),
        Frame::Binary(bytes) => array_buffer(bytes),
    }
}

impl Network {
    pub fn new(settings: Settings) -> Network {
        Network { settings, ..Network::default() }
    }

    /// The requests made so far (the newest 10,000), oldest first.
    pub fn log(&self) -> impl Iterator<Item = &LoggedRequest> {
        self.log.kept.iter()
    }

    /// Requests and socket handshakes under way on the real network.
    pub fn awaited(&self) -> usize {
        self.net.awaited()
    }

    /// The URL check, on the URL as the WHATWG rules parse it (as the connection will use
    /// it: `\` is `/`, userinfo is not the host): the URL to use, else why `kind` may not
    /// use it.
    fn url_refused(&self, kind: Kind, url: &str) -> Result<url::Url, String> {
        let invalid = || format!("invalid url \"{url}\"");
        let parsed = url::Url::parse(url).map_err(|_| invalid())?;
        let plain = if kind == Kind::Socket { "ws" } else { "http" };
        let Some(host) = parsed.host_str().filter(|h| !h.is_empty()) else { return Err(invalid()) };
        if !(parsed.scheme() == plain || parsed.scheme() == kind.secure_scheme()) {
            return Err(invalid());
        }
        if !self.settings.url_check || kind == Kind::Image {
            return Ok(parsed);
        }
        // A listed domain is a host (a scheme and a port may be written too); the URL's host
        // must be it exactly (no trailing dot, no other port).
        let listed = |d: &String| {
            let with_scheme = if d.contains("://") { d.clone() } else { format!("{}://{d}", kind.secure_scheme()) };
            url::Url::parse(&with_scheme).is_ok_and(|d| d.host_str().is_some_and(|h| h.eq_ignore_ascii_case(host)) && d.port() == parsed.port())
        };
        let routes_domains = self.settings.routes.iter().flat_map(|r| r.domains.iter());
        let in_list = self.settings.domains.iter().chain(routes_domains).any(listed);
        match parsed.scheme() == kind.secure_scheme() && in_list && parsed.username().is_empty() && parsed.password().is_none() {
            true => Ok(parsed),
            false => Err("url not in domain list".to_string()),
        }
    }

    fn timeout(&self, kind: Kind, args: &Map<String, Value>) -> u64 {
        let configured = self.settings.timeouts.get(kind.api()).and_then(Value::as_u64);
        args.get("timeout").and_then(Value::as_f64).filter(|t| *t > 0.0).map(|t| t as u64).or(configured).unwrap_or(DEFAULT_TIMEOUT)
    }

    /// Starts `wx.<api>(args)` as task `task` at `now`. Returns what the app learns at once
    /// and the delays (virtual ms) after which [`Network::scripted_due`] must be called for
    /// a mock route's events.
    pub fn start(&mut self, task: u32, api: &str, args: &Map<String, Value>, files: &mut Sandbox, now: u64) -> (Vec<Update>, Vec<u64>) {
        match api {
            "abortTask" => return (self.abort(args.get("task").and_then(Value::as_u64).unwrap_or(0) as u32), Vec::new()),
            "sendSocketMessage" => return self.socket_send(task, args),
            "closeSocket" => return self.socket_close(task, args),
            _ => {}
        }
        let Some(kind) = Kind::of(api) else { return (Vec::new(), Vec::new()) };
        if kind.counts_to_the_limit() && self.tasks.values().filter(|t| t.kind.counts_to_the_limit()).count() >= CONCURRENT_REQUESTS {
            self.waiting.push_back((task, api.to_string(), args.clone()));
            return (Vec::new(), Vec::new());
        }
        let fail = |reason: &str| (vec![Update::Result { task, result: failure(api, reason) }], Vec::new());
        let url = args.get("url").and_then(Value::as_str).unwrap_or_default().to_string();
        // Routes and the log see the URL as written; the network gets the one checked.
        let checked = match self.url_refused(kind, &url) {
            Ok(checked) => checked.to_string(),
            Err(reason) => return fail(&reason),
        };
        let method = if kind == Kind::Request {
            args.get("method").and_then(Value::as_str).unwrap_or("GET").to_ascii_uppercase()
        } else if kind == Kind::Upload {
            "POST".into()
        } else {
            "GET".into()
        };
        let mut headers: Vec<(String, String)> = headers_of(args.get("header")).into_iter().filter(|(k, _)| !k.eq_ignore_ascii_case("referer")).collect();
        if kind == Kind::Request && !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("content-type")) {
            headers.push(("content-type".into(), "application/json".into()));
        }
        headers.push(("Referer".into(), self.settings.referer.clone()));
        let body = match kind {
            Kind::Upload => {
                let path = args.get("filePath").and_then(Value::as_str).unwrap_or_default();
                let file = match files.resolve(path) {
                    Ok(resolved) => match std::fs::read(&resolved.host) {
                        Ok(bytes) => bytes,
                        Err(_) => return fail(&format!("no such file or directory, open {path}")),
                    },
                    Err(reason) => return fail(&reason),
                };
                let fields = args.get("formData").and_then(Value::as_object).into_iter().flatten().map(|(k, v)| (k.clone(), text_of(v))).collect();
                let file_name = path.rsplit('/').next().unwrap_or("file").trim_start_matches("tmp_").to_string();
                let file_field = args.get("name").and_then(Value::as_str).unwrap_or("file").to_string();
                Body::Multipart { fields, file_field, file_name, file }
            }
            _ => Body::Bytes(bytes_of(args.get("body"))),
        };
        let logged_body = match &body {
            Body::Bytes(bytes) => String::from_utf8_lossy(bytes).into_owned(),
            Body::Multipart { fields, file_field, file_name, file } => {
                let fields: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={v}")).collect();
                format!("{file_field}={file_name} ({} bytes); {}", file.len(), fields.join("; "))
            }
        };
        let upload_size = match &body {
            Body::Multipart { file, .. } => file.len() as u64,
            Body::Bytes(_) => 0,
        };
        let timeout = self.timeout(kind, args);
        let route = self.settings.routes.as_ref().map(|routes| (routes.find(&method, &url).cloned(), routes.unmatched_to_network));
        let logged = self.log.push(LoggedRequest {
            time: now,
            api: api.to_string(),
            method: method.clone(),
            url: url.clone(),
            headers: headers.clone(),
            body: logged_body,
            mocked: matches!(route, Some((Some(_), _))),
            status: None,
            error: None,
        });
        let mut entry = Task {
            kind,
            json: args.get("dataType").and_then(Value::as_str).is_none_or(|t| t == "json"),
            array_buffer: args.get("responseType").and_then(Value::as_str) == Some("arraybuffer"),
            chunked: args.get("enableChunked").and_then(Value::as_bool).unwrap_or(false),
            status: 0,
            headers: Vec::new(),
            body: Vec::new(),
            total: None,
            save_to: args.get("filePath").and_then(Value::as_str).filter(|_| kind == Kind::Download).map(str::to_string),
            scripted: VecDeque::new(),
            mocked: false,
            echo: None,
            upload_size,
            logged,
        };
        let mut immediate = Vec::new();
        if kind == Kind::Socket {
            immediate.push(Update::Result { task, result: json!({ "errMsg": "connectSocket:ok" }) });
        }
        let delays = match route {
            Some((Some(route), _)) => {
                let (delay, events) = scripted(kind, &route, timeout);
                entry.mocked = true;
                entry.echo = route.echo.then_some(route.delay);
                entry.scripted = events.into();
                vec![delay; entry.scripted.len()]
            }
            Some((None, false)) => {
                let reason = format!("no mock route matches {method} {url}");
                self.log.ended(logged, None, Some(reason.clone()));
                return fail(&reason);
            }
            _ => {
                let timeout = Duration::from_millis(timeout);
                match kind {
                    Kind::Socket => {
                        let protocols = args.get("protocols").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(str::to_string).collect();
                        self.net.connect(task, &checked, headers_of(args.get("header")), protocols, timeout);
                    }
                    _ => self.net.fetch(task, HttpRequest { method, url: checked, headers, body, timeout }),
                }
                Vec::new()
            }
        };
        self.tasks.insert(task, entry);
        (immediate, delays)
    }

    /// A mock route's next event for `task` is due.
    pub fn scripted_due(&mut self, task: u32, files: &mut Sandbox) -> Vec<Update> {
        match self.tasks.get_mut(&task).and_then(|t| t.scripted.pop_front()) {
            Some(event) => self.settle(task, event, files),
            None => Vec::new(),
        }
    }

    /// The real network's next event, waiting at most `wait` for it (not at all when None).
    pub fn receive(&mut self, wait: Option<Duration>, files: &mut Sandbox) -> Option<Vec<Update>> {
        let (task, event) = self.net.next_event(wait)?;
        Some(self.settle(task, event, files))
    }

    /// `RequestTask.abort()` (and the download and upload tasks'): the call fails with
    /// `abort`; nothing more of it arrives.
    /// A waiting request that may start now (one has ended): its task, API and arguments,
    /// for the caller to [`Network::start`] again.
    pub fn next_waiting(&mut self) -> Option<(u32, String, Map<String, Value>)> {
        let running = self.tasks.values().filter(|t| t.kind.counts_to_the_limit()).count();
        if running < CONCURRENT_REQUESTS {
            self.waiting.pop_front()
        } else {
            None
        }
    }

    fn abort(&mut self, task: u32) -> Vec<Update> {
        if let Some(at) = self.waiting.iter().position(|(t, ..)| *t == task) {
            let (_, api, _) = self.waiting.remove(at).expect("found");
            return vec![Update::Result { task, result: failure(&api, "abort") }];
        }
        let Some(entry) = self.tasks.remove(&task) else { return Vec::new() };
        self.net.abort(task);
        self.log.ended(entry.logged, None, Some("abort".into()));
        vec![Update::Result { task, result: failure(entry.kind.api(), "abort") }]
    }

    /// `SocketTask.send`: call `call` sends `args.data` on socket `args.task`.
    fn socket_send(&mut self, call: u32, args: &Map<String, Value>) -> (Vec<Update>, Vec<u64>) {
        let socket = args.get("task").and_then(Value::as_u64).unwrap_or(0) as u32;
        let frame = frame_of(args.get("data"));
        let (open, echo) = match self.tasks.get_mut(&socket) {
            Some(t) if t.status == 101 => (true, t.echo),
            _ => (false, None),
        };
        let result = |ok: bool| Update::Result { task: call, result: if ok { json!({ "errMsg": "sendSocketMessage:ok" }) } else { failure("sendSocketMessage", "WebSocket is not connected") } };
        if !open {
            return (vec![result(false)], Vec::new());
        }
        match echo {
            Some(delay) => {
                self.tasks.get_mut(&socket).expect("open").scripted.push_back(NetEvent::SocketMessage(frame));
                (vec![result(true)], vec![delay])
            }
            None => (vec![result(self.net.send(socket, frame))], Vec::new()),
        }
    }

    /// `SocketTask.close`: the close frame goes out; `onClose` follows when it is answered.
    fn socket_close(&mut self, call: u32, args: &Map<String, Value>) -> (Vec<Update>, Vec<u64>) {
        let socket = args.get("task").and_then(Value::as_u64).unwrap_or(0) as u32;
        let code = args.get("code").and_then(Value::as_u64).unwrap_or(1000) as u16;
        let reason = args.get("reason").and_then(Value::as_str).unwrap_or_default().to_string();
        let done = vec![Update::Result { task: call, result: json!({ "errMsg": "closeSocket:ok" }) }];
        match self.tasks.get_mut(&socket) {
            Some(t) if t.mocked => {
                t.scripted.push_back(NetEvent::SocketClosed { code, reason });
                (done, vec![0])
            }
            Some(_) => {
                self.net.close(socket, code, &reason);
                (done, Vec::new())
            }
            None => (done, Vec::new()),
        }
    }

    /// What `event` on `task` means to the app (a body past [`BODY_LIMIT`] fails the task).
    fn settle(&mut self, task: u32, event: NetEvent, files: &mut Sandbox) -> Vec<Update> {
        let Some(entry) = self.tasks.get_mut(&task) else { return Vec::new() };
        let api = entry.kind.api();
        let logged = entry.logged;
        let event_of = |name: &'static str, payload: Value| Update::Event { task, name, payload };
        match event {
            NetEvent::Headers { status, headers } => {
                self.log.ended(logged, Some(status), None);
                entry.status = status;
                let mut updates = vec![event_of("headersReceived", json!({ "header": header_object(&headers), "statusCode": status }))];
                if entry.kind == Kind::Upload {
                    let size = entry.upload_size;
                    updates.push(event_of("progressUpdate", json!({ "progress": 100, "totalBytesSent": size, "totalBytesExpectedToSend": size })));
                }
                entry.headers = headers;
                updates
            }
            NetEvent::Chunk { data, .. } if entry.body.len() + data.len() > BODY_LIMIT => {
                // A body past the platform's size is not kept: the task fails.
                self.tasks.remove(&task);
                self.net.abort(task);
                let reason = format!("exceed max file size: the body is larger than {} MB", BODY_LIMIT / (1024 * 1024));
                self.log.ended(logged, None, Some(reason.clone()));
                vec![Update::Result { task, result: failure(api, &reason) }]
            }
            NetEvent::Chunk { data, total } => {
                entry.total = total;
                entry.body.extend_from_slice(&data);
                let received = entry.body.len() as u64;
                match entry.kind {
                    Kind::Download => {
                        let expected = total.unwrap_or(0);
                        let progress = (received * 100).checked_div(expected).map_or(0, |p| p.min(100));
                        vec![event_of("progressUpdate", json!({ "progress": progress, "totalBytesWritten": received, "totalBytesExpectedToWrite": expected }))]
                    }
                    Kind::Request if entry.chunked => vec![event_of("chunkReceived", json!({ "data": array_buffer(&data) }))],
                    _ => Vec::new(),
                }
            }
            NetEvent::Done => {
                let entry = self.tasks.remove(&task).expect("present");
                let result = match finish(&entry, files) {
                    Ok(result) => result,
                    Err(reason) => {
                        self.log.ended(logged, None, Some(reason.clone()));
                        failure(api, &reason)
                    }
                };
                vec![Update::Result { task, result }]
            }
            NetEvent::Failed(reason) => {
                let entry = self.tasks.remove(&task).expect("present");
                self.log.ended(logged, None, Some(reason.clone()));
                match entry.kind {
                    Kind::Socket => vec![event_of("error", json!({ "errMsg": reason })), event_of("close", json!({ "code": 1006, "reason": "" }))],
                    _ => vec![Update::Result { task, result: failure(api, &reason) }],
                }
            }
            NetEvent::SocketOpen { headers } => {
                self.log.ended(logged, Some(101), None);
                entry.status = 101;
                vec![event_of("open", json!({ "header": header_object(&headers), "profile": {} }))]
            }
            NetEvent::SocketMessage(frame) => vec![event_of("message", json!({ "data": frame_data(&frame) }))],
            NetEvent::SocketClosed { code, reason } => {
                self.tasks.remove(&task);
                vec![event_of("close", json!({ "code": code, "reason": reason }))]
            }
        }
    }
}

/// The largest body a request or download may bring (the platform's `downloadFile` takes at
/// most 200 MB).
pub const BODY_LIMIT: usize = 200 * 1024 * 1024;

/// What a mock route does for a task of `kind`: the delay and the events that then happen
/// (a route slower than the timeout times out at the timeout).
fn scripted(kind: Kind, route: &Route, timeout: u64) -> (u64, Vec<NetEvent>) {
    if route.fail.as_deref() == Some("timeout") || route.delay > timeout {
        return (timeout, vec![NetEvent::Failed("timeout".into())]);
    }
    if let Some(reason) = &route.fail {
        return (route.delay, vec![NetEvent::Failed(reason.clone())]);
    }
    let events = if kind == Kind::Socket {
        let mut events = vec![NetEvent::SocketOpen { headers: route.headers.clone() }];
        events.extend(route.messages.iter().cloned().map(NetEvent::SocketMessage));
        events
    } else {
        let mut events = vec![NetEvent::Headers { status: route.status, headers: route.headers.clone() }];
        if !route.body.is_empty() {
            events.push(NetEvent::Chunk { data: route.body.clone(), total: Some(route.body.len() as u64) });
        }
        events.push(NetEvent::Done);
        events
    };
    (route.delay, events)
}

/// The success result of a finished request, download or upload.
fn finish(task: &Task, files: &mut Sandbox) -> Result<Value, String> {
    let header = header_object(&task.headers);
    let text = || String::from_utf8_lossy(&task.body).into_owned();
    Ok(match task.kind {
        Kind::Request => {
            let data = if task.array_buffer {
                array_buffer(&task.body)
            } else if task.json {
                let text = text();
                serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap_or(Value::String(text))
            } else {
                text().into()
            };
            let cookies: Vec<&str> = task.headers.iter().filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie")).map(|(_, v)| v.as_str()).collect();
            json!({ "data": data, "statusCode": task.status, "header": header, "cookies": cookies, "errMsg": "request:ok" })
        }
        Kind::Download => {
            let path = match &task.save_to {
                Some(path) => path.clone(),
                None => files.temp_path(&extension_of(task)),
            };
            let target = files.resolve(&path)?;
            if !target.writable {
                return Err(format!("permission denied, open {path}"));
            }
            std::fs::write(&target.host, &task.body).map_err(|e| format!("{e}, open {path}"))?;
            let mut result = json!({ "statusCode": task.status, "header": header, "dataLength": task.body.len(), "errMsg": "downloadFile:ok" });
            result[if task.save_to.is_some() { "filePath" } else { "tempFilePath" }] = path.into();
            result
        }
        Kind::Upload => json!({ "data": text(), "statusCode": task.status, "header": header, "errMsg": "uploadFile:ok" }),
        Kind::Image if !(200..300).contains(&task.status) => return Err(format!("{} ({})", task.status, status_text(task.status))),
        Kind::Image => json!({ "data": array_buffer(&task.body), "errMsg": "image:ok" }),
        Kind::Socket => unreachable!("sockets end with SocketClosed"),
    })
}

/// The reason phrase of an HTTP status, as a failed image load reports it.
fn status_text(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

/// A downloaded file's extension: from the Content-Type, else from the URL-less guess.
fn extension_of(task: &Task) -> String {
    let content_type = task.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("content-type")).map(|(_, v)| v.to_ascii_lowercase()).unwrap_or_default();
    let known = [
        ("image/png", "png"),
        ("image/jpeg", "jpg"),
        ("image/gif", "gif"),
        ("image/webp", "webp"),
        ("image/svg", "svg"),
        ("application/json", "json"),
        ("text/plain", "txt"),
        ("text/html", "html"),
        ("application/pdf", "pdf"),
        ("application/zip", "zip"),
    ];
    known.iter().find(|(mime, _)| content_type.starts_with(mime)).map(|(_, ext)| ext.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_log_keeps_the_newest_and_numbers_on() {
        let mut log = RequestLog::default();
        let request = |n: usize| LoggedRequest {
            time: n as u64,
            api: "request".into(),
            method: "GET".into(),
            url: String::new(),
            headers: Vec::new(),
            body: String::new(),
            mocked: false,
            status: None,
            error: None,
        };
        let numbers: Vec<usize> = (0..LOG_KEPT + 5).map(|n| log.push(request(n))).collect();
        assert_eq!(numbers[LOG_KEPT + 4], LOG_KEPT + 4);
        assert_eq!(log.kept.len(), LOG_KEPT);
        assert_eq!(log.kept.front().map(|r| r.time), Some(5), "the oldest five are forgotten");
        log.ended(2, Some(200), None);
        log.ended(LOG_KEPT + 4, Some(200), None);
        log.ended(LOG_KEPT + 4, None, Some("abort".into()));
        assert_eq!(log.kept.back().map(|r| (r.status, r.error.as_deref())), Some((Some(200), Some("abort"))));
        assert!(log.kept.iter().rev().skip(1).all(|r| r.status.is_none()), "a forgotten number changes nothing");
    }

    #[test]
    fn route_urls_match_with_wildcards_and_without_the_query() {
        assert!(glob("https://a.com/todos*", "https://a.com/todos?page=2"));
        assert!(glob("https://*/x", "https://b.org/x"));
        assert!(!glob("https://a.com/x", "https://a.com/xy"));
        let routes = Routes::parse(r#"{"routes":[{"method":"POST","url":"https://a.com/x","body":{"ok":true}}]}"#, Path::new(".")).unwrap();
        assert!(routes.find("post", "https://a.com/x?z=1").is_some());
        assert!(routes.find("GET", "https://a.com/x").is_none());
        let err = Routes::parse(r#"{"routes":[{"status":200}]}"#, Path::new(".")).unwrap_err();
        assert_eq!(err, "routes[0]: a route needs a \"url\"");
    }

    #[test]
    fn the_domain_list_applies_only_with_url_check() {
        let mut network = Network::new(Settings { url_check: true, domains: vec!["https://api.a.com".into()], ..Settings::default() });
        let refused = |network: &Network, kind, url| network.url_refused(kind, url).err();
        assert_eq!(refused(&network, Kind::Request, "https://api.a.com/x"), None);
        assert_eq!(refused(&network, Kind::Request, "http://api.a.com/x").as_deref(), Some("url not in domain list"));
        assert_eq!(refused(&network, Kind::Request, "https://b.com/").as_deref(), Some("url not in domain list"));
        assert_eq!(refused(&network, Kind::Socket, "wss://api.a.com/chat"), None);
        network.settings.url_check = false;
        assert_eq!(refused(&network, Kind::Request, "http://127.0.0.1:8080/x"), None);
        assert_eq!(refused(&network, Kind::Request, "/api/x").as_deref(), Some("invalid url \"/api/x\""));
        assert_eq!(refused(&network, Kind::Request, "ws://a.com/").as_deref(), Some("invalid url \"ws://a.com/\""));
    }

    #[test]
    fn the_domain_check_reads_the_host_the_connection_goes_to() {
        let network = Network::new(Settings { url_check: true, domains: vec!["https://api.a.com".into(), "b.com".into()], ..Settings::default() });
        let refused = |url| network.url_refused(Kind::Request, url).err();
        let denied = Some("url not in domain list".to_string());
        // A backslash ends the authority as `/` does: the host is 127.0.0.1.
        assert_eq!(refused("https://127.0.0.1:9\\@api.a.com/"), denied);
        assert_eq!(refused("https://127.0.0.1:9\\\\@api.a.com/"), denied);
        // Userinfo is not the host, in either direction.
        assert_eq!(refused("https://api.a.com@127.0.0.1/x"), denied);
        assert_eq!(refused("https://user:pw@api.a.com/x"), denied);
        // Trailing dots, other ports, IPv6 and look-alike hosts are other hosts.
        assert_eq!(refused("https://api.a.com./x"), denied);
        assert_eq!(refused("https://api.a.com:8443/x"), denied);
        assert_eq!(refused("https://[::1]/x"), denied);
        assert_eq!(refused("https://api.a.com.evil.com/x"), denied);
        assert_eq!(refused("https://evilapi.a.com/x"), denied);
        // Case and an explicit default port are the same host.
        assert_eq!(refused("https://API.A.COM/x"), None);
        assert_eq!(refused("https://api.a.com:443/x"), None);
        assert_eq!(refused("https://b.com/y"), None);
        assert_eq!(network.url_refused(Kind::Request, "https://API.a.com/x?q=1").map(|u| u.to_string()), Ok("https://api.a.com/x?q=1".to_string()));
    }
}
