//! Welcome: big tiles for the hall's matters and bundles, and the citizen's settings.

use iced::widget::{Row, button, column, container, text};
use iced::{Alignment, Element, Length};

use crate::i18n::t;
use crate::ui::app::{App, Message};
use crate::ui::fit;
use crate::ui::look::Look;
use crate::ui::sizes::LINE_HEIGHT;
use crate::ui::sizes::Sizes;
use crate::ui::theme;
use crate::ui::widgets::{BOLD, Kind, action, body, glyph, message_box};

/// Tiles in one row of the welcome grid, where their names fit; fewer, wider
/// tiles where long names would make the grid page more.
pub const TILES_PER_ROW: [usize; 3] = [4, 3, 2];

/// A tile of the welcome grid: its pictogram, its name and what it opens.
pub struct Tile {
    pub pictogram: String,
    pub name: String,
    pub message: Message,
}

/// Every tile: the matters, then the bundles.
pub fn tiles(app: &App) -> Vec<Tile> {
    let code = app.settings.lang.code();
    let Some(catalogue) = app.reference.catalogue.as_ref() else { return vec![] };
    let matters = catalogue.matters.iter().map(|m| Tile {
        pictogram: m.pictogram.clone(),
        name: m.elder_name.get(code).to_owned(),
        message: Message::OpenMatter(m.id.clone()),
    });
    let bundles = catalogue.bundles.iter().map(|b| Tile {
        pictogram: b.pictogram.clone(),
        name: b.elder_name.get(code).to_owned(),
        message: Message::OpenBundle(b.id.clone()),
    });
    matters.chain(bundles).collect()
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

/// Pages the tiles when the prompt, every row and the settings do not fit
/// the content area together (long names in English at the largest text),
/// with as many tiles to a row as keep the pages fewest.
pub fn layout(app: &App) -> Layout {
    let z = app.sizes();
    let names: Vec<String> = tiles(app).into_iter().map(|t| t.name).collect();
    let width = z.content_width();
    let prompt =
        fit::height(&t(app.settings.lang, "welcome-prompt"), z.body, crate::ui::widgets::FONT, width);
    let fixed = prompt + settings_height(app, &z) + 4.0 * z.gap;
    let budget = crate::ui::frame::content_height(app);
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

/// The tiles on the current page (with their numbers, counted from 1 over
/// every page), the page and the number of pages.
pub fn page_tiles(app: &App) -> (Vec<(usize, Tile)>, usize, usize) {
    let l = layout(app);
    let page = app.session.welcome_page.min(l.pages - 1);
    let per = l.rows_per_page * l.per_row;
    let shown =
        tiles(app).into_iter().enumerate().skip(page * per).take(per).map(|(i, t)| (i + 1, t)).collect();
    (shown, page, l.pages)
}

/// The height of the settings row (its buttons wrap onto more rows if they must).
fn settings_height(app: &App, z: &Sizes) -> f32 {
    let width = z.content_width();
    let mut rows = 1;
    let mut used = 0.0;
    for item in settings_items(app) {
        let w = z.button_width(&item.label, crate::ui::widgets::FONT, true);
        if used > 0.0 && used + z.gap + w > width {
            rows += 1;
            used = w;
        } else {
            used += if used > 0.0 { z.gap + w } else { w };
        }
    }
    rows as f32 * z.button_height() + (rows - 1) as f32 * z.gap
}

pub fn view(app: &App) -> Element<'_, Message> {
    let z = app.look();
    let lang = app.settings.lang;
    if app.reference.catalogue.is_none() {
        return message_box(glyph::WARNING, t(lang, "welcome-loading"), &z);
    }
    let l = layout(app);
    let (shown, page, pages) = page_tiles(app);
    let tiles: Vec<Element<'_, Message>> = shown
        .into_iter()
        .map(|(_, t)| tile(&t.pictogram, t.name, t.message, (l.tile_width, l.tile_height), &z))
        .collect();
    let mut grid = column![].spacing(z.gap);
    let mut tiles = tiles.into_iter().peekable();
    while tiles.peek().is_some() {
        let r: Row<'_, Message> = Row::with_children(tiles.by_ref().take(l.per_row)).spacing(z.gap);
        grid = grid.push(r);
    }
    if pages > 1 {
        grid = grid.push(crate::ui::widgets::pager(lang, page, pages, Message::Page, &z));
    }
    column![body(t(lang, "welcome-prompt"), &z), grid, settings(app, &z)].spacing(z.gap * 2.0).into()
}

/// The height of the tiles: the pictogram and the longest name (wrapped
/// inside the tile), never below the primary target.
pub fn tile_height(names: &[String], tile_width: f32, z: &Sizes) -> f32 {
    let inner = tile_width - 2.0 * z.button_padding;
    let name = names.iter().map(|n| fit::height(n, z.body, BOLD, inner)).fold(z.body * LINE_HEIGHT, f32::max);
    (z.tile_icon + z.gap / 2.0 + name + 2.0 * z.button_padding).max(z.primary_target)
}

fn tile<'a>(
    pictogram: &str,
    name: String,
    on_press: Message,
    (width, height): (f32, f32),
    z: &Look,
) -> Element<'a, Message> {
    let focused = z.is_focused(&on_press);
    let tile = button(crate::ui::widgets::target_content(
        column![
            crate::ui::pictogram::view(pictogram, z.tile_icon),
            text(name).size(z.body).line_height(LINE_HEIGHT).font(BOLD).align_x(Alignment::Center)
        ]
        .width(Length::Fill)
        .align_x(Alignment::Center)
        .spacing(z.gap / 2.0),
    ))
    .width(Length::Fill)
    .height(Length::Fill)
    .padding((z.button_padding - theme::RING_ROOM).max(0.0))
    .style(theme::secondary)
    .on_press(on_press);
    crate::ui::widgets::ringed(tile, focused).width(width).height(height).into()
}

/// The citizen's settings on the welcome screen: language, text size, and
/// 颜色和声音 (colours and voice, on a screen of their own).
pub fn settings_items(app: &App) -> Vec<crate::ui::focus::Item> {
    let lang = app.settings.lang;
    let other = match lang {
        crate::i18n::Lang::ZhCn => crate::i18n::Lang::EnUs,
        crate::i18n::Lang::EnUs => crate::i18n::Lang::ZhCn,
    };
    [
        (t(other, "language-name"), Message::ToggleLanguage),
        (t(lang, text_size_id(app.settings.text_step)), Message::CycleTextSize),
        (t(lang, "settings-title"), Message::OpenSettings),
    ]
    .into_iter()
    .map(|(label, message)| crate::ui::focus::Item { label, message })
    .collect()
}

fn settings<'a>(app: &App, z: &Look) -> Element<'a, Message> {
    let buttons = settings_items(app).into_iter().map(|i| {
        action(i.label, super::settings::symbol(&i.message), Some(i.message), Kind::Secondary, z).into()
    });
    container(Row::with_children(buttons).spacing(z.gap).wrap()).width(Length::Fill).into()
}

/// The label of the text-size button for each step.
pub fn text_size_id(step: u8) -> &'static str {
    match step {
        0 => "text-size-large",
        1 => "text-size-larger",
        _ => "text-size-largest",
    }
}
