//! `shiju serve` as a process: binds loopback, prints its address, takes the
//! token from SHIJU_TOKEN, answers the API, stops on SIGTERM.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

fn http(addr: &str, req: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    s.write_all(req.as_bytes()).unwrap();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}

#[test]
fn serve_binds_loopback_and_needs_the_env_token() {
    let data = std::env::temp_dir().join(format!("shiju-cli-serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let mut child = Command::new(env!("CARGO_BIN_EXE_shiju"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--max-body",
            "1000",
            "--data",
        ])
        .arg(&data)
        .env("SHIJU_TOKEN", "cli-test-token")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    // "shiju serve: http://127.0.0.1:PORT/ (data …; uploads need the token)"
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    assert!(addr.starts_with("127.0.0.1:"), "{line}");
    assert!(line.contains("uploads need the token"), "{line}");

    let stats = http(
        &addr,
        "GET /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(stats.starts_with("HTTP/1.1 200"), "{stats}");
    assert!(stats.contains("\"documents\":0"), "{stats}");
    let denied = http(
        &addr,
        "POST /api/documents HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 2\r\n\r\nhi",
    );
    assert!(denied.starts_with("HTTP/1.1 401"), "{denied}");
    let big = format!(
        "POST /api/documents HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer cli-test-token\r\nContent-Length: 2000\r\n\r\n{}",
        "a".repeat(2000)
    );
    let too_big = http(&addr, &big);
    assert!(too_big.starts_with("HTTP/1.1 413"), "{too_big}");

    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let status = child.wait().unwrap();
    assert!(
        status.success(),
        "serve ends cleanly on SIGTERM: {status:?}"
    );
    let _ = std::fs::remove_dir_all(&data);
}
