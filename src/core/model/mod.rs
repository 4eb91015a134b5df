//! The portal contract's wire types, shared by the client and the reference portal.
//!
//! Every type here is serialised as documented in `docs/portal-api.md` and
//! `docs/openapi.yaml`. Enums use SCREAMING_SNAKE_CASE on the wire; levels of
//! evaluation are stored by name and converted to numeric codes only at the edge.

mod application;
mod catalogue;
mod error;
mod evaluation;
mod form;
mod identity;
mod query;
mod terminal;
mod text;

pub use application::*;
pub use catalogue::*;
pub use error::*;
pub use evaluation::*;
pub use form::*;
pub use identity::*;
pub use query::*;
pub use terminal::*;
pub use text::*;

/// The id of the hall the reference portal seeds.
pub const DEMO_HALL: &str = "demo-hall";
/// Opaque answers of a form: field id → value as text (dates ISO, numbers decimal).
pub type Answers = std::collections::BTreeMap<String, String>;
