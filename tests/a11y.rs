//! The accessibility audit (`yiban::a11y`): the shipped config passes every
//! row at both reference geometries; the audit catches what it should; its
//! geometry helpers; and hash baselines of screens at the largest text step
//! in every theme (`YIBAN_BLESS=1 cargo test --test a11y` writes them).

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use iced::widget::{button, column, row, text};
use iced::{Element, Rectangle, Size};

use yiban::a11y::{self, Context, Place, Row, Tally, geometry, layout_of, measure};
use yiban::core::config::{Config, ScreenSection, SessionSection};
use yiban::ui::driver::Driver;
use yiban::ui::journeys;
use yiban::ui::sizes::{LINE_HEIGHT, Sizes};
use yiban::ui::theme::{self, Palette, ThemeKind};
use yiban::ui::widgets::target_content;

const TODAY: time::Date = time::macros::date!(2026 - 11 - 28);

fn config() -> Config {
    Config::embedded().expect("the shipped kiosk-config loads").config
}

fn failures(report: &a11y::Report) -> String {
    let rows: Vec<String> = report
        .findings
        .iter()
        .filter(|f| !f.pass)
        .map(|f| {
            format!(
                "row {} {}: worst {} {} ({}) at {}",
                f.requirement, f.name, f.worst, f.unit, f.threshold, f.screen
            )
        })
        .collect();
    let violations: Vec<String> = report
        .violations
        .iter()
        .take(40)
        .map(|v| format!("  {} — {} — {} ({})", v.name, v.screen, v.what, v.value))
        .collect();
    format!("{}\n{}", rows.join("\n"), violations.join("\n"))
}

// (a) The shipped config, at 21.5" 1920×1080 and 32" 3840×2160.

#[test]
fn a_32_inch_4k_terminal_passes_every_row() {
    let config = a11y::large_terminal(&config());
    let report = a11y::audit(&config, TODAY).expect("the audit runs");
    assert!(report.passes(), "{}:\n{}", report.title(), failures(&report));
}

#[test]
fn shipped_config_passes_every_row() {
    let report = a11y::audit(&config(), TODAY).expect("the audit runs");
    assert!(report.passes(), "{}:\n{}", report.title(), failures(&report));
}

/// Everything but the layout: every row is measured over every screen, the
/// config and theme rows pass, the report renders, and it is quick.
#[test]
fn the_audit_measures_every_row_on_every_screen() {
    let report = a11y::audit(&config(), TODAY).expect("the audit runs");
    assert_eq!(report.findings.len(), Row::ALL.len());
    for f in &report.findings {
        assert!(!f.worst.is_nan(), "row {} {} was not measured", f.requirement, f.name);
    }
    // 7 journeys × 3 text steps of about 10 screens each.
    assert!(report.screens >= 150, "only {} screens", report.screens);
    for row in [
        Row::LineHeightSetting,
        Row::LineHeightMeasured,
        Row::TextContrast,
        Row::BorderContrast,
        Row::WarningTime,
        Row::Extensions,
        Row::IdleTime,
    ] {
        let f = report.finding(row).expect("a row");
        assert!(f.pass, "{} fails: {} {}", f.name, f.worst, f.screen);
    }
    assert!(report.elapsed < Duration::from_secs(60), "the audit took {:?}", report.elapsed);
    let md = report.to_markdown();
    let html = report.to_html(&[]);
    for row in Row::ALL {
        assert!(
            md.contains(row.name()) && html.contains(row.name()),
            "{} missing from the report",
            row.name()
        );
    }
}

// (b) The audit catches violations.

fn fixture_config() -> Config {
    Config { screen: ScreenSection::default(), ..config() }
}

fn fixture_context(sizes: Sizes) -> Context {
    Context { sizes, primary_labels: vec!["OK".into(), "help".into()], help_label: "help".into() }
}

/// A 5 mm button with 10 px words, a body-size button 1 px from it, a 10 px
/// text, and the help button at `help_x`.
fn fixture(sizes: Sizes, help_x: f32) -> Element<'static, ()> {
    let five_mm = 5.0 * sizes.px_per_mm;
    let help = button(target_content(text("help").size(sizes.body).line_height(LINE_HEIGHT)))
        .padding(sizes.button_padding * 2.0)
        .on_press(());
    column![
        row![
            button(target_content(text("OK").size(10.0).line_height(LINE_HEIGHT)))
                .width(five_mm)
                .height(five_mm)
                .padding(0)
                .on_press(()),
            button(target_content(text("Next").size(sizes.body).line_height(LINE_HEIGHT)))
                .padding(sizes.button_padding * 2.0)
                .on_press(()),
        ]
        .spacing(1.0),
        text("tiny words").size(10.0),
        row![iced::widget::Space::new().width(help_x), help],
    ]
    .spacing(sizes.gap)
    .padding(sizes.margin)
    .into()
}

