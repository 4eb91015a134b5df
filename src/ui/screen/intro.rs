//! Matter intro: what this does, what you need, how long it takes, what it costs.

use iced::widget::{Column, Row, column, container, text};
use iced::{Element, Length};

use crate::core::model::{Material, Requirement};
use crate::i18n::{Lang, t, tw};
use crate::ui::app::{App, Message};
use crate::ui::look::Look;
use crate::ui::theme;
use crate::ui::widgets::{body, small};

/// Material cards in one row of the intro.
const MATERIALS_PER_ROW: usize = 2;

/// The title: the bundle's or the matter's name.
pub fn title(app: &App) -> String {
    let code = app.settings.lang.code();
    if let Some(b) = app.chosen_bundle() {
        return b.name.get(code).to_owned();
    }
    app.session.members.first().map(|m| m.matter.name.get(code).to_owned()).unwrap_or_default()
}

/// The plain-language introduction (also what is spoken first).
pub fn intro_text(app: &App) -> String {
    let code = app.settings.lang.code();
    match app.chosen_bundle() {
        Some(b) => b.intro_spoken.get(code).to_owned(),
        None => app
            .session
            .members
            .first()
            .map(|m| m.matter.intro_spoken.get(code).to_owned())
            .unwrap_or_default(),
    }
}

/// Each material's line: its name and what the citizen needs to do about it.
pub fn material_line(lang: Lang, m: &Material) -> (String, String) {
    let code = lang.code();
    let note = if m.obtainable_by_sharing {
        t(lang, "material-shared")
    } else if m.deficiency_tolerated {
        tw(lang, "material-later", &[("days", m.supplement_days.unwrap_or_default().into())])
    } else if m.commitment_substitutable {
        t(lang, "material-commitment")
    } else {
        match m.required {
            Requirement::Required => t(lang, "material-required"),
            Requirement::Optional => t(lang, "material-optional"),
            Requirement::Conditional => {
                m.condition.as_ref().map(|c| c.get(code).to_owned()).unwrap_or_default()
            }
        }
    };
    (m.name.get(code).to_owned(), note)
}

/// The time and fee lines of the intro.
pub fn facts(app: &App) -> (String, String) {
    let lang = app.settings.lang;
    let mut minutes = 0;
    let mut fees = vec![];
    for m in &app.session.members {
        minutes += m.matter.kiosk_minutes;
        for f in &m.matter.fees {
            fees.push(tw(
                lang,
                "intro-fee",
                &[("name", f.name.get(lang.code()).into()), ("amount", f.amount_cny.as_str().into())],
            ));
            if let Some(w) = &f.waiver {
                fees.push(w.get(lang.code()).to_owned());
            }
        }
    }
    if fees.is_empty() {
        fees.push(t(lang, "intro-free"));
    }
    (tw(lang, "intro-minutes", &[("minutes", minutes.into())]), fees.join(" "))
}

/// Every material of the matter (or bundle) once.
pub fn materials(app: &App) -> Vec<&Material> {
    let mut out: Vec<&Material> = vec![];
    for m in &app.session.members {
        for material in &m.matter.materials {
            if !out.iter().any(|x| x.code == material.code) {
                out.push(material);
            }
        }
    }
    out
}

pub fn view(app: &App) -> Element<'_, Message> {
    let z = app.look();
    let lang = app.settings.lang;
    let cards: Vec<Element<'_, Message>> =
        materials(app).into_iter().map(|m| material_row(lang, m, &z)).collect();
    let mut materials = Column::new().spacing(z.gap / 2.0);
    let mut cards = cards.into_iter().peekable();
    while cards.peek().is_some() {
        materials =
            materials.push(Row::with_children(cards.by_ref().take(MATERIALS_PER_ROW)).spacing(z.gap / 2.0));
    }
    let (minutes, fees) = facts(app);
    column![
        body(intro_text(app), &z),
        small(t(lang, "intro-materials"), &z),
        materials,
        small(format!("{minutes} {fees}"), &z),
    ]
    .spacing(z.gap)
    .width(Length::Fill)
    .into()
}

fn material_row<'a>(lang: Lang, m: &Material, z: &Look) -> Element<'a, Message> {
    let (name, note) = material_line(lang, m);
    let words = column![
        text(name).size(z.small).line_height(crate::ui::sizes::LINE_HEIGHT).font(crate::ui::widgets::BOLD),
        text(note).size(z.small).line_height(crate::ui::sizes::LINE_HEIGHT)
    ];
    container(
        iced::widget::row![crate::ui::pictogram::view(&m.pictogram, z.icon), words]
            .spacing(z.gap)
            .align_y(iced::Alignment::Center),
    )
    .padding([z.gap / 2.0, z.gap])
    .width(Length::FillPortion(1))
    .style(theme::card)
    .into()
}
