//! Shared helpers: a kiosk on a fresh portal, clicking by visible text with
//! readable failures, reading the review and result screens, and a client of
//! the same portal to check what it stored.

use std::future::Future;
use std::sync::{Arc, Mutex};

use yiban::client::{CaseAccess, ClientConfig, ClientError, PortalClient};
use yiban::core::config::Config;
use yiban::core::model::{
    Answers, Application, AssistRequest, Evaluation, EvaluationRequest, IdentityMethod, IdentityRequest,
    IdentitySession, Level, QueryRequest, QueryResult,
};
use yiban::i18n::{self, Arg, Lang};
use yiban::ui::driver::Driver;
use yiban::ui::journeys::{self, Act};

/// The day every test runs on (the demo data's ages are as of this day).
pub const TODAY: time::Date = time::macros::date!(2026 - 11 - 28);
pub const HALL: &str = "demo-hall";
pub const TERMINAL: &str = "kiosk-01";

/// The shipped kiosk-config.
pub fn config() -> Config {
    Config::embedded().expect("the shipped kiosk-config loads").config
}

/// A kiosk on its own fresh reference portal.
pub fn kiosk() -> Driver {
    Driver::with_fresh_portal(config(), TODAY).expect("a kiosk with a fresh portal starts")
}

/// A Fluent message in Chinese (which must exist: a missing one would compare its id).
#[track_caller]
pub fn zh(id: &str) -> String {
    text(Lang::ZhCn, id)
}

/// A Fluent message with arguments in Chinese.
#[track_caller]
pub fn zh_with(id: &str, args: &[(&str, Arg)]) -> String {
    text_with(Lang::ZhCn, id, args)
}

/// A Fluent message that must exist.
#[track_caller]
pub fn text(lang: Lang, id: &str) -> String {
    text_with(lang, id, &[])
}

#[track_caller]
pub fn text_with(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    assert!(i18n::Locales::embedded().has(lang, id), "no Fluent message {id} in {}", lang.code());
    i18n::tw(lang, id, args)
}

/// The ID number on demo card `n` of the simulated reader.
pub fn card_id(n: usize) -> String {
    config().demo.cards[n].id_number.clone()
}

/// A valid resident ID number (GB 11643 check character) from its first 17 digits.
pub fn with_check_char(first17: &str) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8] = b"10X98765432";
    let sum: u32 = first17.chars().zip(WEIGHTS).map(|(c, w)| c.to_digit(10).expect("digits") * w).sum();
    format!("{first17}{}", char::from(CHECK[(sum % 11) as usize]))
}

pub fn answers(pairs: &[(&str, &str)]) -> Answers {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

pub fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
}

/// What a test does with the kiosk: every failure says what was on screen.
pub trait Kiosk {
    /// Clicks the button showing this Fluent message (current language).
    fn tap(&mut self, id: &str);
    /// Clicks the widget showing exactly `text`.
    fn touch(&mut self, text: &str);
    /// Types on the keypad, pressing each key by its text. (The keypad is drawn
    /// after the entry, so the last text matching a key is the key:
    /// `Driver::type_keys` clicks the first and loses a digit that repeats the
    /// entry shown, e.g. the second 1 of "11…".)
    fn keys(&mut self, keys: &str);
    /// Chooses a value of a field on the current step by its visible label.
    fn pick(&mut self, field: &str, value: &str);
    fn act(&mut self, act: Act);
    fn acts(&mut self, acts: &[Act]);
    /// Clicks the point `at` (logical pixels), as a finger would.
    fn touch_at(&mut self, at: iced::Point);
    /// Clicks the 修改 of the review item labelled `label`.
    fn change(&mut self, label: &str);
    fn must_see(&self, text: &str);
    fn must_not_see(&self, text: &str);
    /// The screen's key: its name, with the step id for form steps (and the
    /// page of paged screens).
    fn key(&self) -> String;
    /// The screen's name only.
    fn screen(&self) -> &'static str;
    /// The review's items as (label, value), in order, over all its pages
    /// (left on its first page).
    fn review(&mut self) -> Vec<(String, String)>;
    /// The identity session's bearer token (not on screen: the test peeks).
    fn token(&self) -> String;
}

