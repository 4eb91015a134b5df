//! Helpers of the outbox tests: an in-process reference portal, the demo
//! citizen's requests, and a search of the outbox's files for personal values.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::net::TcpListener;
use yiban::client::{ClientConfig, PortalClient};
use yiban::core::model::{ApplicationMode, ApplicationRequest, IdentityMethod, IdentityRequest};
use yiban::outbox::NewEntry;
use yiban::portal::{Clock, RunningPortal};

/// 张秀兰, the main demo citizen (`assets/portal-seed/README.md`), and her phone.
pub const CITIZEN: &str = "110105194403160289";
pub const CITIZEN_NAME: &str = "张秀兰";
pub const PHONE: &str = "13800000001";

/// A reference portal on a loopback port, with its database.
pub struct Portal {
    pub running: RunningPortal,
    pub base: String,
    pub db: PathBuf,
}

impl Portal {
    /// Starts the portal on `port` (0: any) with its database `db` (seeded when new).
    pub async fn start(port: u16, db: &Path) -> Portal {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.expect("bind");
        let clock = Clock::fixed(time::macros::date!(2026 - 11 - 28));
        let running = yiban::portal::spawn_with_clock(listener, db, clock).await.expect("portal");
        let base = format!("http://{}", running.addr);
        Portal { running, base, db: db.to_owned() }
    }

    pub async fn stop(self) {
        self.running.shutdown().await.expect("portal shutdown");
    }

    /// Cases the portal holds for the drill's and the tests' terminal (read-only).
    pub fn count(&self, sql: &str) -> i64 {
        let conn = rusqlite::Connection::open_with_flags(&self.db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("portal db");
        conn.query_row(sql, [], |r| r.get(0)).expect("count")
    }
}

/// A client that does not retry on its own (the outbox does) and counts the portal's answers.
pub fn client(base: &str) -> (PortalClient, Arc<AtomicUsize>) {
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    let client = PortalClient::new(ClientConfig {
        connect_timeout: Duration::from_millis(500),
        request_timeout: Duration::from_secs(5),
        retries: 0,
        ..ClientConfig::new(base)
    })
    .expect("client")
    .with_observer(Arc::new(move |_| {
        seen.fetch_add(1, Ordering::SeqCst);
    }));
    (client, calls)
}

/// Opens an identity session for the demo citizen; returns its token.
pub async fn identify(client: &PortalClient) -> String {
    let req = IdentityRequest {
        hall_id: "demo-hall".into(),
        terminal_id: "kiosk-test".into(),
        method: IdentityMethod::TypedNumber,
        id_number: CITIZEN.into(),
        name: None,
    };
    client.open_identity(&req).await.expect("identity").token
}

/// An old-age allowance application with `phone` (a bad phone makes a 422).
pub fn request(phone: &str) -> ApplicationRequest {
    ApplicationRequest {
        matter_id: "old-age-allowance".into(),
        schema_version: 1,
        hall_id: "demo-hall".into(),
        terminal_id: "kiosk-test".into(),
        mode: ApplicationMode::SelfService,
        helper_staff_id: None,
        agent: None,
        bundle_id: None,
        answers: [("hukou_confirm", "YES"), ("payout", "SSCARD"), ("phone", phone)]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
    }
}

pub fn entry(token: &str, request: ApplicationRequest) -> NewEntry {
    NewEntry { key: yiban::outbox::new_key(), token: token.to_owned(), request }
}

/// `(file, needle)` for every needle found verbatim in any file under `dir`.
pub fn grep_dir(dir: &Path, needles: &[&str]) -> Vec<(PathBuf, String)> {
    let mut found = vec![];
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir").flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).unwrap_or_default();
            for n in needles.iter().filter(|n| !n.is_empty()) {
                if bytes.windows(n.len()).any(|w| w == n.as_bytes()) {
                    found.push((path.clone(), (*n).to_owned()));
                }
            }
        }
    }
    found
}

/// A loopback port nobody uses right now.
pub fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}
