//! Unit tests of the outbox's parts; end-to-end behaviour is in `tests/outbox.rs`.

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use super::seal::{Row, Sealer};
use super::store::REF_ALPHABET;
use super::*;
use crate::core::personal::Personal;

#[test]
fn backoff_grows_with_jitter_and_stays_under_its_cap() {
    let b = Backoff { first: Duration::from_millis(100), cap: Duration::from_secs(2) };
    for failures in 1..=40u32 {
        // Without the cap: base = 100 ms · 2^(n-1), base ≤ cap/2; jitter adds [0, base).
        let base = Duration::from_millis(100).saturating_mul(1 << (failures - 1).min(20)).min(b.cap / 2);
        for _ in 0..20 {
            let d = b.delay(failures);
            assert!(d >= base.min(b.cap), "failure {failures}: {d:?} < {base:?}");
            assert!(d <= b.cap, "failure {failures}: {d:?} over the cap");
            assert!(d < base * 2 || d == b.cap, "failure {failures}: {d:?} ≥ 2 · {base:?}");
        }
    }
    let samples: std::collections::BTreeSet<_> = (0..20).map(|_| b.delay(3)).collect();
    assert!(samples.len() > 1, "no jitter: {samples:?}");
    assert!(Backoff::default().delay(u32::MAX) <= Duration::from_secs(300));
}

#[test]
fn local_references_use_an_unambiguous_alphabet() {
    let letters: std::collections::BTreeSet<u8> = REF_ALPHABET.iter().copied().collect();
    assert_eq!(letters.len(), 32);
    for confusable in *b"01IO" {
        assert!(!letters.contains(&confusable), "{}", char::from(confusable));
    }
    assert!(letters.iter().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()));
}

#[test]
fn idempotency_keys_follow_the_portal_rule() {
    assert!(check_key(&new_key()).is_ok());
    assert!(check_key("a").is_ok());
    assert!(check_key(&"k".repeat(200)).is_ok());
    for bad in ["", "has space", "中文", "tab\t"] {
        assert!(matches!(check_key(bad), Err(OutboxError::BadKey)), "{bad:?}");
    }
    assert!(check_key(&"k".repeat(201)).is_err());
}

#[test]
fn states_round_trip_through_their_column() {
    for s in [EntryState::Pending, EntryState::TokenRefused, EntryState::Refused, EntryState::Damaged] {
        assert_eq!(EntryState::parse(s.as_str()), Some(s));
    }
    assert_eq!(EntryState::parse("pending"), None);
}

#[test]
fn depth_sums_what_needs_staff() {
    let d = Depth { pending: 2, token_refused: 1, refused: 3, damaged: 1, sessions_to_close: 0 };
    assert_eq!((d.needs_staff(), d.entries(), d.is_empty()), (5, 7, false));
    assert!(Depth::default().is_empty());
    assert!(!Depth { sessions_to_close: 1, ..Depth::default() }.is_empty());
}

#[test]
fn sealing_binds_row_and_key() {
    let a = Sealer::new(&[7u8; 32]).unwrap();
    let b = Sealer::new(&[8u8; 32]).unwrap();
    let msg = b"token and request";
    let sealed = a.seal(Row::Entry("e1"), msg).unwrap();
    assert_eq!(sealed.len(), 24 + msg.len() + 16);
    assert!(!sealed.windows(msg.len()).any(|w| w == msg));
    assert_eq!(a.open(Row::Entry("e1"), &sealed).as_deref().map(Vec::as_slice), Some(&msg[..]));
    assert!(a.open(Row::Entry("e2"), &sealed).is_none(), "another row's id");
    assert!(a.open(Row::Session("e1"), &sealed).is_none(), "another table");
    assert!(b.open(Row::Entry("e1"), &sealed).is_none(), "another key");
    for i in [0, 23, 24, sealed.len() - 1] {
        let mut t = sealed.clone();
        t[i] ^= 1;
        assert!(a.open(Row::Entry("e1"), &t).is_none(), "byte {i} flipped");
    }
    assert!(a.open(Row::Entry("e1"), &sealed[..20]).is_none(), "truncated");
    assert_ne!(a.seal(Row::Entry("e1"), msg).unwrap(), sealed, "nonce reused");
}

#[test]
fn first_open_makes_a_private_directory_key_and_database() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data").join("outbox");
    let outbox = Outbox::open(&dir).unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join(KEY_FILE)), 0o600);
    assert_eq!(std::fs::metadata(dir.join(KEY_FILE)).unwrap().len(), 32);
    assert_eq!(mode(&dir.join(DB_FILE)), 0o600);
    assert_eq!(outbox.depth().unwrap(), Depth::default());
    let key = std::fs::read(dir.join(KEY_FILE)).unwrap();
    drop(outbox);
    Outbox::open(&dir).unwrap();
    assert_eq!(std::fs::read(dir.join(KEY_FILE)).unwrap(), key, "the key is made once");
    let names: Vec<_> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(names.iter().all(|n| !n.starts_with(".outbox.key.")), "temporary key left: {names:?}");
}