#[test]
fn the_audit_catches_small_text_small_targets_crowding_moving_help_low_contrast_and_short_timeouts() {
    let config = fixture_config();
    let sizes = Sizes::new(&config.screen, 0);
    let window = Size::new(config.screen.width_px as f32, config.screen.height_px as f32);
    let cx = fixture_context(sizes);

    let first = layout_of(fixture(sizes, 0.0), window);
    assert_eq!(first.targets.len(), 3, "{first:#?}");
    assert_eq!(first.targets[0].label(&first), "OK");
    assert_eq!(
        first.texts.iter().filter(|t| t.target.is_none()).count(),
        1,
        "only “tiny words” is outside a target"
    );
    let moved = layout_of(fixture(sizes, 200.0), window);

    let mut tally = Tally::new(&Config {
        session: SessionSection { idle_seconds: 60, warning_seconds: 5, max_extensions: 2 },
        ..config.clone()
    });
    let place =
        |n: usize| Place { journey: "fixture".into(), n, key: format!("screen-{n}"), step: 0, theme: None };
    tally.add_screen(&place(1), &first, &cx);
    tally.add_screen(&place(2), &moved, &cx);
    let grey = iced::Color::from_rgb8(0x99, 0x99, 0x99);
    let low = Palette { text: grey, focus: theme::DEFAULT.background, ..theme::DEFAULT };
    tally.add_theme(ThemeKind::Default, place(1), measure::palette(&low));
    tally.add_config(
        measure::timing(&SessionSection { idle_seconds: 60, warning_seconds: 5, max_extensions: 2 }),
        "fixture.toml",
    );
    let report = tally.finish(1, Duration::ZERO);

    let fails = |row: Row| !report.finding(row).expect("a row").pass;
    for row in [
        Row::CapHeight,
        Row::TargetSize,
        Row::PrimarySize,
        Row::TargetGap,
        Row::HelpPosition,
        Row::TextContrast,
        Row::BorderContrast,
        Row::WarningTime,
        Row::Extensions,
        Row::IdleTime,
    ] {
        assert!(fails(row), "{} should fail:\n{}", row.name(), report.to_markdown());
    }
    for row in [Row::TextInWindow, Row::TargetInWindow, Row::LineHeightMeasured] {
        assert!(!fails(row), "{} should pass:\n{}", row.name(), report.to_markdown());
    }
    let target = report.finding(Row::TargetSize).expect("target row");
    assert!((target.worst - 5.0).abs() < 0.3, "the 5 mm button measures {} mm", target.worst);
    let cap = report.finding(Row::CapHeight).expect("cap row");
    assert!(cap.worst < 2.0, "10 px text has a cap height of {} mm", cap.worst);
    let gap = report.finding(Row::TargetGap).expect("gap row");
    assert!(gap.worst < 0.5, "1 px apart measures {} mm", gap.worst);
    let help = report.finding(Row::HelpPosition).expect("help row");
    assert!((help.worst - 200.0 / sizes.px_per_mm).abs() < 0.5, "help moved {} mm", help.worst);
    assert!(report.violations.iter().any(|v| v.what.contains("tiny words")), "{:#?}", report.violations);
    assert!(report.violations.iter().any(|v| v.what == "text/background"), "{:#?}", report.violations);
}

#[test]
fn text_squeezed_narrower_than_its_words_is_caught() {
    let config = fixture_config();
    let sizes = Sizes::new(&config.screen, 0);
    // What comes before it in a row leaves the text no width at all.
    let layout = layout_of(
        Element::<'_, ()>::from(row![
            iced::widget::Space::new().width(300.0),
            text("窗口外面").size(sizes.body).line_height(LINE_HEIGHT)
        ]),
        Size::new(200.0, 400.0),
    );
    let samples = measure::screen(&layout, &fixture_context(sizes));
    let cut = samples.iter().find(|s| s.row == Row::TextCutOff).expect("a sample");
    assert!(cut.value > 4.0 * 0.9 * sizes.body / sizes.px_per_mm - 0.1, "{samples:#?}");
    assert!(!Row::TextCutOff.passes(cut.value, Row::TextCutOff.limit(&config)));
}

