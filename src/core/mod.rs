//! The UI-free core: contract types, validation, the flow engine. No iced types here.

pub mod answers;
pub mod config;
pub mod data_dir;
pub mod journey;
pub mod lang;
pub mod mask;
pub mod model;
pub mod personal;
pub mod reference_cache;
pub mod spoken;
pub mod validate;
