//! "Connect" (or "Reconnect") by signing in: prepares the network's authorize link and
//! remembers, for the way back, who asked, from which browser, and the PKCE verifier.
use super::browser;
use crate::domain::account::Colour;
use crate::domain::instance_address::InstanceAddress;
use crate::domain::platform::Platform;
use crate::server::auth::guard::Member;
use crate::server::db::{accounts, oauth_flows};
use crate::server::oauth::Problem;
use crate::server::oauth::mastodon;
use crate::server::oauth::network_app;
use crate::server::state::AppState;
use anyhow::Context;
use tower_sessions::Session;
use uuid::Uuid;

pub struct StartForm {
    pub platform: Platform,
    /// Mastodon: what the person typed to name their server.
    pub instance: String,
    pub colour: String,
    /// Sign in again for this account, keeping its id, history and queue.
    pub reconnect: Option<Uuid>,
}

/// Who the flow is for: a member of the workspace, or a client holding a connect link.
pub enum Starter<'a> {
    Member(&'a Member),
    Link { id: Uuid, workspace_id: Uuid },
}

/// The address to send the person to.
pub async fn start(
    state: &AppState,
    session: &Session,
    member: &Member,
    form: StartForm,
) -> Result<String, Problem> {
    let colour = Colour::parse(&form.colour).map_err(|e| Problem::BadInput(e.to_string()))?;
    let mut typed_instance = form.instance.clone();
    if let Some(id) = form.reconnect {
        let account = accounts::find(&state.pool, member.workspace_id, id)
            .await
            .context("loading the account to reconnect")?
            .ok_or_else(|| Problem::BadInput("There is no such account in this workspace.".into()))?;
        if account.platform != form.platform {
            return Err(Problem::BadInput("That account is on another network.".into()));
        }
        if let Some(instance) = account.instance_url {
            typed_instance = instance;
        }
    }
    let form = StartForm {
        instance: typed_instance,
        ..form
    };
    begin(state, session, Starter::Member(member), &form, &colour).await
}

pub async fn begin(
    state: &AppState,
    session: &Session,
    starter: Starter<'_>,
    form: &StartForm,
    colour: &Colour,
) -> Result<String, Problem> {
    let redirect_uri = crate::server::oauth::redirect_uri(state);
    let (provider, instance) = match form.platform {
        Platform::Mastodon => {
            let address =
                InstanceAddress::parse(&form.instance).map_err(|e| Problem::BadInput(e.to_string()))?;
            let provider = mastodon::provider(state, &address, &redirect_uri).await?;
            (provider, Some(address.origin().to_owned()))
        }
        platform => (network_app::provider(state, platform).await?, None),
    };
    let authorization = provider
        .authorize(&redirect_uri)
        .map_err(|error| Problem::Network(provider.platform, error))?;
    let id = Uuid::new_v4();
    let verifier = authorization.verifier.unwrap_or_default();
    let (workspace_id, user_id, connect_link_id) = match starter {
        Starter::Member(member) => (member.workspace_id, Some(member.user_id), None),
        Starter::Link { id, workspace_id } => (workspace_id, None, Some(id)),
    };
    oauth_flows::insert(
        &state.pool,
        oauth_flows::NewFlow {
            id,
            state_hash: &browser::hash(&authorization.state),
            browser_hash: &browser::binding(session).await?,
            workspace_id,
            user_id,
            connect_link_id,
            platform: form.platform,
            instance_url: instance.as_deref(),
            reconnect_account_id: form.reconnect,
            colour: colour.as_str(),
            sealed_verifier: &state.cipher.seal(verifier.as_bytes(), id.as_bytes()),
            valid_seconds: state.settings.oauth.flow_minutes * 60,
        },
    )
    .await
    .context("saving the sign-in in progress")?;
    tracing::info!(flow_id = %id, platform = %form.platform, "sign-in started");
    Ok(authorization.url)
}
