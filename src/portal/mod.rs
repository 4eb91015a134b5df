//! The reference portal (`yiban portal`): the whole contract of
//! `docs/portal-api.md` over HTTP, stored in SQLite, seeded with demo data.
//!
//! rusqlite is synchronous: one connection sits behind a mutex and every request
//! runs its storage work on tokio's blocking pool ([`store::Store::run`]).

pub mod clock;
pub mod db;
pub mod digest;
pub mod error;
pub mod known;
pub mod routes;
pub mod seed;
pub mod server;
pub mod store;
pub mod texts;

mod seeding;

pub use clock::Clock;
pub use error::{ApiError, PortalError};
pub use server::{MAX_BODY_BYTES, RunningPortal, open_store, router, serve, spawn, spawn_with_clock};
pub use store::Store;
