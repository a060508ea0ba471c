//! Real network I/O for the `wx` network APIs: HTTP requests (reqwest) and WebSockets
//! (tokio-tungstenite) on a tokio runtime of their own, started on the first use. Work is
//! started by task number; what happens to it (headers, body pieces, the end, a failure,
//! socket messages) comes back as [`NetEvent`]s through one channel, which the Simulator
//! reads on its own thread. The platform's rules (URL checks, data encoding, errMsg) are
//! not here but in `crates/wx`.

use futures_util::{SinkExt, StreamExt};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;
use tokio::runtime::Runtime;
use tokio::sync::mpsc as tokio_mpsc;
use tokio::task::AbortHandle;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;

/// The number the caller gave a request or socket.
pub type TaskId = u32;

/// An HTTP request to send.
#[derive(Clone, Debug)]
pub struct HttpRequest {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Body,
    /// The whole exchange must end within this (else it fails with `timeout`).
    pub timeout: Duration,
}

/// What a request carries.
#[derive(Clone, Debug)]
pub enum Body {
    Bytes(Vec<u8>),
    /// `multipart/form-data` (`wx.uploadFile`): text fields, then one file.
    Multipart {
        fields: Vec<(String, String)>,
        file_field: String,
        file_name: String,
        file: Vec<u8>,
    },
}

/// A WebSocket message.
#[derive(Clone, Debug, PartialEq)]
pub enum Frame {
    Text(String),
    Binary(Vec<u8>),
}

/// What happened to a task.
#[derive(Clone, Debug, PartialEq)]
pub enum NetEvent {
    /// The response's status line and headers arrived.
    Headers {
        status: u16,
        headers: Vec<(String, String)>,
    },
    /// A piece of the response body; `total` is the Content-Length when the server sent one.
    Chunk {
        data: Vec<u8>,
        total: Option<u64>,
    },
    /// The response ended.
    Done,
    /// The request or socket failed; the reason as it goes in `errMsg` after `fail `
    /// (`timeout`, `net::ERR_CONNECTION_REFUSED`, …).
    Failed(String),
    /// The socket connected (with the server's handshake headers).
    SocketOpen {
        headers: Vec<(String, String)>,
    },
    SocketMessage(Frame),
    SocketClosed {
        code: u16,
        reason: String,
    },
}

enum SocketCommand {
    Send(Frame),
    Close { code: u16, reason: String },
}

/// At most this many bytes of body pieces and socket messages wait in the channel for the
/// Simulator; past it the network stops reading, so TCP holds a flooding server back.
pub const BACKLOG_BYTES: usize = 16 << 20;

/// The bytes of data sent to the Simulator and not yet taken.
#[derive(Default)]
struct Backlog {
    bytes: AtomicUsize,
    taken: tokio::sync::Notify,
}

impl Backlog {
    /// Waits until the backlog is under [`BACKLOG_BYTES`].
    async fn room(&self) {
        loop {
            let taken = self.taken.notified();
            if self.bytes.load(Ordering::Acquire) < BACKLOG_BYTES {
                return;
            }
            taken.await;
        }
    }

    /// Sends `event` for `task`, counting its data, once there is room for it.
    async fn send(&self, events: &mpsc::Sender<(TaskId, NetEvent)>, task: TaskId, event: NetEvent) {
        self.room().await;
        self.bytes.fetch_add(data_len(&event), Ordering::AcqRel);
        let _ = events.send((task, event));
    }

    fn take(&self, event: &NetEvent) {
        let len = data_len(event);
        if len > 0 {
            self.bytes.fetch_sub(len, Ordering::AcqRel);
            self.taken.notify_waiters();
        }
    }
}

/// How many bytes of data `event` carries.
fn data_len(event: &NetEvent) -> usize {
    match event {
        NetEvent::Chunk { data, .. } | NetEvent::SocketMessage(Frame::Binary(data)) => data.len(),
        NetEvent::SocketMessage(Frame::Text(text)) => text.len(),
        _ => 0,
    }
}

/// The network: tasks under way and the channel their events come back on.
pub struct Net {
    runtime: Option<Runtime>,
    client: Option<reqwest::Client>,
    backlog: Arc<Backlog>,
    sender: mpsc::Sender<(TaskId, NetEvent)>,
    receiver: mpsc::Receiver<(TaskId, NetEvent)>,
    requests: HashMap<TaskId, AbortHandle>,
    sockets: HashMap<TaskId, tokio_mpsc::UnboundedSender<SocketCommand>>,
    /// Sockets whose handshake has not ended yet.
    opening: std::collections::HashSet<TaskId>,
}

impl Default for Net {
    fn default() -> Net {
        let (sender, receiver) = mpsc::channel();
        Net { runtime: None, client: None, backlog: Arc::default(), sender, receiver, requests: HashMap::new(), sockets: HashMap::new(), opening: Default::default() }
    }
}

impl std::fmt::Debug for Net {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Net").field("requests", &self.requests.len()).field("sockets", &self.sockets.len()).finish()
    }
}

