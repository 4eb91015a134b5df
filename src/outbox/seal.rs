//! Sealing: XChaCha20-Poly1305 under the terminal key, a fresh random 24-byte
//! nonce per sealing, and the row's identity (table and id) as associated data,
//! so a sealed payload moved to another row does not open.
//!
//! A sealed value is `nonce (24 bytes) ‖ ciphertext ‖ tag (16 bytes)`.

use std::fmt;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::OutboxError;
use crate::core::model::ApplicationRequest;
use crate::core::personal::Personal;

const NONCE_LEN: usize = 24;

/// Seals and opens payloads. Its key is zeroed when it is dropped.
pub struct Sealer {
    cipher: XChaCha20Poly1305,
}

impl fmt::Debug for Sealer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Sealer(..)")
    }
}

/// What a sealed value belongs to: bound into its tag.
#[derive(Debug, Clone, Copy)]
pub enum Row<'a> {
    Entry(&'a str),
    Session(&'a str),
}

impl Row<'_> {
    fn associated_data(self) -> Vec<u8> {
        match self {
            Row::Entry(id) => format!("yiban-outbox/1/entry/{id}").into_bytes(),
            Row::Session(id) => format!("yiban-outbox/1/session/{id}").into_bytes(),
        }
    }
}

impl Sealer {
    pub fn new(key: &[u8; 32]) -> Result<Self, OutboxError> {
        XChaCha20Poly1305::new_from_slice(key)
            .map(|cipher| Sealer { cipher })
            .map_err(|_| OutboxError::Encoding("sealed: bad key length"))
    }

    pub fn seal(&self, row: Row<'_>, plaintext: &[u8]) -> Result<Vec<u8>, OutboxError> {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|e| OutboxError::Random(e.to_string()))?;
        let nonce = XNonce::from(nonce);
        let aad = row.associated_data();
        let sealed = self
            .cipher
            .encrypt(&nonce, Payload { msg: plaintext, aad: &aad })
            .map_err(|_| OutboxError::Encoding("sealed"))?;
        let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
        out.extend_from_slice(nonce.as_slice());
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// `None` when the value was altered, belongs to another row, or was sealed under another key.
    pub fn open(&self, row: Row<'_>, sealed: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        let (nonce, body) = sealed.split_at_checked(NONCE_LEN)?;
        let nonce = XNonce::try_from(nonce).ok()?;
        let aad = row.associated_data();
        self.cipher.decrypt(&nonce, Payload { msg: body, aad: &aad }).ok().map(Zeroizing::new)
    }
}

/// What an entry's sealed payload holds. Never printed; the token is zeroed on drop.
#[derive(Serialize, Deserialize)]
pub struct EntryPayload {
    pub token: Personal,
    pub key: String,
    pub request: ApplicationRequest,
}

impl fmt::Debug for EntryPayload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EntryPayload").field("matter_id", &self.request.matter_id).finish_non_exhaustive()
    }
}

impl EntryPayload {
    pub fn seal(&self, sealer: &Sealer, id: &str) -> Result<Vec<u8>, OutboxError> {
        let json = Zeroizing::new(serde_json::to_vec(self).map_err(|_| OutboxError::Encoding("written"))?);
        sealer.seal(Row::Entry(id), &json)
    }

    /// `Err(None)` when the payload does not open; `Err(Some(..))` when it opens but does not parse.
    pub fn open(sealer: &Sealer, id: &str, sealed: &[u8]) -> Result<Self, Option<OutboxError>> {
        let json = sealer.open(Row::Entry(id), sealed).ok_or(None)?;
        serde_json::from_slice(&json).map_err(|_| Some(OutboxError::Encoding("read")))
    }
}

/// Seals an identity token for the sessions table.
pub fn seal_token(sealer: &Sealer, session_id: &str, token: &str) -> Result<Vec<u8>, OutboxError> {
    sealer.seal(Row::Session(session_id), token.as_bytes())
}

/// Opens a sealed token; `None` when it does not open.
pub fn open_token(sealer: &Sealer, session_id: &str, sealed: &[u8]) -> Option<Personal> {
    let bytes = sealer.open(Row::Session(session_id), sealed)?;
    std::str::from_utf8(&bytes).ok().map(Personal::new)
}
