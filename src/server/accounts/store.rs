//! Saving a connection that the network has just confirmed, however it was made (pasted
//! credentials or a sign-in): sealed, with its audit entry, all or nothing.
use super::held::release_held_in;
use super::lookup::not_found;
use crate::domain::account::Colour;
use crate::error::AppError;
use crate::server::audit;
use crate::server::auth::guard::Member;
use crate::server::db::accounts::{self, AccountRow, Grant, NewAccount, NewCredentials};
use crate::server::db::connect_links;
use crate::server::oauth::refresh_context;
use crate::server::platforms::{Credentials, Verified};
use crate::server::state::AppState;
use anyhow::Context;
use chrono::{DateTime, Utc};
use uuid::Uuid;

pub struct Connection<'a> {
    pub credentials: &'a Credentials,
    pub verified: &'a Verified,
    /// From a sign-in: how the token renews itself.
    pub grant: Option<SignedIn<'a>>,
}

pub struct SignedIn<'a> {
    pub refresh_token: Option<&'a str>,
    pub expires_at: Option<DateTime<Utc>>,
}

fn sealed_refresh(state: &AppState, id: Uuid, grant: &Option<SignedIn<'_>>) -> Option<Vec<u8>> {
    let token = grant.as_ref()?.refresh_token?;
    Some(state.cipher.seal(token.as_bytes(), &refresh_context(id)))
}

/// Who connected the account: a member, or a client through a connect link (which is spent
/// in the same transaction, so a link connects one account at most).
#[derive(Clone, Copy)]
pub enum ConnectedBy<'a> {
    Member(&'a Member),
    Link {
        id: Uuid,
        workspace_id: Uuid,
        note: &'a str,
    },
}

impl ConnectedBy<'_> {
    fn workspace_id(&self) -> Uuid {
        match self {
            ConnectedBy::Member(member) => member.workspace_id,
            ConnectedBy::Link { workspace_id, .. } => *workspace_id,
        }
    }
}

pub async fn store_new(
    state: &AppState,
    by: ConnectedBy<'_>,
    connection: Connection<'_>,
    display_name: Option<String>,
    colour: &Colour,
) -> Result<Uuid, AppError> {
    let Connection {
        credentials,
        verified,
        grant,
    } = connection;
    let platform = credentials.platform();
    let display_name = display_name.unwrap_or_else(|| {
        verified
            .display_name
            .clone()
            .unwrap_or_else(|| verified.handle.clone())
    });
    let id = Uuid::new_v4();
    let sealed = state.cipher.seal(&credentials.to_json(), id.as_bytes());
    let refresh = sealed_refresh(state, id, &grant);
    let address = credentials.public_address();
    let mut tx = state
        .pool
        .begin()
        .await
        .context("starting the account connection")?;
    accounts::insert(
        &mut *tx,
        NewAccount {
            id,
            workspace_id: by.workspace_id(),
            platform,
            display_name: &display_name,
            handle: &verified.handle,
            instance_url: address.as_deref(),
            colour: colour.as_str(),
            sealed_credentials: &sealed,
            max_characters: verified.text.max_characters.map(|v| v as i32),
            characters_reserved_per_url: verified.text.characters_reserved_per_url.map(|v| v as i32),
            created_by: match by {
                ConnectedBy::Member(member) => Some(member.user_id),
                ConnectedBy::Link { .. } => None,
            },
            grant: grant.as_ref().map(|grant| Grant {
                refresh_token: refresh.as_deref(),
                expires_at: grant.expires_at,
            }),
        },
    )
    .await
    .context("saving the connected account")?;
    let details =
        serde_json::json!({"platform": platform, "handle": verified.handle, "signed_in": grant.is_some()});
    let summary = format!("Connected {} ({})", display_name, platform.label());
    match by {
        ConnectedBy::Member(member) => {
            audit::by_member(
                &mut *tx,
                member,
                "account.connected",
                "account",
                Some(id.to_string()),
                summary,
                details,
            )
            .await
        }
        ConnectedBy::Link {
            id: link,
            workspace_id,
            note,
        } => {
            if !connect_links::spend(&mut tx, link, id)
                .await
                .context("spending the connect link")?
            {
                return Err(AppError::Conflict(
                    "This connect link was used, withdrawn or expired meanwhile. Ask for a new one.".into(),
                ));
            }
            let summary = format!("{summary} through a connect link ({note})");
            audit::record(
                &mut *tx,
                workspace_id,
                "account.connected_by_link",
                "account",
                id,
                summary,
                details,
            )
            .await
        }
    }
    .context("recording the connected account in the audit log")?;
    tx.commit().await.context("committing the connected account")?;
    tracing::info!(account_id = %id, "account connected");
    Ok(id)
}

/// New credentials for an existing account: its id, history and queued posts stay, and the
/// targets held while it could not publish are queued again.
pub async fn store_replacement(
    state: &AppState,
    member: &Member,
    account: &AccountRow,
    connection: Connection<'_>,
) -> Result<(), AppError> {
    let Connection {
        credentials,
        verified,
        grant,
    } = connection;
    let id = account.id;
    let sealed = state.cipher.seal(&credentials.to_json(), id.as_bytes());
    let refresh = sealed_refresh(state, id, &grant);
    let address = credentials.public_address();
    let mut tx = state.pool.begin().await.context("starting the reconnection")?;
    let replaced = accounts::replace_credentials(
        &mut *tx,
        member.workspace_id,
        id,
        NewCredentials {
            sealed: &sealed,
            handle: &verified.handle,
            instance_url: address.as_deref(),
            max_characters: verified.text.max_characters.map(|v| v as i32),
            characters_reserved_per_url: verified.text.characters_reserved_per_url.map(|v| v as i32),
            grant: grant.as_ref().map(|grant| Grant {
                refresh_token: refresh.as_deref(),
                expires_at: grant.expires_at,
            }),
        },
    )
    .await
    .context("replacing the account's credentials")?;
    if !replaced {
        return Err(not_found());
    }
    let released = release_held_in(&mut tx, id).await?;
    audit::by_member(
        &mut *tx,
        member,
        "account.reconnected",
        "account",
        Some(id.to_string()),
        format!(
            "Reconnected {} ({})",
            account.display_name,
            account.platform.label()
        ),
        serde_json::json!({"platform": account.platform, "released_targets": released, "signed_in": grant.is_some()}),
    )
    .await
    .context("recording the reconnection in the audit log")?;
    Ok(tx.commit().await.context("committing the reconnection")?)
}
