#![allow(clippy::expect_used, clippy::unwrap_used)]
use yiban::core::config::Config;
use yiban::ui::driver::Driver;
use yiban::ui::journeys;

#[test]
fn probe() {
    let config = Config::embedded().unwrap().config;
    let today = time::macros::date!(2026 - 11 - 28);
    for w in journeys::all() {
        let mut d = Driver::with_fresh_portal(config.clone(), today).unwrap();
        println!("=== {}", w.name);
        let r = journeys::walk(&mut d, &w, |d, n, key| {
            if ["review","result","step-account","query-result-p1"].iter().any(|k| key.starts_with(k)) || key.starts_with("step") { println!("--- {n} {key}: {:?}", d.texts()); } else { println!("--- {n} {key}"); }
            Ok(())
        });
        println!("RESULT {:?} cases {:#?}", r.err(), d.app.session.cases.iter().map(|c| (&c.matter_id, &c.status, &c.answers)).collect::<Vec<_>>());
    }
}
