//! A fake network on loopback: Mastodon's status endpoint (deduplicates by Idempotency-Key,
//! as Mastodon does) and a Discord webhook (no key: every request posts). It records every
//! request and can be told at runtime to be slow, to answer 503, or to answer 429.
use anyhow::Result;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How the network answers right now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mode {
    /// Posts, then answers after this long.
    Up(Duration),
    /// 503 at once.
    Unavailable,
    /// 429 until the instant, with Retry-After in whole seconds (rounded up); then up again.
    RateLimited { until: DateTime<Utc>, then: Duration },
}

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct Request {
    pub at: DateTime<Utc>,
    pub key: Option<String>,
    pub status: u16,
    /// The instant a 429 named (arrival plus Retry-After).
    pub named: Option<DateTime<Utc>>,
}

/// A post the network made (a repeat of an Idempotency-Key makes none).
#[derive(Debug, Clone)]
pub struct Publication {
    pub id: String,
    pub text: String,
}

#[derive(Default)]
struct Shared {
    mode: Mutex<Option<Mode>>,
    requests: Mutex<Vec<Request>>,
    publications: Mutex<Vec<Publication>>,
    /// Mastodon's memory of keys: the status each one created.
    by_key: Mutex<HashMap<String, String>>,
    in_flight: AtomicUsize,
}

#[derive(Clone)]
pub struct Fake {
    pub address: String,
    shared: Arc<Shared>,
}

impl Fake {
    pub async fn start(mode: Mode) -> Result<Self> {
        let shared = Arc::new(Shared::default());
        *shared.mode.lock().unwrap() = Some(mode);
        let app = Router::new()
            .route("/api/v1/statuses", post(mastodon))
            .route("/discord/webhook", post(discord))
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let address = format!("http://{}", listener.local_addr()?);
        tokio::spawn(async move { axum::serve(listener, app).await });
        Ok(Self { address, shared })
    }

    pub fn set(&self, mode: Mode) {
        *self.shared.mode.lock().unwrap() = Some(mode);
    }

    pub fn requests(&self) -> Vec<Request> {
        self.shared.requests.lock().unwrap().clone()
    }

    pub fn publications(&self) -> Vec<Publication> {
        self.shared.publications.lock().unwrap().clone()
    }

    /// Requests posted but not yet answered (those a kill cuts off).
    pub fn in_flight(&self) -> usize {
        self.shared.in_flight.load(Ordering::SeqCst)
    }
}

/// What to do with a request that arrives now: refuse it, or post after a delay.
enum Answer {
    Refuse(Response, u16, Option<DateTime<Utc>>),
    Post(Duration),
}

fn decide(shared: &Shared, now: DateTime<Utc>) -> Answer {
    match shared.mode.lock().unwrap().expect("a mode is set") {
        Mode::Up(delay) => Answer::Post(delay),
        Mode::Unavailable => Answer::Refuse(
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({"error": "Service Unavailable"})),
            )
                .into_response(),
            503,
            None,
        ),
        Mode::RateLimited { until, then } if now >= until => Answer::Post(then),
        Mode::RateLimited { until, .. } => {
            let wait = ((until - now).num_milliseconds() as f64 / 1000.0).ceil().max(1.0) as i64;
            let named = now + chrono::Duration::seconds(wait);
            let response = (
                StatusCode::TOO_MANY_REQUESTS,
                [("retry-after", wait.to_string())],
                Json(json!({"error": "Too many requests"})),
            );
            Answer::Refuse(response.into_response(), 429, Some(named))
        }
    }
}

async fn mastodon(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    let key = headers
        .get("idempotency-key")
        .and_then(|k| k.to_str().ok())
        .map(str::to_owned);
    let text = body["status"].as_str().unwrap_or_default().to_owned();
    let answer = handle(&shared, key.clone(), |shared| {
        // Same key, same status: a repeat posts nothing new.
        let mut by_key = shared.by_key.lock().unwrap();
        if let Some(id) = key.as_ref().and_then(|k| by_key.get(k)) {
            return id.clone();
        }
        let id = publish(shared, text);
        if let Some(key) = key {
            by_key.insert(key, id.clone());
        }
        id
    })
    .await;
    match answer {
        Ok(id) => Json(json!({"id": id, "url": format!("https://fake.example/@chaos/{id}")})).into_response(),
        Err(refusal) => refusal,
    }
}

async fn discord(State(shared): State<Arc<Shared>>, Json(body): Json<Value>) -> Response {
    let text = body["content"].as_str().unwrap_or_default().to_owned();
    let answer = handle(&shared, None, |shared| publish(shared, text)).await;
    match answer {
        Ok(id) => Json(json!({"id": id, "channel_id": "1", "guild_id": "2"})).into_response(),
        Err(refusal) => refusal,
    }
}

/// Records the request, then refuses it or posts it at once (so a client killed while waiting
/// for the answer leaves a post it never heard about) and answers after the delay.
async fn handle(
    shared: &Shared,
    key: Option<String>,
    post_it: impl FnOnce(&Shared) -> String,
) -> Result<String, Response> {
    let at = Utc::now();
    let mut request = Request {
        at,
        key,
        status: 200,
        named: None,
    };
    match decide(shared, at) {
        Answer::Refuse(response, status, named) => {
            request.status = status;
            request.named = named;
            shared.requests.lock().unwrap().push(request);
            Err(response)
        }
        Answer::Post(delay) => {
            shared.requests.lock().unwrap().push(request);
            let id = post_it(shared);
            shared.in_flight.fetch_add(1, Ordering::SeqCst);
            let _done = InFlight(&shared.in_flight);
            tokio::time::sleep(delay).await;
            Ok(id)
        }
    }
}

fn publish(shared: &Shared, text: String) -> String {
    let mut publications = shared.publications.lock().unwrap();
    let id = format!("{}", publications.len() + 1);
    publications.push(Publication { id: id.clone(), text });
    id
}

/// Counts a request out when its answer is sent or its client goes away.
struct InFlight<'a>(&'a AtomicUsize);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}