#[test]
fn a_word_wider_than_its_box_is_caught() {
    let config = fixture_config();
    let sizes = Sizes::new(&config.screen, 0);
    // A long case number in a narrow card: no place to break it, it spills over its neighbour.
    let layout = layout_of(
        Element::<'_, ()>::from(row![
            iced::widget::container(text("YB2026112800001").size(sizes.huge).line_height(LINE_HEIGHT))
                .width(200.0),
            text("邻居").size(sizes.body).line_height(LINE_HEIGHT)
        ]),
        Size::new(1200.0, 400.0),
    );
    let samples = measure::screen(&layout, &fixture_context(sizes));
    let worst = samples.iter().filter(|s| s.row == Row::TextCutOff).map(|s| s.value).fold(0.0, f32::max);
    assert!(worst * sizes.px_per_mm > 300.0, "the number needs far more than 200 px: {samples:#?}");
    assert!(!Row::TextCutOff.passes(worst, Row::TextCutOff.limit(&config)));
}

#[test]
fn text_and_targets_outside_the_window_or_their_target_are_caught() {
    use yiban::a11y::collect::{Layout, TargetBox, TextBox};
    let config = fixture_config();
    let sizes = Sizes::new(&config.screen, 0);
    let line = sizes.body * LINE_HEIGHT;
    let layout = Layout {
        window: r(0.0, 0.0, 1920.0, 1080.0),
        texts: vec![
            TextBox { content: "下一步".into(), bounds: r(1800.0, 1000.0, 200.0, line), target: Some(0) },
            TextBox { content: "出界".into(), bounds: r(-40.0, 10.0, 100.0, line), target: None },
        ],
        targets: vec![TargetBox { bounds: r(1790.0, 990.0, 150.0, 100.0), texts: vec![0] }],
    };
    let samples = measure::screen(&layout, &fixture_context(sizes));
    let worst = |row: Row| samples.iter().filter(|s| s.row == row).map(|s| s.value).fold(0.0, f32::max);
    let mm = |px: f32| px / sizes.px_per_mm;
    assert!((worst(Row::TextInWindow) - mm(80.0)).abs() < 0.01, "{samples:#?}");
    assert!((worst(Row::TextInTarget) - mm(60.0)).abs() < 0.01, "{samples:#?}");
    assert!((worst(Row::TargetInWindow) - mm(20.0)).abs() < 0.01, "{samples:#?}");
}

// (c) Geometry helpers.

fn r(x: f32, y: f32, w: f32, h: f32) -> Rectangle {
    Rectangle { x, y, width: w, height: h }
}

#[test]
fn gap_between_rectangles() {
    assert_eq!(geometry::gap(r(0.0, 0.0, 10.0, 10.0), r(15.0, 0.0, 10.0, 10.0)), 5.0);
    assert_eq!(geometry::gap(r(0.0, 20.0, 10.0, 10.0), r(0.0, 0.0, 10.0, 12.0)), 8.0);
    // Diagonal: the distance between the nearest corners.
    assert_eq!(geometry::gap(r(0.0, 0.0, 10.0, 10.0), r(13.0, 14.0, 5.0, 5.0)), 5.0);
    // Touching, and overlapping by 3 (the shallower side).
    assert_eq!(geometry::gap(r(0.0, 0.0, 10.0, 10.0), r(10.0, 5.0, 10.0, 10.0)), 0.0);
    assert_eq!(geometry::gap(r(0.0, 0.0, 10.0, 10.0), r(7.0, 2.0, 10.0, 10.0)), -3.0);
    assert_eq!(geometry::gap(r(7.0, 2.0, 10.0, 10.0), r(0.0, 0.0, 10.0, 10.0)), -3.0);
}

#[test]
fn overflow_and_displacement() {
    let window = r(0.0, 0.0, 100.0, 50.0);
    assert_eq!(geometry::overflow(r(10.0, 10.0, 20.0, 20.0), window), 0.0);
    assert_eq!(geometry::overflow(r(90.0, 10.0, 20.0, 20.0), window), 10.0);
    assert_eq!(geometry::overflow(r(-4.0, 40.0, 20.0, 20.0), window), 10.0);
    assert_eq!(geometry::displacement(r(0.0, 0.0, 10.0, 10.0), r(0.0, 0.0, 10.0, 10.0)), 0.0);
    assert_eq!(geometry::displacement(r(0.0, 0.0, 10.0, 10.0), r(2.0, 0.0, 10.0, 13.0)), 3.0);
}

