//! Yiban (易办): accessible self-service kiosk software for government service halls.

pub mod a11y;
pub mod assets;
pub mod client;
pub mod core;
pub mod i18n;
pub mod logging;
pub mod outbox;
pub mod portal;
pub mod speech;
pub mod ui;

#[cfg(test)]
mod layers;
