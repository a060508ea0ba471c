//! The network calls on the event queue: `wx.request`, `downloadFile`, `uploadFile` and
//! sockets go to the host's network (`crates/wx`); what a mock route answers comes back as
//! queue events at its virtual time; what the real network answers is read from its channel.
//! In headless runs the clock waits for the real network: before time moves on, every
//! request under way is awaited, so a response arrives at the virtual instant the request
//! was made, the same on every run.

use crate::queue::Event;
use crate::Simulator;
use serde_json::{Map, Value as Json};
use std::time::Duration;
use wxemu_appservice::wx::network::Update;
use wxemu_appservice::wx::{LoggedRequest, Routes};

/// How long one wait for the real network lasts before it is checked again.
const POLL: Duration = Duration::from_millis(50);

/// How many events that nothing awaits (open sockets' messages) one settle delivers at most.
const SOCKET_EVENTS_PER_SETTLE: usize = 1000;

impl Simulator {
    /// A network call (or a task operation: abort, a socket's send or close).
    pub(crate) fn network_api(&mut self, api: &str, call: u32, args: &Map<String, Json>) {
        if let Some(error) = args.get("error").and_then(Json::as_str) {
            self.app.api_result(call, serde_json::json!({ "errMsg": error }));
            return;
        }
        let (updates, delays) = {
            let host = &mut *self.host.borrow_mut();
            host.network.start(call, api, args, &mut host.files, self.now)
        };
        // A socket's send and close script more of the socket's own events.
        let task = if matches!(api, "sendSocketMessage" | "closeSocket") { args.get("task").and_then(Json::as_u64).unwrap_or(0) as u32 } else { call };
        for delay in delays {
            self.queue.push(self.now + delay, Event::Network { task });
        }
        self.deliver(updates);
    }

    /// A mock route's next event for `task` is due.
    pub(crate) fn scripted_network_due(&mut self, task: u32) {
        let updates = {
            let host = &mut *self.host.borrow_mut();
            host.network.scripted_due(task, &mut host.files)
        };
        self.deliver(updates);
    }

    /// Hands what the real network has answered to the app; while requests are under way,
    /// waits for them (the clock does not move meanwhile).
    /// Open sockets' messages are not awaited; at most [`SOCKET_EVENTS_PER_SETTLE`] of them are
    /// delivered at once, so a server that never stops sending cannot hold the clock.
    pub(crate) fn settle_network(&mut self) {
        let mut unawaited = 0;
        loop {
            let awaited = self.host.borrow().network.awaited() > 0;
            let came = self.receive_network(awaited.then_some(POLL));
            if !awaited && (!came || unawaited == SOCKET_EVENTS_PER_SETTLE) {
                return;
            }
            unawaited += usize::from(came && !awaited);
        }
    }

    /// Delivers one event from the real network, waiting at most `wait` for it.
    fn receive_network(&mut self, wait: Option<Duration>) -> bool {
        let updates = {
            let host = &mut *self.host.borrow_mut();
            host.network.receive(wait, &mut host.files)
        };
        let Some(updates) = updates else { return false };
        self.deliver(updates);
        true
    }

    /// Waits up to `wait` (wall-clock time) for the real network's next event, such as a
    /// message on an open socket, and delivers it. Returns whether one came.
    pub fn wait_for_network(&mut self, wait: Duration) -> bool {
        let came = self.receive_network(Some(wait));
        self.settle_network();
        came
    }

    fn deliver(&mut self, updates: Vec<Update>) {
        for update in updates {
            match update {
                // The view's own image loads end in the view.
                Update::Event { task, .. } if self.images.is_load(&task) => {}
                Update::Result { task, result } if self.remote_image_read(task, &result) => {}
                Update::Event { task, name, payload } => self.app.task_event(task, name, payload),
                Update::Result { task, result } => self.app.api_result(task, result),
            }
        }
        // A request that ended makes room for one that waited. One loop starts them all: a
        // waiting request that fails at once comes back here, and must not start the next.
        if !self.starting_waiting {
            self.starting_waiting = true;
            loop {
                let next = self.host.borrow_mut().network.next_waiting();
                let Some((task, api, args)) = next else { break };
                self.network_api(&api, task, &args);
            }
            self.starting_waiting = false;
        }
        self.process_messages();
    }

    /// Mock routes answer the network APIs from now on (in place of the ones given at
    /// launch).
    pub fn set_routes(&mut self, routes: Routes) {
        self.host.borrow_mut().network.settings.routes = Some(routes);
    }

    /// The requests the app made (`wx.request`, `downloadFile`, `uploadFile`,
    /// `connectSocket`; the newest 10,000), oldest first, with how each ended.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.host.borrow().network.log().cloned().collect()
    }
}
