//! What the fuzzer sends: a target (server function or route), a method, a content type and
//! a body or query built from field names Herald uses and values it does not expect.
use crate::helpers::{Browser, TestApp};
use rand::Rng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use uuid::Uuid;

#[derive(Debug, Clone)]
pub enum Target {
    /// `/api/{name}`.
    Function(String),
    /// A route or page, as axum spells it (`/media/{id}`).
    Route(String),
}

/// Every registered server function, route and page (as the isolation matrix finds them).
pub fn targets() -> Vec<Target> {
    let mut targets: Vec<Target> = crate::matrix::registered_functions()
        .into_iter()
        .map(Target::Function)
        .collect();
    targets.extend(crate::matrix::registered_routes().into_iter().map(Target::Route));
    targets
}

/// Field names server functions read, and ids that exist, so cases reach past the decoder.
pub struct Vocabulary {
    ids: Vec<String>,
}

#[rustfmt::skip]
const FIELDS: &[&str] = &[
    "id", "post_id", "parent_id", "user_id", "workspace_id", "account_id", "version", "body", "note",
    "date", "time", "timezone", "intent", "email", "password", "name", "workspace_name", "next",
    "token", "role", "platform", "display_name", "colour", "fields[instance_url]",
    "fields[access_token]", "paused", "from", "to", "statuses[0]", "ids[0]", "ids[1]", "action",
    "url", "kind", "in_app", "required", "editors_need_approval", "self_approval", "before",
    "query[action]", "query[from]", "targets[0][account_id]", "targets[0][selected]",
    "targets[0][body_override]", "images[0][media_id]", "images[0][alt_text]", "image",
];

#[rustfmt::skip]
const WORDS: &[&str] = &[
    "", " ", "true", "false", "maybe", "0", "-1", "1", "2147483647", "2147483648",
    "-9223372036854775809", "1e400", "NaN", "null", "[]", "{}", "draft", "submit", "schedule",
    "publish_now", "owner", "admin", "viewer", "superuser", "mastodon", "bluesky", "webhook",
    "cancel", "mark_published", "publish_again", "commented", "#0ea5e9", "#zzzzzz", "UTC",
    "Europe/Berlin", "Mars/Olympus", "2026-13-45", "2026-02-29", "9999-12-31", "0000-01-01",
    "25:61", "10:30", "2026-12-01T10:00:00Z", "+275760-09-13T00:00:00Z", "not-a-uuid",
    "00000000-0000-0000-0000-000000000000", "../../etc/passwd", "<script>alert(1)</script>",
    "' or 1=1 --", "%00", "%ZZ", "%C3%28", "\u{0}", "\u{202e}gnp.exe", "🧨🧨", "a@b", "x@example.com",
    "http://127.0.0.1:1/", "javascript:alert(1)", "//evil.example",
];

