//! What the kiosk holds: the citizen's settings, loaded-once reference data,
//! and one citizen's session — everything personal, wiped when it ends, and
//! the requests it has in flight, so an answer reaches only the session that asked.

use std::time::Instant;

use crate::core::config::{Config, TEXT_STEPS};
use crate::core::journey::{Journey, MatterForm};
use crate::core::lang::Lang;
use crate::core::model::{
    Application, AssistRequest, Catalogue, Evaluation, IdentitySession, QueryResult, ReasonList, Regions,
};

use super::theme::ThemeKind;

/// The citizen's own settings; back to the defaults after every session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub lang: Lang,
    pub text_step: u8,
    pub theme: ThemeKind,
    pub voice: bool,
    /// Index into `voice::RATE_IDS`.
    pub rate: u8,
    /// Index into `voice::VOLUME_IDS`.
    pub volume: u8,
}

/// A change of a setting the citizen asked for (each button moves to the next choice).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingChange {
    Language,
    TextSize,
    Theme,
    Voice,
    Rate,
    Volume,
}

impl Settings {
    pub fn defaults(config: &Config) -> Settings {
        Settings {
            lang: config.language(),
            text_step: config.defaults.text_step,
            theme: ThemeKind::from_config(&config.defaults.theme),
            voice: config.defaults.voice,
            rate: super::voice::DEFAULT_RATE,
            volume: super::voice::DEFAULT_VOLUME,
        }
    }

    pub fn apply(&mut self, change: SettingChange) {
        match change {
            SettingChange::Language => self.lang = self.lang.other(),
            SettingChange::TextSize => self.text_step = (self.text_step + 1) % TEXT_STEPS,
            SettingChange::Theme => {
                let all = ThemeKind::ALL;
                let i = all.iter().position(|k| *k == self.theme).unwrap_or(0);
                self.theme = all[(i + 1) % all.len()];
            }
            SettingChange::Voice => self.voice = !self.voice,
            SettingChange::Rate => self.rate = (self.rate + 1) % super::voice::RATE_IDS.len() as u8,
            SettingChange::Volume => self.volume = (self.volume + 1) % super::voice::VOLUME_IDS.len() as u8,
        }
    }
}

/// Loaded-once data that is not personal (kept across sessions).
#[derive(Debug, Clone, Default)]
pub struct Reference {
    pub catalogue: Option<Catalogue>,
    /// A catalogue request is on its way.
    pub catalogue_requested: bool,
    pub regions: Option<Regions>,
    pub reasons: Option<ReasonList>,
}

/// Which citizen session: raised at every reset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct SessionId(pub u64);

/// One request of one session: its answer is for that session only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ticket {
    pub session: SessionId,
    pub seq: u64,
}

/// Who the citizen is and what they have done in this session.
#[derive(Debug, Clone, Default)]
pub struct Citizen {
    /// The matter ids (one, or a bundle's members) being handled.
    pub target: Vec<String>,
    pub bundle_id: Option<String>,
    pub members: Vec<MatterForm>,
    pub identity: Option<IdentitySession>,
    /// Idempotency keys per matter, made once at review so a retry cannot duplicate.
    pub keys: Vec<(String, String)>,
    pub cases: Vec<Application>,
    pub query: Option<QueryResult>,
    pub evaluation: Option<Evaluation>,
    pub staff_request: Option<AssistRequest>,
    /// Whether the spoken read-back of the review has been heard to the end.
    pub read_back_heard: bool,
    /// The identification the portal stopped accepting, while the citizen is asked
    /// for it again (their answers are kept only if the same person comes back).
    pub reidentifying: Option<IdentitySession>,
}

/// One citizen's session: everything here is wiped when it ends.
#[derive(Debug, Clone, Default)]
pub struct Session {
    pub id: SessionId,
    pub citizen: Citizen,
    /// The answers (the flow engine).
    pub journey: Option<Journey>,
    next_seq: u64,
    /// Requests whose answers this session still waits for.
    pending: Vec<u64>,
}

impl Session {
    /// A fresh session after `previous`.
    pub fn after(previous: SessionId) -> Session {
        Session { id: SessionId(previous.0 + 1), ..Session::default() }
    }

    /// A ticket for a new request of this session (awaited until settled or cancelled).
    pub fn ticket(&mut self) -> Ticket {
        self.next_seq += 1;
        self.pending.push(self.next_seq);
        Ticket { session: self.id, seq: self.next_seq }
    }

    /// Whether this session still waits for the answer of `ticket`.
    pub fn awaits(&self, ticket: Ticket) -> bool {
        ticket.session == self.id && self.pending.contains(&ticket.seq)
    }

    /// Takes the answer of `ticket`: true when this session was waiting for it.
    pub fn settle(&mut self, ticket: Ticket) -> bool {
        let awaited = self.awaits(ticket);
        self.pending.retain(|s| *s != ticket.seq);
        awaited
    }

    /// No longer waits for these (the citizen stopped waiting): their answers will be dropped.
    pub fn cancel(&mut self, tickets: &[Ticket]) {
        self.pending.retain(|s| !tickets.iter().any(|t| t.seq == *s));
    }

    /// Whether anything is in flight.
    pub fn waiting(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Whether leaving now would lose something the citizen entered: a form not
    /// yet sent, or — in a bundle — a member not sent while another was.
    pub fn has_unsaved_answers(&self) -> bool {
        let Some(journey) = &self.journey else { return false };
        if self.citizen.query.is_some() {
            return false;
        }
        journey.members().iter().any(|m| !self.citizen.cases.iter().any(|c| c.matter_id == m.matter.id))
    }
}

/// The idle clock (ACCESSIBILITY.md row 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Idle {
    /// The latest time the kiosk has seen (from ticks and input events).
    pub now: Instant,
    pub last_activity: Instant,
    pub warning_since: Option<Instant>,
    pub extensions: u32,
}

impl Idle {
    pub fn new(now: Instant) -> Idle {
        Idle { now, last_activity: now, warning_since: None, extensions: 0 }
    }
}

/// A dialog over the current screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// 「您还在吗？」 with a countdown (seconds left).
    IdleWarning { seconds_left: u32 },
    /// Going home would lose answers: ask first.
    ConfirmHome,
    /// 确认提交 before the read-back was heard: checked on screen?
    ConfirmSubmit,
    /// Staff have been called.
    StaffComing,
    /// Calling staff failed: say so and what to do.
    StaffCallFailed,
    /// The step's tip, opened from its 小贴士 button (where it is folded).
    Tip,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_belongs_to_the_session_that_asked() {
        let mut a = Session::default();
        let t = a.ticket();
        assert!(a.awaits(t));
        let b = Session::after(a.id);
        assert!(!b.awaits(t), "the next session must not take A's answer");
        assert!(a.settle(t));
        assert!(!a.settle(t), "an answer is taken once");
        let u = a.ticket();
        a.cancel(&[u]);
        assert!(!a.awaits(u) && !a.waiting());
    }

    #[test]
    fn settings_cycle_through_their_choices() {
        let config = Config::default();
        let mut s = Settings::defaults(&config);
        let lang = s.lang;
        s.apply(SettingChange::Language);
        assert_ne!(s.lang, lang);
        for _ in 0..TEXT_STEPS {
            s.apply(SettingChange::TextSize);
        }
        assert_eq!(s.text_step, Settings::defaults(&config).text_step);
    }
}
