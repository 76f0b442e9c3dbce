//! Servers the driver starts on this machine: a free loopback port for each, and
//! waiting until one answers.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::Child;
use std::time::{Duration, Instant};

use crate::failure::{Explain, Failure};

/// A port nobody listens on right now; the server binds it a moment later.
pub fn free_port() -> Result<u16, Failure> {
    let listener =
        TcpListener::bind("127.0.0.1:0").explain(|| "cannot find a free local port".to_owned())?;
    let address = listener
        .local_addr()
        .explain(|| "cannot find a free local port".to_owned())?;
    Ok(address.port())
}

/// Waits until `GET path` on `127.0.0.1:port` answers 200, or `server` exits, or `limit`
/// passes. A plain HTTP/1.0 request over a socket: the driver needs no HTTP client.
pub fn wait_until_healthy(
    server: &mut Child,
    port: u16,
    path: &str,
    limit: Duration,
) -> Result<(), Failure> {
    let started = Instant::now();
    loop {
        if let Ok(Some(status)) = server.try_wait() {
            return Err(Failure::new(format!(
                "the server exited during start-up ({status})"
            )));
        }
        if answers_ok(port, path) {
            return Ok(());
        }
        if started.elapsed() > limit {
            return Err(Failure::new(format!(
                "the server did not answer GET {path} on port {port} within {} s",
                limit.as_secs()
            )));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn answers_ok(port: u16, path: &str) -> bool {
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let Ok(mut stream) = TcpStream::connect_timeout(&address, Duration::from_secs(1)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = format!("GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
    let mut head = [0u8; 12];
    stream.write_all(request.as_bytes()).is_ok()
        && stream.read_exact(&mut head).is_ok()
        && head.starts_with(b"HTTP/1.") // 1.0 or 1.1, then the status
        && &head[8..12] == b" 200"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_free_port_can_be_bound() {
        let port = free_port().unwrap();
        assert!(TcpListener::bind(("127.0.0.1", port)).is_ok());
    }

    #[test]
    fn a_port_without_a_server_does_not_answer() {
        assert!(!answers_ok(free_port().unwrap(), "/healthz"));
    }
}
