//! Connection handling: half-sent and idle connections are closed after the
//! header timeout, overlong request targets and heads are JSON errors, and
//! a store is served read-only when it cannot be written.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::time::Duration;

use shiju_server::{Config, Limits, Server};

fn server(header_timeout: Duration) -> (Server, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut cfg = Config::new(dir.path().to_path_buf());
    cfg.addr = "127.0.0.1:0".parse().expect("address");
    cfg.limits = Limits {
        header_timeout,
        ..Limits::default()
    };
    (Server::start(cfg).expect("server starts"), dir)
}

/// Reads until the server closes the connection; fails if it is still open
/// after `bound` (a generous bound: the point is that it closes at all).
fn read_until_closed(s: &mut TcpStream, bound: Duration) -> Vec<u8> {
    s.set_read_timeout(Some(bound)).expect("read timeout");
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return out,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return out,
            Err(e) => panic!("the connection was not closed: {e}"),
        }
    }
}

#[test]
fn a_half_sent_request_is_closed() {
    let (srv, _dir) = server(Duration::from_millis(300));
    let mut s = TcpStream::connect(srv.addr()).expect("connect");
    s.write_all(b"GET /api/stats HTTP/1.1\r\nHost: x\r\n")
        .expect("write");
    read_until_closed(&mut s, Duration::from_secs(30));
}

#[test]
fn a_silent_connection_is_closed() {
    let (srv, _dir) = server(Duration::from_millis(300));
    let mut s = TcpStream::connect(srv.addr()).expect("connect");
    read_until_closed(&mut s, Duration::from_secs(30));
}

#[test]
fn an_idle_keep_alive_connection_is_closed_after_its_answer() {
    let (srv, _dir) = server(Duration::from_millis(300));
    let mut s = TcpStream::connect(srv.addr()).expect("connect");
    s.write_all(b"GET /api/stats HTTP/1.1\r\nHost: x\r\n\r\n")
        .expect("write");
    let got = read_until_closed(&mut s, Duration::from_secs(30));
    let text = String::from_utf8_lossy(&got);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
}

fn status_and_body(raw: &[u8]) -> (u16, serde_json::Value) {
    let text = String::from_utf8_lossy(raw);
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text.split("\r\n\r\n").nth(1).unwrap_or("");
    (status, serde_json::from_str(body).unwrap_or_default())
}

fn once(srv: &Server, request: &[u8]) -> Vec<u8> {
    let mut s = TcpStream::connect(srv.addr()).expect("connect");
    s.write_all(request).expect("write");
    read_until_closed(&mut s, Duration::from_secs(30))
}

#[test]
fn overlong_targets_and_heads_are_json_errors() {
    let (srv, _dir) = server(Duration::from_secs(5));
    let long = "a".repeat(20_000);
    let raw = once(
        &srv,
        format!("GET /api/search?q={long} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    );
    let (status, body) = status_and_body(&raw);
    assert_eq!(status, 414);
    assert!(
        body["error"].as_str().is_some_and(|e| e.contains("8192")),
        "{body}"
    );

    let headers: String = (0..40)
        .map(|i| format!("X-Filler-{i}: {}\r\n", "b".repeat(1000)))
        .collect();
    let raw = once(
        &srv,
        format!("GET /api/stats HTTP/1.1\r\nHost: x\r\n{headers}Connection: close\r\n\r\n")
            .as_bytes(),
    );
    let (status, body) = status_and_body(&raw);
    assert_eq!(status, 431);
    assert!(body["error"].as_str().is_some(), "{body}");
}

#[test]
fn stopping_with_an_open_connection_ends() {
    let (srv, _dir) = server(Duration::from_secs(60));
    let mut s = TcpStream::connect(srv.addr()).expect("connect");
    s.write_all(b"GET /api/stats HTTP/1.1\r\nHost: x\r\n")
        .expect("write");
    // The half-sent request must not keep the server from stopping.
    srv.stop().expect("the server stops");
}
