//! `wxemu auto`: the WebSocket protocol of the official `miniprogram-automator` client
//! (../shared/specs/automator-protocol.md) on 127.0.0.1, driving one Simulator. Time runs
//! as the wall clock here (the client sleeps for real): before each request the Simulator's
//! clock catches up. Clients are served at once, each on a thread of its own; the
//! Simulator stays on the serving thread. Only 127.0.0.1 is listened on, and handshakes
//! from web pages (a browser's `Origin`) are refused.

mod methods;
mod xpath;

use serde_json::{json, Value as Json};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};
use tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tungstenite::Message;
use wxemu_core::Simulator;

/// What ends the server.
#[derive(Debug, PartialEq)]
pub enum Ending {
    /// `Tool.close`.
    Closed,
}

/// The server's state between requests.
pub(crate) struct Session {
    pub sim: Simulator,
    started: Instant,
    /// `App.enableLog` was sent: console lines go out as `App.logAdded` events.
    pub log: bool,
    /// `App.addBinding` was sent: calls of the bindings go out as `App.bindingCalled` events.
    pub bindings: bool,
    pub closing: bool,
}

impl Session {
    /// Moves the Simulator's clock to the wall clock.
    fn catch_up(&mut self) {
        let elapsed = self.started.elapsed().as_millis() as u64;
        let now = self.sim.now();
        if elapsed > now {
            self.sim.advance(elapsed - now);
        }
    }

    /// The events to send after a request: the bindings' calls, then console lines and
    /// exceptions, when asked for.
    fn events(&mut self) -> Vec<Json> {
        let mut events = Vec::new();
        if self.bindings {
            let calls = self.sim.evaluate("() => { const c = globalThis.__autoBindingCalls || []; globalThis.__autoBindingCalls = []; return c }", &[]).unwrap_or_default();
            events.extend(calls.as_array().into_iter().flatten().map(|call| json!({ "method": "App.bindingCalled", "params": call })));
        }
        if !self.log {
            return events;
        }
        events.extend(self.sim.take_console().into_iter().map(|entry| {
            if entry.level == "error" && entry.location.is_some() {
                json!({ "method": "App.exceptionThrown", "params": { "message": entry.text, "stack": "" } })
            } else {
                json!({ "method": "App.logAdded", "params": { "type": entry.level, "args": [entry.text] } })
            }
        }));
        events
    }
}

/// The most clients served at once; more are turned away.
const MAX_CLIENTS: usize = 32;
/// How long a client has to finish the WebSocket handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(5);

/// A request frame from a client, and where its answers go.
struct Frame {
    text: String,
    reply: mpsc::Sender<Vec<String>>,
}

/// Serves `sim` on `listener` until a client sends `Tool.close`. Each client has a thread of
/// its own for its handshake and its frames, so a slow or idle one keeps nobody waiting; the
/// Simulator stays on this thread and answers requests in the order they come.
pub fn serve(listener: TcpListener, sim: Simulator) -> std::io::Result<Ending> {
    let mut session = Session { sim, started: Instant::now(), log: false, bindings: false, closing: false };
    let (requests, incoming) = mpsc::channel::<Frame>();
    std::thread::Builder::new().name("wxemu auto: accept".into()).spawn(move || accept(listener, requests))?;
    while let Ok(request) = incoming.recv() {
        session.catch_up();
        let mut frames = vec![answer(&mut session, &request.text).to_string()];
        frames.extend(session.events().into_iter().map(|event| event.to_string()));
        // A client that went away meanwhile needs no answer.
        let _ = request.reply.send(frames);
        if session.closing {
            return Ok(Ending::Closed);
        }
    }
    Ok(Ending::Closed)
}

