//! The kiosk's start: a catalogue loaded before the window opens makes the
//! first frame the whole welcome screen; the clock sleeps on an idle welcome screen.

use super::*;
use crate::core::model::Catalogue;
use crate::ui::control::ControlId;

fn app() -> (App, Vec<Effect>) {
    let config = Config::embedded().map(|l| l.config).unwrap_or_default();
    let services =
        Services::for_portal(&config, "http://127.0.0.1:9".into()).unwrap_or_else(|e| panic!("{e}"));
    App::new(config, services, None, Instant::now(), time::macros::date!(2026 - 11 - 28))
}

#[test]
fn a_preloaded_catalogue_is_on_the_first_frame() {
    let catalogue: Catalogue = serde_json::from_str(include_str!("../../../tests/golden/catalogue.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    let (mut app, mut effects) = app();
    assert!(effects.contains(&Effect::Chore(Chore::LoadCatalogue)));
    let tiles = |app: &App| {
        app.screen.controls(&app.context()).iter().filter(|c| matches!(c.id, ControlId::Tile(_))).count()
    };
    assert_eq!(tiles(&app), 0, "no tiles before the catalogue");
    app.preload(catalogue, true, &mut effects);
    assert!(!effects.contains(&Effect::Chore(Chore::LoadCatalogue)), "asked for again");
    assert!(tiles(&app) > 0, "the first frame has no tiles");
}

#[test]
fn the_clock_sleeps_on_an_idle_welcome_screen() {
    let (mut app, _) = app();
    assert!(!app.needs_ticks(), "an idle welcome screen needs no ticks");
    app.settings.text_step = 1;
    assert!(app.needs_ticks(), "a citizen's setting is a session in use");
    app.settings = Settings::defaults(&app.config);
    app.screen = Screen::Goodbye;
    assert!(app.needs_ticks(), "goodbye returns home by itself");
}

#[test]
fn a_cached_catalogue_is_shown_and_the_portal_asked_again() {
    let catalogue: Catalogue = serde_json::from_str(include_str!("../../../tests/golden/catalogue.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    let (mut app, mut effects) = app();
    app.preload(catalogue, false, &mut effects);
    assert!(effects.contains(&Effect::Chore(Chore::LoadCatalogue)), "a cached catalogue is refreshed");
    assert!(app.reference.catalogue.is_some());
}
