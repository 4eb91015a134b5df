//! A reference portal a test stops and starts again, on the same port and database.

use crate::common::TODAY;

/// A reference portal this test can stop and start again on the same port and database.
pub struct OwnPortal {
    rt: tokio::runtime::Runtime,
    running: Option<yiban::portal::RunningPortal>,
    addr: std::net::SocketAddr,
    db: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl OwnPortal {
    pub fn start() -> OwnPortal {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime");
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("portal.sqlite3");
        let running = OwnPortal::spawn(&rt, "127.0.0.1:0".parse().expect("addr"), &db);
        OwnPortal { addr: running.addr, running: Some(running), rt, db, _dir: dir }
    }

    fn spawn(
        rt: &tokio::runtime::Runtime,
        addr: std::net::SocketAddr,
        db: &std::path::Path,
    ) -> yiban::portal::RunningPortal {
        rt.block_on(async {
            let listener = tokio::net::TcpListener::bind(addr).await.expect("bind");
            yiban::portal::spawn_with_clock(listener, db, yiban::portal::Clock::fixed(TODAY))
                .await
                .expect("portal")
        })
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn stop(&mut self) {
        let running = self.running.take().expect("running");
        self.rt.block_on(running.shutdown()).expect("shutdown");
    }

    pub fn restart(&mut self) {
        self.running = Some(OwnPortal::spawn(&self.rt, self.addr, &self.db));
    }
}