/// Takes connections, each to a thread of its own, while fewer than [`MAX_CLIENTS`] are open.
fn accept(listener: TcpListener, requests: mpsc::Sender<Frame>) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming().flatten() {
        if open.load(Ordering::SeqCst) >= MAX_CLIENTS {
            continue;
        }
        open.fetch_add(1, Ordering::SeqCst);
        let (requests, done) = (requests.clone(), open.clone());
        let spawned = std::thread::Builder::new().name("wxemu auto: client".into()).spawn(move || {
            client(stream, &requests);
            done.fetch_sub(1, Ordering::SeqCst);
        });
        if spawned.is_err() {
            // No thread for it: the client is dropped unanswered.
            open.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// One client: the handshake (within [`HANDSHAKE_TIMEOUT`], from no web page), then its
/// request frames to the Simulator and the answers back, until it goes.
fn client(stream: TcpStream, requests: &mpsc::Sender<Frame>) {
    if stream.set_read_timeout(Some(HANDSHAKE_TIMEOUT)).is_err() {
        return;
    }
    let Ok(mut socket) = tungstenite::accept_hdr(stream, check_origin) else { return };
    if socket.get_ref().set_read_timeout(None).is_err() {
        return;
    }
    let (reply, answers) = mpsc::channel();
    while let Ok(message) = socket.read() {
        let text = match message {
            Message::Text(text) => text.to_string(),
            Message::Close(_) => break,
            _ => continue,
        };
        if requests.send(Frame { text, reply: reply.clone() }).is_err() {
            break;
        }
        let Ok(frames) = answers.recv() else { break };
        for frame in frames {
            if socket.send(Message::text(frame)).is_err() {
                return;
            }
        }
    }
    // The client is going or gone: its close needs no answer.
    let _ = socket.close(None);
    let _ = socket.flush();
}

/// The handshake is refused (403) when it comes from a web page: a browser sends the page's
/// `Origin`, which tools (the automator client, scripts) do not. Pages on this machine
/// (`http://localhost…`, `http://127.0.0.1…`, `http://[::1]…`) and `null` are let in.
#[allow(clippy::result_large_err)] // the callback signature tungstenite's accept_hdr takes
fn check_origin(request: &Request, response: Response) -> Result<Response, ErrorResponse> {
    let Some(origin) = request.headers().get("origin") else { return Ok(response) };
    let origin = origin.to_str().unwrap_or_default();
    if origin_is_local(origin) {
        return Ok(response);
    }
    let mut refused = ErrorResponse::new(Some(format!("wxemu auto does not serve web pages (Origin: {origin})")));
    *refused.status_mut() = tungstenite::http::StatusCode::FORBIDDEN;
    Err(refused)
}

/// Whether a handshake's `Origin` is one wxemu auto serves: `null` or a page of this machine.
fn origin_is_local(origin: &str) -> bool {
    if origin == "null" {
        return true;
    }
    let Some(rest) = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")) else { return false };
    let host = if rest.starts_with('[') { rest.split_inclusive(']').next().unwrap_or_default() } else { rest.split(':').next().unwrap_or_default() };
    matches!(host, "localhost" | "127.0.0.1" | "[::1]") && rest[host.len()..].chars().all(|c| c == ':' || c.is_ascii_digit())
}

/// The response to one request frame.
fn answer(session: &mut Session, text: &str) -> Json {
    let request: Json = serde_json::from_str(text).unwrap_or(Json::Null);
    let id = request.get("id").cloned().unwrap_or(Json::Null);
    let method = request.get("method").and_then(Json::as_str).unwrap_or_default();
    let params = request.get("params").and_then(Json::as_object).cloned().unwrap_or_default();
    match methods::call(session, method, &params) {
        Ok(result) => json!({ "id": id, "result": result }),
        Err(message) => json!({ "id": id, "error": { "message": message } }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pages_of_this_machine_are_local_origins() {
        for local in ["null", "http://localhost", "http://localhost:3000", "http://127.0.0.1:9420", "https://[::1]:8080"] {
            assert!(origin_is_local(local), "{local}");
        }
        for web in ["https://evil.example", "http://localhost.evil.example", "http://127.0.0.1.evil.example", "http://localhost@evil.example", "file://", "chrome-extension://abc", "http://[::1]x"] {
            assert!(!origin_is_local(web), "{web}");
        }
    }
}
