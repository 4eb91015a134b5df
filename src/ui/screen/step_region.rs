//! The region picker of a step: a page of provinces, then a province's
//! cities, big buttons four to a row, paged with 上一页 / 下一页.

use iced::widget::{Column, Row, column};
use iced::{Element, Length};

use crate::core::model::{Field, Regions};
use crate::i18n::{Lang, t};
use crate::ui::app::Message;
use crate::ui::look::Look;
use crate::ui::widgets::{Kind, action, glyph};

use super::step::State;

/// Provinces (or cities) on one page of the region picker.
pub const REGIONS_PER_PAGE: usize = 12;
/// Region buttons in one row.
const REGIONS_PER_ROW: usize = 4;

/// What the region picker shows: one page of provinces, or a province's cities.
pub struct RegionPage {
    /// (words, message, selected)
    pub items: Vec<(String, Message, bool)>,
    /// Whether the "choose the province again" button shows.
    pub back: bool,
    pub page: usize,
    pub pages: usize,
}

pub fn region_page(
    lang: Lang,
    regions: &Regions,
    state: &State,
    field: &Field,
    value: Option<&str>,
) -> RegionPage {
    let code = lang.code();
    let (items, back): (Vec<(String, Message, bool)>, bool) =
        match state.province.as_ref().and_then(|p| regions.provinces.iter().find(|x| &x.code == p)) {
            Some(p) => (
                p.cities
                    .iter()
                    .map(|c| {
                        (
                            c.name.get(code).to_owned(),
                            Message::Choose(field.id.clone(), c.code.clone()),
                            value == Some(c.code.as_str()),
                        )
                    })
                    .collect(),
                true,
            ),
            None => (
                regions
                    .provinces
                    .iter()
                    .map(|p| (p.name.get(code).to_owned(), Message::Province(Some(p.code.clone())), false))
                    .collect(),
                false,
            ),
        };
    let pages = items.len().div_ceil(REGIONS_PER_PAGE).max(1);
    let page = state.page.min(pages - 1);
    let items = items.into_iter().skip(page * REGIONS_PER_PAGE).take(REGIONS_PER_PAGE).collect();
    RegionPage { items, back, page, pages }
}

pub(super) fn region_view<'a>(
    lang: Lang,
    regions: &'a Regions,
    state: &'a State,
    field: &'a Field,
    value: Option<&'a str>,
    z: &Look,
) -> Element<'a, Message> {
    let RegionPage { items: shown, back, page, pages } = region_page(lang, regions, state, field, value);
    let mut grid = Column::new().spacing(z.gap);
    for chunk in shown.chunks(REGIONS_PER_ROW) {
        let r = Row::with_children(chunk.iter().map(|(label, msg, selected)| {
            let kind = if *selected { Kind::Selected } else { Kind::Secondary };
            action(label.clone(), selected.then_some(glyph::OK), Some(msg.clone()), kind, z)
                .width(Length::Fill)
                .into()
        }))
        .spacing(z.gap);
        grid = grid.push(r);
    }
    let mut nav = Row::new().spacing(z.gap);
    if back {
        nav = nav.push(action(
            t(lang, "region-provinces"),
            Some(glyph::BACK),
            Some(Message::Province(None)),
            Kind::Secondary,
            z,
        ));
    }
    if pages > 1 {
        nav = nav.push(crate::ui::widgets::pager(lang, page, pages, Message::StepPage, z));
    }
    column![grid, nav].spacing(z.gap).into()
}
