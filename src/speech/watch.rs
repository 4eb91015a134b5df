//! The watchdog's bookkeeping: which utterances are waiting, speaking, and overdue.
//! Pure (time is passed in), so it is tested without threads or clocks.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use super::engine::Outage;
use super::timing::WatchdogConfig;

#[derive(Debug, Clone)]
struct Entry {
    /// The engine's id, once the utterance was handed to the engine.
    id: Option<u64>,
    expected: Duration,
    /// When it became first in line (or was sent, if later).
    turn: Instant,
    began: Option<Instant>,
}

/// Utterances in the order the engine speaks them. Only the first is timed: it must
/// begin within `begin_within` of its turn and end within `end_limit(expected)` of its
/// beginning. Ids are handed out in order, so entries with an id come first.
#[derive(Debug)]
pub(crate) struct Watch {
    config: WatchdogConfig,
    line: VecDeque<Entry>,
}

impl Watch {
    pub(crate) fn new(config: WatchdogConfig) -> Self {
        Self { config, line: VecDeque::new() }
    }

    /// A text was accepted for speaking.
    pub(crate) fn queued(&mut self, expected: Duration, now: Instant) {
        self.line.push_back(Entry { id: None, expected, turn: now, began: None });
    }

    /// The oldest text without an id was handed to the engine as `id`.
    pub(crate) fn handed(&mut self, id: u64) {
        if let Some(entry) = self.line.iter_mut().find(|e| e.id.is_none()) {
            entry.id = Some(id);
        }
    }

    /// Everything was stopped: nothing is waited for any more.
    pub(crate) fn clear(&mut self) {
        self.line.clear();
    }

    fn pop_front(&mut self, now: Instant) {
        self.line.pop_front();
        if let Some(next) = self.line.front_mut() {
            next.turn = next.turn.max(now);
        }
    }

    /// Removes the entries up to and including `id` (those before it are over too).
    fn finish_through(&mut self, id: u64, now: Instant) {
        while self.line.front().is_some_and(|e| e.id.is_some_and(|i| i <= id)) {
            self.pop_front(now);
        }
    }

    /// The engine reported `Began(id)`.
    pub(crate) fn began(&mut self, id: u64, now: Instant) {
        self.finish_through(id.saturating_sub(1), now);
        if let Some(entry) = self.line.front_mut()
            && entry.id == Some(id)
        {
            entry.began.get_or_insert(now);
        }
    }

    /// The engine reported `Ended(id)` or `Cancelled(id)`, or refused to speak it.
    pub(crate) fn finished(&mut self, id: u64, now: Instant) {
        self.finish_through(id, now);
    }

    /// When the first utterance becomes overdue, if anything is waited for.
    pub(crate) fn deadline(&self) -> Option<Instant> {
        let first = self.line.front()?;
        Some(match first.began {
            Some(began) => began + self.config.end_limit(first.expected),
            None => first.turn + self.config.begin_within(),
        })
    }

    /// The outage, if the first utterance is overdue at `now`. It is then given up on,
    /// and the next one's turn starts.
    pub(crate) fn check(&mut self, now: Instant) -> Option<Outage> {
        if self.deadline()? > now {
            return None;
        }
        let first = self.line.front()?.clone();
        self.pop_front(now);
        Some(match (first.began, first.id) {
            (Some(began), Some(id)) => {
                Outage::NotEnded { id, expected: first.expected, waited: now.duration_since(began) }
            }
            _ => Outage::NotBegun { waited: now.duration_since(first.turn) },
        })
    }

    /// How many utterances are waited for.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.line.len()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    const S: Duration = Duration::from_secs(1);

    fn watch() -> Watch {
        // Begin within 3 s; end within 150 % + 2 s.
        Watch::new(WatchdogConfig::default())
    }

    #[test]
    fn nothing_waited_for_means_no_deadline() {
        let t = Instant::now();
        let mut w = watch();
        assert_eq!(w.deadline(), None);
        assert_eq!(w.check(t + 100 * S), None);
    }

    #[test]
    fn an_utterance_that_never_begins_is_reported_after_begin_within() {
        let t = Instant::now();
        let mut w = watch();
        w.queued(4 * S, t);
        w.handed(1);
        assert_eq!(w.deadline(), Some(t + 3 * S));
        assert_eq!(w.check(t + 2 * S), None);
        assert_eq!(w.check(t + 3 * S), Some(Outage::NotBegun { waited: 3 * S }));
        assert_eq!(w.len(), 0);
    }

    #[test]
    fn an_utterance_that_never_ends_is_reported_after_its_limit() {
        let t = Instant::now();
        let mut w = watch();
        w.queued(4 * S, t);
        w.handed(1);
        w.began(1, t + S);
        // 4 s expected: limit 6 s + 2 s after it began.
        assert_eq!(w.deadline(), Some(t + 9 * S));
        assert_eq!(w.check(t + 8 * S), None);
        assert_eq!(w.check(t + 9 * S), Some(Outage::NotEnded { id: 1, expected: 4 * S, waited: 8 * S }));
    }

    #[test]
    fn a_queued_utterance_gets_its_turn_when_the_one_before_ends() {
        let t = Instant::now();
        let mut w = watch();
        w.queued(10 * S, t);
        w.queued(S, t);
        w.handed(1);
        w.handed(2);
        w.began(1, t);
        w.finished(1, t + 10 * S);
        // The second's turn starts when the first ended, not when it was sent.
        assert_eq!(w.deadline(), Some(t + 13 * S));
        w.began(2, t + 10 * S);
        w.finished(2, t + 11 * S);
        assert_eq!(w.deadline(), None);
    }

    #[test]
    fn a_later_event_settles_the_ones_before_it() {
        let t = Instant::now();
        let mut w = watch();
        for id in 1..=3 {
            w.queued(S, t);
            w.handed(id);
        }
        // Began(3) means 1 and 2 are over even if their events were lost.
        w.began(3, t + S);
        assert_eq!(w.len(), 1);
        assert_eq!(w.deadline(), Some(t + S + S.mul_f64(1.5) + 2 * S));
        w.finished(3, t + 2 * S);
        assert_eq!(w.len(), 0);
    }

    #[test]
    fn unsent_texts_are_timed_too() {
        let t = Instant::now();
        let mut w = watch();
        w.queued(S, t);
        w.handed(1);
        w.queued(S, t);
        w.clear();
        assert_eq!(w.len(), 0);
        // A text the engine never got (its thread is stuck) is overdue all the same.
        w.queued(S, t);
        assert_eq!(w.check(t + 3 * S), Some(Outage::NotBegun { waited: 3 * S }));
    }

    #[test]
    fn after_an_overdue_utterance_the_next_one_is_timed_from_then() {
        let t = Instant::now();
        let mut w = watch();
        w.queued(S, t);
        w.queued(S, t);
        w.handed(1);
        w.handed(2);
        assert!(w.check(t + 3 * S).is_some());
        assert_eq!(w.deadline(), Some(t + 6 * S));
    }
}
