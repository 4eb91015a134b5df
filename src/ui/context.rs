//! What a screen may read of the kiosk: the settings, the reference data, the
//! citizen's session, the sizes and the frame's layout. Screens get it by
//! reference and change nothing through it; they tell the app what to do
//! with their `Action`s.

use time::Date;

use crate::core::config::Config;
use crate::core::journey::Journey;
use crate::core::lang::Lang;
use crate::core::mask;
use crate::core::model::Bundle;
use crate::i18n::tw;

use super::control::ControlId;
use super::frame::FrameLayout;
use super::look::Look;
use super::session::{Citizen, Reference, Settings};
use super::sizes::Sizes;

/// How the speech engine is doing (its watchdog's verdict).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SpeechHealth {
    #[default]
    Working,
    /// Speech did not start or end in time: the screen says so and nothing waits for it.
    Unavailable,
}

#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub config: &'a Config,
    pub settings: &'a Settings,
    pub reference: &'a Reference,
    pub citizen: &'a Citizen,
    /// The answers (None while a step's update has them to change).
    pub journey: Option<&'a Journey>,
    pub today: Date,
    /// The private audio channel (headset) is in use: personal values may be spoken in full.
    pub headset: bool,
    pub sizes: Sizes,
    pub frame: FrameLayout,
    pub focus: Option<ControlId>,
    /// A receipt printer takes jobs.
    pub printer: bool,
    pub speech: SpeechHealth,
    /// 「我还在」 may extend the session once more.
    pub can_extend: bool,
}

impl<'a> Context<'a> {
    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// Sizes plus the keypad focus, for the views.
    pub fn look(&self) -> Look {
        Look { sizes: self.sizes, focused: self.focus }
    }

    /// The height the frame leaves the screen's content (screens page themselves to it).
    pub fn content_height(&self) -> f32 {
        self.frame.content_height
    }

    /// The bundle being handled, if the citizen chose one.
    pub fn chosen_bundle(&self) -> Option<&'a Bundle> {
        let id = self.citizen.bundle_id.as_ref()?;
        self.reference.catalogue.as_ref()?.bundles.iter().find(|b| &b.id == id)
    }

    /// The short (elder-mode) name of a matter of this session.
    pub fn member_name(&self, matter_id: &str) -> String {
        let code = self.lang().code();
        self.citizen
            .members
            .iter()
            .find(|m| m.matter.id == matter_id)
            .map(|m| m.matter.elder_name.get(code).to_owned())
            .unwrap_or_default()
    }

    /// 「办理人：张*兰，身份证：110105********0289」: who is applying, masked
    /// (it came from the card or the portal, not typed here).
    pub fn applicant_line(&self) -> Option<String> {
        let identity = self.citizen.identity.as_ref()?;
        Some(tw(
            self.lang(),
            "review-applicant",
            &[
                ("name", mask::name(identity.citizen.name.expose()).into()),
                ("id", identity.citizen.id_number_masked.clone().into()),
            ],
        ))
    }
}
