//! Result: the case number (办件编号), what happens next and by when.

use iced::widget::{Row, column, container};
use iced::{Element, Length};

use crate::i18n::{t, tw};
use crate::ui::app::{App, Message};
use crate::ui::theme;
use crate::ui::widgets::{body, huge, small};

pub fn view(app: &App) -> Element<'_, Message> {
    let z = app.look();
    let lang = app.settings.lang;
    let code = lang.code();
    let mut cases = Row::new().spacing(z.gap);
    for case in &app.session.cases {
        let name = app.member_name(&case.matter_id);
        let mut card = column![
            small(tw(lang, "result-case-no", &[("matter", name.into())]), &z),
            huge(case.case_no.clone(), &z)
        ]
        .spacing(z.gap / 2.0);
        if let Some(outcome) = &case.outcome {
            card = card.push(body(outcome.get(code).to_owned(), &z));
        }
        card = card.push(body(case.next_steps.get(code).to_owned(), &z));
        if let Some(by) = &case.promised_by {
            card = card.push(small(
                tw(lang, "result-promised-by", &[("date", super::review::format_date(lang, by).into())]),
                &z,
            ));
        }
        for d in &case.deferred_materials {
            card = card.push(small(
                tw(
                    lang,
                    "result-deferred",
                    &[
                        ("name", d.name.get(code).into()),
                        ("date", super::review::format_date(lang, &d.due_by).into()),
                    ],
                ),
                &z,
            ));
        }
        card = card.push(small(tw(lang, "result-lookup", &[("code", case.lookup_code.as_str().into())]), &z));
        cases = cases.push(container(card).padding(z.gap).width(Length::FillPortion(1)).style(theme::card));
    }
    column![cases, small(t(lang, "result-receipt"), &z),].spacing(z.gap).width(Length::Fill).into()
}
