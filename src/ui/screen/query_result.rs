//! A query's result in large type, paged with big 上一页 / 下一页 (no scrolling).

use std::ops::Range;

use iced::widget::{Column, Row, column, container, text};
use iced::{Element, Length};

use crate::i18n::{t, tw};
use crate::ui::app::{App, Message};
use crate::ui::fit;
use crate::ui::theme;
use crate::ui::widgets::{BOLD, FONT, body, small};

/// The rows of the result on `page` (clamped), the page and the number of
/// pages: as many rows to a page as fit under the summary, above the pager
/// and the print line.
pub fn page_of(app: &App, page: usize) -> (Range<usize>, usize, usize) {
    let pages = pages(app);
    let page = page.min(pages.len() - 1);
    (pages[page].clone(), page, pages.len())
}

/// The pages of the result (ranges of its rows).
pub fn pages(app: &App) -> Vec<Range<usize>> {
    let Some(result) = app.session.query.as_ref() else { return std::iter::once(0..0).collect() };
    let z = app.sizes();
    let lang = app.settings.lang;
    let code = lang.code();
    let width = z.content_width();
    let printed = tw(lang, "query-printed", &[("code", result.document.verification_code.as_str().into())]);
    let widths = cell_widths(result.columns.len(), width, &z);
    let header = result
        .columns
        .iter()
        .zip(&widths)
        .map(|(c, w)| fit::height(c.label.get(code), z.small, FONT, *w))
        .fold(0.0, f32::max);
    let fixed = fit::height(result.summary.get(code), z.body, FONT, width)
        + header
        + fit::height(&printed, z.small, FONT, width)
        + z.button_height()
        + 3.0 * z.gap
        + z.gap / 2.0;
    let heights: Vec<f32> = result
        .rows
        .iter()
        .map(|r| {
            let cell = |(c, w): (&crate::core::model::Column, &f32)| {
                fit::height(&r.get(&c.key).cloned().unwrap_or_default(), z.body, BOLD, *w)
            };
            result.columns.iter().zip(&widths).map(cell).fold(0.0, f32::max) + z.gap
        })
        .collect();
    let budget = crate::ui::frame::content_height(app) - fixed;
    // The pager is always shown (it tells how many pages there are): no room to keep for it.
    let mut out = fit::paginate(&heights, z.gap / 2.0, budget);
    if out.is_empty() {
        out.push(0..0);
    }
    out
}

/// The width of each cell of a row card `width` wide (its padding and
/// spacing taken off, the rest shared by the columns' portions).
fn cell_widths(n: usize, width: f32, z: &crate::ui::sizes::Sizes) -> Vec<f32> {
    let inner = width - 2.0 * z.gap - z.gap * n.saturating_sub(1) as f32;
    let shares: u16 = (0..n).map(|i| portion(i, n)).sum();
    (0..n).map(|i| inner * f32::from(portion(i, n)) / f32::from(shares.max(1))).collect()
}

/// Width share of a column: the last (usually a name) gets more room.
fn portion(i: usize, n: usize) -> u16 {
    if i + 1 == n { 2 } else { 1 }
}

pub fn view<'a>(app: &'a App, page: usize) -> Element<'a, Message> {
    let z = app.look();
    let lang = app.settings.lang;
    let code = lang.code();
    let Some(result) = app.session.query.as_ref() else { return column![].into() };
    let (shown, page, total) = page_of(app, page);
    let n = result.columns.len();
    let cells = |words: Vec<Element<'a, Message>>| {
        Row::with_children(
            words
                .into_iter()
                .enumerate()
                .map(|(i, w)| container(w).width(Length::FillPortion(portion(i, n))).into()),
        )
        .spacing(z.gap)
    };
    // The column labels once, over the rows (which show the values only).
    let header = cells(result.columns.iter().map(|c| small(c.label.get(code).to_owned(), &z)).collect());
    let mut rows = Column::new().spacing(z.gap / 2.0).push(container(header).padding([0.0, z.gap]));
    for r in result.rows.get(shown).unwrap_or_default() {
        let values = result
            .columns
            .iter()
            .map(|c| {
                text(r.get(&c.key).cloned().unwrap_or_default())
                    .size(z.body)
                    .line_height(crate::ui::sizes::LINE_HEIGHT)
                    .font(BOLD)
                    .into()
            })
            .collect();
        rows = rows.push(
            container(cells(values)).padding([z.gap / 2.0, z.gap]).width(Length::Fill).style(theme::card),
        );
    }
    if result.rows.is_empty() {
        rows = rows.push(body(t(lang, "query-empty"), &z));
    }
    column![
        body(result.summary.get(code).to_owned(), &z),
        rows,
        crate::ui::widgets::pager(lang, page, total, Message::Page, &z),
        small(tw(lang, "query-printed", &[("code", result.document.verification_code.as_str().into())]), &z),
    ]
    .spacing(z.gap)
    .width(Length::Fill)
    .into()
}