impl Net {
    /// The runtime, started on first use (one worker thread: the work is all waiting).
    fn runtime(&mut self) -> &Runtime {
        self.runtime.get_or_insert_with(|| tokio::runtime::Builder::new_multi_thread().worker_threads(1).thread_name("wxemu-net").enable_all().build().expect("the tokio runtime starts"))
    }

    fn client(&mut self) -> reqwest::Client {
        self.client.get_or_insert_with(|| reqwest::Client::builder().build().expect("the HTTP client builds")).clone()
    }

    /// Starts `request` as task `task`: Headers, Chunks, then Done or Failed follow.
    pub fn fetch(&mut self, task: TaskId, request: HttpRequest) {
        let client = self.client();
        let events = self.sender.clone();
        let backlog = self.backlog.clone();
        let handle = self.runtime().spawn(async move {
            let end = match tokio::time::timeout(request.timeout, exchange(client, request, task, &events, &backlog)).await {
                Ok(Ok(())) => NetEvent::Done,
                Ok(Err(reason)) => NetEvent::Failed(reason),
                Err(_) => NetEvent::Failed("timeout".into()),
            };
            let _ = events.send((task, end));
        });
        self.requests.insert(task, handle.abort_handle());
    }

    /// Stops request `task`; no more of its events come.
    pub fn abort(&mut self, task: TaskId) {
        if let Some(handle) = self.requests.remove(&task) {
            handle.abort();
        }
    }

    /// Opens a WebSocket to `url` as task `task`: SocketOpen (or Failed), then messages, then
    /// SocketClosed.
    pub fn connect(&mut self, task: TaskId, url: &str, headers: Vec<(String, String)>, protocols: Vec<String>, timeout: Duration) {
        let (commands, receiver) = tokio_mpsc::unbounded_channel();
        let events = self.sender.clone();
        let backlog = self.backlog.clone();
        let url = url.to_string();
        self.runtime().spawn(async move {
            let reason = match tokio::time::timeout(timeout, open_socket(&url, headers, protocols)).await {
                Ok(Ok((socket, headers))) => {
                    let _ = events.send((task, NetEvent::SocketOpen { headers }));
                    return run_socket(task, socket, receiver, events, &backlog).await;
                }
                Ok(Err(reason)) => reason,
                Err(_) => "timeout".into(),
            };
            let _ = events.send((task, NetEvent::Failed(reason)));
        });
        self.sockets.insert(task, commands);
        self.opening.insert(task);
    }

    /// Sends a message on socket `task`; false when it is not open.
    pub fn send(&mut self, task: TaskId, frame: Frame) -> bool {
        self.sockets.get(&task).is_some_and(|s| s.send(SocketCommand::Send(frame)).is_ok())
    }

    /// Closes socket `task` with a close frame.
    pub fn close(&mut self, task: TaskId, code: u16, reason: &str) {
        if let Some(socket) = self.sockets.get(&task) {
            let _ = socket.send(SocketCommand::Close { code, reason: reason.to_string() });
        }
    }

    /// Requests under way and sockets still connecting: work whose outcome will come by
    /// itself (an open socket's next message may never come).
    pub fn awaited(&self) -> usize {
        self.requests.len() + self.opening.len()
    }

    /// Bytes of data received and not yet taken by [`Net::next_event`].
    pub fn backlog(&self) -> usize {
        self.backlog.bytes.load(Ordering::Acquire)
    }

    /// The next event, waiting at most `wait` for one (not at all when `None`).
    pub fn next_event(&mut self, wait: Option<Duration>) -> Option<(TaskId, NetEvent)> {
        let next = match wait {
            Some(wait) => self.receiver.recv_timeout(wait).ok(),
            None => self.receiver.try_recv().ok(),
        };
        if let Some((task, event)) = &next {
            self.backlog.take(event);
            self.opening.remove(task);
            match event {
                NetEvent::Done | NetEvent::Failed(_) => {
                    self.requests.remove(task);
                    self.sockets.remove(task);
                }
                NetEvent::SocketClosed { .. } => {
                    self.sockets.remove(task);
                }
                _ => {}
            }
        }
        next
    }
}

/// A response header's name as servers spell it. The HTTP stack hands names over in lower
/// case; apps read `res.header['Content-Type']`, so each word is capitalised again
/// (`content-type` → `Content-Type`, `x-request-id` → `X-Request-Id`), which is the spelling
/// servers send in all but odd cases.
fn server_spelling(name: &str) -> String {
    name.split('-').map(|word| word.get(..1).map_or(String::new(), |first| first.to_ascii_uppercase() + &word[1..])).collect::<Vec<_>>().join("-")
}

