//! `yiban outbox-drill` (hidden): what the kiosk does at 确认提交, for the crash
//! test. It identifies a demo citizen (typed number), and for each application
//! prints `ENQUEUING <key>`, keeps it in the outbox, then prints
//! `TOLD <key> <local_ref>` — the moment the citizen would be told — while a
//! flusher sends concurrently (`ACK <key> <local_ref> <case_no>`,
//! `DEFERRED <local_ref> <attempts> <trouble>`, `REFUSED …`, `TOKEN_REFUSED …`).
//! It then releases the token and exits when nothing is left to send.
//! `--flush-only` just drains. Exit: 0 empty, 3 entries need staff, 2 deadline passed.
//!
//! Nothing personal is printed: keys, local references and case numbers only.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use backon::{ExponentialBuilder, Retryable};
use futures_util::StreamExt;

use super::{Backoff, Depth, NewEntry, Outbox, Outcome, flusher, new_key};
use crate::client::{ClientConfig, ClientError, PortalClient};
use crate::core::model::{ApplicationMode, ApplicationRequest, IdentityMethod, IdentityRequest};

/// The demo citizen of the drill (张秀兰, `assets/portal-seed/README.md`) and her phone.
pub const DRILL_CITIZEN: &str = "110105194403160289";
pub const DRILL_PHONE: &str = "13800000001";
/// The terminal id the drill's cases carry, so the test can count them.
pub const DRILL_TERMINAL: &str = "kiosk-drill";
const HALL: &str = "demo-hall";
const MATTER: &str = "old-age-allowance";

/// `yiban outbox-drill`.
#[derive(Debug, Clone, clap::Args)]
pub struct DrillArgs {
    /// The outbox directory.
    #[arg(long)]
    pub data: PathBuf,
    /// The portal's base URL, e.g. http://127.0.0.1:8787.
    #[arg(long)]
    pub portal: String,
    /// Applications to submit.
    #[arg(long, default_value_t = 3)]
    pub count: u32,
    /// Milliseconds between two applications (a citizen takes a while; kills land in between).
    #[arg(long, default_value_t = 0)]
    pub pace_ms: u64,
    /// Submit nothing: send what the outbox holds, exit 0 when it is empty.
    #[arg(long)]
    pub flush_only: bool,
    /// Give up (exit 2) after this many seconds.
    #[arg(long, default_value_t = 60)]
    pub deadline_secs: u64,
}

/// Runs the drill; the exit code says how it ended.
pub fn run_drill(args: DrillArgs) -> ExitCode {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build();
    let result = match runtime {
        Ok(rt) => rt.block_on(drill(args)),
        Err(e) => Err(format!("no async runtime: {e}")),
    };
    match result {
        Ok(depth) if depth.is_empty() => {
            println!("EMPTY");
            ExitCode::SUCCESS
        }
        Ok(depth) => {
            println!("NEEDS_STAFF {}", depth.needs_staff());
            ExitCode::from(3)
        }
        Err(e) => {
            eprintln!("yiban outbox-drill: {e}");
            ExitCode::from(2)
        }
    }
}

async fn drill(args: DrillArgs) -> Result<Depth, String> {
    // Short waits: the drill's portal is killed and back within a second.
    let backoff = Backoff { first: Duration::from_millis(50), cap: Duration::from_secs(1) };
    let outbox = Outbox::open_with(&args.data, backoff).map_err(|e| e.to_string())?;
    let client = PortalClient::new(ClientConfig {
        connect_timeout: Duration::from_millis(500),
        request_timeout: Duration::from_secs(5),
        retries: 0,
        ..ClientConfig::new(args.portal.clone())
    })
    .map_err(|e| e.to_string())?;
    let outcomes = flusher(outbox.clone(), client.clone());
    tokio::spawn(async move {
        let mut outcomes = std::pin::pin!(outcomes);
        while let Some(outcome) = outcomes.next().await {
            print_outcome(&outcome);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(args.deadline_secs);
    if !args.flush_only {
        tokio::time::timeout_at(
            tokio::time::Instant::from_std(deadline),
            submit(&outbox, &client, args.count, args.pace_ms),
        )
        .await
        .map_err(|_| "deadline passed while submitting".to_owned())??;
    }
    loop {
        let depth = outbox.depth().map_err(|e| e.to_string())?;
        if depth.pending == 0 && depth.sessions_to_close == 0 {
            return Ok(depth);
        }
        if Instant::now() >= deadline {
            return Err(format!("deadline passed with {} entries pending", depth.pending));
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// Identifies the citizen, then keeps `count` applications, telling each as the kiosk would.
async fn submit(outbox: &Outbox, client: &PortalClient, count: u32, pace_ms: u64) -> Result<(), String> {
    let identity = IdentityRequest {
        hall_id: HALL.to_owned(),
        terminal_id: DRILL_TERMINAL.to_owned(),
        method: IdentityMethod::TypedNumber,
        id_number: DRILL_CITIZEN.into(),
        name: None,
    };
    let start = || async {
        let version = client.matter(MATTER).await?.form_schema_version;
        let session = client.open_identity(&identity).await?;
        Ok::<_, ClientError>((session.token, version))
    };
    let (token, version) = start
        .retry(
            ExponentialBuilder::new()
                .with_min_delay(Duration::from_millis(50))
                .with_max_delay(Duration::from_millis(500))
                .with_jitter()
                .without_max_times(),
        )
        .sleep(tokio::time::sleep)
        .when(ClientError::is_retryable)
        .await
        .map_err(|e| format!("cannot identify the drill's citizen: {e}"))?;
    for n in 0..count {
        if n > 0 && pace_ms > 0 {
            tokio::time::sleep(Duration::from_millis(pace_ms)).await;
        }
        let key = new_key();
        println!("ENQUEUING {key}");
        let entry = NewEntry { key, token: token.clone(), request: request(version) };
        let queued = outbox.enqueue(entry).await.map_err(|e| e.to_string())?;
        println!("TOLD {} {}", queued.key, queued.local_ref);
    }
    outbox.release_token(token).await.map_err(|e| e.to_string())
}

fn request(schema_version: u32) -> ApplicationRequest {
    let answers = [("hukou_confirm", "YES"), ("payout", "SSCARD"), ("phone", DRILL_PHONE)];
    ApplicationRequest {
        matter_id: MATTER.to_owned(),
        schema_version,
        hall_id: HALL.to_owned(),
        terminal_id: DRILL_TERMINAL.to_owned(),
        mode: ApplicationMode::SelfService,
        helper_staff_id: None,
        agent: None,
        bundle_id: None,
        answers: answers.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect(),
    }
}

fn print_outcome(outcome: &Outcome) {
    match outcome {
        Outcome::Acknowledged { local_ref, key, case } => println!("ACK {key} {local_ref} {}", case.case_no),
        Outcome::Deferred { local_ref, attempts, trouble, .. } => {
            println!("DEFERRED {local_ref} {attempts} {trouble:?}");
        }
        Outcome::TokenRefused { local_ref, key } => println!("TOKEN_REFUSED {key} {local_ref}"),
        Outcome::Refused { local_ref, key, refusal } => {
            println!("REFUSED {key} {local_ref} {}", refusal.code)
        }
        Outcome::Damaged { local_ref } => println!("DAMAGED {local_ref}"),
        Outcome::StoreFailed { error } => eprintln!("yiban outbox-drill: {error}"),
    }
}
