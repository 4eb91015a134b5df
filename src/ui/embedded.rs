//! The one seam between the kiosk and the reference portal: starting it
//! in-process on loopback when the config says `url = "embedded"`. Nothing
//! else in the iced layer reaches the portal except over HTTP.
//!
//! Without a configured database the portal gets one for this run only, in the
//! terminal's data directory; it holds every case of the run, so it is removed
//! when the kiosk exits cleanly, and a later start removes what a killed run
//! left behind.

use std::path::{Path, PathBuf};

/// The reference portal running in-process on a loopback port.
pub struct EmbeddedPortal {
    addr: std::net::SocketAddr,
    runtime: Option<tokio::runtime::Runtime>,
    /// The database made for this run (removed with the portal).
    ephemeral: Option<PathBuf>,
}

/// The prefix of a database made for one run: `embedded-portal-<pid>.sqlite3`.
const EPHEMERAL_PREFIX: &str = "embedded-portal-";

impl EmbeddedPortal {
    /// Starts the portal on `127.0.0.1:0` with `db`, or with a database for
    /// this run only in `data_dir`.
    pub fn start(db: Option<PathBuf>, data_dir: &Path) -> Result<EmbeddedPortal, String> {
        let (db, ephemeral) = match db {
            Some(db) => (db, false),
            None => {
                crate::core::data_dir::create_private(data_dir)
                    .map_err(|e| format!("data directory {}: {e}", data_dir.display()))?;
                remove_leftovers(data_dir);
                let fresh = data_dir.join(format!("{EPHEMERAL_PREFIX}{}.sqlite3", std::process::id()));
                remove_database(&fresh);
                (fresh, true)
            }
        };
        let runtime = runtime()?;
        let addr = runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.map_err(|e| e.to_string())?;
            let running = crate::portal::spawn(listener, &db).await.map_err(|e| e.to_string())?;
            let addr = running.addr;
            // The portal lives as long as the runtime; the handle is not needed.
            std::mem::forget(running);
            Ok::<_, String>(addr)
        })?;
        Ok(EmbeddedPortal { addr, runtime: Some(runtime), ephemeral: ephemeral.then_some(db) })
    }

    /// A portal on a database of its own that takes `today` as the date
    /// (tests and `yiban snapshots`: the demo data's ages are as of a fixed day).
    pub fn start_fixed(db: &Path, today: time::Date) -> Result<EmbeddedPortal, String> {
        let runtime = runtime()?;
        let addr = runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.map_err(|e| e.to_string())?;
            let running = crate::portal::spawn_with_clock(listener, db, crate::portal::Clock::fixed(today))
                .await
                .map_err(|e| e.to_string())?;
            let addr = running.addr;
            std::mem::forget(running);
            Ok::<_, String>(addr)
        })?;
        Ok(EmbeddedPortal { addr, runtime: Some(runtime), ephemeral: None })
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for EmbeddedPortal {
    fn drop(&mut self) {
        // Stop the server (closing its connections) before removing its files.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_timeout(std::time::Duration::from_secs(1));
        }
        if let Some(db) = &self.ephemeral {
            remove_database(db);
            tracing::info!("the embedded portal's database for this run was removed");
        }
    }
}

/// Removes a database and its WAL and shared-memory files.
fn remove_database(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
}

/// Removes the one-run databases of runs that are no longer alive (a killed kiosk leaves its own).
fn remove_leftovers(data_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(data_dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix(EPHEMERAL_PREFIX).and_then(|rest| rest.split('.').next()) else {
            continue;
        };
        let alive = pid.parse::<u32>().is_ok_and(|p| Path::new(&format!("/proc/{p}")).exists());
        if !alive {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("embedded-portal")
        .enable_all()
        .build()
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_run_database_is_removed_on_exit_and_leftovers_at_start() {
        let dir = std::env::temp_dir().join(format!("yiban-embedded-test-{}", uuid::Uuid::new_v4()));
        crate::core::data_dir::create_private(&dir).unwrap_or_else(|e| panic!("{e}"));
        // A run that was killed (a PID that is not alive) left its database behind.
        let leftover = dir.join(format!("{EPHEMERAL_PREFIX}{}.sqlite3-wal", u32::MAX));
        std::fs::write(&leftover, b"cases").unwrap_or_else(|e| panic!("{e}"));
        let portal = EmbeddedPortal::start(None, &dir).unwrap_or_else(|e| panic!("{e}"));
        assert!(!leftover.exists(), "a dead run's database is still there");
        let own = dir.join(format!("{EPHEMERAL_PREFIX}{}.sqlite3", std::process::id()));
        assert!(own.exists(), "this run's database is in the data directory");
        drop(portal);
        let left: Vec<_> =
            std::fs::read_dir(&dir).map(|e| e.flatten().map(|e| e.path()).collect()).unwrap_or_default();
        let _ = std::fs::remove_dir_all(&dir);
        assert!(left.is_empty(), "left behind: {left:?}");
    }
}