/// Sends the request and streams the response into events.
async fn exchange(client: reqwest::Client, request: HttpRequest, task: TaskId, events: &mpsc::Sender<(TaskId, NetEvent)>, backlog: &Backlog) -> Result<(), String> {
    let method = reqwest::Method::from_bytes(request.method.as_bytes()).map_err(|_| format!("invalid method {}", request.method))?;
    let mut builder = client.request(method, &request.url);
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    builder = match request.body {
        Body::Bytes(bytes) => builder.body(bytes),
        Body::Multipart { fields, file_field, file_name, file } => {
            let mut form = reqwest::multipart::Form::new();
            for (name, value) in fields {
                form = form.text(name, value);
            }
            builder.multipart(form.part(file_field, reqwest::multipart::Part::bytes(file).file_name(file_name)))
        }
    };
    let mut response = builder.send().await.map_err(|e| reason(&e))?;
    let headers = response.headers().iter().map(|(k, v)| (server_spelling(k.as_str()), String::from_utf8_lossy(v.as_bytes()).into_owned())).collect();
    let total = response.content_length();
    let _ = events.send((task, NetEvent::Headers { status: response.status().as_u16(), headers }));
    while let Some(piece) = response.chunk().await.map_err(|e| reason(&e))? {
        backlog.send(events, task, NetEvent::Chunk { data: piece.to_vec(), total }).await;
    }
    Ok(())
}

/// A reqwest error as the platform's errMsg reason (Chromium's net error names, as the
/// DevTools and Android clients report them).
fn reason(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        return "timeout".into();
    }
    let mut source: Option<&dyn std::error::Error> = Some(error);
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => return "net::ERR_CONNECTION_REFUSED".into(),
                std::io::ErrorKind::ConnectionReset => return "net::ERR_CONNECTION_RESET".into(),
                _ => {}
            }
        }
        if e.to_string().contains("dns error") {
            return "net::ERR_NAME_NOT_RESOLVED".into();
        }
        source = e.source();
    }
    if error.is_builder() {
        return "invalid url".into();
    }
    format!("net::ERR_FAILED ({error})")
}

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn open_socket(url: &str, headers: Vec<(String, String)>, protocols: Vec<String>) -> Result<(Socket, Vec<(String, String)>), String> {
    let mut request = url.into_client_request().map_err(|e| format!("invalid url ({e})"))?;
    for (name, value) in headers {
        let name = reqwest::header::HeaderName::from_bytes(name.as_bytes()).map_err(|e| e.to_string())?;
        request.headers_mut().insert(name, value.parse().map_err(|_| format!("invalid header value {value:?}"))?);
    }
    if !protocols.is_empty() {
        request.headers_mut().insert("Sec-WebSocket-Protocol", protocols.join(", ").parse().map_err(|_| "invalid protocols".to_string())?);
    }
    let (socket, response) = tokio_tungstenite::connect_async(request).await.map_err(|e| socket_reason(&e))?;
    let headers = response.headers().iter().map(|(k, v)| (k.as_str().to_string(), String::from_utf8_lossy(v.as_bytes()).into_owned())).collect();
    Ok((socket, headers))
}

fn socket_reason(error: &tokio_tungstenite::tungstenite::Error) -> String {
    use tokio_tungstenite::tungstenite::Error;
    match error {
        Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => "net::ERR_CONNECTION_REFUSED".into(),
        Error::Http(response) => format!("Error during WebSocket handshake: Unexpected response code: {}", response.status().as_u16()),
        other => other.to_string(),
    }
}

/// Carries commands to an open socket and its messages back, until it closes.
async fn run_socket(task: TaskId, socket: Socket, mut commands: tokio_mpsc::UnboundedReceiver<SocketCommand>, events: mpsc::Sender<(TaskId, NetEvent)>, backlog: &Backlog) {
    let (mut sink, mut stream) = socket.split();
    loop {
        tokio::select! {
            command = commands.recv() => match command {
                Some(SocketCommand::Send(Frame::Text(text))) => { let _ = sink.send(Message::text(text)).await; }
                Some(SocketCommand::Send(Frame::Binary(bytes))) => { let _ = sink.send(Message::binary(bytes)).await; }
                Some(SocketCommand::Close { code, reason }) => {
                    let _ = sink.send(Message::Close(Some(CloseFrame { code: CloseCode::from(code), reason: reason.into() }))).await;
                }
                None => return,
            },
            message = stream.next() => {
                let event = match message {
                    Some(Ok(Message::Text(text))) => NetEvent::SocketMessage(Frame::Text(text.to_string())),
                    Some(Ok(Message::Binary(bytes))) => NetEvent::SocketMessage(Frame::Binary(bytes.to_vec())),
                    Some(Ok(Message::Close(frame))) => {
                        let _ = sink.flush().await;
                        let (code, reason) = frame.map_or((1005, String::new()), |f| (u16::from(f.code), f.reason.to_string()));
                        let _ = events.send((task, NetEvent::SocketClosed { code, reason }));
                        return;
                    }
                    Some(Ok(_)) => continue,
                    Some(Err(e)) => NetEvent::Failed(socket_reason(&e)),
                    None => NetEvent::SocketClosed { code: 1006, reason: String::new() },
                };
                let ended = !matches!(event, NetEvent::SocketMessage(_));
                backlog.send(&events, task, event).await;
                if ended {
                    return;
                }
            }
        }
    }
}