impl Kiosk for Driver {
    #[track_caller]
    fn tap(&mut self, id: &str) {
        if let Err(e) = self.click_t(id) {
            panic!("tap {id}: {e}");
        }
    }

    #[track_caller]
    fn touch(&mut self, text: &str) {
        if let Err(e) = self.click(text) {
            panic!("touch {text}: {e}");
        }
    }

    #[track_caller]
    fn keys(&mut self, keys: &str) {
        for k in keys.chars() {
            let key = k.to_string();
            let Some((_, bounds)) = self.text_bounds().into_iter().rev().find(|(t, _)| *t == key) else {
                panic!("no key {key} on {}; visible: {:?}", self.key(), self.texts());
            };
            self.touch_at(bounds.center());
        }
    }

    #[track_caller]
    fn pick(&mut self, field: &str, value: &str) {
        if let Err(e) = self.choose(field, value) {
            panic!("choose {field}={value}: {e}");
        }
    }

    #[track_caller]
    fn act(&mut self, act: Act) {
        if let Err(e) = journeys::act(self, act) {
            panic!("{act:?}: {e}");
        }
    }

    #[track_caller]
    fn acts(&mut self, acts: &[Act]) {
        for a in acts {
            self.act(*a);
        }
    }

    fn touch_at(&mut self, at: iced::Point) {
        let messages: Vec<yiban::ui::Message> = {
            let settings = yiban::ui::fit::simulator_settings();
            let screen = &self.app.config.screen;
            let size = iced::Size::new(screen.width_px as f32, screen.height_px as f32);
            let mut ui = iced_test::simulator::Simulator::with_size(settings, size, self.app.view());
            ui.point_at(at);
            let _ = ui.simulate(iced_test::simulator::click());
            ui.into_messages().collect()
        };
        for m in messages {
            self.send(m).expect("the press is handled");
        }
    }

    #[track_caller]
    fn change(&mut self, label: &str) {
        let change = i18n::t(self.app.settings.lang, "change");
        while !self.sees(label) && turn_page(self, "page-next") {}
        let bounds = self.text_bounds();
        let Some(at) = bounds.iter().position(|(t, _)| t == label) else {
            panic!("no review item {label:?}; visible: {:?}", self.texts());
        };
        let Some((_, button)) = bounds[at..].iter().find(|(t, _)| *t == change) else {
            panic!("no {change} after {label:?}; visible: {:?}", self.texts());
        };
        self.touch_at(button.center());
    }

    #[track_caller]
    fn must_see(&self, text: &str) {
        assert!(self.sees(text), "expected {text:?} on {}; visible: {:?}", self.key(), self.texts());
    }

    #[track_caller]
    fn must_not_see(&self, text: &str) {
        assert!(!self.sees(text), "did not expect {text:?} on {}; visible: {:?}", self.key(), self.texts());
    }

    fn key(&self) -> String {
        journeys::screen_key(self)
    }

    fn screen(&self) -> &'static str {
        self.app.screen.name()
    }

    #[track_caller]
    fn review(&mut self) -> Vec<(String, String)> {
        assert_eq!(self.screen(), "review", "not on review; visible: {:?}", self.texts());
        let change = i18n::t(self.app.settings.lang, "change");
        let mut items = vec![];
        let mut pages = 0;
        loop {
            let texts = self.texts();
            items.extend(review_items(&texts, &change));
            pages += 1;
            if !turn_page(self, "page-next") || pages > 20 {
                break;
            }
        }
        while turn_page(self, "page-prev") {}
        items
    }

    #[track_caller]
    fn token(&self) -> String {
        self.app
            .session
            .citizen
            .identity
            .as_ref()
            .map(|i| i.token.expose().to_owned())
            .expect("an identity session")
    }
}

/// Turns a paged screen's page with the button `id`; false when it did not turn.
pub fn turn_page(d: &mut Driver, id: &str) -> bool {
    let label = i18n::t(d.app.settings.lang, id);
    if !d.sees(&label) {
        return false;
    }
    let before = d.texts();
    d.tap(id);
    d.texts() != before
}

