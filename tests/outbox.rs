//! The outbox end to end, against the reference portal over loopback: what is
//! kept before the citizen is told, what the flusher sends and when it deletes,
//! refusals and expired tokens, restarts, the files' modes and contents; and
//! the crash test (`crash.rs`): the real `yiban` binary killed with SIGKILL at
//! random points, the portal killed mid-flush, every promised application
//! stored exactly once.

#![allow(clippy::expect_used, clippy::unwrap_used)]

// The crate root is `tests/outbox.rs`: its own modules live in `tests/outbox/`.
#[path = "outbox/crash.rs"]
mod crash;
#[path = "support/process.rs"]
mod process;
#[path = "outbox/support.rs"]
mod support;

use std::os::unix::fs::PermissionsExt;
use std::sync::atomic::Ordering;
use std::time::Duration;

use futures_util::StreamExt;
use support::{PERSONAL, Portal, client, entry, grep_dir, identify, request};
use yiban::client::ClientError;
use yiban::outbox::{Backoff, DB_FILE, Depth, EntryState, KEY_FILE, Outbox, Outcome, flush, flusher};

const TERMINAL: &str = "kiosk-test";
const QUICK: Backoff = Backoff { first: Duration::from_millis(100), cap: Duration::from_secs(1) };

fn scratch() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data").join(yiban::outbox::DIR);
    (tmp, dir)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kept_entry_is_on_disk_before_enqueue_returns() {
    let (tmp, dir) = scratch();
    let portal = Portal::start(0, &tmp.path().join("portal.sqlite3")).await;
    let (c, _) = client(&portal.base);
    let token = identify(&c).await;
    let outbox = Outbox::open(&dir).unwrap();
    let queued = outbox.enqueue(entry(&token, request(support::PHONE))).await.unwrap();
    // Copy the files while the outbox is still open, as a power cut would leave
    // them: nothing is checkpointed or closed, the entry is only in the WAL.
    let copy = tmp.path().join("after-a-crash");
    std::fs::create_dir(&copy).unwrap();
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o700)).unwrap();
    for name in std::fs::read_dir(&dir).unwrap() {
        let name = name.unwrap().file_name();
        std::fs::copy(dir.join(&name), copy.join(&name)).unwrap();
    }
    assert!(copy.join(format!("{DB_FILE}-wal")).exists(), "WAL mode");
    let restored = Outbox::open(&copy).unwrap();
    let held = restored.pending().unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!((held[0].local_ref.as_str(), held[0].state), (queued.local_ref.as_str(), EntryState::Pending));
    let outcomes = flush(&restored, &c).await;
    assert!(
        matches!(&outcomes[..], [Outcome::Acknowledged { key, .. }] if *key == queued.key),
        "{outcomes:?}"
    );
    portal.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_flusher_sends_the_key_and_deletes_only_on_acknowledgement() {
    let (tmp, dir) = scratch();
    let portal = Portal::start(0, &tmp.path().join("portal.sqlite3")).await;
    let (c, sent) = client(&portal.base);
    let token = identify(&c).await;
    let outbox = Outbox::open_with(&dir, QUICK).unwrap();
    let queued = outbox.enqueue(entry(&token, request(support::PHONE))).await.unwrap();
    // A portal that cannot be reached acknowledges nothing: the entry stays.
    let (nowhere, _) = client(&format!("http://127.0.0.1:{}", process::free_port()));
    let outcomes = flush(&outbox, &nowhere).await;
    assert!(matches!(&outcomes[..], [Outcome::Deferred { attempts: 1, .. }]), "{outcomes:?}");
    assert_eq!(outbox.depth().unwrap().pending, 1);
    tokio::time::sleep(QUICK.cap).await;
    let outcomes = flush(&outbox, &c).await;
    let [Outcome::Acknowledged { local_ref, key, case }] = &outcomes[..] else { panic!("{outcomes:?}") };
    assert_eq!((local_ref, key), (&queued.local_ref, &queued.key));
    assert_eq!(portal.case_of(key).as_deref(), Some(case.case_no.as_str()), "stored under its key");
    assert_eq!(portal.cases(key, TERMINAL), (1, 1));
    assert_eq!(sent.load(Ordering::SeqCst), 1);
    assert_eq!(outbox.depth().unwrap().pending, 0);
    assert!(flush(&outbox, &c).await.is_empty(), "nothing left to send");
    assert_eq!(sent.load(Ordering::SeqCst), 1);
    portal.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_acknowledgement_lost_on_the_way_is_replayed_not_doubled() {
    let (tmp, dir) = scratch();
    let portal = Portal::start(0, &tmp.path().join("portal.sqlite3")).await;
    let (c, _) = client(&portal.base);
    let token = identify(&c).await;
    let outbox = Outbox::open(&dir).unwrap();
    let new = entry(&token, request(support::PHONE));
    let (key, req) = (new.key.clone(), new.request.clone());
    outbox.enqueue(new).await.unwrap();
    // The portal stored it, but the kiosk died before it read the answer.
    let first = c.submit_application(token.expose(), &key, &req).await.unwrap();
    let outcomes = flush(&outbox, &c).await;
    let [Outcome::Acknowledged { case, .. }] = &outcomes[..] else { panic!("{outcomes:?}") };
    assert_eq!(case.case_no, first.case_no, "the same case");
    assert_eq!(portal.cases(&key, TERMINAL), (1, 1), "one case");
    portal.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_is_kept_for_staff_and_never_sent_again() {
    let (tmp, dir) = scratch();
    let portal = Portal::start(0, &tmp.path().join("portal.sqlite3")).await;
    let (c, sent) = client(&portal.base);
    let token = identify(&c).await;
    let outbox = Outbox::open_with(&dir, QUICK).unwrap();
    let queued = outbox.enqueue(entry(&token, request("123"))).await.unwrap();
    let outcomes = flush(&outbox, &c).await;
    let [Outcome::Refused { local_ref, refusal, .. }] = &outcomes[..] else { panic!("{outcomes:?}") };
    assert_eq!(local_ref, &queued.local_ref);
    assert_eq!((refusal.status, refusal.code.as_str()), (Some(422), "validation_failed"));
    assert_eq!(refusal.field.as_deref(), Some("phone"));
    let held = outbox.pending().unwrap();
    assert_eq!((held[0].state, held[0].refusal.as_ref()), (EntryState::Refused, Some(refusal)));
    assert_eq!(held[0].next_attempt_at, None);
    tokio::time::sleep(QUICK.cap).await;
    assert!(flush(&outbox, &c).await.is_empty());
    assert_eq!(sent.load(Ordering::SeqCst), 1, "sent once, not retried");
    let depth = outbox.depth().unwrap();
    assert_eq!((depth.refused, depth.needs_staff(), depth.pending), (1, 1, 0));
    assert_eq!(portal.cases(&queued.key, TERMINAL), (0, 0));
    outbox.discard(&queued.local_ref).await.unwrap();
    assert_eq!(outbox.depth().unwrap().entries(), 0);
    portal.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_token_waits_for_staff_to_identify_the_citizen_again() {
    let (tmp, dir) = scratch();
    let portal = Portal::start(0, &tmp.path().join("portal.sqlite3")).await;
    let (c, sent) = client(&portal.base);
    let token = identify(&c).await;
    let outbox = Outbox::open_with(&dir, QUICK).unwrap();
    let queued = outbox.enqueue(entry(&token, request(support::PHONE))).await.unwrap();
    c.close_identity(token.expose()).await.unwrap();
    let outcomes = flush(&outbox, &c).await;
    assert!(
        matches!(&outcomes[..], [Outcome::TokenRefused { key, .. }] if *key == queued.key),
        "{outcomes:?}"
    );
    tokio::time::sleep(QUICK.cap).await;
    assert!(flush(&outbox, &c).await.is_empty(), "not retried with the dead token");
    assert_eq!(sent.load(Ordering::SeqCst), 1);
    assert_eq!(outbox.depth().unwrap().token_refused, 1);
    // Staff: the citizen identifies again; the same key and request go with the new token.
    let fresh = identify(&c).await;
    outbox.renew_token(&queued.local_ref, fresh.clone()).await.unwrap();
    let outcomes = flush(&outbox, &c).await;
    assert!(
        matches!(&outcomes[..], [Outcome::Acknowledged { key, .. }] if *key == queued.key),
        "{outcomes:?}"
    );
    assert_eq!(portal.cases(&queued.key, TERMINAL), (1, 1));
    outbox.release_token(fresh).await.unwrap();
    flush(&outbox, &c).await;
    assert!(outbox.depth().unwrap().is_empty());
    portal.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_released_token_is_closed_once_its_entries_are_acknowledged() {
    let (tmp, dir) = scratch();
    let portal = Portal::start(0, &tmp.path().join("portal.sqlite3")).await;
    let (c, _) = client(&portal.base);
    let token = identify(&c).await;
    let idle = identify(&c).await;
    let outbox = Outbox::open(&dir).unwrap();
    outbox.enqueue(entry(&token, request(support::PHONE))).await.unwrap();
    outbox.release_token(token.clone()).await.unwrap();
    outbox.release_token(idle.clone()).await.unwrap();
    assert_eq!(outbox.depth().unwrap().sessions_to_close, 2);
    let outcomes = flush(&outbox, &c).await;
    assert!(matches!(&outcomes[..], [Outcome::Acknowledged { .. }]), "{outcomes:?}");
    assert!(outbox.depth().unwrap().is_empty(), "both sessions closed");
    for closed in [&token, &idle] {
        let again = c.submit_application(closed.expose(), "k-after", &request(support::PHONE)).await;
        assert!(matches!(again, Err(ClientError::Unauthorized)), "{again:?}");
    }
    portal.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_restart_the_flusher_resumes_where_it_stopped() {
    let (tmp, dir) = scratch();
    let db = tmp.path().join("portal.sqlite3");
    let portal = Portal::start(0, &db).await;
    let port = portal.running.addr.port();
    let (c, _) = client(&portal.base);
    let token = identify(&c).await;
    portal.stop().await;
    // Default backoff: without the restart the next try would be seconds away.
    let outbox = Outbox::open(&dir).unwrap();
    let mut keys = vec![];
    for _ in 0..3 {
        keys.push(outbox.enqueue(entry(&token, request(support::PHONE))).await.unwrap().key);
    }
    let outcomes = flush(&outbox, &c).await;
    assert!(matches!(&outcomes[..], [Outcome::Deferred { .. }]), "the pass stops at the dead portal");
    drop(outbox);
    let portal = Portal::start(port, &db).await;
    let outbox = Outbox::open(&dir).unwrap();
    let stream = flusher(outbox.clone(), c.clone());
    let mut stream = std::pin::pin!(stream);
    let mut acked = vec![];
    while acked.len() < 3 {
        let next = tokio::time::timeout(Duration::from_secs(10), stream.next()).await;
        match next.expect("the flusher went quiet").expect("the flusher ended") {
            Outcome::Acknowledged { key, .. } => acked.push(key),
            other => panic!("{other:?}"),
        }
    }
    acked.sort();
    keys.sort();
    assert_eq!(acked, keys);
    for key in &keys {
        assert_eq!(portal.cases(key, TERMINAL), (1, 3));
    }
    assert_eq!(outbox.depth().unwrap(), Depth::default());
    portal.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_files_are_private_and_hold_no_personal_value_in_plain_text() {
    let (tmp, dir) = scratch();
    let portal = Portal::start(0, &tmp.path().join("portal.sqlite3")).await;
    let (c, _) = client(&portal.base);
    let token = identify(&c).await;
    let outbox = Outbox::open(&dir).unwrap();
    for _ in 0..3 {
        outbox.enqueue(entry(&token, request(support::PHONE))).await.unwrap();
    }
    outbox.release_token(token.clone()).await.unwrap();
    let mode = |name: &str| std::fs::metadata(dir.join(name)).unwrap().permissions().mode() & 0o777;
    assert_eq!(std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);
    for name in [KEY_FILE, DB_FILE, &format!("{DB_FILE}-wal"), &format!("{DB_FILE}-shm")] {
        assert_eq!(mode(name), 0o600, "{name}");
    }
    let mut needles: Vec<&str> = PERSONAL.to_vec();
    needles.extend([token.expose(), "hukou_confirm", "old-age-allowance"]);
    let found = grep_dir(&dir, &needles);
    assert!(found.is_empty(), "in plain text while pending: {found:?}");
    flush(&outbox, &c).await;
    assert!(outbox.depth().unwrap().is_empty());
    let found = grep_dir(&dir, &needles);
    assert!(found.is_empty(), "in plain text after sending: {found:?}");
    drop(outbox);
    assert!(grep_dir(&dir, &needles).is_empty(), "after closing");
    portal.stop().await;
}
