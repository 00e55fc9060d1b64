//! The way back from the network: take the flow once, check it belongs to this browser and
//! person, trade the code for tokens, see what the sign-in can connect, and connect it (or
//! keep the list for the person to choose from).
use super::browser;
use super::candidates::{self, Candidate};
use super::connect::{Grant, Owner, connect, owner, reconnect};
use crate::domain::instance_address::InstanceAddress;
use crate::domain::platform::Platform;
use crate::server::db::oauth_flows::{self, FlowRow};
use crate::server::oauth::Problem;
use crate::server::oauth::mastodon;
use crate::server::oauth::network_app;
use crate::server::oauth::{Provider, Tokens};
use crate::server::state::AppState;
use anyhow::Context;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;
use uuid::Uuid;

/// What the network sent back to the callback.
pub struct Answer {
    pub code: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

pub enum Finished {
    Connected(Uuid),
    /// Several Pages or accounts came back: the person picks (see `choose`).
    Choose,
}

/// What waits, sealed on the flow, while the person chooses.
#[derive(Serialize, Deserialize)]
pub struct Offer {
    pub candidates: Vec<Candidate>,
    pub grant: Grant,
}

pub fn offer_context(flow_id: Uuid) -> Vec<u8> {
    [flow_id.as_bytes().as_slice(), b"choices"].concat()
}

pub async fn finish(
    state: &AppState,
    session: &Session,
    flow: &FlowRow,
    answer: Answer,
) -> Result<Finished, Problem> {
    if browser::current(session).await?.as_deref() != Some(flow.browser_hash.as_slice()) {
        return Err(Problem::OtherBrowser);
    }
    if flow.expired {
        return Err(Problem::Expired(state.settings.oauth.flow_minutes));
    }
    let owner = owner(state, flow).await?;
    let code = accepted(flow.platform, answer)?;
    let tokens = exchange(state, flow, &code).await?;
    let grant = Grant::from(&tokens);
    let mut listed = candidates::list(state, flow, &tokens).await?;
    if flow.reconnect_account_id.is_some() {
        let Owner::Member(member) = &owner else {
            return Err(Problem::NotAllowed(
                "A connect link cannot reconnect an account.".into(),
            ));
        };
        return reconnect(state, flow, member, listed, grant)
            .await
            .map(Finished::Connected);
    }
    match listed.len() {
        0 => Err(Problem::NothingListed(flow.platform)),
        1 => {
            let only = listed.remove(0);
            connect(state, flow, &owner, &only, &grant)
                .await
                .map(Finished::Connected)
        }
        _ => {
            let offer = Offer {
                candidates: listed,
                grant,
            };
            let plain = serde_json::to_vec(&offer).context("listing the choices")?;
            let sealed = state.cipher.seal(&plain, &offer_context(flow.id));
            oauth_flows::offer(&state.pool, flow.id, &sealed)
                .await
                .context("keeping the choices")?;
            Ok(Finished::Choose)
        }
    }
}

/// The code, or what the network's error says happened.
fn accepted(platform: Platform, answer: Answer) -> Result<String, Problem> {
    match (answer.error.as_deref(), answer.code) {
        // LinkedIn names its own: the person cancelled at sign-in or at the consent screen.
        (Some("access_denied" | "user_cancelled_login" | "user_cancelled_authorize"), _) => {
            Err(Problem::Declined(platform))
        }
        (Some(code), _) => {
            let said = answer.error_description.as_deref().unwrap_or(code);
            Err(Problem::NetworkSaidNo(platform, said.chars().take(300).collect()))
        }
        (None, None) => Err(Problem::BadInput(
            "The network sent no sign-in code back. Connect again.".into(),
        )),
        (None, Some(code)) => Ok(code),
    }
}

async fn exchange(state: &AppState, flow: &FlowRow, code: &str) -> Result<Tokens, Problem> {
    let redirect_uri = crate::server::oauth::redirect_uri(state);
    let provider = provider(state, flow).await?;
    let verifier = state
        .cipher
        .open(&flow.sealed_verifier, flow.id.as_bytes())
        .context("opening the sign-in's PKCE verifier")?;
    let verifier = String::from_utf8_lossy(&verifier).into_owned();
    provider
        .exchange(
            &state.http,
            &redirect_uri,
            code,
            Some(verifier.as_str()).filter(|v| !v.is_empty()),
        )
        .await
        .map_err(|error| Problem::Network(flow.platform, error))
}

async fn provider(state: &AppState, flow: &FlowRow) -> Result<Provider, Problem> {
    match flow.platform {
        Platform::Mastodon => {
            let instance = flow.instance_url.as_deref().unwrap_or_default();
            let address = InstanceAddress::parse(instance).map_err(|e| Problem::BadInput(e.to_string()))?;
            let redirect_uri = crate::server::oauth::redirect_uri(state);
            mastodon::registered_provider(state, &address, &redirect_uri).await
        }
        platform => network_app::provider(state, platform).await,
    }
}
