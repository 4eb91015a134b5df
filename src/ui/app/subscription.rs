//! What the kiosk listens to: touches and keys (any of them is activity), the
//! one-second clock while it matters, the speech service's notices, and the
//! system asking it to stop.

use std::time::{Duration, Instant};

use iced::{Subscription, event};

use super::{App, Message};

impl App {
    pub fn subscription(&self) -> Subscription<Message> {
        let activity = event::listen_with(|event, _status, _window| match event {
            iced::Event::Mouse(iced::mouse::Event::ButtonPressed(_))
            | iced::Event::Touch(iced::touch::Event::FingerPressed { .. }) => {
                Some(Message::Activity(Instant::now()))
            }
            iced::Event::Keyboard(iced::keyboard::Event::KeyPressed { key, modifiers, .. }) => {
                Some(Message::KeyPressed(key, modifiers, Instant::now()))
            }
            _ => None,
        });
        let mut all = vec![activity, Subscription::run(shutdown_requests)];
        if self.needs_ticks() {
            all.push(iced::time::every(Duration::from_secs(1)).map(Message::Tick));
        }
        if let Some(link) = &self.services.speech {
            all.push(link.notices().map(Message::Speech));
        }
        Subscription::batch(all)
    }
}

/// SIGTERM or SIGINT, once: the kiosk ends cleanly (a service manager stops it with SIGTERM).
fn shutdown_requests() -> impl iced::futures::Stream<Item = Message> {
    iced::futures::stream::once(async {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            match signal(SignalKind::terminate()) {
                Ok(mut term) => {
                    tokio::select! {
                        _ = term.recv() => {}
                        _ = tokio::signal::ctrl_c() => {}
                    }
                }
                Err(_) => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
        Message::Shutdown
    })
}
