//! What a view needs besides its state: the physical sizes and which
//! control has the keypad focus (drawn with a thick ring).

use std::ops::Deref;

use super::control::ControlId;
use super::sizes::Sizes;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    pub sizes: Sizes,
    /// The focused control, once the keypad has moved the focus.
    pub focused: Option<ControlId>,
}

impl Look {
    /// Whether the control `id` has the focus.
    pub fn is_focused(&self, id: ControlId) -> bool {
        self.focused == Some(id)
    }
}

impl Deref for Look {
    type Target = Sizes;

    fn deref(&self) -> &Sizes {
        &self.sizes
    }
}
