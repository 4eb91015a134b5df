//! Unit tests of the outbox's parts; end-to-end behaviour is in `tests/outbox.rs`.

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use super::seal::{Row, Sealer};
use super::store::REF_ALPHABET;
use super::*;

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

#[test]
fn debug_output_hides_the_token() {
    let entry = NewEntry {
        key: "k-1".into(),
        token: "secret-token-value".into(),
        request: crate::core::model::ApplicationRequest {
            matter_id: "old-age-allowance".into(),
            schema_version: 1,
            hall_id: "demo-hall".into(),
            terminal_id: "kiosk-01".into(),
            mode: Default::default(),
            helper_staff_id: None,
            agent: None,
            bundle_id: None,
            answers: [("phone".to_owned(), "13800000001".to_owned())].into(),
        },
    };
    let shown = format!("{entry:?}");
    assert!(!shown.contains("secret-token-value") && !shown.contains("13800000001"), "{shown}");
    assert!(shown.contains("old-age-allowance"));
}