fn request(phone: &str) -> crate::core::model::ApplicationRequest {
    crate::core::model::ApplicationRequest {
        matter_id: "old-age-allowance".into(),
        schema_version: 1,
        hall_id: "demo-hall".into(),
        terminal_id: "kiosk-01".into(),
        mode: Default::default(),
        helper_staff_id: None,
        agent: None,
        bundle_id: None,
        answers: [("phone".to_owned(), phone.to_owned())].into(),
    }
}

fn entry(token: &str) -> NewEntry {
    NewEntry { key: new_key(), token: Personal::new(token), request: request("13800000001") }
}

/// A client of a portal that is not there (port 1 refuses at once).
fn unreachable() -> crate::client::PortalClient {
    crate::client::PortalClient::new(crate::client::ClientConfig {
        retries: 0,
        connect_timeout: Duration::from_millis(300),
        ..crate::client::ClientConfig::new("http://127.0.0.1:1")
    })
    .unwrap()
}

/// A fresh outbox directory (the temporary directory itself may be open to others).
fn scratch() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("outbox");
    (tmp, dir)
}

const QUICK: Backoff = Backoff { first: Duration::from_millis(200), cap: Duration::from_secs(2) };

#[test]
fn debug_output_hides_the_token() {
    let shown = format!("{:?}", entry("secret-token-value"));
    assert!(!shown.contains("secret-token-value") && !shown.contains("13800000001"), "{shown}");
    assert!(shown.contains("old-age-allowance"));
}

#[test]
fn the_database_is_wal_and_synchronous_full() {
    let tmp = tempfile::tempdir().unwrap();
    let conn = store::open(&tmp.path().join(DB_FILE)).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!((mode.as_str(), sync, version), ("wal", 2, store::SCHEMA_VERSION));
    conn.execute_batch("PRAGMA user_version = 99").unwrap();
    drop(conn);
    let newer = store::open(&tmp.path().join(DB_FILE)).map(drop);
    assert!(matches!(newer, Err(OutboxError::SchemaTooNew { found: 99, .. })), "{newer:?}");
}

#[test]
fn a_key_file_open_to_others_or_of_the_wrong_size_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("outbox");
    drop(Outbox::open(&dir).unwrap());
    let key = dir.join(KEY_FILE);
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o640)).unwrap();
    let shared = Outbox::open(&dir).map(drop);
    assert!(matches!(shared, Err(OutboxError::KeyPermissions { mode: 0o640, .. })), "{shared:?}");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::write(&key, [1u8; 31]).unwrap();
    let short = Outbox::open(&dir).map(drop);
    assert!(matches!(short, Err(OutboxError::KeyLength { len: 31, .. })), "{short:?}");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let open_dir = Outbox::open(&dir).map(drop);
    assert!(matches!(open_dir, Err(OutboxError::DirectoryPermissions { mode: 0o755, .. })), "{open_dir:?}");
    // The messages name the files, never the key.
    let text = format!("{} {}", shared.unwrap_err(), short.unwrap_err());
    assert!(text.contains(KEY_FILE) && text.contains("600"), "{text}");
}

#[tokio::test]
async fn a_bad_idempotency_key_is_refused_before_anything_is_kept() {
    let (_tmp, dir) = scratch();
    let outbox = Outbox::open(&dir).unwrap();
    let mut bad = entry("t");
    bad.key = "two words".into();
    assert!(matches!(outbox.enqueue(bad).await, Err(OutboxError::BadKey)));
    assert_eq!(outbox.depth().unwrap(), Depth::default());
}

#[tokio::test]
async fn an_unsent_entry_waits_its_backoff_and_is_due_at_once_after_a_restart() {
    let (_tmp, dir) = scratch();
    let outbox = Outbox::open_with(&dir, QUICK).unwrap();
    let queued = outbox.enqueue(entry("t1")).await.unwrap();
    assert_eq!(queued.local_ref.len(), store::REF_LEN);
    assert!(queued.local_ref.bytes().all(|b| REF_ALPHABET.contains(&b)), "{}", queued.local_ref);
    let outcomes = flush(&outbox, &unreachable()).await;
    let [Outcome::Deferred { local_ref, attempts: 1, retry_in, trouble: Trouble::Offline }] = &outcomes[..]
    else {
        panic!("{outcomes:?}");
    };
    assert_eq!(local_ref, &queued.local_ref);
    assert!(*retry_in >= QUICK.first && *retry_in <= QUICK.cap, "{retry_in:?}");
    // Not due yet: a second pass sends nothing.
    assert!(flush(&outbox, &unreachable()).await.is_empty());
    let info = outbox.pending().unwrap();
    assert_eq!((info.len(), info[0].attempts, info[0].state), (1, 1, EntryState::Pending));
    assert!(info[0].next_attempt_at.unwrap() > std::time::SystemTime::now());
    drop(outbox);
    let reopened = Outbox::open_with(&dir, QUICK).unwrap();
    let info = reopened.pending().unwrap();
    assert!(info[0].next_attempt_at.unwrap() <= std::time::SystemTime::now(), "due at once after a restart");
    let outcomes = flush(&reopened, &unreachable()).await;
    assert!(matches!(&outcomes[..], [Outcome::Deferred { attempts: 2, .. }]), "{outcomes:?}");
}

