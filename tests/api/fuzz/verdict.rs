//! Sending a case and judging the answer.
use super::TIMEOUT;
use super::inputs::{Body, Case};
use crate::helpers::{Browser, TestApp};

pub struct Outcome {
    /// 0 when there was no answer.
    pub status: u16,
    body: String,
    /// A 405 says what is allowed instead.
    allow: bool,
    error: Option<String>,
    /// The connection closed before the answer (see `problem`).
    closed: bool,
}

pub async fn send(app: &TestApp, browser: &Browser, case: &Case) -> Outcome {
    let method = reqwest::Method::from_bytes(case.method.as_bytes()).unwrap();
    let mut request = browser
        .client
        .request(method, app.url(&case.path))
        .header("accept", case.accept)
        .timeout(TIMEOUT);
    request = match &case.body {
        Body::None => request,
        Body::Form(pairs) => request.body(
            url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs)
                .finish(),
        ),
        Body::Raw(bytes) => request.body(bytes.clone()),
        Body::Multipart(parts) => {
            let form = parts
                .iter()
                .fold(reqwest::multipart::Form::new(), |form, (name, bytes)| {
                    form.part(
                        name.clone(),
                        reqwest::multipart::Part::bytes(bytes.clone()).file_name("f"),
                    )
                });
            request.multipart(form)
        }
    };
    if let Some(content_type) = &case.content_type {
        request = request.header("content-type", content_type.as_str());
    }
    match request.send().await {
        Ok(response) => {
            let status = response.status().as_u16();
            let allow = response.headers().contains_key("allow");
            match response.bytes().await {
                Ok(bytes) => Outcome {
                    status,
                    body: String::from_utf8_lossy(&bytes).into_owned(),
                    allow,
                    ..Outcome::failed(None)
                },
                Err(error) => Outcome {
                    status,
                    closed: case.has_large_body(),
                    ..Outcome::failed(Some(format!("the answer broke off: {error}")))
                },
            }
        }
        Err(error) if error.is_timeout() => Outcome::failed(Some(format!("no answer within {TIMEOUT:?}"))),
        Err(error) => Outcome {
            closed: error.is_request() && case.has_large_body(),
            ..Outcome::failed(Some(format!("no answer: {error:?}")))
        },
    }
}

/// Traces of Rust internals that must not reach a person.
const DEBUG_DUMP: &[&str] = &[
    "panicked",
    "RUST_BACKTRACE",
    "ServerFnErrorErr",
    "called `",
    "Error {",
    "sqlx",
    "src/",
    "DatabaseError",
];

impl Outcome {
    fn failed(error: Option<String>) -> Self {
        Self {
            status: 0,
            body: String::new(),
            allow: false,
            error,
            closed: false,
        }
    }

    /// The server answered early and closed while a large body was still being sent (as it
    /// may when it refuses the request unread). Panics are caught by the panic hook instead.
    pub fn closed_early(&self) -> bool {
        self.closed
    }

    pub fn problem(&self) -> Option<String> {
        if self.closed {
            return None;
        }
        if let Some(error) = &self.error {
            return Some(error.clone());
        }
        let body: String = self.body.chars().take(200).collect();
        if self.status >= 500 {
            return Some(format!("{} {body}", self.status));
        }
        if !(400..500).contains(&self.status) {
            return None;
        }
        // The body-size limit answers before anything reads the request; axum's method router
        // answers a wrong method with an empty 405 and the methods it allows.
        if self.status == 413 || (self.status == 405 && self.allow) {
            return None;
        }
        if self.body.trim().is_empty() {
            return Some(format!("{} with an empty body", self.status));
        }
        if let Some(trace) = DEBUG_DUMP.iter().find(|t| self.body.contains(**t)) {
            return Some(format!("{} shows `{trace}`: {body}", self.status));
        }
        None
    }
}
