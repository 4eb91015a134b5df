//! A query's result in large type, paged with big 上一页 / 下一页 (no scrolling).

use iced::widget::{Column, Row, column, container, text};
use iced::{Element, Length};

use crate::core::model::QueryResult;
use crate::i18n::{t, tw};
use crate::ui::app::{App, Message};
use crate::ui::sizes::{LINE_HEIGHT, Sizes};
use crate::ui::theme;
use crate::ui::widgets::{BOLD, body, small};

/// Rows of a result that fit on one page at these sizes: the screen's height
/// less the title, summary, paging and print lines and the bottom bar.
pub fn rows_per_page(z: &Sizes) -> usize {
    let line = |size: f32| size * LINE_HEIGHT;
    let fixed = 2.0 * z.margin
        + line(z.title)
        + line(z.body)
        + z.primary_target
        + line(z.small)
        + z.bar_height
        + 8.0 * z.gap;
    let row = line(z.small) + line(z.body) + 2.0 * z.gap;
    ((z.screen_height - fixed) / row).floor().max(1.0) as usize
}

pub fn pages(result: &QueryResult, z: &Sizes) -> usize {
    result.rows.len().div_ceil(rows_per_page(z)).max(1)
}

/// Width share of a column: the last (usually a name) gets more room.
fn portion(i: usize, n: usize) -> u16 {
    if i + 1 == n { 2 } else { 1 }
}

pub fn view(app: &App, page: usize) -> Element<'_, Message> {
    let z = app.look();
    let lang = app.settings.lang;
    let code = lang.code();
    let Some(result) = app.session.query.as_ref() else { return column![].into() };
    let per = rows_per_page(&z);
    let total = pages(result, &z);
    let page = page.min(total - 1);
    let mut rows = Column::new().spacing(z.gap / 2.0);
    for r in result.rows.iter().skip(page * per).take(per) {
        let n = result.columns.len();
        let cells = Row::with_children(result.columns.iter().enumerate().map(|(i, c)| {
            column![
                text(c.label.get(code).to_owned()).size(z.small).line_height(crate::ui::sizes::LINE_HEIGHT),
                text(r.get(&c.key).cloned().unwrap_or_default())
                    .size(z.body)
                    .line_height(crate::ui::sizes::LINE_HEIGHT)
                    .font(BOLD)
            ]
            .width(Length::FillPortion(portion(i, n)))
            .into()
        }))
        .spacing(z.gap);
        rows =
            rows.push(container(cells).padding([z.gap / 2.0, z.gap]).width(Length::Fill).style(theme::card));
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
