//! The server functions as tests call them: one typed method on `TestApp` per function, in the
//! file named like its `src/api` module. The endpoint is the function's own `PATH` and the
//! arguments its own argument struct, so a renamed function or argument fails to compile here
//! instead of answering 404 or a default in a test that expected a refusal anyway.
mod accounts;
mod audit;
mod auth;
mod calendar;
mod dashboard;
mod drafts;
mod evergreen;
mod invite;
mod notifications;
mod oauth;
mod plan;
mod posts;
mod review;
mod series;
mod settings;
mod team;

pub use accounts::mastodon;
pub use auth::signing_up;
pub use calendar::between;
pub use oauth::link;
pub use posts::{composer, ticked};
pub use series::repeating;

use crate::helpers::{Browser, TestApp};
use leptos::server_fn::ServerFn;
use reqwest::header::HeaderMap;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::marker::PhantomData;

/// A server function's answer, read whole: what it returned, or how it refused.
pub struct Answer<T> {
    status: u16,
    headers: HeaderMap,
    body: String,
    returns: PhantomData<fn() -> T>,
}

impl<T> Answer<T> {
    pub async fn read(response: reqwest::Response) -> Self {
        Self {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: response.text().await.expect("the answer is read"),
            returns: PhantomData,
        }
    }

    pub fn status(&self) -> u16 {
        self.status
    }

    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    pub fn body(&self) -> &str {
        &self.body
    }

    /// The status and the user-facing message of a refusal.
    pub fn refused(&self) -> (u16, String) {
        assert_ne!(self.status, 200, "expected a refusal: {}", self.body);
        let error: herald::error::AppError = serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("{} {} is no AppError: {e}", self.status, self.body));
        (self.status, error.to_string())
    }

    /// The answer as sent, for tests of its shape rather than its value.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{} {}: {e}", self.status, self.body))
    }
}

impl<T: DeserializeOwned> Answer<T> {
    /// What the function returned; a refusal fails the test with its body.
    pub fn ok(self) -> T {
        assert_eq!(self.status, 200, "expected success: {}", self.body);
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{} {}: {e}", self.status, self.body))
    }
}

/// Calls `F` on the Herald at `address` as the hydrated app does: form-encoded, JSON back.
pub async fn send<F: ServerFn + Serialize>(
    client: &reqwest::Client,
    address: &str,
    args: &F,
) -> Answer<F::Output> {
    send_form::<F>(client, address, &form_fields(args)).await
}

/// Sends hand-made `fields` to `F`'s endpoint: for what a malformed or incomplete request gets.
pub async fn send_form<F: ServerFn>(
    client: &reqwest::Client,
    address: &str,
    fields: &(impl Serialize + ?Sized),
) -> Answer<F::Output> {
    let response = client
        .post(format!("{address}{}", F::PATH))
        .header("accept", "application/json")
        .form(fields)
        .send()
        .await
        .expect("the request is sent");
    Answer::read(response).await
}

impl TestApp {
    /// Calls `F` as `browser`, as the hydrated app does.
    pub async fn send<F: ServerFn + Serialize>(&self, browser: &Browser, args: &F) -> Answer<F::Output> {
        send(&browser.client, &self.address, args).await
    }

    /// Sends hand-made `fields` to `F`'s endpoint as `browser`.
    pub async fn send_form<F: ServerFn>(
        &self,
        browser: &Browser,
        fields: &(impl Serialize + ?Sized),
    ) -> Answer<F::Output> {
        send_form::<F>(&browser.client, &self.address, fields).await
    }

    /// Submits a form to `F` the way a browser without JavaScript does.
    pub async fn form_post<F: ServerFn>(
        &self,
        browser: &Browser,
        from_page: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        browser
            .client
            .post(self.url(F::PATH))
            .header("accept", "text/html,application/xhtml+xml")
            .header("referer", self.url(from_page))
            .form(form)
            .send()
            .await
            .expect("the request is sent")
    }
}

/// `args` as form fields the way serde_qs, which the server reads them with, spells them:
/// `targets[0][account_id]=…`, with `None` left out.
pub fn form_fields(args: &impl Serialize) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    let value = serde_json::to_value(args).expect("the arguments serialize");
    flatten(String::new(), value, &mut fields);
    fields
}

fn flatten(key: String, value: Value, fields: &mut Vec<(String, String)>) {
    let inner = |name: &str| match key.as_str() {
        "" => name.to_owned(),
        outer => format!("{outer}[{name}]"),
    };
    match value {
        Value::Null => {}
        Value::Object(entries) => {
            for (name, value) in entries {
                flatten(inner(&name), value, fields);
            }
        }
        Value::Array(items) => {
            for (index, value) in items.into_iter().enumerate() {
                flatten(inner(&index.to_string()), value, fields);
            }
        }
        Value::String(text) => fields.push((key, text)),
        number_or_bool => fields.push((key, number_or_bool.to_string())),
    }
}
