//! Mastodon needs no set-up: Herald registers itself with each server the first time someone
//! connects an account there (`POST /api/v1/apps`) and reuses that for every later account.
use super::problem::Problem;
use super::provider::Provider;
use super::tokens::TokenError;
use crate::domain::instance_address::InstanceAddress;
use crate::domain::platform::Platform;
use crate::server::db::mastodon_apps::{self, MastodonAppRow};
use crate::server::state::AppState;
use anyhow::Context;
use serde::Deserialize;

/// What publishing needs and no more (verify_credentials, posts, their images).
pub const SCOPES: &str = "read:accounts write:statuses write:media";

#[derive(Deserialize)]
struct Instance {
    #[serde(alias = "uri")]
    domain: Option<String>,
    version: Option<String>,
}

/// RFC 8414 metadata; Mastodon 4.3 and later publish it (and take PKCE).
#[derive(Deserialize)]
struct Metadata {
    authorization_endpoint: String,
    token_endpoint: String,
    #[serde(default)]
    code_challenge_methods_supported: Vec<String>,
}

#[derive(Deserialize)]
struct Registered {
    client_id: String,
    client_secret: String,
}

/// The provider for one Mastodon server, registering Herald there if it has not yet.
pub async fn provider(
    state: &AppState,
    address: &InstanceAddress,
    redirect_uri: &str,
) -> Result<Provider, Problem> {
    let origin = address.origin();
    may_call(state, origin).await?;
    let (authorize_url, token_url, pkce) = endpoints(state, address).await?;
    if registered(state, origin, redirect_uri).await?.is_none() {
        register(state, address, redirect_uri).await?;
    }
    let provider = registered_provider(state, address, redirect_uri).await?;
    Ok(Provider {
        authorize_url,
        token_url,
        pkce,
        ..provider
    })
}

/// The provider for the way back: the app registered when the sign-in started, without
/// asking the server again.
pub async fn registered_provider(
    state: &AppState,
    address: &InstanceAddress,
    redirect_uri: &str,
) -> Result<Provider, Problem> {
    let origin = address.origin();
    may_call(state, origin).await?;
    let app = mastodon_apps::find(&state.pool, origin, redirect_uri)
        .await
        .context("loading Herald's app at the Mastodon server")?
        .ok_or_else(|| {
            Problem::BadInput("Herald's registration at that server changed meanwhile. Connect again.".into())
        })?;
    let secret = state
        .cipher
        .open(&app.client_secret, origin.as_bytes())
        .context("opening Herald's app secret at the Mastodon server")?;
    Ok(Provider {
        platform: Platform::Mastodon,
        client_id: app.client_id,
        client_secret: Some(String::from_utf8_lossy(&secret).into_owned()),
        authorize_url: format!("{origin}/oauth/authorize"),
        token_url: format!("{origin}/oauth/token"),
        scopes: SCOPES.split(' ').map(str::to_owned).collect(),
        pkce: true,
        credentials_in_body: true,
        meta: None,
    })
}

/// Proves the server speaks Mastodon's API, then finds its OAuth endpoints.
async fn endpoints(state: &AppState, address: &InstanceAddress) -> Result<(String, String, bool), Problem> {
    let origin = address.origin();
    let timeout = state.settings.oauth.probe_timeout();
    let probe = |path: &str| state.http.get(format!("{origin}{path}")).timeout(timeout).send();
    let instance = match probe("/api/v2/instance").await {
        Ok(answer) if answer.status().is_success() => answer.json::<Instance>().await.ok(),
        Ok(_) => match probe("/api/v1/instance").await {
            Ok(answer) if answer.status().is_success() => answer.json::<Instance>().await.ok(),
            Ok(_) => None,
            Err(error) => return Err(unreachable(address, &error)),
        },
        Err(error) => return Err(unreachable(address, &error)),
    };
    if !instance.is_some_and(|instance| instance.domain.is_some() || instance.version.is_some()) {
        return Err(Problem::NotMastodon(host(address)));
    }
    let metadata = match probe("/.well-known/oauth-authorization-server").await {
        Ok(answer) if answer.status().is_success() => answer.json::<Metadata>().await.ok(),
        _ => None,
    };
    Ok(match metadata {
        Some(metadata) => {
            let pkce = metadata
                .code_challenge_methods_supported
                .iter()
                .any(|m| m == "S256");
            (metadata.authorization_endpoint, metadata.token_endpoint, pkce)
        }
        None => (
            format!("{origin}/oauth/authorize"),
            format!("{origin}/oauth/token"),
            false,
        ),
    })
}

