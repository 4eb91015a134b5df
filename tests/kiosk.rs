//! The kiosk, headless: the real `App` through the real `view` (iced_test's
//! simulator, via `yiban::ui::driver::Driver`), its effects carried out against
//! a real reference portal on loopback. Clicks go by the visible Chinese text.
//!
//! One test binary on purpose (build time); the groups are modules in `tests/kiosk/`.

#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "kiosk/common.rs"]
mod common;
#[path = "kiosk/findings.rs"]
mod findings;
#[path = "kiosk/fitting.rs"]
mod fitting;
#[path = "kiosk/help.rs"]
mod help;
#[path = "kiosk/input.rs"]
mod input;
#[path = "kiosk/matters.rs"]
mod matters;
#[path = "kiosk/offline.rs"]
mod offline;
#[path = "kiosk/own_portal.rs"]
mod own_portal;
#[path = "kiosk/review.rs"]
mod review;
#[path = "kiosk/session.rs"]
mod session;
#[path = "kiosk/sizes.rs"]
mod sizes;
#[path = "kiosk/snapshots.rs"]
mod snapshots;
