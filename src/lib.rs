//! Yiban (易办): accessible self-service kiosk software for government service halls.

pub mod assets;
pub mod core;
pub mod i18n;
pub mod client;
pub mod portal;
pub mod logging;
pub mod ui;
pub mod speech;
pub mod a11y;
