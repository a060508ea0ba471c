//! A server that sends faster than the Simulator reads fills at most the backlog.

use std::time::{Duration, Instant};
use wxemu_net::{Frame, Net, NetEvent, BACKLOG_BYTES};

/// A WebSocket server on 127.0.0.1 that sends 64 KiB messages without end; returns its URL.
fn flooding_server() -> String {
    wxemu_testkit::websocket_server(|mut socket| while socket.send(tungstenite::Message::binary(vec![1u8; 64 * 1024])).is_ok() {})
}

#[test]
fn a_flooding_socket_fills_at_most_the_backlog_and_goes_on_when_read() {
    let mut net = Net::default();
    net.connect(1, &flooding_server(), Vec::new(), Vec::new(), Duration::from_secs(5));
    let open = net.next_event(Some(Duration::from_secs(5)));
    assert!(matches!(open, Some((1, NetEvent::SocketOpen { .. }))), "{open:?}");
    // Nobody reads for a while: the backlog grows to its cap and stops there.
    let start = Instant::now();
    while net.backlog() < BACKLOG_BYTES && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(500));
    let full = net.backlog();
    assert!((BACKLOG_BYTES..BACKLOG_BYTES + 64 * 1024).contains(&full), "the backlog stops at {BACKLOG_BYTES} bytes and one message, not {full}");
    // Reading makes room, and the messages go on.
    let mut read = 0;
    while read < 2 * BACKLOG_BYTES {
        match net.next_event(Some(Duration::from_secs(5))) {
            Some((1, NetEvent::SocketMessage(Frame::Binary(data)))) => read += data.len(),
            other => panic!("the flood goes on once read: {other:?}"),
        }
    }
    assert!(net.backlog() <= BACKLOG_BYTES + 64 * 1024);
}
