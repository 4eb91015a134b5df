//! The one seam between the kiosk and the reference portal: starting it
//! in-process on loopback when the config says `url = "embedded"`. Nothing
//! else in the iced layer reaches the portal except over HTTP.

use std::path::PathBuf;

/// The reference portal running in-process on a loopback port.
pub struct EmbeddedPortal {
    addr: std::net::SocketAddr,
    _runtime: tokio::runtime::Runtime,
}

impl EmbeddedPortal {
    /// Starts the portal on `127.0.0.1:0` with `db` (a fresh one per start when None).
    pub fn start(db: Option<PathBuf>) -> Result<EmbeddedPortal, String> {
        let db = match db {
            Some(db) => db,
            None => {
                let fresh =
                    std::env::temp_dir().join(format!("yiban-embedded-{}.sqlite3", std::process::id()));
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", fresh.display()));
                }
                fresh
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
        Ok(EmbeddedPortal { addr, _runtime: runtime })
    }

    /// A portal on a database of its own that takes `today` as the date
    /// (tests and `yiban snapshots`: the demo data's ages are as of a fixed day).
    pub fn start_fixed(db: &std::path::Path, today: time::Date) -> Result<EmbeddedPortal, String> {
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
        Ok(EmbeddedPortal { addr, _runtime: runtime })
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
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