impl Vocabulary {
    /// The owner's own workspace, account-free: a post, the owner, the workspace.
    pub async fn gather(app: &TestApp, owner: &Browser) -> Self {
        let viewer = app.viewer(owner).await;
        let workspace = viewer.workspace.id;
        let post: Uuid = sqlx::query_scalar(
            "insert into posts (workspace_id, author_id, body, status, timezone)
             values ($1, $2, 'Fuzz me', 'draft', 'UTC') returning id",
        )
        .bind(workspace)
        .bind(viewer.user_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
        let ids = [post, viewer.user_id, workspace]
            .iter()
            .map(Uuid::to_string)
            .collect();
        Self { ids }
    }

    fn value(&self, rng: &mut StdRng) -> String {
        match rng.random_range(0..10) {
            0..=1 => self.ids.choose(rng).unwrap().clone(),
            2 => Uuid::new_v4().to_string(),
            3 => huge(rng),
            4 => random_text(rng, 40),
            _ => WORDS.choose(rng).unwrap().to_string(),
        }
    }

    fn key(&self, rng: &mut StdRng) -> String {
        match rng.random_range(0..12) {
            0 => random_text(rng, 12),
            1 => format!("a{}", "[b]".repeat(rng.random_range(1..600))),
            2 => format!("ids[{}]", rng.random_range(0..u32::MAX)),
            _ => FIELDS.choose(rng).unwrap().to_string(),
        }
    }
}

/// A long string: sometimes past any field limit, rarely past the body limit.
fn huge(rng: &mut StdRng) -> String {
    let len = match rng.random_range(0..20) {
        0 => rng.random_range(1_000_000..3_000_000),
        _ => rng.random_range(1_000..70_000),
    };
    let unit = ["a", "é", "🧨", "<", "\u{301}"].choose(rng).copied().unwrap();
    unit.repeat(len / unit.len())
}

fn random_text(rng: &mut StdRng, max: usize) -> String {
    let len = rng.random_range(0..max);
    (0..len).map(|_| rng.random::<char>()).collect()
}

#[derive(Debug, Clone)]
pub enum Body {
    None,
    /// Encoded properly, as a browser would.
    Form(Vec<(String, String)>),
    /// Whatever bytes, sent as is (bad escapes, invalid UTF-8, JSON, deep nesting).
    Raw(Vec<u8>),
    Multipart(Vec<(String, Vec<u8>)>),
}

#[derive(Debug, Clone)]
pub struct Case {
    pub target: Target,
    pub method: &'static str,
    pub content_type: Option<String>,
    pub accept: &'static str,
    pub body: Body,
    /// The path as sent (route params and query filled in).
    pub path: String,
}

/// Past this, a server may answer (and close) before it has read the whole body.
const LARGE_BODY: usize = 4 * 1024;

const METHODS: &[&str] = &["POST", "GET", "PUT", "DELETE", "PATCH"];
const CONTENT_TYPES: &[&str] = &[
    "application/x-www-form-urlencoded",
    "application/json",
    "multipart/form-data; boundary=x",
    "multipart/form-data",
    "text/plain",
    "application/cbor",
    "application/x-www-form-urlencoded; charset=latin1",
    "application/x-garbage; boundary=\"",
];

impl Case {
    pub fn random(rng: &mut StdRng, targets: &[Target], words: &Vocabulary) -> Self {
        let target = targets.choose(rng).unwrap().clone();
        let (method, path) = match &target {
            Target::Function(name) => {
                let method = if rng.random_bool(0.85) {
                    "POST"
                } else {
                    *METHODS.choose(rng).unwrap()
                };
                let query = rng.random_bool(0.15).then(|| query(rng, words));
                (method, format!("/api/{name}{}", query.unwrap_or_default()))
            }
            Target::Route(path) => {
                let method = if rng.random_bool(0.85) {
                    "GET"
                } else {
                    *METHODS.choose(rng).unwrap()
                };
                (method, format!("{}{}", fill(path, rng, words), query(rng, words)))
            }
        };
        let body = match rng.random_range(0..10) {
            0 => Body::None,
            1..=4 => Body::Form(
                (0..rng.random_range(0..8))
                    .map(|_| (words.key(rng), words.value(rng)))
                    .collect(),
            ),
            5 => Body::Raw(json(rng, words)),
            6 => Body::Raw(malformed(rng, words)),
            7 => Body::Multipart(
                (0..rng.random_range(0..4))
                    .map(|_| {
                        (
                            words.key(rng),
                            (0..rng.random_range(0..2000)).map(|_| rng.random()).collect(),
                        )
                    })
                    .collect(),
            ),
            _ => Body::Raw((0..rng.random_range(0..4000)).map(|_| rng.random()).collect()),
        };
        let content_type = match &body {
            Body::Form(_) if rng.random_bool(0.8) => Some(CONTENT_TYPES[0].to_owned()),
            Body::Multipart(_) => None,
            _ if rng.random_bool(0.15) => None,
            _ => Some(CONTENT_TYPES.choose(rng).unwrap().to_string()),
        };
        let accept = *["application/json", "text/html", "*/*"].choose(rng).unwrap();
        Self {
            target,
            method,
            content_type,
            accept,
            body,
            path,
        }
    }

    /// Cases after which the owner's browser signs in again.
    pub fn may_end_the_session(&self) -> bool {
        matches!(&self.target, Target::Function(name) if matches!(
            name.as_str(),
            "sign_in" | "sign_out" | "sign_up" | "switch_workspace" | "accept_invite" | "remove_member" | "change_role"
        ))
    }

    pub fn has_large_body(&self) -> bool {
        let size = match &self.body {
            Body::None => 0,
            Body::Form(pairs) => pairs.iter().map(|(k, v)| k.len() + v.len() + 2).sum(),
            Body::Raw(bytes) => bytes.len(),
            Body::Multipart(parts) => parts.iter().map(|(k, v)| k.len() + v.len() + 100).sum(),
        };
        size > LARGE_BODY
    }

