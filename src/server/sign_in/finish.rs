//! The way back from the network: take the flow once, check it belongs to this browser and
//! person, trade the code for tokens, ask the network who signed in, and save the account.
use super::browser;
use crate::domain::account::Colour;
use crate::domain::instance_address::InstanceAddress;
use crate::domain::platform::Platform;
use crate::domain::role::Permission;
use crate::server::accounts::{self, ConnectedBy, Connection, SignedIn};
use crate::server::db::oauth_flows::FlowRow;
use crate::server::db::{accounts as account_rows, connect_links, memberships};
use crate::server::oauth::Problem;
use crate::server::oauth::mastodon;
use crate::server::oauth::network_app;
use crate::server::oauth::{Provider, TokenError, Tokens};
use crate::server::platforms::Credentials;
use crate::server::state::AppState;
use anyhow::Context;
use tower_sessions::Session;
use uuid::Uuid;

/// What the network sent back to the callback.
pub struct Answer {
    pub code: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

/// The connected (or reconnected) account's id.
pub async fn finish(
    state: &AppState,
    session: &Session,
    flow: &FlowRow,
    answer: Answer,
) -> Result<Uuid, Problem> {
    if browser::current(session).await?.as_deref() != Some(flow.browser_hash.as_slice()) {
        return Err(Problem::OtherBrowser);
    }
    if flow.expired {
        return Err(Problem::Expired(state.settings.oauth.flow_minutes));
    }
    let (member, link) = match (flow.connect_link_id, flow.user_id) {
        (Some(link_id), _) => {
            let link = connect_links::find(&state.pool, link_id)
                .await
                .context("loading the connect link")?
                .filter(|link| link.used_at.is_none() && link.withdrawn_at.is_none())
                .ok_or(Problem::LinkSpent)?;
            (None, Some(link))
        }
        (None, Some(user_id)) => {
            let member = memberships::find(&state.pool, user_id, flow.workspace_id)
                .await
                .context("loading the member who started the sign-in")?
                .filter(|member| member.role.can(Permission::ManageAccounts))
                .ok_or_else(|| {
                    Problem::NotAllowed("You may no longer connect accounts in that workspace.".into())
                })?;
            (Some(member), None)
        }
        (None, None) => return Err(Problem::NotAllowed("This sign-in belongs to nobody.".into())),
    };
    match (answer.error.as_deref(), answer.code.as_deref()) {
        // LinkedIn names its own: the person cancelled at sign-in or at the consent screen.
        (Some("access_denied" | "user_cancelled_login" | "user_cancelled_authorize"), _) => {
            return Err(Problem::Declined(flow.platform));
        }
        (Some(code), _) => {
            let said = answer.error_description.as_deref().unwrap_or(code);
            return Err(Problem::NetworkSaidNo(
                flow.platform,
                said.chars().take(300).collect(),
            ));
        }
        (None, None) => {
            return Err(Problem::BadInput(
                "The network sent no sign-in code back. Connect again.".into(),
            ));
        }
        (None, Some(_)) => {}
    }
    let code = answer.code.unwrap_or_default();
    let redirect_uri = crate::server::oauth::redirect_uri(state);
    let provider = provider(state, flow, &redirect_uri).await?;
    let verifier = state
        .cipher
        .open(&flow.sealed_verifier, flow.id.as_bytes())
        .context("opening the sign-in's PKCE verifier")?;
    let verifier = String::from_utf8_lossy(&verifier).into_owned();
    let tokens = provider
        .exchange(
            &state.http,
            &redirect_uri,
            &code,
            Some(verifier.as_str()).filter(|v| !v.is_empty()),
        )
        .await
        .map_err(|error| Problem::Network(flow.platform, error))?;
    let credentials = credentials(state, flow, &tokens).await?;
    let verified = accounts::verify(state, &credentials)
        .await
        .map_err(|error| Problem::BadInput(accounts::explain(flow.platform, &error, &credentials)))?;
    let grant = SignedIn {
        refresh_token: tokens.refresh_token.as_deref(),
        expires_at: tokens.expires_in.and_then(|after| {
            chrono::Duration::from_std(after)
                .ok()
                .map(|after| chrono::Utc::now() + after)
        }),
    };
    let connection = Connection {
        credentials: &credentials,
        verified: &verified,
        grant: Some(grant),
    };
    let by = match (&member, &link) {
        (Some(member), _) => ConnectedBy::Member(member),
        (None, Some(link)) => ConnectedBy::Link {
            id: link.id,
            workspace_id: link.workspace_id,
            note: &link.note,
        },
        (None, None) => unreachable!("checked above"),
    };
    match (flow.reconnect_account_id, &member) {
        (Some(id), Some(member)) => {
            let account = account_rows::find(&state.pool, flow.workspace_id, id)
                .await
                .context("loading the account to reconnect")?
                .ok_or_else(|| Problem::BadInput("That account was removed while you signed in.".into()))?;
            if !account.handle.eq_ignore_ascii_case(&verified.handle) {
                return Err(Problem::OtherAccount(verified.handle.clone(), account.handle));
            }
            accounts::store_replacement(state, member, &account, connection)
                .await
                .map_err(|error| Problem::Internal(anyhow::anyhow!("{error}")))?;
            Ok(id)
        }
        _ => {
            let colour = Colour::parse(&flow.colour).map_err(|e| Problem::BadInput(e.to_string()))?;
            accounts::store_new(state, by, connection, None, &colour)
                .await
                .map_err(|error| match error {
                    crate::error::AppError::Conflict(_) => Problem::LinkSpent,
                    other => Problem::Internal(anyhow::anyhow!("{other}")),
                })
        }
    }
}

async fn provider(state: &AppState, flow: &FlowRow, redirect_uri: &str) -> Result<Provider, Problem> {
    match flow.platform {
        Platform::Mastodon => {
            let instance = flow.instance_url.as_deref().unwrap_or_default();
            let address = InstanceAddress::parse(instance).map_err(|e| Problem::BadInput(e.to_string()))?;
            mastodon::registered_provider(state, &address, redirect_uri).await
        }
        platform => network_app::provider(state, platform).await,
    }
}

async fn credentials(state: &AppState, flow: &FlowRow, tokens: &Tokens) -> Result<Credentials, Problem> {
    let access_token = tokens.access_token.clone();
    match flow.platform {
        // Posts go out as the person who signed in.
        Platform::LinkedIn => Ok(Credentials::LinkedIn {
            author_urn: format!("urn:li:person:{}", linkedin_person(state, &access_token).await?),
            access_token,
        }),
        Platform::Mastodon => Ok(Credentials::Mastodon {
            instance_url: flow.instance_url.clone().unwrap_or_default(),
            access_token,
        }),
        Platform::X => Ok(Credentials::X { access_token }),
        other => Err(Problem::NoSignIn(other)),
    }
}

#[derive(serde::Deserialize)]
struct UserInfo {
    sub: String,
}

/// Who signed in to LinkedIn (OpenID Connect's userinfo).
async fn linkedin_person(state: &AppState, access_token: &str) -> Result<String, Problem> {
    let api = &state.settings.networks.linkedin_api;
    let answer = state
        .http
        .get(format!("{api}/v2/userinfo"))
        .bearer_auth(access_token)
        .send()
        .await
        .map_err(|error| {
            Problem::Network(
                Platform::LinkedIn,
                TokenError::Unavailable(error.without_url().to_string()),
            )
        })?;
    if !answer.status().is_success() {
        let status = answer.status().as_u16();
        return Err(Problem::NetworkSaidNo(
            Platform::LinkedIn,
            format!(
                "it would not say who signed in (HTTP {status}); the app may lack the openid and profile scopes"
            ),
        ));
    }
    let info: UserInfo = answer.json().await.map_err(|_| {
        Problem::Network(
            Platform::LinkedIn,
            TokenError::Protocol("userinfo is not JSON".into()),
        )
    })?;
    Ok(info.sub)
}
