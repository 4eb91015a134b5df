//! Everything the kiosk does outside itself. `App::update` returns effects;
//! the iced runtime (or the headless driver) carries them out. A citizen's
//! requests carry the [`Ticket`] of their session, so their answers come back
//! tagged and an answer for a session that has ended is dropped.

use std::sync::Arc;
use std::time::Duration;

use crate::client::{ClientConfig, ClientError, PortalClient};
use crate::core::config::{Config, PortalLocation};
use crate::core::journey::MatterForm;
use crate::core::model::{
    Application, ApplicationRequest, AssistRequest, AssistRequestNew, Catalogue, Channel, Evaluation,
    EvaluationRequest, FormSchema, IdentityRequest, IdentitySession, Matter, QueryRequest, QueryResult,
    ReasonList, Regions,
};
use crate::core::personal::Personal;
use crate::core::reference_cache::{CacheError, ReferenceCache};

use super::session::{SessionId, Ticket};

/// The reference cache's folder in the terminal's data directory.
pub const CACHE_DIR: &str = "cache";

/// The kiosk's connections: the portal client and, when embedded, the portal itself.
#[derive(Clone)]
pub struct Services {
    pub client: PortalClient,
    pub hall_id: String,
    pub terminal_id: String,
    /// Speech (None in headless runs: the driver records what would be said).
    pub speech: Option<super::speech_link::SpeechLink>,
    /// Whether a receipt printer takes jobs (none is attached yet).
    pub printer: bool,
    /// The last reference data the portal gave, for starting and filling in
    /// forms while it is down (None: not kept, as in most tests).
    pub cache: Option<ReferenceCache>,
    /// Keeps the embedded portal running as long as the kiosk runs.
    _embedded: Option<Arc<super::embedded::EmbeddedPortal>>,
}

impl std::fmt::Debug for Services {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Services")
            .field("hall_id", &self.hall_id)
            .field("terminal_id", &self.terminal_id)
            .finish()
    }
}

impl Services {
    /// Connects to the configured portal, starting the embedded one when asked.
    pub fn start(config: &Config) -> Result<Services, String> {
        let (base_url, embedded) = match config.portal_location() {
            PortalLocation::Remote(url) => (url, None),
            PortalLocation::Embedded { db } => {
                let portal = super::embedded::EmbeddedPortal::start(db, &config.data_dir())?;
                (portal.url(), Some(Arc::new(portal)))
            }
        };
        let mut services = Services::connect(config, base_url)?;
        services._embedded = embedded;
        services.speech = Some(super::speech_link::SpeechLink::start());
        services.cache = Some(ReferenceCache::new(config.data_dir().join(CACHE_DIR)));
        Ok(services)
    }

    /// Keeps the portal's reference data in `dir` and falls back on it while the portal is down.
    pub fn with_cache(mut self, dir: impl Into<std::path::PathBuf>) -> Services {
        self.cache = Some(ReferenceCache::new(dir));
        self
    }

    /// The hall's catalogue, waiting at most `wait`, and whether it is fresh
    /// from the portal (else the cached one; None: neither).
    pub fn preload_catalogue(&self, wait: Duration) -> Option<(Catalogue, bool)> {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
        let fetch = self.client.catalogue(&self.hall_id, Channel::KioskElder);
        let fresh = runtime.block_on(async { tokio::time::timeout(wait, fetch).await.ok()?.ok() });
        match fresh {
            Some(c) => {
                self.keep(|cache| cache.store_catalogue(&c));
                Some((c, true))
            }
            None => self.cache.as_ref()?.catalogue(&self.hall_id).map(|c| (c, false)),
        }
    }

    /// Writes to the cache, if kept; a failure is logged, never fatal.
    fn keep(&self, write: impl FnOnce(&ReferenceCache) -> Result<(), CacheError>) {
        if let Some(cache) = &self.cache
            && let Err(e) = write(cache)
        {
            tracing::warn!(error = %e, "reference cache not updated");
        }
    }

    /// `fetched`, kept in the cache when it came; while the portal is
    /// unreachable (or failing), what the cache holds instead.
    fn or_cached<T>(
        &self,
        fetched: Result<T, ClientError>,
        store: impl FnOnce(&ReferenceCache, &T) -> Result<(), CacheError>,
        cached: impl FnOnce(&ReferenceCache) -> Option<T>,
    ) -> Result<T, ClientError> {
        match fetched {
            Ok(value) => {
                self.keep(|cache| store(cache, &value));
                Ok(value)
            }
            Err(e) if e.is_retryable() => match self.cache.as_ref().and_then(cached) {
                Some(value) => {
                    tracing::info!(error = %e, "portal unavailable; cached reference data used");
                    Ok(value)
                }
                None => Err(e),
            },
            Err(e) => Err(e),
        }
    }

    /// A client for a portal already running at `base_url` (tests).
    pub fn for_portal(config: &Config, base_url: String) -> Result<Services, String> {
        Services::connect(config, base_url)
    }

    fn connect(config: &Config, base_url: String) -> Result<Services, String> {
        // Timeouts, retries, the answer cap and the transport rules of `[portal]`.
        let client = PortalClient::new(ClientConfig::for_portal(&config.portal, base_url))
            .map_err(|e| e.to_string())?;
        Ok(Services {
            client,
            hall_id: config.terminal.hall_id.clone(),
            terminal_id: config.terminal.id.clone(),
            speech: None,
            printer: false,
            cache: None,
            _embedded: None,
        })
    }
}

