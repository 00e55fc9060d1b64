//! Meta's Graph APIs (Facebook, Instagram, Threads): error codes, ids, media containers.
use crate::server::platforms::outgoing::https_link;
use crate::server::platforms::{NetworkError, body, response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// How often, and how many times, a media container is asked whether it is ready (~30 s).
const POLL_EVERY: Duration = if cfg!(test) {
    Duration::from_millis(5)
} else {
    Duration::from_secs(2)
};
const POLL_ATTEMPTS: u32 = 15;

/// The answer to a POST that created something (a container, a photo, a post).
#[derive(Deserialize)]
pub struct Created {
    pub id: String,
}

/// Graph ids are numeric and end up in a URL path: refuse anything else before asking.
pub fn numeric_id(id: &str, label: &str) -> Result<(), NetworkError> {
    if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()) {
        return Ok(());
    }
    Err(NetworkError::Rejected {
        status: 400,
        message: format!("the {label} must be a number"),
    })
}

#[derive(Deserialize)]
struct GraphErrorBody {
    error: GraphError,
}

#[derive(Deserialize)]
struct GraphError {
    message: Option<String>,
    error_user_msg: Option<String>,
    code: Option<i64>,
    #[serde(default)]
    is_transient: bool,
}

/// Like `response::json`, for Meta's Graph APIs: they answer most failures, a dead token
/// included, with HTTP 400 and `{"error":{"code":…}}`, so the code decides the class. `token`
/// is scrubbed from the message in case Meta quotes it.
pub async fn graph_json<T: DeserializeOwned>(
    request: reqwest::RequestBuilder,
    token: &str,
) -> Result<T, NetworkError> {
    let answer = request.send().await.map_err(NetworkError::from_transport)?;
    let status = answer.status();
    if status.is_success() {
        return body::json(answer).await.map_err(|error| match error {
            NetworkError::Protocol(message) => NetworkError::Protocol(message.replace(char::is_control, " ")),
            other => other,
        });
    }
    let retry_after = response::wait_asked(&answer);
    let body = body::error_text(answer).await;
    let Ok(GraphErrorBody { error }) = serde_json::from_str(&body) else {
        return Err(response::classify(status.as_u16(), &body, retry_after));
    };
    let message = readable(&error.error_user_msg.or(error.message).unwrap_or_default(), token);
    // Codes from Meta's "Handling Errors" guide.
    let refused = matches!(error.code, Some(10 | 102 | 190 | 200..=299));
    let temporary =
        matches!(error.code, Some(1 | 2 | 4 | 17 | 32 | 341 | 613 | 80001..=80014)) || error.is_transient;
    Err(if refused {
        NetworkError::Unauthorized(message)
    } else if temporary {
        NetworkError::Unavailable {
            status: Some(status.as_u16()),
            message,
            retry_after,
        }
    } else {
        response::classify(status.as_u16(), &message, retry_after)
    })
}

/// POSTs form fields, as Meta's examples send them, with the token in the header.
pub async fn post_form<T: DeserializeOwned, F: Serialize + ?Sized>(
    http: &reqwest::Client,
    url: &str,
    token: &str,
    form: &F,
) -> Result<T, NetworkError> {
    graph_json(http.post(url).bearer_auth(token).form(form), token).await
}

/// Meta's text, without the token, control characters or excess length.
fn readable(text: &str, token: &str) -> String {
    let text = if token.is_empty() {
        text.to_owned()
    } else {
        text.replace(token, "[redacted]")
    };
    let text: String = text.chars().filter(|c| !c.is_control()).take(300).collect();
    if text.trim().is_empty() {
        "no details given".to_owned()
    } else {
        text
    }
}

/// Waits until Meta has fetched and processed a media container's image; publishing earlier
/// fails. Instagram names the fields `status_code`/`status`, Threads `status`/`error_message`.
pub async fn wait_until_finished(
    http: &reqwest::Client,
    base: &str,
    container_id: &str,
    token: &str,
    (status_field, detail_field): (&str, &str),
) -> Result<(), NetworkError> {
    for attempt in 0..POLL_ATTEMPTS {
        if attempt > 0 {
            tokio::time::sleep(POLL_EVERY).await;
        }
        let answer: serde_json::Value = graph_json(
            http.get(format!(
                "{base}/{container_id}?fields={status_field},{detail_field}"
            ))
            .bearer_auth(token),
            token,
        )
        .await?;
        let field = |name: &str| answer.get(name).and_then(|v| v.as_str()).unwrap_or_default();
        match field(status_field) {
            "FINISHED" => return Ok(()),
            state @ ("ERROR" | "EXPIRED") => {
                let detail = readable(field(detail_field), token);
                return Err(NetworkError::Rejected {
                    status: 422,
                    message: format!("the media could not be prepared ({state}): {detail}"),
                });
            }
            _ => {}
        }
    }
    Err(NetworkError::Unavailable {
        status: None,
        message: "the media was still being processed; try again later".into(),
        retry_after: None,
    })
}

#[derive(Deserialize)]
struct Permalink {
    permalink: Option<String>,
}

/// Where a published media lives. Only a nicety: the post is out even if this fails.
pub async fn permalink(http: &reqwest::Client, base: &str, media_id: &str, token: &str) -> Option<String> {
    let answer: Permalink = graph_json(
        http.get(format!("{base}/{media_id}?fields=permalink"))
            .bearer_auth(token),
        token,
    )
    .await
    .ok()?;
    https_link(answer.permalink)
}
