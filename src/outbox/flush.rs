//! The flusher: sends every due entry with its own key and token, deletes it
//! only on the portal's acknowledgement, spaces retries with backon's jittered
//! exponential backoff, and closes the tokens of ended sessions.

use std::collections::VecDeque;
use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBuilder};
use futures_util::Stream;

use super::seal::{self, EntryPayload};
use super::store::{self, ClosableSession, DueEntry};
use super::{EntryState, Outbox, OutboxError, Refusal, now_ms};
use crate::client::{ClientError, PortalClient};
use crate::core::model::Application;

/// How long a failed send waits before its next attempt: `first · 2ⁿ` (n = failures
/// so far − 1) plus up to as much again of random jitter, never more than `cap`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub first: Duration,
    pub cap: Duration,
}

impl Default for Backoff {
    /// 2 s, 4 s, 8 s … up to 5 minutes (each with jitter).
    fn default() -> Self {
        Backoff { first: Duration::from_secs(2), cap: Duration::from_secs(300) }
    }
}

impl Backoff {
    /// The wait after the `failures`-th failure in a row (1-based).
    pub fn delay(&self, failures: u32) -> Duration {
        // The jitter adds up to the base delay again: base ≤ cap/2 keeps the sum ≤ cap.
        let half = (self.cap / 2).max(self.first);
        let nth = usize::try_from(failures.clamp(1, 64) - 1).unwrap_or(0);
        ExponentialBuilder::new()
            .with_min_delay(self.first)
            .with_max_delay(half)
            .with_jitter()
            .without_max_times()
            .build()
            .nth(nth)
            .unwrap_or(self.cap)
            .min(self.cap)
    }
}

/// What went wrong with a send that will be tried again (no portal text: it may quote values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trouble {
    Offline,
    Timeout,
    Server(u16),
    /// The portal answered something unreadable: whether it stored the case is unknown,
    /// so the entry is sent again (its key makes that safe).
    Unreadable,
    /// The client is misconfigured.
    Client,
}

/// What happened to one entry in a flush.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// The portal has the case (created now, or a replay of this key): the entry is gone.
    Acknowledged { local_ref: String, key: String, case: Box<Application> },
    /// Not sent this time; tried again after `retry_in`.
    Deferred { local_ref: String, attempts: u32, retry_in: Duration, trouble: Trouble },
    /// 401: the token expired first. Kept; staff needed.
    TokenRefused { local_ref: String, key: String },
    /// A permanent refusal (422, 409, other 4xx). Kept; never resent; staff needed.
    Refused { local_ref: String, key: String, refusal: Refusal },
    /// The payload does not open. Kept; staff needed.
    Damaged { local_ref: String },
    /// The outbox's own storage failed; the flusher tries again later.
    StoreFailed { error: OutboxError },
}

/// One pass: sends every due entry, then closes the tokens of ended sessions
/// that no pending entry needs. Passes never overlap.
pub async fn flush(outbox: &Outbox, client: &PortalClient) -> Vec<Outcome> {
    let _one_at_a_time = outbox.inner.flushing.lock().await;
    let now = now_ms();
    let due = match outbox.blocking(move |_, conn| store::due_entries(conn, now)).await {
        Ok(due) => due,
        Err(error) => return vec![Outcome::StoreFailed { error }],
    };
    let mut outcomes = Vec::with_capacity(due.len());
    let mut due = due.into_iter();
    while let Some(entry) = due.next() {
        let outcome = send(outbox, client, entry).await;
        // Unreachable or silent: the portal is, not this entry. The rest wait for the same
        // retry instead of each paying a connect timeout now.
        let unreachable = match &outcome {
            Outcome::Deferred { retry_in, trouble: Trouble::Offline | Trouble::Timeout, .. } => {
                Some(later(*retry_in))
            }
            _ => None,
        };
        outcomes.push(outcome);
        if let Some(next) = unreachable {
            let rest: Vec<String> = due.by_ref().map(|e| e.id).collect();
            if !rest.is_empty()
                && let Err(error) = outbox.blocking(move |_, c| store::postpone(c, &rest, next)).await
            {
                outcomes.push(Outcome::StoreFailed { error });
            }
            break;
        }
    }
    if let Err(error) = close_sessions(outbox, client).await {
        outcomes.push(Outcome::StoreFailed { error });
    }
    outcomes
}

async fn send(outbox: &Outbox, client: &PortalClient, entry: DueEntry) -> Outcome {
    let DueEntry { id, local_ref, sealed, attempts } = entry;
    let payload = match EntryPayload::open(&outbox.inner.sealer, &id, &sealed) {
        Ok(p) => p,
        Err(_) => {
            tracing::error!(local_ref = %local_ref, "outbox entry does not open; kept for staff");
            let stored = outbox
                .blocking(move |_, c| store::set_state(c, &id, EntryState::Damaged, attempts, None))
                .await;
            return match stored {
                Ok(()) => Outcome::Damaged { local_ref },
                Err(error) => Outcome::StoreFailed { error },
            };
        }
    };
    let result = client.submit_application(payload.token.expose(), &payload.key, &payload.request).await;
    let key = payload.key.clone();
    drop(payload);
    let attempts = attempts.saturating_add(1);
    let (outcome, change) = match result {
        Ok(case) => {
            tracing::info!(local_ref = %local_ref, "outbox entry acknowledged by the portal");
            (Outcome::Acknowledged { local_ref, key, case: Box::new(case) }, Change::Delete)
        }
        Err(ClientError::Unauthorized) => {
            tracing::warn!(local_ref = %local_ref, "outbox entry's token refused; kept for staff");
            (Outcome::TokenRefused { local_ref, key }, Change::Keep(EntryState::TokenRefused, None))
        }
        Err(e) => match trouble(&e) {
            Some(trouble) => {
                let retry_in = outbox.inner.backoff.delay(attempts);
                tracing::info!(local_ref = %local_ref, attempts, ?trouble, "outbox entry not sent; will retry");
                let next = later(retry_in);
                (Outcome::Deferred { local_ref, attempts, retry_in, trouble }, Change::Defer { next })
            }
            None => {
                let refusal = refusal(&e);
                tracing::warn!(local_ref = %local_ref, code = %refusal.code, "outbox entry refused; kept for staff");
                let change = Change::Keep(EntryState::Refused, Some(refusal.clone()));
                (Outcome::Refused { local_ref, key, refusal }, change)
            }
        },
    };
    let stored = outbox
        .blocking(move |_, c| match change {
            Change::Delete => store::delete_entry(c, &id),
            Change::Defer { next } => store::defer_entry(c, &id, attempts, next),
            Change::Keep(state, refusal) => store::set_state(c, &id, state, attempts, refusal.as_ref()),
        })
        .await;
    match stored {
        Ok(()) => outcome,
        // An acknowledged entry that could not be deleted is sent again: the portal replays it.
        Err(error) => Outcome::StoreFailed { error },
    }
}

