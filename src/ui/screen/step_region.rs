//! The region picker of a step: a page of provinces, then a province's
//! cities, big buttons four to a row, paged with 上一页 / 下一页.

use crate::core::model::{Field, Regions};
use crate::i18n::Lang;

use super::step::{Message, State};

/// Provinces (or cities) on one page of the region picker.
pub const REGIONS_PER_PAGE: usize = 12;
/// Region buttons in one row.
pub const REGIONS_PER_ROW: usize = 4;

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