#[test]
fn size_inference() {
    let sizes = [41.0, 48.0, 63.0, 87.0, 58.0];
    let lh = measure::line_heights();
    assert_eq!(lh, [1.4, 1.3]);
    let one = geometry::infer_size(48.0 * 1.4, &sizes, &lh);
    assert_eq!((one.size, one.lines, one.line_height, one.matched), (48.0, 1, 1.4, true));
    let three = geometry::infer_size(3.0 * 41.0 * 1.4, &sizes, &lh);
    assert_eq!((three.size, three.lines, three.matched), (41.0, 3, true));
    // iced's default line height (a text without `.line_height`).
    let default = geometry::infer_size(63.0 * 1.3, &sizes, &lh);
    assert_eq!((default.size, default.line_height, default.matched), (63.0, 1.3, true));
    // Squeezed: one line at the preferred line height.
    let squeezed = geometry::infer_size(14.0, &sizes, &lh);
    assert_eq!(geometry::shortfall("呼叫工作人员", 10.0, 1, 60.0), 0.0);
    assert!((geometry::shortfall("呼叫工作人员", 10.0, 2, 20.0) - 14.0).abs() < 1e-3);
    assert_eq!(geometry::shortfall("Call staff", 10.0, 1, 30.0), 0.0);
    // Clamped heights: the rest of the nearest line is missing.
    assert_eq!(geometry::height_shortfall(2.0 * 48.0 * 1.4, &sizes, &lh), 0.0);
    assert!((geometry::height_shortfall(50.0, &sizes, &lh) - (41.0 * 1.3 - 50.0)).abs() < 1e-3);
    assert!((geometry::height_shortfall(0.0, &sizes, &lh) - 41.0 * 1.3).abs() < 1e-3);
    assert!(!squeezed.matched);
    assert!((squeezed.size - 10.0).abs() < 1e-3);
    assert_eq!(geometry::infer_size(0.0, &sizes, &lh).size, 0.0);
}

#[test]
fn symbols_are_decoration() {
    assert!(!geometry::has_words("☎"));
    assert!(!geometry::has_words("→ ←"));
    assert!(geometry::has_words("呼叫工作人员"));
    assert!(geometry::has_words("7"));
    assert!(geometry::has_words("OK"));
}

// Hash baselines at the largest text step in every theme.

fn bless() -> bool {
    std::env::var("YIBAN_BLESS").is_ok()
}

fn baselines() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/a11y")
}

/// The welcome screen, the first step and the review of medical-relocation
/// at text step 2 in each theme. The journey is walked at the default step
/// (step 2 cannot finish it yet) and each screen is shown at step 2 on arrival.
#[test]
fn largest_text_in_every_theme_matches_the_baselines() {
    let bless = bless();
    let walk = journeys::all().into_iter().find(|w| w.name == "medical-relocation").expect("the journey");
    let wanted = ["welcome", "step-relocation_type", "review-p1"];
    let mut d = Driver::with_fresh_portal(config(), TODAY).expect("a kiosk");
    let mut failures = vec![];
    let mut seen = vec![];
    let mut check = |d: &mut Driver| {
        let key = journeys::screen_key(d);
        if !wanted.contains(&key.as_str()) || seen.contains(&key) {
            return;
        }
        let own = d.app.settings;
        d.app.settings.text_step = 2;
        d.app.relayout();
        for theme in ThemeKind::ALL {
            d.app.settings.theme = theme;
            d.app.relayout();
            let path = baselines().join(format!("medical-relocation-{key}-step2-{theme:?}").to_lowercase());
            match d.matches_baseline(&path, bless) {
                Ok(true) => {}
                Ok(false) => failures.push(format!("{} differs (YIBAN_BLESS=1 to accept)", path.display())),
                Err(e) => failures.push(format!("{}: {e}", path.display())),
            }
        }
        d.app.settings = own;
        d.app.relayout();
        seen.push(key);
    };
    for act in &walk.acts {
        check(&mut d);
        journeys::act(&mut d, *act).expect("the journey goes on");
    }
    assert_eq!(seen, wanted, "not every wanted screen was reached");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every button drawn is a control its screen lists, and every control
/// listed is drawn: the view, the keypad's focus order, the spoken script and
/// this audit all read the same list, so none of them can drift.
#[test]
fn every_drawn_button_is_a_listed_control_and_back() {
    let mut screens = 0;
    for walk in journeys::all() {
        let mut d = Driver::with_fresh_portal(config(), TODAY).expect("a kiosk");
        journeys::walk(&mut d, &walk, |d, n, key| {
            let layout = a11y::screen_layout(d);
            let mut drawn: Vec<String> = layout.targets.iter().map(|t| t.label(&layout)).collect();
            drawn.sort();
            drawn.dedup();
            let cx = d.app.context();
            let mut listed: Vec<String> = d
                .app
                .screen
                .controls(&cx)
                .into_iter()
                .chain(yiban::ui::frame::controls(&d.app.screen, &cx))
                .map(|c| c.label)
                .collect();
            listed.sort();
            listed.dedup();
            assert_eq!(drawn, listed, "{}/{n:02}-{key}: drawn buttons and listed controls differ", walk.name);
            screens += 1;
            Ok(())
        })
        .expect("the journey completes");
    }
    assert!(screens > 50, "only {screens} screens walked");
}
