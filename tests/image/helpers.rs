//! What the shared server-function calls (tests/api/calls) need to reach a Herald: here the
//! one in a container, at its address, instead of tests/api's in-process `TestApp`.
use reqwest::cookie::Jar;
use std::sync::Arc;

/// The password end2end/lib/browser.mjs signs up with, and tests/api's helpers too.
pub const PASSWORD: &str = "correct horse battery";

pub struct TestApp {
    pub address: String,
}

/// One person's browser: an HTTP client with its own cookie jar.
pub struct Browser {
    pub client: reqwest::Client,
    jar: Arc<Jar>,
}

impl TestApp {
    pub fn new(address: String) -> Self {
        Self { address }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub fn browser(&self) -> Browser {
        let jar = Arc::new(Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client");
        Browser { client, jar }
    }
}

impl Browser {
    /// Carries on a session that began elsewhere (in Chromium).
    pub fn set_session_cookie(&self, address: &str, value: &str) {
        let url = address.parse().expect("a URL");
        self.jar
            .add_cookie_str(&format!("herald_session={value}; Path=/"), &url);
    }
}
