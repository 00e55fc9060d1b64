//! Meta's token endpoints (Facebook Login, Threads) are OAuth-shaped but not RFC 6749: the
//! code buys a short-lived token with no `token_type` (Threads) or over GET (Facebook), which
//! is traded at once for a long-lived one, and refusals come as Graph errors.
use super::tokens::{TokenError, Tokens};
use serde::Deserialize;
use std::time::Duration;

/// Which of Meta's two sign-ins a provider speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetaLogin {
    /// Facebook Login (Pages, and Instagram professional accounts linked to them).
    Facebook,
    /// Threads' own authorization window, with the Threads app id.
    Threads,
}

#[derive(Deserialize)]
struct Granted {
    access_token: String,
    expires_in: Option<u64>,
    /// Threads names who signed in; a number in its answers.
    user_id: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct GraphFailure {
    error: Option<GraphError>,
    // Threads' code exchange answers in Instagram's older flat shape.
    error_type: Option<String>,
    error_message: Option<String>,
}

#[derive(Deserialize)]
struct GraphError {
    message: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    code: Option<i64>,
    is_transient: Option<bool>,
}

/// Meta's error codes that mean "later", not "no": temporary, throttled, rate limited.
const TRANSIENT_CODES: [i64; 6] = [1, 2, 4, 17, 32, 613];

impl MetaLogin {
    /// Trades the code for a long-lived token; `subject` is who signed in, where Meta says.
    /// `app`: the client id, its secret and the token endpoint.
    pub async fn exchange(
        self,
        http: &reqwest::Client,
        app: (&str, &str, &str),
        api: &str,
        redirect_uri: &str,
        code: &str,
    ) -> Result<(Tokens, Option<String>), TokenError> {
        let (client_id, secret, token_url) = app;
        let short: Granted = match self {
            MetaLogin::Facebook => {
                let query = [
                    ("client_id", client_id),
                    ("client_secret", secret),
                    ("redirect_uri", redirect_uri),
                    ("code", code),
                ];
                call(http.get(token_url).query(&query)).await?
            }
            MetaLogin::Threads => {
                let form = [
                    ("client_id", client_id),
                    ("client_secret", secret),
                    ("grant_type", "authorization_code"),
                    ("redirect_uri", redirect_uri),
                    ("code", code),
                ];
                call(http.post(token_url).form(&form)).await?
            }
        };
        let subject = short.user_id.as_ref().map(|id| match id {
            serde_json::Value::String(text) => text.clone(),
            other => other.to_string(),
        });
        let long: Granted = match self {
            MetaLogin::Facebook => {
                let query = [
                    ("grant_type", "fb_exchange_token"),
                    ("client_id", client_id),
                    ("client_secret", secret),
                    ("fb_exchange_token", short.access_token.as_str()),
                ];
                call(http.get(format!("{api}/oauth/access_token")).query(&query)).await?
            }
            MetaLogin::Threads => {
                let query = [
                    ("grant_type", "th_exchange_token"),
                    ("client_secret", secret),
                    ("access_token", short.access_token.as_str()),
                ];
                call(http.get(format!("{api}/access_token")).query(&query)).await?
            }
        };
        Ok((self.tokens(long), subject))
    }

    /// Threads renews a long-lived token with the token itself; Facebook's Page tokens do
    /// not run out, so there is nothing to renew.
    pub async fn refresh(self, http: &reqwest::Client, api: &str, token: &str) -> Result<Tokens, TokenError> {
        match self {
            MetaLogin::Threads => {
                let query = [("grant_type", "th_refresh_token"), ("access_token", token)];
                let renewed: Granted =
                    call(http.get(format!("{api}/refresh_access_token")).query(&query)).await?;
                Ok(self.tokens(renewed))
            }
            MetaLogin::Facebook => Err(TokenError::Protocol(
                "Facebook Page tokens do not expire and are not renewed".into(),
            )),
        }
    }

    fn tokens(self, granted: Granted) -> Tokens {
        // A Threads token is its own refresh token: keeping it as one lets the usual
        // renewal (and its lock) look after it.
        // Facebook's user token only lists the Pages; what is connected is each Page's own
        // token, made from a long-lived user token, which does not run out.
        let (refresh_token, expires_in) = match self {
            MetaLogin::Threads => (
                Some(granted.access_token.clone()),
                granted.expires_in.map(Duration::from_secs),
            ),
            MetaLogin::Facebook => (None, None),
        };
        Tokens {
            access_token: granted.access_token,
            refresh_token,
            expires_in,
            scopes: None,
            subject: None,
        }
    }
}

async fn call(request: reqwest::RequestBuilder) -> Result<Granted, TokenError> {
    let failed = |error: reqwest::Error| {
        let error = error.without_url();
        TokenError::Unavailable(if error.is_timeout() {
            "no answer in time".to_owned()
        } else {
            error.to_string()
        })
    };
    let answer = request.send().await.map_err(failed)?;
    let status = answer.status();
    let body = answer.bytes().await.map_err(failed)?;
    if status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS {
        return Err(TokenError::Unavailable(format!(
            "the server is busy or failing (HTTP {})",
            status.as_u16()
        )));
    }
    if status.is_success() {
        return serde_json::from_slice(&body).map_err(|_| {
            TokenError::Protocol("the token endpoint answered something that is not a token".into())
        });
    }
    Err(refusal(status.as_u16(), &body))
}

fn refusal(status: u16, body: &[u8]) -> TokenError {
    let Ok(failure) = serde_json::from_slice::<GraphFailure>(body) else {
        return TokenError::Protocol(format!(
            "the token endpoint answered HTTP {status} without an error"
        ));
    };
    match failure.error {
        Some(error)
            if error.is_transient == Some(true) || TRANSIENT_CODES.contains(&error.code.unwrap_or(0)) =>
        {
            TokenError::Unavailable(error.message.unwrap_or_else(|| "try again later".into()))
        }
        Some(error) => TokenError::Refused {
            code: match (error.kind, error.code) {
                (Some(kind), Some(code)) => format!("{kind} {code}"),
                (kind, code) => kind
                    .or(code.map(|c| c.to_string()))
                    .unwrap_or_else(|| status.to_string()),
            },
            description: error.message,
        },
        None => TokenError::Refused {
            code: failure.error_type.unwrap_or_else(|| format!("HTTP {status}")),
            description: failure.error_message,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_errors_are_sorted_into_later_and_no() {
        let expired =
            br#"{"error":{"message":"Error validating access token","type":"OAuthException","code":190}}"#;
        assert_eq!(
            refusal(400, expired),
            TokenError::Refused {
                code: "OAuthException 190".into(),
                description: Some("Error validating access token".into())
            }
        );
        let throttled =
            br#"{"error":{"message":"Application request limit reached","type":"OAuthException","code":4}}"#;
        assert!(matches!(refusal(400, throttled), TokenError::Unavailable(_)));
        let transient = br#"{"error":{"message":"An unexpected error","code":99,"is_transient":true}}"#;
        assert!(matches!(refusal(400, transient), TokenError::Unavailable(_)));
        let flat = br#"{"error_type":"OAuthException","code":400,"error_message":"Invalid code"}"#;
        assert_eq!(
            refusal(400, flat),
            TokenError::Refused {
                code: "OAuthException".into(),
                description: Some("Invalid code".into())
            }
        );
        assert!(matches!(refusal(400, b"<html>"), TokenError::Protocol(_)));
    }
}
