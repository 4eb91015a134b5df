//! Welcome: big tiles for the hall's matters and bundles, and the citizen's settings.

use iced::widget::{Row, button, column, container, text};
use iced::{Alignment, Element, Length};

use crate::i18n::{t, tw};
use crate::ui::context::Context;
use crate::ui::control::{Control, ControlId, Role};
use crate::ui::fit;
use crate::ui::look::Look;
use crate::ui::session::SettingChange;
use crate::ui::sizes::{LINE_HEIGHT, Sizes};
use crate::ui::theme;
use crate::ui::widgets::{BOLD, FONT, Kind, body, glyph, message_box};

/// Tiles in one row of the welcome grid, where their names fit; fewer, wider
/// tiles where long names would make the grid page more.
pub const TILES_PER_ROW: [usize; 3] = [4, 3, 2];

#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    pub page: usize,
    pub layout: Option<Layout>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// Tile N (over every tile) was tapped.
    Open(usize),
    Page(i32),
    Setting(SettingChange),
    OpenSettings,
}

/// What the app does for the welcome screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    None,
    OpenMatter(String),
    OpenBundle(String),
    Setting(SettingChange),
    OpenSettings,
}

/// A tile of the welcome grid: its pictogram, its name and what it opens.
pub struct Tile {
    pub pictogram: String,
    pub name: String,
    pub opens: Opens,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Opens {
    Matter(String),
    Bundle(String),
}

/// Every tile: the matters, then the bundles.
pub fn tiles(cx: &Context<'_>) -> Vec<Tile> {
    let code = cx.lang().code();
    let Some(catalogue) = cx.reference.catalogue.as_ref() else { return vec![] };
    let matters = catalogue.matters.iter().map(|m| Tile {
        pictogram: m.pictogram.clone(),
        name: m.elder_name.get(code).to_owned(),
        opens: Opens::Matter(m.id.clone()),
    });
    let bundles = catalogue.bundles.iter().map(|b| Tile {
        pictogram: b.pictogram.clone(),
        name: b.elder_name.get(code).to_owned(),
        opens: Opens::Bundle(b.id.clone()),
    });
    matters.chain(bundles).collect()
}

pub fn update(state: &mut State, message: Message, cx: &Context<'_>) -> Action {
    match message {
        Message::Open(i) => match tiles(cx).into_iter().nth(i).map(|t| t.opens) {
            Some(Opens::Matter(id)) => Action::OpenMatter(id),
            Some(Opens::Bundle(id)) => Action::OpenBundle(id),
            None => Action::None,
        },
        Message::Page(delta) => {
            state.page = crate::ui::fit::turn(state.page, delta, state.layout.map_or(1, |l| l.pages));
            Action::None
        }
        Message::Setting(change) => Action::Setting(change),
        Message::OpenSettings => Action::OpenSettings,
    }
}

/// How the tiles are laid out: `per_row` tiles of this size to a row,
/// `rows_per_page` rows a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    pub per_row: usize,
    pub tile_width: f32,
    pub tile_height: f32,
    pub rows_per_page: usize,
    pub pages: usize,
}

/// Lays the tiles out for the window, text size and language (stored in the state).
pub fn relayout(state: &mut State, cx: &Context<'_>) {
    let l = layout(cx);
    state.page = state.page.min(l.pages - 1);
    state.layout = Some(l);
}

