use serde::{Deserialize, Serialize};

use super::{Answers, Text};

/// `POST /v1/queries/{matter_id}` (bearer token of an identity session). Its
/// `Debug` prints the answers' lengths, never their values.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryRequest {
    pub hall_id: String,
    pub terminal_id: String,
    pub answers: Answers,
}

impl std::fmt::Debug for QueryRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QueryRequest")
            .field("hall_id", &self.hall_id)
            .field("terminal_id", &self.terminal_id)
            .field("answers", &crate::core::personal::MaskedAnswers(&self.answers))
            .finish()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub key: String,
    pub label: Text,
    /// What the cells hold, so the kiosk says them as a listener expects.
    #[serde(default)]
    pub kind: ColumnKind,
}

/// What a column's cells hold (as text): how they are said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ColumnKind {
    /// Words, said as written.
    #[default]
    Text,
    /// An amount in yuan, two decimals ("4993.90").
    Money,
    /// A month, "YYYY-MM".
    YearMonth,
    /// A year, "YYYY".
    Year,
    /// A whole number.
    Count,
}

/// A printable document: A4 or receipt. Lines are already masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub title: Text,
    pub lines: Vec<Text>,
    /// A code anyone can check the document with on the portal.
    pub verification_code: String,
}

/// The result of a query, shown in large type, paged, and printable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryResult {
    pub matter_id: String,
    pub title: Text,
    /// One plain sentence summarising the result, spoken first.
    pub summary: Text,
    pub columns: Vec<Column>,
    /// Each row: column key → value (already masked where personal).
    pub rows: Vec<std::collections::BTreeMap<String, String>>,
    pub document: Document,
}
