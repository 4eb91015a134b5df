//! Portal round trips through the client on loopback: `cargo bench --bench portal`.
//!
//! Spawns the reference portal in-process on a temporary database, warms up, then
//! times N catalogue fetches and N application submits (distinct idempotency keys),
//! one at a time as a kiosk makes them. `YIBAN_BENCH_N` sets N (default 500).
//! Results are recorded in `docs/benchmarks.md`.

use std::error::Error;
use std::time::{Duration, Instant};

use tokio::net::TcpListener;
use yiban::client::{ClientConfig, PortalClient};
use yiban::core::model::{
    ApplicationMode, ApplicationRequest, Channel, DEMO_HALL, IdentityMethod, IdentityRequest,
};

type BoxError = Box<dyn Error + Send + Sync>;

const TERMINAL: &str = "kiosk-01";
/// 刘长福 of the seed: eligible for the old-age allowance.
const ELDER: &str = "11010519350608013X";
const WARM_UP: usize = 50;

fn main() -> Result<(), BoxError> {
    let n = std::env::var("YIBAN_BENCH_N").ok().and_then(|v| v.parse::<usize>().ok()).unwrap_or(500).max(1);
    tokio::runtime::Builder::new_multi_thread().enable_all().build()?.block_on(run(n))
}

fn allowance() -> ApplicationRequest {
    ApplicationRequest {
        matter_id: "old-age-allowance".into(),
        schema_version: 1,
        hall_id: DEMO_HALL.into(),
        terminal_id: TERMINAL.into(),
        mode: ApplicationMode::SelfService,
        helper_staff_id: None,
        agent: None,
        bundle_id: None,
        answers: [("hukou_confirm", "YES"), ("payout", "SSCARD"), ("phone", "13800138000")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
    }
}

async fn run(n: usize) -> Result<(), BoxError> {
    let dir = tempfile::tempdir()?;
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let portal = yiban::portal::spawn(listener, &dir.path().join("portal.db")).await?;
    let client = PortalClient::new(ClientConfig {
        retries: 0,
        ..ClientConfig::new(format!("http://{}", portal.addr))
    })?;
    let token = client
        .open_identity(&IdentityRequest {
            hall_id: DEMO_HALL.into(),
            terminal_id: TERMINAL.into(),
            method: IdentityMethod::TypedNumber,
            id_number: ELDER.into(),
            name: None,
        })
        .await?
        .token
        .expose()
        .to_owned();
    let req = allowance();

    for i in 0..WARM_UP {
        client.catalogue(DEMO_HALL, Channel::KioskElder).await?;
        client.submit_application(&token, &format!("bench-warm-{i}"), &req).await?;
    }

    let mut catalogue = Vec::with_capacity(n);
    let started = Instant::now();
    for _ in 0..n {
        let t = Instant::now();
        client.catalogue(DEMO_HALL, Channel::KioskElder).await?;
        catalogue.push(t.elapsed());
    }
    report("catalogue fetch (GET /v1/halls/{hall_id}/matters)", &mut catalogue, started.elapsed());

    let mut submits = Vec::with_capacity(n);
    let started = Instant::now();
    for i in 0..n {
        let t = Instant::now();
        client.submit_application(&token, &format!("bench-{i}"), &req).await?;
        submits.push(t.elapsed());
    }
    report("application submit (POST /v1/applications)", &mut submits, started.elapsed());

    portal.shutdown().await?;
    Ok(())
}

fn report(what: &str, samples: &mut [Duration], total: Duration) {
    samples.sort();
    let at = |q: f64| {
        let i = ((samples.len() as f64 - 1.0) * q).round() as usize;
        samples[i.min(samples.len() - 1)]
    };
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what}: n={} median={:.3} ms p95={:.3} ms max={:.3} ms throughput={:.0}/s",
        samples.len(),
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(1.0)),
        samples.len() as f64 / total.as_secs_f64(),
    );
}
