//! Telegram: a bot token from @BotFather and the chat the bot posts to.
use super::{Credentials, Network, NetworkContext, NetworkError, Verified, response};
use crate::domain::text::AccountTextSettings;
use async_trait::async_trait;
use serde::Deserialize;
use serde::de::DeserializeOwned;

pub struct Telegram;

/// Every Bot API answer: `result` when `ok`, else `description`.
#[derive(Deserialize)]
struct Reply<T> {
    ok: bool,
    result: Option<T>,
    description: Option<String>,
}

#[derive(Deserialize)]
struct Bot {
    username: Option<String>,
    first_name: String,
}

#[derive(Deserialize)]
struct Chat {
    title: Option<String>,
    username: Option<String>,
    first_name: Option<String>,
}

#[async_trait]
impl Network for Telegram {
    async fn verify(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
    ) -> Result<Verified, NetworkError> {
        let Credentials::Telegram { bot_token, chat_id } = credentials else {
            return Err(NetworkError::Protocol("not Telegram credentials".into()));
        };
        // The token goes into the URL path: refuse anything that could change the path.
        if !looks_like_a_bot_token(bot_token) {
            return Err(NetworkError::Unauthorized(
                "this is not a bot token; @BotFather gives one like 123456:ABC-DEF…".into(),
            ));
        }
        let api = format!("{}/bot{bot_token}", ctx.endpoints.telegram_api);
        let bot: Bot = call(ctx.http.get(format!("{api}/getMe")))
            .await
            .map_err(|error| match error {
                // A well-formed but unknown token is "Not Found", not "Unauthorized".
                NetworkError::Rejected { status: 404, message } => {
                    NetworkError::Unauthorized(format!("unknown bot token ({message})"))
                }
                other => other,
            })?;
        let chat_param: String = url::form_urlencoded::byte_serialize(chat_id.as_bytes()).collect();
        let chat: Chat = call(ctx.http.get(format!("{api}/getChat?chat_id={chat_param}")))
            .await
            .map_err(|error| match error {
                NetworkError::Rejected { status, message } if message.contains("chat not found") => {
                    NetworkError::Rejected {
                        status,
                        message: format!(
                            "{message} (check the chat id, and that the bot was added to the chat)"
                        ),
                    }
                }
                other => other,
            })?;
        let chat_name = chat
            .title
            .clone()
            .or_else(|| chat.username.as_ref().map(|u| format!("@{u}")))
            .or(chat.first_name)
            .unwrap_or_else(|| chat_id.clone());
        let bot_name = bot.username.map(|u| format!("@{u}")).unwrap_or(bot.first_name);
        Ok(Verified {
            handle: format!("{bot_name} → {chat_name}"),
            display_name: chat.title,
            text: AccountTextSettings::default(),
        })
    }
}

/// Digits, a colon, then letters, digits, `_` or `-`.
fn looks_like_a_bot_token(token: &str) -> bool {
    token.split_once(':').is_some_and(|(id, secret)| {
        !id.is_empty()
            && id.chars().all(|c| c.is_ascii_digit())
            && !secret.is_empty()
            && secret
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    })
}

