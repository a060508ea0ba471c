//! `wxemu auto`: the WebSocket protocol of the official `miniprogram-automator` client
//! (../shared/specs/automator-protocol.md) on 127.0.0.1, driving one Simulator. Time runs
//! as the wall clock here (the client sleeps for real): before each request the Simulator's
//! clock catches up. One connection at a time; the Simulator stays on this thread.

mod methods;
mod xpath;

use serde_json::{json, Value as Json};
use std::net::TcpListener;
use std::time::Instant;
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

/// Serves `sim` on `listener` until a client sends `Tool.close`.
pub fn serve(listener: TcpListener, sim: Simulator) -> std::io::Result<Ending> {
    let mut session = Session { sim, started: Instant::now(), log: false, bindings: false, closing: false };
    for stream in listener.incoming() {
        let stream = stream?;
        let Ok(mut socket) = tungstenite::accept(stream) else { continue };
        while let Ok(message) = socket.read() {
            let text = match message {
                Message::Text(text) => text.to_string(),
                Message::Close(_) => break,
                _ => continue,
            };
            session.catch_up();
            let reply = answer(&mut session, &text);
            if socket.send(Message::text(reply.to_string())).is_err() {
                break;
            }
            for event in session.events() {
                let _ = socket.send(Message::text(event.to_string()));
            }
            if session.closing {
                let _ = socket.close(None);
                let _ = socket.flush();
                return Ok(Ending::Closed);
            }
        }
    }
    Ok(Ending::Closed)
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