/// Herald's app at this server, if it still knows it. A server that was reset forgets its
/// apps; a client-credentials grant tells (`invalid_client`), and Herald registers again.
async fn registered(
    state: &AppState,
    origin: &str,
    redirect_uri: &str,
) -> Result<Option<MastodonAppRow>, Problem> {
    let Some(app) = mastodon_apps::find(&state.pool, origin, redirect_uri)
        .await
        .context("loading Herald's app at the Mastodon server")?
    else {
        return Ok(None);
    };
    let secret = state
        .cipher
        .open(&app.client_secret, origin.as_bytes())
        .context("opening Herald's app secret at the Mastodon server")?;
    let answer = state
        .http
        .post(format!("{origin}/oauth/token"))
        .timeout(state.settings.oauth.probe_timeout())
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", app.client_id.as_str()),
            ("client_secret", &String::from_utf8_lossy(&secret)),
            ("scope", "read"),
        ])
        .send()
        .await;
    match answer {
        Ok(answer) if answer.status() == reqwest::StatusCode::UNAUTHORIZED => {
            tracing::info!(
                instance = origin,
                "the Mastodon server forgot Herald's app; registering again"
            );
            mastodon_apps::forget(&state.pool, origin, redirect_uri)
                .await
                .context("forgetting Herald's app at the Mastodon server")?;
            Ok(None)
        }
        // Any other answer (even none) does not prove the app is gone.
        _ => Ok(Some(app)),
    }
}

async fn register(
    state: &AppState,
    address: &InstanceAddress,
    redirect_uri: &str,
) -> Result<MastodonAppRow, Problem> {
    let origin = address.origin();
    let website = state.settings.server.base_url();
    let answer = state
        .http
        .post(format!("{origin}/api/v1/apps"))
        .timeout(state.settings.oauth.probe_timeout())
        .form(&[
            ("client_name", "Herald"),
            ("redirect_uris", redirect_uri),
            ("scopes", SCOPES),
            ("website", website),
        ])
        .send()
        .await
        .map_err(|error| unreachable(address, &error))?;
    let status = answer.status();
    if !status.is_success() {
        let body = answer.text().await.unwrap_or_default();
        let said: String = body.chars().take(200).collect();
        return Err(Problem::Network(
            Platform::Mastodon,
            TokenError::Protocol(format!(
                "{} would not register Herald (HTTP {}): {said}",
                host(address),
                status.as_u16()
            )),
        ));
    }
    let registered: Registered = answer
        .json()
        .await
        .map_err(|_| Problem::NotMastodon(host(address)))?;
    let app = MastodonAppRow {
        client_id: registered.client_id,
        client_secret: state
            .cipher
            .seal(registered.client_secret.as_bytes(), origin.as_bytes()),
        scopes: SCOPES.to_owned(),
    };
    mastodon_apps::save(&state.pool, origin, redirect_uri, &app)
        .await
        .context("saving Herald's app at the Mastodon server")?;
    tracing::info!(instance = origin, "registered Herald with the Mastodon server");
    Ok(app)
}

/// The server is an address a person typed: refused if it points into a private network.
async fn may_call(state: &AppState, origin: &str) -> Result<(), Problem> {
    state
        .outbound
        .check_all(vec![origin])
        .await
        .map_err(|refused| Problem::Refused(refused.to_string()))
}

fn host(address: &InstanceAddress) -> String {
    address
        .origin()
        .split_once("://")
        .map_or(address.origin(), |(_, host)| host)
        .to_owned()
}

fn unreachable(address: &InstanceAddress, error: &reqwest::Error) -> Problem {
    Problem::Unreachable {
        host: host(address),
        timed_out: error.is_timeout(),
    }
}
