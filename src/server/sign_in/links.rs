//! Connect links: an admin sends one to a client (say, an agency's customer), who connects one
//! account of the chosen network into this workspace by signing in there, without a Herald
//! login. Signed by being unguessable (only a hash is kept), expiring, single use, audited.
use super::browser;
use super::start::{StartForm, Starter, begin};
use crate::domain::account::{Colour, PALETTE};
use crate::domain::network_app::signs_in;
use crate::domain::platform::Platform;
use crate::error::AppError;
use crate::server::audit;
use crate::server::auth::guard::Member;
use crate::server::db::connect_links::{self, LinkRow, NewLink};
use crate::server::db::oauth_flows;
use crate::server::oauth::Problem;
use crate::server::state::AppState;
use crate::views::oauth::{ConnectLinkInfo, ConnectLinkView, SignInOutcome};
use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use tower_sessions::Session;
use uuid::Uuid;

const MAX_VALID_HOURS: i64 = 24 * 14;

/// The link to send; shown once, as only its hash is kept.
pub async fn create(
    state: &AppState,
    member: &Member,
    platform: Platform,
    note: &str,
    hours: i64,
) -> Result<String, AppError> {
    if !signs_in(platform) {
        return Err(AppError::bad_request(format!(
            "{} cannot be connected by signing in, so a link cannot do it.",
            platform.label()
        )));
    }
    let note = note.trim();
    if note.chars().count() > 200 || note.chars().any(char::is_control) {
        return Err(AppError::bad_request(
            "Who it is for: at most 200 characters on one line.",
        ));
    }
    if !(1..=MAX_VALID_HOURS).contains(&hours) {
        return Err(AppError::bad_request("A link can work for 1 hour to 14 days."));
    }
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let id = Uuid::new_v4();
    let mut tx = state.pool.begin().await.context("starting the connect link")?;
    connect_links::insert(
        &mut *tx,
        NewLink {
            id,
            token_hash: &browser::hash(&token),
            workspace_id: member.workspace_id,
            platform,
            note,
            created_by: member.user_id,
            valid_hours: hours,
        },
    )
    .await
    .context("saving the connect link")?;
    let who = if note.is_empty() {
        "a client".to_owned()
    } else {
        note.to_owned()
    };
    audit::by_member(
        &mut *tx,
        member,
        "connect_link.created",
        "connect_link",
        Some(id.to_string()),
        format!("Made a link for {who} to connect a {} account", platform.label()),
        serde_json::json!({"platform": platform, "valid_hours": hours}),
    )
    .await
    .context("recording the connect link in the audit log")?;
    tx.commit().await.context("committing the connect link")?;
    Ok(format!("{}/connect/{token}", state.settings.server.base_url()))
}

pub async fn list(state: &AppState, workspace_id: Uuid) -> Result<Vec<ConnectLinkView>, AppError> {
    let rows = connect_links::list(&state.pool, workspace_id)
        .await
        .context("listing the connect links")?;
    Ok(rows
        .into_iter()
        .map(|row| ConnectLinkView {
            id: row.id,
            platform: row.platform,
            note: row.note.clone(),
            state: state_of(&row).to_owned(),
            expires_at: row.expires_at.to_rfc3339(),
            account_id: row.account_id,
        })
        .collect())
}

fn state_of(row: &LinkRow) -> &'static str {
    if row.used_at.is_some() {
        "used"
    } else if row.withdrawn_at.is_some() {
        "withdrawn"
    } else if row.expires_at <= chrono::Utc::now() {
        "expired"
    } else {
        "waiting"
    }
}

pub async fn withdraw(state: &AppState, member: &Member, id: Uuid) -> Result<(), AppError> {
    let mut tx = state
        .pool
        .begin()
        .await
        .context("starting to withdraw the link")?;
    if !connect_links::withdraw(&mut *tx, member.workspace_id, id)
        .await
        .context("withdrawing the connect link")?
    {
        return Err(AppError::NotFound(
            "There is no waiting link like that in this workspace.".into(),
        ));
    }
    audit::by_member(
        &mut *tx,
        member,
        "connect_link.withdrawn",
        "connect_link",
        Some(id.to_string()),
        "Withdrew a connect link".into(),
        serde_json::json!({}),
    )
    .await
    .context("recording the withdrawal in the audit log")?;
    Ok(tx.commit().await.context("committing the withdrawal")?)
}

async fn usable(state: &AppState, token: &str) -> Result<LinkRow, Problem> {
    let link = connect_links::find_by_token(&state.pool, &browser::hash(token))
        .await
        .context("loading the connect link")?
        .ok_or(Problem::LinkSpent)?;
    if state_of(&link) == "waiting" {
        Ok(link)
    } else {
        Err(Problem::LinkSpent)
    }
}

/// What the client sees on opening the link.
pub async fn describe(state: &AppState, token: &str) -> Result<ConnectLinkInfo, AppError> {
    let link = usable(state, token).await?;
    Ok(ConnectLinkInfo {
        workspace_name: link.workspace_name,
        platform: link.platform,
        note: link.note,
    })
}

/// The client's "Continue to …".
pub async fn start(
    state: &AppState,
    session: &Session,
    token: &str,
    instance: String,
) -> Result<String, Problem> {
    let link = usable(state, token).await?;
    let form = StartForm {
        platform: link.platform,
        instance,
        colour: PALETTE[1].to_owned(),
        reconnect: None,
    };
    let colour = Colour::parse(PALETTE[1]).map_err(|e| Problem::BadInput(e.to_string()))?;
    let starter = Starter::Link {
        id: link.id,
        workspace_id: link.workspace_id,
    };
    begin(state, session, starter, &form, &colour).await
}

/// How the client's sign-in ended, to the browser it ran in.
pub async fn result(
    state: &AppState,
    session: &Session,
    flow: Uuid,
) -> Result<Option<SignInOutcome>, AppError> {
    let Some(hash) = browser::current(session).await? else {
        return Ok(None);
    };
    let outcome = oauth_flows::outcome_in_browser(&state.pool, flow, &hash)
        .await
        .context("loading how the sign-in ended")?;
    let Some(outcome) = outcome else {
        return Ok(None);
    };
    let view = super::choose::outcome_view(state, flow, outcome, true)?;
    Ok(Some(SignInOutcome {
        account_id: None,
        ..view
    }))
}
