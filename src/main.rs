//! The `yiban` command: the kiosk, the reference portal, and the technician's tools.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use yiban::core::config::{Config, ConfigError};

#[derive(Parser)]
#[command(name = "yiban", version, about = "Yiban: the self-service kiosk of a government service hall")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start the kiosk (full-screen).
    Run {
        /// The config folder (defaults to the configuration built into the binary).
        #[arg(long)]
        config: Option<PathBuf>,
        /// A normal window instead of full screen, for development.
        #[arg(long)]
        windowed: bool,
    },
    /// Run the reference portal server with its demo data.
    Portal {
        #[arg(long, default_value = "127.0.0.1:8787")]
        listen: SocketAddr,
        /// The SQLite database (created and seeded when missing).
        #[arg(long, default_value = "yiban-portal.sqlite3")]
        db: PathBuf,
    },
    /// Walk every seeded journey headless and write each screen as PNG plus its visible texts.
    Snapshots {
        out: PathBuf,
        #[arg(long, default_value = "zh-CN")]
        lang: String,
        /// The date the kiosk and its portal take as today (YYYY-MM-DD).
        #[arg(long, default_value = "2026-11-28")]
        today: String,
        /// The text size step (0 = large, 1 = larger, 2 = largest).
        #[arg(long, default_value_t = 0)]
        text_step: u8,
    },
    /// Audit every screen at every text step and theme for the shipped config and a 32" terminal;
    /// write report.md, report.html and thumbnails of the worst screens.
    A11yReport {
        out: PathBuf,
        /// The language of the screens (zh-CN or en-US); the config's default language without it.
        #[arg(long)]
        lang: Option<String>,
    },
    /// Check a terminal's config folder and name any bad line.
    CheckConfig {
        #[arg(default_value = "kiosk-config")]
        dir: PathBuf,
    },
    /// The outbox crash drill: submits through the outbox like the kiosk (for tests).
    #[command(hide = true)]
    OutboxDrill(yiban::outbox::DrillArgs),
}

fn main() -> ExitCode {
    yiban::logging::init();
    match Cli::parse().command {
        Command::Run { config, windowed } => {
            let loaded = match config {
                Some(dir) => Config::load_dir(&dir),
                None => Config::embedded(),
            };
            report(yiban::ui::run(loaded, windowed))
        }
        Command::Portal { listen, db } => report(run_portal(listen, db)),
        Command::CheckConfig { dir } => check_config(&dir),
        Command::Snapshots { out, lang, today, text_step } => {
            report(snapshots(&out, &lang, &today, text_step))
        }
        Command::A11yReport { out, lang } => report(yiban::a11y::run_report(&out, lang.as_deref())),
        Command::OutboxDrill(args) => yiban::outbox::run_drill(args),
    }
}

fn run_portal(listen: SocketAddr, db: PathBuf) -> Result<(), Box<dyn std::error::Error>> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(listen).await?;
        println!(
            "Yiban reference portal on http://{}/v1 (database {})",
            listener.local_addr()?,
            db.display()
        );
        yiban::portal::serve(listener, &db).await?;
        Ok(())
    })
}

fn snapshots(out: &std::path::Path, lang: &str, today: &str, text_step: u8) -> Result<(), String> {
    let lang = yiban::i18n::Lang::from_code(lang)
        .ok_or_else(|| format!("unknown language {lang:?}; use zh-CN or en-US"))?;
    let today =
        yiban::core::validate::date(today).map_err(|_| format!("{today:?} is not a date (YYYY-MM-DD)"))?;
    let mut config = Config::embedded().map_err(|e| e.to_string())?.config;
    if text_step >= yiban::core::config::TEXT_STEPS {
        return Err(format!("text step {text_step} is not one of 0, 1, 2"));
    }
    config.defaults.text_step = text_step;
    let n = yiban::ui::journeys::write_snapshots(out, config, lang, today).map_err(|e| e.to_string())?;
    println!("{n} screens written under {}", out.display());
    Ok(())
}

fn check_config(dir: &std::path::Path) -> ExitCode {
    match Config::load_dir(dir) {
        Ok(loaded) => {
            for a in &loaded.adjustments {
                println!("{}:{}: warning: {}", loaded.path.display(), a.line, a.message);
            }
            println!("{}: OK", loaded.path.display());
            ExitCode::SUCCESS
        }
        Err(e @ (ConfigError::Invalid { .. } | ConfigError::Unreadable { .. })) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

fn report<E: std::fmt::Display>(result: Result<(), E>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("yiban: {e}");
            ExitCode::FAILURE
        }
    }
}