    /// A short description for a failure message.
    pub fn describe(&self) -> String {
        let body = match &self.body {
            Body::None => "no body".to_owned(),
            Body::Form(pairs) => format!(
                "form {:?}",
                pairs.iter().map(|(k, v)| (clip(k), clip(v))).collect::<Vec<_>>()
            ),
            Body::Raw(bytes) => format!(
                "{} raw bytes {:?}",
                bytes.len(),
                clip(&String::from_utf8_lossy(bytes))
            ),
            Body::Multipart(parts) => format!(
                "multipart {:?}",
                parts.iter().map(|p| clip(&p.0)).collect::<Vec<_>>()
            ),
        };
        format!(
            "{} {} [{:?}] {body}",
            self.method,
            clip(&self.path),
            self.content_type
        )
    }
}

fn clip(text: &str) -> String {
    let short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        format!("{short}…({} bytes)", text.len())
    } else {
        short
    }
}

fn fill(path: &str, rng: &mut StdRng, words: &Vocabulary) -> String {
    let param = match rng.random_range(0..4) {
        0 => words.ids.choose(rng).unwrap().clone(),
        1 => Uuid::new_v4().to_string(),
        2 => "%ZZ%00..%2F..".to_owned(),
        _ => escape(&words.value(rng).chars().take(200).collect::<String>()),
    };
    path.replace("{id}", &param).replace("{token}", &param)
}

fn query(rng: &mut StdRng, words: &Vocabulary) -> String {
    let pairs: Vec<String> = (0..rng.random_range(0..5))
        .map(|_| {
            let (key, value) = (words.key(rng), words.value(rng));
            // Short enough to stay a valid URI (under 64 KB).
            let value: String = value.chars().take(200).collect();
            if rng.random_bool(0.5) {
                format!("{}={}", escape(&key), escape(&value))
            } else {
                // Unescaped: bad percent escapes and stray bytes as they come.
                format!("{key}={value}")
            }
        })
        .collect();
    format!("?{}", pairs.join("&"))
}

fn escape(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// JSON: random documents with Herald's field names, and nesting deep enough to hurt.
fn json(rng: &mut StdRng, words: &Vocabulary) -> Vec<u8> {
    match rng.random_range(0..4) {
        0 => {
            let depth = rng.random_range(100..50_000);
            format!("{}{}", "[".repeat(depth), "]".repeat(depth)).into_bytes()
        }
        1 => {
            let depth = rng.random_range(100..20_000);
            format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth)).into_bytes()
        }
        _ => {
            let object: serde_json::Map<String, serde_json::Value> = (0..rng.random_range(0..6))
                .map(|_| (words.key(rng), json_value(rng, words, 3)))
                .collect();
            serde_json::to_vec(&object).unwrap()
        }
    }
}

fn json_value(rng: &mut StdRng, words: &Vocabulary, depth: u32) -> serde_json::Value {
    use serde_json::Value;
    match rng.random_range(0..7) {
        0 => Value::Null,
        1 => Value::Bool(rng.random()),
        2 => Value::from(rng.random::<i64>()),
        3 => Value::from(rng.random::<f64>() * 1e300),
        4 if depth > 0 => Value::Array((0..3).map(|_| json_value(rng, words, depth - 1)).collect()),
        5 if depth > 0 => Value::Object(
            (0..3)
                .map(|_| (words.key(rng), json_value(rng, words, depth - 1)))
                .collect(),
        ),
        _ => Value::String(words.value(rng)),
    }
}

/// Almost-forms: bad escapes, invalid UTF-8, keys without values, endless brackets.
fn malformed(rng: &mut StdRng, words: &Vocabulary) -> Vec<u8> {
    let mut out = Vec::new();
    for _ in 0..rng.random_range(1..8) {
        let piece: Vec<u8> = match rng.random_range(0..6) {
            0 => b"%ZZ=%C3%28&%".to_vec(),
            1 => vec![0xff, 0xfe, b'=', 0xc3, 0x28],
            2 => format!("{}=", words.key(rng)).into_bytes(),
            3 => format!("{}[=]]]&&==", words.key(rng)).into_bytes(),
            4 => format!("{}={}", words.key(rng), words.value(rng)).into_bytes(),
            _ => "[".repeat(rng.random_range(1..5000)).into_bytes(),
        };
        out.extend(piece);
        out.push(b'&');
    }
    out
}
