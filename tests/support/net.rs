//! Tiny raw TCP peers for the failure cases: nobody listening, a portal that never
//! answers, a portal that always answers 503 and counts the requests it got.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// An address where nothing listens (bound, read, closed).
pub async fn dead_address() -> String {
    let l = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = l.local_addr().expect("addr");
    drop(l);
    format!("http://{addr}")
}

/// Accepts connections and keeps them open without ever answering.
pub async fn silent_server() -> String {
    let l = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = l.local_addr().expect("addr");
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((sock, _)) = l.accept().await {
            held.push(sock);
        }
    });
    format!("http://{addr}")
}

/// Answers every request with `503` and closes; counts the requests.
pub struct Unavailable {
    pub base: String,
    count: Arc<AtomicUsize>,
}

impl Unavailable {
    pub async fn start() -> Self {
        let l = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = l.local_addr().expect("addr");
        let count = Arc::new(AtomicUsize::new(0));
        let c = count.clone();
        tokio::spawn(async move {
            while let Ok((sock, _)) = l.accept().await {
                let c = c.clone();
                tokio::spawn(async move {
                    if read_request(sock, &c).await.is_err() {
                        // The client gave up mid-request; nothing to count.
                    }
                });
            }
        });
        Unavailable { base: format!("http://{addr}"), count }
    }

    /// Requests received so far; resets the counter.
    pub fn take(&self) -> usize {
        self.count.swap(0, Ordering::SeqCst)
    }
}

async fn read_request(mut sock: TcpStream, count: &AtomicUsize) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = sock.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    while buf.len() < head_end + length {
        let n = sock.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    count.fetch_add(1, Ordering::SeqCst);
    let body = br#"{"code":"internal","message":"try later"}"#;
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    sock.write_all(answer.as_bytes()).await?;
    sock.write_all(body).await?;
    sock.shutdown().await
}
