//! Helpers of the outbox tests: an in-process reference portal, the demo
//! citizen's requests, and a search of the outbox's files for personal values.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::net::TcpListener;
use yiban::client::{ClientConfig, PortalClient};
use yiban::core::model::{ApplicationMode, ApplicationRequest, IdentityMethod, IdentityRequest};
use yiban::core::personal::Personal;
use yiban::outbox::NewEntry;
use yiban::portal::{Clock, RunningPortal};

/// 张秀兰, the main demo citizen (`assets/portal-seed/README.md`), and her phone.
pub const CITIZEN: &str = "110105194403160289";
pub const CITIZEN_NAME: &str = "张秀兰";
pub const PHONE: &str = "13800000001";
/// Her birth date as it appears inside the ID number.
pub const BIRTH: &str = "19440316";

/// Everything of the demo citizen that must never be on disk or in a log in plain text.
pub const PERSONAL: [&str; 4] = [CITIZEN, CITIZEN_NAME, PHONE, BIRTH];

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

    /// How many cases the portal holds under `key` (0 or 1: the key is unique) and
    /// how many cases `terminal` has in all.
    pub fn cases(&self, key: &str, terminal: &str) -> (i64, i64) {
        let conn = read_only(&self.db);
        let by_key = conn
            .query_row("SELECT COUNT(*) FROM idempotency_keys WHERE key = ?1", [key], |r| r.get(0))
            .expect("count by key");
        let all = conn
            .query_row("SELECT COUNT(*) FROM cases WHERE terminal_id = ?1", [terminal], |r| r.get(0))
            .expect("count by terminal");
        (by_key, all)
    }

    /// The case number the portal recorded under `key`.
    pub fn case_of(&self, key: &str) -> Option<String> {
        read_only(&self.db)
            .query_row("SELECT case_no FROM idempotency_keys WHERE key = ?1", [key], |r| r.get(0))
            .ok()
    }
}

/// The portal's database opened read-only (the portal may be running: WAL allows it).
pub fn read_only(db: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("portal db")
}

/// A client that does not retry on its own (the outbox does) and counts the
/// applications the portal answered.
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
    .with_observer(Arc::new(move |ex| {
        if ex.method == "POST" && ex.path_template == "/v1/applications" {
            seen.fetch_add(1, Ordering::SeqCst);
        }
    }));
    (client, calls)
}

/// Opens an identity session for the demo citizen; returns its token.
pub async fn identify(client: &PortalClient) -> Personal {
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

pub fn entry(token: &Personal, request: ApplicationRequest) -> NewEntry {
    NewEntry { key: yiban::outbox::new_key(), token: token.clone(), request }
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