#[tokio::test]
async fn an_unreachable_portal_ends_the_pass_and_the_rest_wait_untried() {
    let (_tmp, dir) = scratch();
    let outbox = Outbox::open_with(&dir, QUICK).unwrap();
    for _ in 0..3 {
        outbox.enqueue(entry("t1")).await.unwrap();
    }
    let outcomes = flush(&outbox, &unreachable()).await;
    assert!(matches!(&outcomes[..], [Outcome::Deferred { attempts: 1, .. }]), "{outcomes:?}");
    let info = outbox.pending().unwrap();
    let attempts: Vec<u32> = info.iter().map(|e| e.attempts).collect();
    assert_eq!(attempts, [1, 0, 0]);
    assert!(info.iter().all(|e| e.next_attempt_at.unwrap() > std::time::SystemTime::now()));
    // After a restart the untried ones go first: one that keeps failing cannot hold them up.
    drop(outbox);
    let outbox = Outbox::open_with(&dir, QUICK).unwrap();
    let Outcome::Deferred { local_ref, .. } = &flush(&outbox, &unreachable()).await[0] else { panic!() };
    assert_eq!(local_ref, &info[1].local_ref);
}

#[tokio::test]
async fn an_entry_sealed_under_another_key_is_kept_as_damaged_and_not_sent() {
    let (_tmp, dir) = scratch();
    let outbox = Outbox::open(&dir).unwrap();
    let queued = outbox.enqueue(entry("t1")).await.unwrap();
    drop(outbox);
    std::fs::write(dir.join(KEY_FILE), [9u8; 32]).unwrap();
    let outbox = Outbox::open(&dir).unwrap();
    let outcomes = flush(&outbox, &unreachable()).await;
    assert!(matches!(&outcomes[..], [Outcome::Damaged { local_ref }] if *local_ref == queued.local_ref));
    assert_eq!(outbox.depth().unwrap().damaged, 1);
    assert!(flush(&outbox, &unreachable()).await.is_empty(), "a damaged entry is not tried again");
    outbox.discard(&queued.local_ref).await.unwrap();
    assert_eq!(outbox.depth().unwrap(), Depth::default());
}

#[tokio::test]
async fn staff_actions_check_the_state_of_the_entry() {
    let (_tmp, dir) = scratch();
    let outbox = Outbox::open(&dir).unwrap();
    let queued = outbox.enqueue(entry("t1")).await.unwrap();
    let renew = outbox.renew_token(&queued.local_ref, Personal::new("t2")).await;
    assert!(matches!(renew, Err(OutboxError::WrongState { state: "PENDING", .. })), "{renew:?}");
    let discard = outbox.discard(&queued.local_ref).await;
    assert!(matches!(discard, Err(OutboxError::WrongState { .. })), "a pending entry may be on its way");
    let unknown = outbox.discard("ZZZZZZZZ").await;
    assert!(matches!(unknown, Err(OutboxError::NoSuchEntry { .. })), "{unknown:?}");
    assert_eq!(outbox.depth().unwrap().pending, 1);
}

#[tokio::test]
async fn a_released_token_is_kept_sealed_until_it_is_closed() {
    let (_tmp, dir) = scratch();
    let outbox = Outbox::open_with(&dir, QUICK).unwrap();
    outbox.enqueue(entry("token-a")).await.unwrap();
    outbox.enqueue(entry("token-a")).await.unwrap();
    outbox.release_token(Personal::new("token-a")).await.unwrap();
    outbox.release_token(Personal::new("token-b")).await.unwrap();
    let depth = outbox.depth().unwrap();
    assert_eq!((depth.pending, depth.sessions_to_close), (2, 2), "one session per token");
    drop(outbox);
    let db = std::fs::read(dir.join(DB_FILE)).unwrap();
    for token in [&b"token-a"[..], b"token-b"] {
        assert!(!db.windows(token.len()).any(|w| w == token), "a token in plain text");
    }
    // A session of an earlier run is over: it is closed too.
    let outbox = Outbox::open_with(&dir, QUICK).unwrap();
    outbox.enqueue(entry("token-c")).await.unwrap();
    drop(outbox);
    let outbox = Outbox::open_with(&dir, QUICK).unwrap();
    assert_eq!(outbox.depth().unwrap().sessions_to_close, 3);
}

#[test]
fn the_outbox_debug_names_its_directory_only() {
    let (_tmp, dir) = scratch();
    let outbox = Outbox::open(&dir).unwrap();
    let shown = format!("{outbox:?}");
    assert!(shown.contains("Outbox") && !shown.contains("Sealer"), "{shown}");
}