/// (label, value) of each review item: the two texts before each 修改.
pub fn review_items(texts: &[String], change: &str) -> Vec<(String, String)> {
    texts
        .iter()
        .enumerate()
        .filter(|(i, t)| *t == change && *i >= 2)
        .map(|(i, _)| (texts[i - 2].clone(), texts[i - 1].clone()))
        .collect()
}

/// Identifies on demo card `card` for `matter`, past the due screen: lands on its first step.
#[track_caller]
pub fn begin(d: &mut Driver, matter: &'static str, card: usize) {
    d.acts(&[Act::OpenMatter(matter), Act::Tap("intro-start"), Act::Card(card)]);
    if d.key() == "due" {
        d.tap("due-skip");
    }
}

/// Every screen a walk showed: its key and visible texts, in order.
#[derive(Debug, Default)]
pub struct Seen {
    pub screens: Vec<(String, Vec<String>)>,
    /// The review's items over all its pages, as first shown.
    pub review: Vec<(String, String)>,
    /// The identity token while the walk was identified.
    pub token: Option<String>,
}

impl Seen {
    /// The texts of the screen `key` (a paged screen's first page: `review` is `review-p1`).
    #[track_caller]
    pub fn at(&self, key: &str) -> &[String] {
        let paged = format!("{key}-p1");
        match self.screens.iter().find(|(k, _)| *k == key || *k == paged) {
            Some((_, texts)) => texts,
            None => panic!("the walk never showed {key}; it showed {:?}", self.keys()),
        }
    }

    pub fn keys(&self) -> Vec<&str> {
        self.screens.iter().map(|(k, _)| k.as_str()).collect()
    }

    /// (case number, lookup code) of every case on the result screen.
    pub fn cases(&self) -> Vec<(String, String)> {
        cases_on(self.at("result"))
    }
}

/// (case number, lookup code) pairs shown on a Chinese result screen.
pub fn cases_on(texts: &[String]) -> Vec<(String, String)> {
    let case_label = zh_with("result-case-no", &[("matter", "".into())]);
    let lookup_label = zh_with("result-lookup", &[("code", "".into())]);
    let mut out = vec![];
    for (i, t) in texts.iter().enumerate() {
        if t.ends_with(case_label.trim()) {
            let case_no = texts.get(i + 1).cloned().unwrap_or_default();
            let lookup = texts[i..]
                .iter()
                .find_map(|t| t.strip_prefix(&lookup_label))
                .map(str::to_owned)
                .unwrap_or_default();
            out.push((case_no, lookup));
        }
    }
    out
}

/// Does `acts` (clicking by visible text) like `journeys::walk`, recording
/// every new screen before acting on it, and the review over all its pages.
#[track_caller]
pub fn walk(d: &mut Driver, acts: &[Act]) -> Seen {
    let mut seen = Seen::default();
    let record = |d: &mut Driver, seen: &mut Seen| {
        let key = d.key();
        if seen.screens.last().is_some_and(|(k, _)| *k == key) {
            return;
        }
        if d.screen() == "review" && seen.review.is_empty() {
            seen.review = d.review();
        }
        if let Some(identity) = &d.app.session.citizen.identity {
            seen.token = Some(identity.token.expose().to_owned());
        }
        seen.screens.push((key, d.texts()));
    };
    for a in acts {
        record(d, &mut seen);
        if let Err(e) = journeys::act(d, *a) {
            panic!("{a:?} after {:?}: {e}", seen.keys());
        }
    }
    record(d, &mut seen);
    seen
}

/// Every exchange the kiosk's client has with the portal: (method, path template, status).
pub type Log = Arc<Mutex<Vec<(&'static str, &'static str, u16)>>>;

/// Starts recording the kiosk's portal calls.
pub fn record_calls(d: &mut Driver) -> Log {
    let log: Log = Arc::default();
    let sink = log.clone();
    d.app.services.client = d.app.services.client.clone().with_observer(Arc::new(move |e| {
        sink.lock().expect("log").push((e.method, e.path_template, e.status));
    }));
    log
}

