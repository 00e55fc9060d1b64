//! Telegram: a bot token from @BotFather and the chat the bot posts to.
mod publish;
#[cfg(test)]
mod tests;

use super::{
    Credentials, Network, NetworkContext, NetworkError, Outgoing, Published, Verified, body, response,
};
use crate::domain::text::AccountTextSettings;
use async_trait::async_trait;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::time::Duration;

pub struct Telegram;

/// Every Bot API answer: `result` when `ok`, else `error_code` and `description`.
#[derive(Deserialize)]
struct Reply<T> {
    ok: bool,
    result: Option<T>,
    error_code: Option<u16>,
    parameters: Option<Parameters>,
}

#[derive(Deserialize)]
struct Parameters {
    /// Flood control: seconds to wait before the next call.
    retry_after: Option<u64>,
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
        let api = bot_api(ctx, bot_token)?;
        let bot: Bot = call(ctx.http.get(format!("{api}/getMe")))
            .await
            .map_err(unknown_token_is_unauthorized)?;
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

    async fn publish(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
        outgoing: &Outgoing,
    ) -> Result<Published, NetworkError> {
        let Credentials::Telegram { bot_token, chat_id } = credentials else {
            return Err(NetworkError::Protocol("not Telegram credentials".into()));
        };
        let api = bot_api(ctx, bot_token)?;
        publish::publish(ctx, &api, chat_id, outgoing)
            .await
            .map_err(unknown_token_is_unauthorized)
    }
}

/// The Bot API address for this token. The token goes into the URL path: refuse anything that
/// could change the path.
fn bot_api(ctx: &NetworkContext<'_>, bot_token: &str) -> Result<String, NetworkError> {
    if !looks_like_a_bot_token(bot_token) {
        return Err(NetworkError::Unauthorized(
            "this is not a bot token; @BotFather gives one like 123456:ABC-DEF…".into(),
        ));
    }
    Ok(format!("{}/bot{bot_token}", ctx.endpoints.telegram_api))
}

/// A well-formed but unknown token is "Not Found", not "Unauthorized".
fn unknown_token_is_unauthorized(error: NetworkError) -> NetworkError {
    match error {
        NetworkError::Rejected { status: 404, message } => {
            NetworkError::Unauthorized(format!("unknown bot token ({message})"))
        }
        other => other,
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

/// Sends a Bot API call and unwraps its `result`. A refusal keeps the `description` and, for
/// flood control, `parameters.retry_after`.
async fn call<T: DeserializeOwned>(request: reqwest::RequestBuilder) -> Result<T, NetworkError> {
    let answer = request.send().await.map_err(NetworkError::from_transport)?;
    let status = answer.status();
    let header_wait = response::wait_asked(&answer);
    // Not `.json()`: a parse error there would quote the URL, which holds the token.
    let body = body::bytes(answer).await?;
    let refusal = |code: u16, wait: Option<u64>| {
        response::classify(
            code,
            &String::from_utf8_lossy(&body),
            wait.map(Duration::from_secs).or(header_wait),
        )
    };
    match serde_json::from_slice::<Reply<T>>(&body) {
        Ok(Reply {
            ok: true,
            result: Some(result),
            ..
        }) if status.is_success() => Ok(result),
        Ok(Reply {
            ok: false,
            error_code,
            parameters,
            ..
        }) => {
            // The HTTP status mirrors `error_code`; trust the status unless it claims success.
            let code = if status.is_success() {
                error_code.unwrap_or(400)
            } else {
                status.as_u16()
            };
            Err(refusal(code, parameters.and_then(|p| p.retry_after)))
        }
        _ if !status.is_success() => Err(refusal(status.as_u16(), None)),
        Ok(_) => Err(NetworkError::Protocol("the answer had no result".into())),
        Err(e) => Err(NetworkError::Protocol(format!("could not read the answer: {e}"))),
    }
}
