//! What a view lays out, read through iced_test's simulator: every text with
//! its bounds and every touch target (button) with the texts inside it.
//!
//! The selector sees the widget tree depth first as a flat list of
//! candidates. Every button's content is a container with the id
//! [`TARGET_CONTENT`], and a button reports itself just before its content, so
//! the candidate right before such a container is the button.

use iced::widget::Id;
use iced::{Element, Rectangle, Size};
use iced_test::selector::Candidate;
use iced_test::simulator::Simulator;

use crate::ui::widgets::TARGET_CONTENT;

use super::geometry;

/// One candidate of the widget tree, owned.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text {
        content: String,
        bounds: Rectangle,
    },
    /// A container; `target_content` when it is the content of a button.
    Container {
        target_content: bool,
        bounds: Rectangle,
    },
    Other {
        bounds: Rectangle,
    },
}

impl Item {
    pub fn bounds(&self) -> Rectangle {
        match self {
            Item::Text { bounds, .. } | Item::Container { bounds, .. } | Item::Other { bounds } => *bounds,
        }
    }
}

/// A text on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBox {
    pub content: String,
    pub bounds: Rectangle,
    /// The target (index into [`Layout::targets`]) the text is drawn in.
    pub target: Option<usize>,
}

/// A touch target.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetBox {
    pub bounds: Rectangle,
    /// Indices into [`Layout::texts`].
    pub texts: Vec<usize>,
}

impl TargetBox {
    /// The target's words, joined (for reports).
    pub fn label(&self, layout: &Layout) -> String {
        let words: Vec<&str> =
            self.texts.iter().filter_map(|&i| layout.texts.get(i)).map(|t| t.content.as_str()).collect();
        if words.is_empty() { "(no text)".to_owned() } else { words.join(" ") }
    }
}

/// Everything measurable on one screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub window: Rectangle,
    pub texts: Vec<TextBox>,
    pub targets: Vec<TargetBox>,
}

/// The iced settings the kiosk runs with (the bundled fonts).
pub fn settings() -> iced::Settings {
    crate::ui::fit::simulator_settings()
}

/// Lays `element` out in a window of `size` and reads what it shows.
pub fn layout_of<'a, M: 'a>(element: impl Into<Element<'a, M>>, size: Size) -> Layout {
    let mut ui = Simulator::with_size(settings(), size, element);
    layout_in(&mut ui, size)
}

/// Reads what a simulator shows.
pub fn layout_in<M>(ui: &mut Simulator<'_, M>, size: Size) -> Layout {
    let target = Id::new(TARGET_CONTENT);
    let mut items = vec![];
    let _ = ui.find(|c: Candidate<'_>| {
        items.push(match c {
            Candidate::Text { content, bounds, .. } => Item::Text { content: content.to_owned(), bounds },
            Candidate::Container { id, bounds, .. } => {
                Item::Container { target_content: id == Some(&target), bounds }
            }
            other => Item::Other { bounds: other.bounds() },
        });
        None::<()>
    });
    from_items(&items, size)
}

/// Pairs the candidates into texts and targets. A text belongs to a target
/// when it follows the target's content in the tree and stays next to the
/// target (a sibling after the button is laid out apart from it).
pub fn from_items(items: &[Item], size: Size) -> Layout {
    let is_button = |i: usize| matches!(items.get(i + 1), Some(Item::Container { target_content: true, .. }));
    let mut texts = vec![];
    let mut targets: Vec<TargetBox> = vec![];
    let mut current: Option<(usize, Rectangle)> = None;
    let mut i = 0;
    while i < items.len() {
        if is_button(i) {
            let bounds = items[i].bounds();
            targets.push(TargetBox { bounds, texts: vec![] });
            current = Some((targets.len() - 1, bounds));
            i += 2;
            continue;
        }
        let item = &items[i];
        if let Some((_, bounds)) = current {
            // 1 px of slack: a text squeezed to nothing still sits on its button.
            if !geometry::near(item.bounds(), bounds, 1.0) {
                current = None;
            }
        }
        if let Item::Text { content, bounds } = item {
            let target = current.map(|(t, _)| t);
            if let Some(t) = target.and_then(|t| targets.get_mut(t)) {
                t.texts.push(texts.len());
            }
            texts.push(TextBox { content: content.clone(), bounds: *bounds, target });
        }
        i += 1;
    }
    Layout { window: Rectangle::new(iced::Point::ORIGIN, size), texts, targets }
}
