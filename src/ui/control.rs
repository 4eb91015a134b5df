//! A screen's controls, listed once. Each screen says which controls it has
//! (typed id, words, what pressing does); the view draws them, the keypad
//! moves the focus over them, the spoken script names them and the
//! accessibility audit finds them — all from the same list.

use crate::core::model::Level;

use super::screen::keypad::Key;

/// Which control: typed, so the focus, the view and the tests compare ids, not words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ControlId {
    /// The screen's main action (at the bottom right, beside 呼叫工作人员).
    Primary,
    Back,
    Home,
    Repeat,
    Language,
    CallStaff,
    PagePrev,
    PageNext,
    /// A tile of the welcome screen (index over every tile).
    Tile(usize),
    TextSize,
    OpenSettings,
    Theme,
    Voice,
    Rate,
    Volume,
    /// A card of the simulated reader (demo mode).
    DemoCard(usize),
    /// A key of the big keypad.
    Key(Key),
    /// 「现在就办」 of a due item.
    TakeDue(usize),
    /// The folded tip's 小贴士 button.
    Tip,
    /// Choice N of a step's question.
    Choice(usize),
    Yes,
    No,
    /// 我已阅读并同意 of a commitment.
    Agree,
    /// The date picker: a part up or down.
    DateUp(DatePart),
    DateDown(DatePart),
    Today,
    /// A province or city of the region picker (index on the page).
    Region(usize),
    /// Back to the provinces in the region picker.
    Provinces,
    /// 修改 of review item N.
    Change(usize),
    Face(Level),
    /// Reason N of a bad rating.
    Reason(usize),
    /// 不评价了.
    Skip,
    /// 不等了，回去看看.
    StopWaiting,
    /// 先填写表格 (the portal is down: identify before sending).
    FillFirst,
    /// Dialog: 我还在.
    StillHere,
    /// Dialog: close and stay (继续办理, 好的, 关闭).
    Stay,
    /// Dialog: 回到首页 (answers are lost).
    LeaveHome,
    /// Dialog: 我已核对，提交.
    SubmitChecked,
}

/// A part of a date in the date picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DatePart {
    Year,
    Month,
    Day,
}

/// How a control is operated and spoken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A button that does something; named in 「可以按的按钮有……」.
    Action,
    /// One of several answers, read out with its number and picked by the number key.
    Option { number: usize },
    /// A key of the keypad: typed with the keys of the keypad, not in the focus order.
    Key,
}

/// One control of a screen: its id, words, role, and what pressing it does
/// (`None`: shown but not possible now, with the reason in `why_not`).
#[derive(Debug, Clone)]
pub struct Control<M> {
    pub id: ControlId,
    pub label: String,
    pub role: Role,
    pub on_press: Option<M>,
    /// Why it cannot be pressed now (said when it takes the focus).
    pub why_not: Option<String>,
    /// A chosen answer (drawn with ✓ in the selected colours).
    pub selected: bool,
    /// What is said for it where its words alone would not tell which it is
    /// (「修改：手机号码」 for a 修改 beside the phone number).
    pub spoken: Option<String>,
}

impl<M> Control<M> {
    pub fn action(id: ControlId, label: String, on_press: M) -> Control<M> {
        Control {
            id,
            label,
            role: Role::Action,
            on_press: Some(on_press),
            why_not: None,
            selected: false,
            spoken: None,
        }
    }

    /// A control that cannot be pressed now, and why.
    pub fn disabled(id: ControlId, label: String, why: String) -> Control<M> {
        Control {
            id,
            label,
            role: Role::Action,
            on_press: None,
            why_not: Some(why),
            selected: false,
            spoken: None,
        }
    }

    pub fn option(id: ControlId, label: String, number: usize, selected: bool, on_press: M) -> Control<M> {
        Control {
            id,
            label,
            role: Role::Option { number },
            on_press: Some(on_press),
            why_not: None,
            selected,
            spoken: None,
        }
    }

    pub fn key(id: ControlId, label: String, on_press: M) -> Control<M> {
        Control {
            id,
            label,
            role: Role::Key,
            on_press: Some(on_press),
            why_not: None,
            selected: false,
            spoken: None,
        }
    }

    /// The same control, drawn as chosen when `selected`.
    pub fn selected(self, selected: bool) -> Control<M> {
        Control { selected, ..self }
    }

    /// The same control, said as `words`.
    pub fn spoken(self, words: String) -> Control<M> {
        Control { spoken: Some(words), ..self }
    }

    /// What is said for it.
    pub fn said(&self) -> &str {
        self.spoken.as_deref().unwrap_or(&self.label)
    }

    /// The same control sending its message wrapped for the parent.
    pub fn map<N>(self, f: impl Fn(M) -> N) -> Control<N> {
        Control {
            id: self.id,
            label: self.label,
            role: self.role,
            on_press: self.on_press.map(f),
            why_not: self.why_not,
            selected: self.selected,
            spoken: self.spoken,
        }
    }

    /// Whether the keypad's focus stops here.
    pub fn focusable(&self) -> bool {
        self.role != Role::Key
    }
}

/// The control `id` of a list (views draw it from here).
pub fn find<M>(controls: &[Control<M>], id: ControlId) -> Option<&Control<M>> {
    controls.iter().find(|c| c.id == id)
}