/// What a send's answer does to its entry.
enum Change {
    Delete,
    Defer { next: i64 },
    Keep(EntryState, Option<Refusal>),
}

/// Unix milliseconds `wait` from now.
fn later(wait: Duration) -> i64 {
    now_ms().saturating_add(i64::try_from(wait.as_millis()).unwrap_or(i64::MAX))
}

/// `Some` for failures worth another try later.
fn trouble(e: &ClientError) -> Option<Trouble> {
    match e {
        ClientError::Offline(_) => Some(Trouble::Offline),
        ClientError::Timeout => Some(Trouble::Timeout),
        ClientError::Server { status } => Some(Trouble::Server(*status)),
        ClientError::BadResponse(_) => Some(Trouble::Unreadable),
        ClientError::Config(_) => Some(Trouble::Client),
        ClientError::Rejected { .. }
        | ClientError::Unauthorized
        | ClientError::NotFound { .. }
        | ClientError::Conflict { .. } => None,
    }
}

/// The code and field of a refusal, kept only when they look like contract identifiers.
fn refusal(e: &ClientError) -> Refusal {
    let ident = |s: &str| {
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
        if ok { s.to_owned() } else { "unrecognised".to_owned() }
    };
    let code = match e {
        ClientError::Rejected { code, .. }
        | ClientError::NotFound { code }
        | ClientError::Conflict { code, .. } => ident(code),
        _ => "unrecognised".to_owned(),
    };
    Refusal { status: e.status(), code, field: e.field().map(ident) }
}

async fn close_sessions(outbox: &Outbox, client: &PortalClient) -> Result<(), OutboxError> {
    let now = now_ms();
    let sessions = outbox.blocking(move |_, c| store::closable_sessions(c, now)).await?;
    for ClosableSession { id, sealed, attempts } in sessions {
        let Some(token) = seal::open_token(&outbox.inner.sealer, &id, &sealed) else {
            tracing::error!("a kept session token does not open; dropped");
            outbox.blocking(move |_, c| store::delete_session(c, &id)).await?;
            continue;
        };
        match client.close_identity(token.expose()).await {
            Err(e) if e.is_retryable() => {
                let attempts = attempts.saturating_add(1);
                let next = later(outbox.inner.backoff.delay(attempts));
                outbox.blocking(move |_, c| store::defer_session(c, &id, attempts, next)).await?;
            }
            // Closed, or refused for good (logout is idempotent: nothing left to close).
            _ => outbox.blocking(move |_, c| store::delete_session(c, &id)).await?,
        }
    }
    Ok(())
}

struct Run {
    outbox: Outbox,
    client: PortalClient,
    ready: VecDeque<Outcome>,
    /// The wait before the next pass: none before the first.
    wait: bool,
    /// The last pass failed in storage: wait at least one backoff step.
    stalled: bool,
}

/// The long-running flusher for the UI's subscription: a pass at once, then one
/// whenever an entry or a session falls due or [`Outbox::notify`] is called.
/// Idle, it sleeps (no polling). Yields every pass's outcomes.
pub fn flusher(outbox: Outbox, client: PortalClient) -> impl Stream<Item = Outcome> + Send + 'static {
    let run = Run { outbox, client, ready: VecDeque::new(), wait: false, stalled: false };
    futures_util::stream::unfold(run, |mut run| async move {
        loop {
            if let Some(outcome) = run.ready.pop_front() {
                return Some((outcome, run));
            }
            if run.wait {
                run.outbox.wait_for_work(run.stalled).await;
            }
            run.wait = true;
            let outcomes = flush(&run.outbox, &run.client).await;
            run.stalled = outcomes.iter().any(|o| matches!(o, Outcome::StoreFailed { .. }));
            run.ready.extend(outcomes);
        }
    })
}

impl Outbox {
    /// Sleeps until the next entry or session is due, or a notify.
    async fn wait_for_work(&self, stalled: bool) {
        let next = self.blocking(|_, c| store::next_due(c)).await;
        let floor = if stalled { self.inner.backoff.first } else { Duration::ZERO };
        let wait = match next {
            Ok(None) => None,
            Ok(Some(at)) => Some(Duration::from_millis(u64::try_from(at - now_ms()).unwrap_or(0)).max(floor)),
            Err(_) => Some(self.inner.backoff.first),
        };
        match wait {
            None => self.inner.wake.notified().await,
            Some(wait) => {
                tokio::select! {
                    () = self.inner.wake.notified() => {}
                    () = tokio::time::sleep(wait) => {}
                }
            }
        }
    }
}
