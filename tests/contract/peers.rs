//! Scripted portals on loopback: a raw TCP (or TLS) peer that reads each request
//! and answers it with one fault, byte for byte, so the client meets exactly what
//! a broken portal, proxy or network would send.

use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpListener;

/// How the peer answers every request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// These bytes (a whole HTTP answer, or a part of one), then close.
    Raw(Vec<u8>),
    /// An answer with this status, content type and body (`Content-Length` set).
    Whole { status: u16, content_type: Option<&'static str>, body: Vec<u8> },
    /// A `200 application/json` head announcing `length` bytes, then only `sent` of them.
    CutShort { length: usize, sent: Vec<u8> },
    /// A `200 application/json` head announcing this length, then (up to) that many bytes.
    Announced(u64),
    /// A chunked `200 application/json` body that goes on until the client stops
    /// reading (bounded: at most this many bytes).
    Endless(usize),
    /// A whole head, then the body one byte every `every`.
    Trickle { body: Vec<u8>, every: Duration },
    /// Reads the request and closes without a word.
    Hangup,
    /// An answer whose body `body` makes of the request (head and body, as text): a
    /// portal or proxy that echoes what it was sent.
    Echo { status: u16, content_type: &'static str, body: fn(&str) -> String },
}

impl Reply {
    /// A JSON answer.
    pub fn json(status: u16, body: &str) -> Reply {
        Reply::Whole { status, content_type: Some("application/json"), body: body.as_bytes().to_vec() }
    }

    /// An HTML page, as a proxy or gateway sends.
    pub fn html(status: u16) -> Reply {
        let body = b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>".to_vec();
        Reply::Whole { status, content_type: Some("text/html; charset=utf-8"), body }
    }
}

/// A peer on `127.0.0.1`; its base URL.
pub async fn serve(reply: Reply) -> String {
    let l = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = l.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((sock, _)) = l.accept().await {
            let reply = reply.clone();
            tokio::spawn(async move {
                // A client that gives up mid-answer is part of the test, not a failure.
                let _ = answer(sock, &reply).await;
            });
        }
    });
    format!("http://{addr}")
}

/// A TLS peer on `127.0.0.1` with this server configuration; its base URL.
pub async fn serve_tls(config: Arc<rustls::ServerConfig>, reply: Reply) -> String {
    let l = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = l.local_addr().expect("addr");
    let acceptor = tokio_rustls::TlsAcceptor::from(config);
    tokio::spawn(async move {
        while let Ok((sock, _)) = l.accept().await {
            let (acceptor, reply) = (acceptor.clone(), reply.clone());
            tokio::spawn(async move {
                // A refused handshake is what some tests are about.
                if let Ok(tls) = acceptor.accept(sock).await {
                    let _ = answer(tls, &reply).await;
                }
            });
        }
    });
    format!("https://{addr}")
}

async fn answer<S: AsyncRead + AsyncWrite + Unpin>(mut sock: S, reply: &Reply) -> std::io::Result<()> {
    let request = read_request(&mut sock).await?;
    let head = |status: u16, content_type: Option<&str>, length: Option<u64>| {
        let mut h = format!("HTTP/1.1 {status} {}\r\nconnection: close\r\n", reason(status));
        if let Some(t) = content_type {
            h.push_str(&format!("content-type: {t}\r\n"));
        }
        match length {
            Some(n) => h.push_str(&format!("content-length: {n}\r\n")),
            None => h.push_str("transfer-encoding: chunked\r\n"),
        }
        h.push_str("\r\n");
        h.into_bytes()
    };
    const JSON: Option<&str> = Some("application/json");
    match reply {
        Reply::Raw(bytes) => sock.write_all(bytes).await?,
        Reply::Whole { status, content_type, body } => {
            sock.write_all(&head(*status, *content_type, Some(body.len() as u64))).await?;
            sock.write_all(body).await?;
        }
        Reply::CutShort { length, sent } => {
            sock.write_all(&head(200, JSON, Some(*length as u64))).await?;
            sock.write_all(sent).await?;
        }
        Reply::Announced(length) => {
            sock.write_all(&head(200, JSON, Some(*length))).await?;
            let block = [b' '; 16 * 1024];
            let mut left = *length;
            while left > 0 {
                let n = left.min(block.len() as u64) as usize;
                sock.write_all(&block[..n]).await?;
                left -= n as u64;
            }
        }
        Reply::Endless(cap) => {
            sock.write_all(&head(200, JSON, None)).await?;
            let chunk = format!("{:x}\r\n{}\r\n", 16 * 1024, "[".repeat(16 * 1024));
            let mut sent = 0;
            while sent < *cap {
                sock.write_all(chunk.as_bytes()).await?;
                sent += 16 * 1024;
            }
        }
        Reply::Trickle { body, every } => {
            sock.write_all(&head(200, JSON, Some(body.len() as u64))).await?;
            for b in body {
                sock.write_all(&[*b]).await?;
                sock.flush().await?;
                tokio::time::sleep(*every).await;
            }
        }
        Reply::Hangup => {}
        Reply::Echo { status, content_type, body } => {
            let body = body(&String::from_utf8_lossy(&request));
            sock.write_all(&head(*status, Some(*content_type), Some(body.len() as u64))).await?;
            sock.write_all(body.as_bytes()).await?;
        }
    }
    sock.flush().await?;
    sock.shutdown().await
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        404 => "Not Found",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        _ => "Status",
    }
}

/// Reads one request: its head, then as many body bytes as it announces; returns both.
async fn read_request<S: AsyncRead + Unpin>(sock: &mut S) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = sock.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
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
    Ok(buf)
}
