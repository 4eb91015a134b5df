//! Personal values by type: an ID number, a name, a portal token. Held in a
//! [`Personal`], a value prints as a mask (`Debug` and `Display` both), so a
//! derived `Debug` of a message, an effect, a request or a session can never
//! print it, and its memory is zeroed when it is dropped. The value itself is
//! reached only by [`Personal::expose`], where it is really needed (the wire,
//! the mask shown on screen).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::Zeroizing;

/// What a personal value prints as, whatever it is.
pub const MASK: &str = "«personal»";

#[derive(Clone, Default, PartialEq, Eq)]
pub struct Personal(Zeroizing<String>);

impl Personal {
    pub fn new(value: impl Into<String>) -> Personal {
        Personal(Zeroizing::new(value.into()))
    }

    /// The value itself: for the wire and for masking, never for a log.
    pub fn expose(&self) -> &str {
        self.0.as_str()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Personal {
    fn from(value: String) -> Personal {
        Personal::new(value)
    }
}

impl From<&str> for Personal {
    fn from(value: &str) -> Personal {
        Personal::new(value)
    }
}

impl fmt::Debug for Personal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

impl fmt::Display for Personal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

impl Serialize for Personal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.expose())
    }
}

impl<'de> Deserialize<'de> for Personal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Personal, D::Error> {
        String::deserialize(deserializer).map(Personal::new)
    }
}

/// What a citizen is typing on the keypad (an ID number, a phone, an
/// account): a `String` to edit, whose `Debug` prints only its length and
/// whose memory is zeroed on drop.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Typing(Zeroizing<String>);

impl std::ops::Deref for Typing {
    type Target = String;
    fn deref(&self) -> &String {
        &self.0
    }
}

impl std::ops::DerefMut for Typing {
    fn deref_mut(&mut self) -> &mut String {
        &mut self.0
    }
}

impl From<String> for Typing {
    fn from(value: String) -> Typing {
        Typing(Zeroizing::new(value))
    }
}

impl fmt::Debug for Typing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Length(self.0.chars().count()).fmt(f)
    }
}

/// Answers printed without their values: field ids with the length of each
/// answer (what a log may say of a form).
pub struct MaskedAnswers<'a>(pub &'a super::model::Answers);

impl fmt::Debug for MaskedAnswers<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.0.iter().map(|(k, v)| (k, Length(v.chars().count())))).finish()
    }
}

struct Length(usize);

impl fmt::Debug for Length {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "«{} chars»", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_personal_value_never_prints() {
        let id = Personal::new("110105194403160289");
        assert_eq!(format!("{id:?}"), MASK);
        assert_eq!(format!("{id}"), MASK);
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Request {
            id_number: Personal,
        }
        let printed = format!("{:?}", Request { id_number: id.clone() });
        assert!(!printed.contains("1101"), "{printed}");
        assert_eq!(id.expose(), "110105194403160289");
    }

    #[test]
    fn it_goes_over_the_wire_as_plain_text() {
        let json = serde_json::to_string(&Personal::new("张秀兰")).unwrap_or_default();
        assert_eq!(json, "\"张秀兰\"");
        let back: Personal = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back.expose(), "张秀兰");
    }

    #[test]
    fn answers_print_as_lengths() {
        let answers: crate::core::model::Answers = [("phone".to_owned(), "13900139000".to_owned())].into();
        let printed = format!("{:?}", MaskedAnswers(&answers));
        assert_eq!(printed, "{\"phone\": «11 chars»}");
    }
}