/// A client of the kiosk's portal, for checking what the portal stored.
pub struct Portal {
    rt: tokio::runtime::Runtime,
    pub client: PortalClient,
}

impl Portal {
    pub fn at(url: &str) -> Portal {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        let client =
            PortalClient::new(ClientConfig { retries: 0, ..ClientConfig::new(url) }).expect("client");
        Portal { rt, client }
    }

    pub fn of(d: &Driver) -> Portal {
        Portal::at(&d.portal_url().expect("the kiosk has its own portal"))
    }

    pub fn run<T>(&self, f: impl Future<Output = T>) -> T {
        self.rt.block_on(f)
    }

    /// The case as stored, reached by the lookup code printed on the receipt.
    #[track_caller]
    pub fn case(&self, case_no: &str, lookup_code: &str) -> Application {
        match self.run(self.client.application(case_no, CaseAccess::LookupCode(lookup_code))) {
            Ok(a) => a,
            Err(e) => panic!("the portal has no case {case_no}: {e}"),
        }
    }

    /// Opens an identity session of our own for a citizen.
    #[track_caller]
    pub fn sign_in(&self, id_number: &str) -> IdentitySession {
        let req = IdentityRequest {
            hall_id: HALL.to_owned(),
            terminal_id: TERMINAL.to_owned(),
            method: IdentityMethod::TypedNumber,
            id_number: id_number.into(),
            name: None,
        };
        self.run(self.client.open_identity(&req)).expect("the portal identifies the citizen")
    }

    pub fn query(&self, token: &str, matter: &str, answers: Answers) -> Result<QueryResult, ClientError> {
        let req = QueryRequest { hall_id: HALL.to_owned(), terminal_id: TERMINAL.to_owned(), answers };
        self.run(self.client.query(token, matter, &req))
    }

    pub fn evaluate(&self, token: &str, case_no: &str, level: Level) -> Result<Evaluation, ClientError> {
        let req = EvaluationRequest {
            case_no: case_no.to_owned(),
            terminal_id: TERMINAL.to_owned(),
            level,
            reasons: vec![],
            text: None,
            staff_id: None,
        };
        self.run(self.client.evaluate(token, &req))
    }

    #[track_caller]
    pub fn assist_requests(&self) -> Vec<AssistRequest> {
        self.run(self.client.assist_requests(HALL, None)).expect("assist requests").requests
    }

    /// Whether the portal still accepts this identity token.
    pub fn token_works(&self, token: &str, matter: &str, answers: Answers) -> bool {
        match self.query(token, matter, answers) {
            Ok(_) => true,
            Err(ClientError::Unauthorized) => false,
            Err(e) => panic!("unexpected answer to a query: {e}"),
        }
    }
}

/// A query any identified citizen may make (to probe whether a token still works).
pub fn probe_query() -> (&'static str, Answers) {
    ("pension-payments", answers(&[("months", "3")]))
}

/// 刘长福's damaged card, from the first step of sscard-replacement to its phone step.
pub const CARD_REPLACEMENT_TO_PHONE: &[Act] = &[
    Act::Choose("report_type", "REPLACE"),
    Act::Tap("next"),
    Act::Choose("reason", "DAMAGED"),
    Act::Tap("next"),
    Act::Choose("photo_source", "EXISTING"),
    Act::Tap("next"),
    Act::Choose("delivery", "PICKUP"),
    Act::Tap("next"),
];

/// What the portal stores for `card_replacement_to_review` (the phone masked).
pub fn card_replacement_stored() -> Answers {
    answers(&[
        ("report_type", "REPLACE"),
        ("reason", "DAMAGED"),
        ("photo_source", "EXISTING"),
        ("delivery", "PICKUP"),
        ("phone", "139****9000"),
    ])
}

/// The same, with the phone typed: the next screen is the review.
pub fn card_replacement_to_review() -> Vec<Act> {
    let mut acts = CARD_REPLACEMENT_TO_PHONE.to_vec();
    acts.extend([Act::Keys("13900139000"), Act::Tap("next")]);
    acts
}
