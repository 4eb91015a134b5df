//! Everything the kiosk does outside itself: portal calls (and, later, speech
//! and printing). `App::update` returns effects; `perform` carries one out and
//! answers with the message that reports its result.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::client::{ClientConfig, PortalClient};
use crate::core::config::{Config, PortalLocation};
use crate::core::journey::MatterForm;
use crate::core::model::{
    ApplicationRequest, AssistRequestNew, Channel, EvaluationRequest, IdentityRequest, QueryRequest,
};

use super::app::Message;

/// The kiosk's connections: the portal client and, when embedded, the portal itself.
#[derive(Clone)]
pub struct Services {
    pub client: PortalClient,
    pub hall_id: String,
    pub terminal_id: String,
    /// Speech (None in headless runs: the driver records what would be said).
    pub speech: Option<super::speech_link::SpeechLink>,
    /// Keeps the embedded portal's runtime alive as long as the kiosk runs.
    _embedded: Option<Arc<EmbeddedPortal>>,
}

impl std::fmt::Debug for Services {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Services")
            .field("hall_id", &self.hall_id)
            .field("terminal_id", &self.terminal_id)
            .finish()
    }
}

/// The reference portal running in-process on a loopback port.
struct EmbeddedPortal {
    _runtime: tokio::runtime::Runtime,
}

impl Services {
    /// Connects to the configured portal, starting the embedded one when asked.
    pub fn start(config: &Config) -> Result<Services, String> {
        let (base_url, embedded) = match config.portal_location() {
            PortalLocation::Remote(url) => (url, None),
            PortalLocation::Embedded { db } => {
                let (addr, portal) = start_embedded(db)?;
                (format!("http://{addr}"), Some(Arc::new(portal)))
            }
        };
        let mut services = Services::connect(config, base_url, embedded)?;
        services.speech = Some(super::speech_link::SpeechLink::start());
        Ok(services)
    }

    /// A client for a portal already running at `base_url` (tests).
    pub fn for_portal(config: &Config, base_url: String) -> Result<Services, String> {
        Services::connect(config, base_url, None)
    }

    fn connect(
        config: &Config,
        base_url: String,
        embedded: Option<Arc<EmbeddedPortal>>,
    ) -> Result<Services, String> {
        let client = PortalClient::new(ClientConfig {
            base_url,
            connect_timeout: Duration::from_millis(config.portal.connect_timeout_ms),
            request_timeout: Duration::from_millis(config.portal.request_timeout_ms),
            retries: config.portal.retries,
            ..ClientConfig::default()
        })
        .map_err(|e| e.to_string())?;
        Ok(Services {
            client,
            hall_id: config.terminal.hall_id.clone(),
            terminal_id: config.terminal.id.clone(),
            speech: None,
            _embedded: embedded,
        })
    }
}

fn start_embedded(db: Option<PathBuf>) -> Result<(std::net::SocketAddr, EmbeddedPortal), String> {
    let db = match db {
        Some(db) => db,
        None => {
            let fresh = std::env::temp_dir().join(format!("yiban-embedded-{}.sqlite3", std::process::id()));
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", fresh.display()));
            }
            fresh
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("embedded-portal")
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let addr = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.map_err(|e| e.to_string())?;
        let running = crate::portal::spawn(listener, &db).await.map_err(|e| e.to_string())?;
        let addr = running.addr;
        // The portal lives as long as the runtime; the handle is not needed.
        std::mem::forget(running);
        Ok::<_, String>(addr)
    })?;
    Ok((addr, EmbeddedPortal { _runtime: runtime }))
}

/// Something for the outside world to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    LoadCatalogue,
    /// Load the matters (and form schemas) of a matter or a bundle.
    LoadMatters(Vec<String>),
    LoadRegions,
    LoadReasons,
    OpenIdentity(IdentityRequest),
    CloseIdentity(String),
    Query {
        token: String,
        matter_id: String,
        request: QueryRequest,
    },
    Submit {
        token: String,
        key: String,
        request: ApplicationRequest,
    },
    Evaluate {
        token: String,
        request: EvaluationRequest,
    },
    CallStaff(AssistRequestNew),
    /// Say these, interrupting whatever is being said.
    Speak {
        texts: Vec<String>,
        purpose: super::voice::Purpose,
    },
    /// Stop speaking (any action of the citizen interrupts speech).
    StopSpeech,
    /// Apply the citizen's voice settings to the engine.
    SpeechSettings {
        enabled: bool,
        rate: u8,
        volume: u8,
        lang: crate::i18n::Lang,
    },
}

impl Effect {
    /// Speech effects are sent to the speech service at once, not run as tasks.
    pub fn is_speech(&self) -> bool {
        matches!(self, Effect::Speak { .. } | Effect::StopSpeech | Effect::SpeechSettings { .. })
    }
}

/// Carries out one effect and reports its result as a message.
pub async fn perform(services: Services, effect: Effect) -> Message {
    let c = &services.client;
    match effect {
        Effect::LoadCatalogue => {
            Message::CatalogueLoaded(c.catalogue(&services.hall_id, Channel::KioskElder).await)
        }
        Effect::LoadMatters(ids) => Message::MattersLoaded(load_matters(c, &ids).await),
        Effect::LoadRegions => Message::RegionsLoaded(c.regions().await),
        Effect::LoadReasons => Message::ReasonsLoaded(c.evaluation_reasons().await),
        Effect::OpenIdentity(req) => Message::IdentityOpened(c.open_identity(&req).await),
        Effect::CloseIdentity(token) => Message::IdentityClosed(c.close_identity(&token).await),
        Effect::Query { token, matter_id, request } => {
            Message::QueryAnswered(c.query(&token, &matter_id, &request).await)
        }
        Effect::Submit { token, key, request } => {
            let matter_id = request.matter_id.clone();
            Message::Submitted(matter_id, c.submit_application(&token, &key, &request).await)
        }
        Effect::Evaluate { token, request } => Message::Evaluated(c.evaluate(&token, &request).await),
        Effect::CallStaff(req) => Message::StaffCalled(c.request_assist(&req).await),
        Effect::Speak { purpose, .. } => Message::SpeechDone(purpose),
        Effect::StopSpeech | Effect::SpeechSettings { .. } => Message::Tick(std::time::Instant::now()),
    }
}

async fn load_matters(
    c: &PortalClient,
    ids: &[String],
) -> Result<Vec<MatterForm>, crate::client::ClientError> {
    let mut out = vec![];
    for id in ids {
        let matter = c.matter(id).await?;
        let form = c.form_schema(id, Some(matter.form_schema_version)).await?;
        out.push(MatterForm { matter, form });
    }
    Ok(out)
}
