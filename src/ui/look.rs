//! What a view needs besides the app state: the physical sizes and which
//! control has the keypad focus (drawn with a thick ring).

use std::ops::Deref;

use super::sizes::Sizes;

#[derive(Debug, Clone, PartialEq)]
pub struct Look {
    pub sizes: Sizes,
    /// The focused control's message (as `Debug` text), once the keypad has moved the focus.
    pub focused: Option<String>,
}

impl Look {
    /// Whether the control that sends `message` has the focus.
    pub fn is_focused<M: std::fmt::Debug>(&self, message: &M) -> bool {
        self.focused.as_ref().is_some_and(|f| *f == format!("{message:?}"))
    }
}

impl Deref for Look {
    type Target = Sizes;

    fn deref(&self) -> &Sizes {
        &self.sizes
    }
}
