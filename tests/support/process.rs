//! The portal as its own process (`yiban portal --listen … --db …`), to kill it hard.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use yiban::client::{ClientConfig, PortalClient};

pub struct PortalProcess {
    child: Child,
    pub base: String,
}

/// A loopback port nobody uses right now.
pub fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

impl PortalProcess {
    /// Starts the binary and waits until `GET /v1/health` answers.
    pub async fn start(port: u16, db: &Path) -> PortalProcess {
        // The portal's log goes beside the database (each start appends to it).
        let log_path = db.with_extension("log");
        let log =
            std::fs::OpenOptions::new().create(true).append(true).open(&log_path).expect("portal log file");
        let child = Command::new(env!("CARGO_BIN_EXE_yiban"))
            .args(["portal", "--listen", &format!("127.0.0.1:{port}"), "--db"])
            .arg(db)
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log handle"))
            .stderr(log)
            .spawn()
            .expect("spawn yiban portal");
        let mut p = PortalProcess { child, base: format!("http://127.0.0.1:{port}") };
        let probe = PortalClient::new(ClientConfig {
            retries: 0,
            request_timeout: Duration::from_secs(2),
            ..ClientConfig::new(&p.base)
        })
        .expect("client");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if probe.health().await.is_ok() {
                return p;
            }
            if let Some(status) = p.child.try_wait().expect("try_wait") {
                let log = std::fs::read_to_string(&log_path).unwrap_or_default();
                panic!("yiban portal exited early with {status}:\n{log}");
            }
            assert!(Instant::now() < deadline, "yiban portal not healthy within 60 s");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// SIGKILL (on Unix `Child::kill` sends it): no shutdown code runs.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for PortalProcess {
    fn drop(&mut self) {
        self.kill();
    }
}