/// Pages the tiles when the prompt, every row and the settings do not fit
/// the content area together (long names in English at the largest text),
/// with as many tiles to a row as keep the pages fewest.
fn layout(cx: &Context<'_>) -> Layout {
    let z = cx.sizes;
    let names: Vec<String> = tiles(cx).into_iter().map(|t| t.name).collect();
    let width = z.content_width();
    let prompt = fit::height(&t(cx.lang(), "welcome-prompt"), z.body, FONT, width);
    let fixed = prompt + settings_height(cx, &z) + 4.0 * z.gap;
    let budget = cx.content_height();
    let pager = z.gap + z.button_height();
    let mut best: Option<((bool, usize), Layout)> = None;
    for per_row in TILES_PER_ROW {
        let tile_width = tile_width(per_row, &z);
        let tile = tile_height(&names, tile_width, &z);
        let rows = names.len().div_ceil(per_row).max(1);
        let grid = |k: usize| k as f32 * tile + k.saturating_sub(1) as f32 * z.gap;
        let (rows_per_page, pages, fits) = if fixed + grid(rows) <= budget {
            (rows, 1, true)
        } else {
            match (1..=rows).rev().find(|k| fixed + grid(*k) + pager <= budget) {
                Some(k) => (k, rows.div_ceil(k), true),
                None => (1, rows, false),
            }
        };
        let this = Layout { per_row, tile_width, tile_height: tile, rows_per_page, pages };
        // A layout that fits beats one that does not; then the fewest pages.
        let rank = (!fits, pages);
        if best.is_none_or(|(r, _)| rank < r) {
            best = Some((rank, this));
        }
    }
    best.map(|(_, l)| l).unwrap_or(Layout {
        per_row: TILES_PER_ROW[0],
        tile_width: z.tile_width,
        tile_height: z.primary_target,
        rows_per_page: 1,
        pages: 1,
    })
}

/// The width of a tile when `per_row` share a row.
fn tile_width(per_row: usize, z: &Sizes) -> f32 {
    if per_row == TILES_PER_ROW[0] {
        return z.tile_width;
    }
    ((z.screen_width - 2.0 * z.margin - (per_row - 1) as f32 * z.gap) / per_row as f32).floor()
}

/// The height of the tiles: the pictogram and the longest name (wrapped
/// inside the tile), never below the primary target.
pub fn tile_height(names: &[String], tile_width: f32, z: &Sizes) -> f32 {
    let inner = tile_width - 2.0 * z.button_padding;
    let name = names.iter().map(|n| fit::height(n, z.body, BOLD, inner)).fold(z.body * LINE_HEIGHT, f32::max);
    (z.tile_icon + z.gap / 2.0 + name + 2.0 * z.button_padding).max(z.primary_target)
}

/// The range of tiles on the page shown.
fn shown(state: &State) -> std::ops::Range<usize> {
    let Some(l) = state.layout else { return 0..0 };
    let per = l.rows_per_page * l.per_row;
    state.page * per..(state.page + 1) * per
}

/// The height of the settings row (its buttons wrap onto more rows if they must).
fn settings_height(cx: &Context<'_>, z: &Sizes) -> f32 {
    let width = z.content_width();
    let mut rows = 1;
    let mut used = 0.0;
    for (_, label, _) in settings_buttons(cx) {
        let w = z.button_width(&label, FONT, true);
        if used > 0.0 && used + z.gap + w > width {
            rows += 1;
            used = w;
        } else {
            used += if used > 0.0 { z.gap + w } else { w };
        }
    }
    rows as f32 * z.button_height() + (rows - 1) as f32 * z.gap
}

/// The citizen's settings on the welcome screen: language, text size, and
/// 颜色和声音 (colours and voice, on a screen of their own).
fn settings_buttons(cx: &Context<'_>) -> [(ControlId, String, Message); 3] {
    let lang = cx.lang();
    [
        (ControlId::Language, t(lang.other(), "language-name"), Message::Setting(SettingChange::Language)),
        (
            ControlId::TextSize,
            t(lang, text_size_id(cx.settings.text_step)),
            Message::Setting(SettingChange::TextSize),
        ),
        (ControlId::OpenSettings, t(lang, "settings-title"), Message::OpenSettings),
    ]
}

pub fn title(cx: &Context<'_>) -> String {
    t(cx.lang(), "welcome-title")
}

