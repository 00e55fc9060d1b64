//! Test fixtures shared by the network adapters' tests: a context pointed at a fake server,
//! outgoing posts, and (for the Meta networks) form-body matchers.
use crate::server::platforms::{Endpoints, NetworkContext, Outgoing, OutgoingImage, SessionCache};
use wiremock::{Match, MockServer, Request};

/// What a `NetworkContext` borrows, pointed at a fake server.
pub struct Harness {
    http: reqwest::Client,
    endpoints: Endpoints,
    sessions: SessionCache,
}

impl Harness {
    pub fn new(server: &MockServer) -> Self {
        crate::server::outbound::use_ring_for_tls();
        Harness {
            http: reqwest::Client::new(),
            endpoints: Endpoints {
                bluesky_pds: server.uri(),
                telegram_api: server.uri(),
                linkedin_api: server.uri(),
                x_api: server.uri(),
                threads_api: server.uri(),
                facebook_graph: server.uri(),
            },
            sessions: SessionCache::default(),
        }
    }

    pub fn ctx(&self) -> NetworkContext<'_> {
        NetworkContext {
            http: &self.http,
            endpoints: &self.endpoints,
            sessions: &self.sessions,
        }
    }
}

/// A post with `images` pictures, served at https://herald.example/media/{n}.png.
pub fn outgoing(text: &str, images: usize) -> Outgoing {
    Outgoing {
        target_id: uuid::Uuid::new_v4(),
        account_id: uuid::Uuid::new_v4(),
        text: text.into(),
        images: (1..=images)
            .map(|n| OutgoingImage {
                bytes: bytes::Bytes::from(format!("png bytes {n}")),
                content_type: "image/png".into(),
                alt_text: format!("picture {n}"),
                width: 800,
                height: 600,
                public_url: format!("https://herald.example/media/{n}.png"),
            })
            .collect(),
    }
}

/// Matches a form-encoded body holding all these fields (and maybe others).
pub struct FormHas(Vec<(String, String)>);

pub fn form_has(fields: &[(&str, &str)]) -> FormHas {
    FormHas(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
    )
}

impl Match for FormHas {
    fn matches(&self, request: &Request) -> bool {
        let sent: Vec<(String, String)> = url::form_urlencoded::parse(&request.body).into_owned().collect();
        self.0.iter().all(|field| sent.contains(field))
    }
}

/// The form fields a request carried, for checks a matcher cannot express (absent fields).
pub fn form_of(request: &Request) -> Vec<(String, String)> {
    url::form_urlencoded::parse(&request.body).into_owned().collect()
}
