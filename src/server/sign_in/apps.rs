//! The Network apps page: an instance admin enters Herald's app at each network once. The
//! secret is sealed and never shown again.
use crate::domain::network_app::{check_client_id, portal, redirect_warning};
use crate::domain::platform::Platform;
use crate::error::AppError;
use crate::server::auth::guard::RequestContext;
use crate::server::db::{network_apps, users};
use crate::server::oauth::network_app::{ORGANISATION_SCOPES, WITH_APP};
use crate::server::state::AppState;
use crate::views::oauth::NetworkAppView;
use anyhow::Context;
use uuid::Uuid;

/// The signed-in person, if they run this Herald.
pub async fn require_instance_admin(request: &RequestContext) -> Result<Uuid, AppError> {
    let user = request.signed_in().await?;
    let admin = users::is_instance_admin(&request.state.pool, user.user_id)
        .await
        .context("checking who runs this Herald")?;
    if admin {
        Ok(user.user_id)
    } else {
        Err(AppError::Forbidden(
            "Only the person who runs this Herald (the first to sign up) sets up network apps.".into(),
        ))
    }
}

pub async fn list(state: &AppState) -> Result<Vec<NetworkAppView>, AppError> {
    let saved = network_apps::list(&state.pool)
        .await
        .context("listing the network apps")?;
    let redirect_uri = crate::server::oauth::redirect_uri(state);
    Ok(WITH_APP
        .iter()
        .filter_map(|&platform| {
            let (portal_url, scopes) = portal(platform)?;
            let app = saved.iter().find(|app| app.platform == platform);
            Some(NetworkAppView {
                platform,
                client_id: app.map(|app| app.client_id.clone()),
                has_secret: app.is_some_and(|app| app.client_secret.is_some()),
                redirect_uri: redirect_uri.clone(),
                scopes: scopes
                    .iter()
                    .chain(
                        app.filter(|app| app.organisations)
                            .map_or(&[][..], |_| ORGANISATION_SCOPES),
                    )
                    .map(|s| (*s).to_owned())
                    .collect(),
                organisations: app.is_some_and(|app| app.organisations),
                portal_url: portal_url.to_owned(),
                warning: redirect_warning(&redirect_uri),
            })
        })
        .collect())
}

/// An empty secret keeps the one saved (it is never shown, so the form cannot hold it).
pub async fn save(
    state: &AppState,
    admin: Uuid,
    platform: Platform,
    client_id: &str,
    client_secret: &str,
    organisations: bool,
) -> Result<(), AppError> {
    if !WITH_APP.contains(&platform) {
        return Err(AppError::bad_request(format!(
            "{} needs no app: connect it from the Accounts page.",
            platform.label()
        )));
    }
    let client_id = check_client_id(platform, client_id).map_err(AppError::bad_request)?;
    if organisations && platform != Platform::LinkedIn {
        return Err(AppError::bad_request(
            "Organisation pages are a LinkedIn setting.",
        ));
    }
    let secret = client_secret.trim();
    if secret.chars().any(char::is_whitespace) || secret.len() > 500 {
        return Err(AppError::bad_request(
            "Client secret: this does not look right. Copy it again from the developer portal.",
        ));
    }
    // Only X takes a public client (PKCE alone); the others refuse a sign-in without a secret.
    if secret.is_empty() && platform != Platform::X {
        let saved = network_apps::find(&state.pool, platform)
            .await
            .context("loading the network app")?;
        if saved.is_none_or(|app| app.client_secret.is_none()) {
            return Err(AppError::bad_request(format!(
                "Client secret: {} needs the app's secret too. Copy it from the developer portal.",
                platform.label()
            )));
        }
    }
    let sealed =
        (!secret.is_empty()).then(|| state.cipher.seal(secret.as_bytes(), platform.as_str().as_bytes()));
    network_apps::save(
        &state.pool,
        platform,
        &client_id,
        sealed.as_deref(),
        organisations,
        admin,
    )
    .await
    .context("saving the network app")?;
    tracing::info!(%platform, "network app saved");
    Ok(())
}

pub async fn remove(state: &AppState, platform: Platform) -> Result<(), AppError> {
    network_apps::delete(&state.pool, platform)
        .await
        .context("removing the network app")?;
    Ok(())
}