/// The tiles of the page (numbered over every page), the paging buttons and the settings.
pub fn controls(state: &State, cx: &Context<'_>) -> Vec<Control<Message>> {
    let range = shown(state);
    let mut out: Vec<Control<Message>> = tiles(cx)
        .into_iter()
        .enumerate()
        .filter(|(i, _)| range.contains(i))
        .map(|(i, tile)| Control::option(ControlId::Tile(i), tile.name, i + 1, false, Message::Open(i)))
        .collect();
    if let Some(l) = state.layout {
        out.extend(crate::ui::widgets::page_controls(cx.lang(), state.page, l.pages, Message::Page));
    }
    out.extend(settings_buttons(cx).into_iter().map(|(id, label, m)| Control::action(id, label, m)));
    out
}

/// What the screen says after its title: the prompt and every tile with its number.
pub fn script(state: &State, cx: &Context<'_>) -> Vec<String> {
    let lang = cx.lang();
    let mut out = vec![t(lang, "welcome-prompt")];
    if cx.reference.catalogue.is_none() {
        out.push(t(lang, "welcome-loading"));
        return out;
    }
    for c in controls(state, cx) {
        if let Role::Option { number, .. } = c.role {
            out.push(tw(lang, "speech-choice", &[("n", number.into()), ("label", c.label.into())]));
        }
    }
    out.extend(crate::ui::voice::page_line(lang, state.page, state.layout.map_or(1, |l| l.pages)));
    out
}

pub fn view<'a>(state: &'a State, cx: &Context<'a>) -> Element<'a, Message> {
    let z = cx.look();
    let lang = cx.lang();
    let (Some(l), Some(_)) = (state.layout, cx.reference.catalogue.as_ref()) else {
        return message_box(glyph::WARNING, t(lang, "welcome-loading"), &z);
    };
    let controls = controls(state, cx);
    let pictograms: Vec<String> = tiles(cx).into_iter().map(|t| t.pictogram).collect();
    let tiles: Vec<Element<'a, Message>> = controls
        .iter()
        .filter_map(|c| match c.id {
            ControlId::Tile(i) => {
                Some(tile(pictograms.get(i).map_or("", String::as_str), c, (l.tile_width, l.tile_height), &z))
            }
            _ => None,
        })
        .collect();
    let mut grid = column![].spacing(z.gap);
    let mut tiles = tiles.into_iter().peekable();
    while tiles.peek().is_some() {
        let r: Row<'a, Message> = Row::with_children(tiles.by_ref().take(l.per_row)).spacing(z.gap);
        grid = grid.push(r);
    }
    if l.pages > 1 {
        grid = grid.push(crate::ui::widgets::pager(lang, &controls, state.page, l.pages, &z));
    }
    let settings = controls
        .iter()
        .filter(|c| matches!(c.id, ControlId::Language | ControlId::TextSize | ControlId::OpenSettings))
        .map(|c| crate::ui::widgets::control(c, super::settings::symbol(c.id), Kind::Secondary, &z).into());
    let settings = container(Row::with_children(settings).spacing(z.gap).wrap()).width(Length::Fill);
    column![body(t(lang, "welcome-prompt"), &z), grid, settings].spacing(z.gap * 2.0).into()
}

fn tile<'a>(
    pictogram: &str,
    c: &Control<Message>,
    (width, height): (f32, f32),
    z: &Look,
) -> Element<'a, Message> {
    let focused = z.is_focused(c.id);
    let tile = button(crate::ui::widgets::target_content(
        column![
            crate::ui::pictogram::view(pictogram, z.tile_icon),
            text(c.label.clone()).size(z.body).line_height(LINE_HEIGHT).font(BOLD).align_x(Alignment::Center)
        ]
        .width(Length::Fill)
        .align_x(Alignment::Center)
        .spacing(z.gap / 2.0),
    ))
    .width(Length::Fill)
    .height(Length::Fill)
    .padding((z.button_padding - theme::RING_ROOM).max(0.0))
    .style(theme::secondary)
    .on_press_maybe(c.on_press.clone());
    crate::ui::widgets::ringed(tile, focused).width(width).height(height).into()
}

/// The label of the text-size button for each step.
pub fn text_size_id(step: u8) -> &'static str {
    match step {
        0 => "text-size-large",
        1 => "text-size-larger",
        _ => "text-size-largest",
    }
}