/// Sends a Bot API call and unwraps its `result`.
async fn call<T: DeserializeOwned>(request: reqwest::RequestBuilder) -> Result<T, NetworkError> {
    let answer = response::success(request).await?;
    // Not `response::json`: a parse error there would quote the URL, which holds the token.
    let body = answer.bytes().await.map_err(NetworkError::from_transport)?;
    let reply: Reply<T> = serde_json::from_slice(&body)
        .map_err(|e| NetworkError::Protocol(format!("could not read the answer: {e}")))?;
    match reply {
        Reply {
            ok: true,
            result: Some(result),
            ..
        } => Ok(result),
        Reply { description, .. } => Err(NetworkError::Protocol(
            description.unwrap_or_else(|| "the answer had no result".into()),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::platforms::Endpoints;
    use serde_json::json;
    use wiremock::matchers::{method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    const TOKEN: &str = "123456:AAE-s3cret_t0ken";

    async fn verify(server: &MockServer, bot_token: &str) -> Result<Verified, NetworkError> {
        let endpoints = Endpoints {
            bluesky_pds: server.uri(),
            telegram_api: server.uri(),
            linkedin_api: server.uri(),
            x_api: server.uri(),
            threads_api: server.uri(),
            facebook_graph: server.uri(),
        };
        // reqwest will not build a client before a TLS provider is chosen, even for plain http.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::new();
        let ctx = NetworkContext {
            http: &http,
            endpoints: &endpoints,
        };
        let credentials = Credentials::Telegram {
            bot_token: bot_token.into(),
            chat_id: "@mychannel".into(),
        };
        Telegram.verify(&ctx, &credentials).await
    }

    fn get_me(status: u16, body: serde_json::Value) -> Mock {
        Mock::given(method("GET"))
            .and(path(format!("/bot{TOKEN}/getMe")))
            .respond_with(ResponseTemplate::new(status).set_body_json(body))
    }

    fn get_chat(status: u16, body: serde_json::Value) -> Mock {
        Mock::given(method("GET"))
            .and(path(format!("/bot{TOKEN}/getChat")))
            .and(query_param("chat_id", "@mychannel"))
            .respond_with(ResponseTemplate::new(status).set_body_json(body))
    }

    fn bot() -> serde_json::Value {
        json!({
            "ok": true,
            "result": { "id": 123456, "is_bot": true, "first_name": "Herald", "username": "herald_bot" }
        })
    }

    #[tokio::test]
    async fn names_the_bot_and_the_chat() {
        let server = MockServer::start().await;
        get_me(200, bot()).expect(1).mount(&server).await;
        let chat = json!({
            "ok": true,
            "result": { "id": -100123, "type": "channel", "title": "My Channel", "username": "mychannel" }
        });
        get_chat(200, chat).expect(1).mount(&server).await;
        let verified = verify(&server, TOKEN).await.unwrap();
        assert_eq!(verified.handle, "@herald_bot → My Channel");
        assert_eq!(verified.display_name.as_deref(), Some("My Channel"));
    }

    #[tokio::test]
    async fn an_unknown_token_is_unauthorized_and_never_quoted() {
        let server = MockServer::start().await;
        get_me(
            401,
            json!({ "ok": false, "error_code": 401, "description": "Unauthorized" }),
        )
        .mount(&server)
        .await;
        let error = verify(&server, TOKEN).await.unwrap_err();
        assert_eq!(error, NetworkError::Unauthorized("Unauthorized".into()));

        let server = MockServer::start().await;
        get_me(
            404,
            json!({ "ok": false, "error_code": 404, "description": "Not Found" }),
        )
        .mount(&server)
        .await;
        assert!(matches!(
            verify(&server, TOKEN).await,
            Err(NetworkError::Unauthorized(_))
        ));
    }

    #[tokio::test]
    async fn a_malformed_token_is_refused_without_a_request() {
        let server = MockServer::start().await;
        for token in ["123456", "123456:abc/../x", "abc:def", ":def"] {
            assert!(
                matches!(verify(&server, token).await, Err(NetworkError::Unauthorized(_))),
                "{token}"
            );
        }
        assert!(server.received_requests().await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_wrong_chat_is_rejected() {
        let server = MockServer::start().await;
        get_me(200, bot()).mount(&server).await;
        get_chat(
            400,
            json!({ "ok": false, "error_code": 400, "description": "Bad Request: chat not found" }),
        )
        .mount(&server)
        .await;
        let Err(NetworkError::Rejected { status: 400, message }) = verify(&server, TOKEN).await else {
            panic!("a wrong chat is rejected")
        };
        assert!(message.starts_with("Bad Request: chat not found"), "{message}");
    }

    #[tokio::test]
    async fn an_outage_is_transient() {
        let server = MockServer::start().await;
        get_me(503, json!({})).mount(&server).await;
        assert!(verify(&server, TOKEN).await.unwrap_err().is_transient());
    }

    #[tokio::test]
    async fn a_garbled_answer_does_not_leak_the_token() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_string("<html>"))
            .mount(&server)
            .await;
        let error = verify(&server, TOKEN).await.unwrap_err();
        assert!(matches!(error, NetworkError::Protocol(_)));
        assert!(!error.to_string().contains("s3cret"), "{error}");
    }
}