/// What a citizen's session asks of the portal.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// The matters (and form schemas) of a matter or a bundle.
    LoadMatters(Vec<String>),
    OpenIdentity(IdentityRequest),
    Query {
        token: Personal,
        matter_id: String,
        request: QueryRequest,
    },
    Submit {
        token: Personal,
        key: String,
        request: ApplicationRequest,
    },
    Evaluate {
        token: Personal,
        request: EvaluationRequest,
    },
    CallStaff(AssistRequestNew),
}

impl Request {
    /// Whether a request may be abandoned mid-flight when its session ends:
    /// reads only. A request that changes something at the portal (an identity
    /// session opened, an application stored) is left to finish, since the portal
    /// may act on it whatever the kiosk does; its late answer is then dropped,
    /// and a late identity token closed.
    pub fn abortable(&self) -> bool {
        matches!(self, Request::LoadMatters(_) | Request::Query { .. })
    }
}

/// The portal's answer to a session's request.
#[derive(Debug, Clone)]
pub enum Reply {
    MattersLoaded(Result<Vec<MatterForm>, ClientError>),
    IdentityOpened(Result<IdentitySession, ClientError>),
    QueryAnswered(Result<QueryResult, ClientError>),
    /// An application of this matter was stored (or refused).
    Submitted(String, Result<Application, ClientError>),
    Evaluated(Result<Evaluation, ClientError>),
    StaffCalled(Result<AssistRequest, ClientError>),
}

/// Work of the kiosk itself, for no citizen in particular (nothing personal
/// comes back, so it is not bound to a session).
#[derive(Debug, Clone, PartialEq)]
pub enum Chore {
    LoadCatalogue,
    LoadRegions,
    LoadReasons,
    /// Close an identity session at the portal (at a session's end, or a late token).
    CloseIdentity(Personal),
}

/// What a chore brought back.
#[derive(Debug, Clone)]
pub enum Loaded {
    Catalogue(Result<Catalogue, ClientError>),
    Regions(Result<Regions, ClientError>),
    Reasons(Result<ReasonList, ClientError>),
    IdentityClosed(Result<(), ClientError>),
}

/// Something for the outside world to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// A request of the session of the ticket.
    Portal(Ticket, Box<Request>),
    Chore(Chore),
    /// Say these, interrupting whatever is being said. A read-back reports
    /// when it was heard to the end, for the session that asked.
    Speak {
        texts: Vec<String>,
        purpose: super::voice::Purpose,
        session: SessionId,
    },
    /// Stop speaking (any action of the citizen interrupts speech).
    StopSpeech,
    /// Apply the citizen's voice settings to the engine.
    SpeechSettings {
        enabled: bool,
        rate: u8,
        volume: u8,
        lang: crate::core::lang::Lang,
    },
}

impl Effect {
    /// Speech effects go to the speech service at once, not as portal tasks.
    pub fn is_speech(&self) -> bool {
        matches!(self, Effect::Speak { .. } | Effect::StopSpeech | Effect::SpeechSettings { .. })
    }
}

/// Carries out a session's request.
pub async fn request(services: Services, request: Request) -> Reply {
    let c = &services.client;
    match request {
        Request::LoadMatters(ids) => Reply::MattersLoaded(load_matters(&services, &ids).await),
        Request::OpenIdentity(req) => Reply::IdentityOpened(c.open_identity(&req).await),
        Request::Query { token, matter_id, request } => {
            Reply::QueryAnswered(c.query(token.expose(), &matter_id, &request).await)
        }
        Request::Submit { token, key, request } => {
            let matter_id = request.matter_id.clone();
            Reply::Submitted(matter_id, c.submit_application(token.expose(), &key, &request).await)
        }
        Request::Evaluate { token, request } => Reply::Evaluated(c.evaluate(token.expose(), &request).await),
        Request::CallStaff(req) => Reply::StaffCalled(c.request_assist(&req).await),
    }
}

/// Carries out a chore.
pub async fn chore(services: Services, chore: Chore) -> Loaded {
    let c = &services.client;
    match chore {
        Chore::LoadCatalogue => Loaded::Catalogue(services.or_cached(
            c.catalogue(&services.hall_id, Channel::KioskElder).await,
            |cache, v| cache.store_catalogue(v),
            |cache| cache.catalogue(&services.hall_id),
        )),
        Chore::LoadRegions => Loaded::Regions(services.or_cached(
            c.regions().await,
            |cache, v| cache.store_regions(v),
            ReferenceCache::regions,
        )),
        Chore::LoadReasons => Loaded::Reasons(services.or_cached(
            c.evaluation_reasons().await,
            |cache, v| cache.store_reasons(v),
            ReferenceCache::reasons,
        )),
        Chore::CloseIdentity(token) => Loaded::IdentityClosed(c.close_identity(token.expose()).await),
    }
}

/// The matters with their form schemas; each from the cache while the portal is down.
async fn load_matters(services: &Services, ids: &[String]) -> Result<Vec<MatterForm>, ClientError> {
    let mut out = vec![];
    for id in ids {
        let (matter, form) = services.or_cached(
            fetch_matter(&services.client, id).await,
            |cache, (matter, form)| cache.store_matter(matter, form),
            |cache| cache.matter(id),
        )?;
        out.push(MatterForm { matter, form });
    }
    Ok(out)
}

async fn fetch_matter(c: &PortalClient, id: &str) -> Result<(Matter, FormSchema), ClientError> {
    let matter = c.matter(id).await?;
    let form = c.form_schema(id, Some(matter.form_schema_version)).await?;
    Ok((matter, form))
}
