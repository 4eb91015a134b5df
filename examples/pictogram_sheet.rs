use iced::widget::{column, container, row, text};
use yiban::ui::pictogram::{KEYS, view};

fn main() {
    let cols = 6;
    let grid = column(KEYS.chunks(cols).map(|keys| {
        row(keys.iter().map(|key| {
            container(column![view::<()>(key, 96.0), view::<()>(key, 32.0), text(*key).size(13)].spacing(4).align_x(iced::Alignment::Center))
                .center_x(170.0)
                .padding(6)
                .into()
        }))
        .into()
    }));
    let settings = iced::Settings {
        fonts: vec![yiban::assets::FONT_REGULAR.into()],
        default_font: iced::Font::with_name("Yiban Sans"),
        ..iced::Settings::default()
    };
    let mut ui = iced_test::simulator::Simulator::with_size(settings, iced::Size::new(1020.0, 1060.0), grid);
    let theme = iced::Theme::Light;
    let snap = ui.snapshot(&theme).unwrap();
    let _ = std::fs::remove_file("/tmp/picto/iced-sheet-tiny-skia.png");
    snap.matches_image("/tmp/picto/iced-sheet.png").unwrap();
}
