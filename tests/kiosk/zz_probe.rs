use crate::common::*;
use yiban::ui::journeys;
#[test]
fn probe_big() {
    for step in [1u8, 2] {
    for lang in [yiban::i18n::Lang::ZhCn, yiban::i18n::Lang::EnUs] {
    for w in journeys::all() {
        let mut d = kiosk();
        d.app.settings.text_step = step;
        d.app.settings.lang = lang;
        let r = journeys::walk(&mut d, &w, |_, _, _| Ok(()));
        println!("{step} {lang:?} {} -> {:?}", w.name, r.err().map(|e| e.to_string().chars().take(900).collect::<String>()));
    }}}
}
