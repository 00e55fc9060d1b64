//! Saving what a sign-in connects: for a member or a connect link, as a new account, or as a
//! reconnect that keeps the account's id, history and queue.
use super::candidates::Candidate;
use crate::domain::account::Colour;
use crate::domain::role::Permission;
use crate::error::AppError;
use crate::server::accounts::{self, ConnectedBy, Connection, SignedIn};
use crate::server::db::accounts as account_rows;
use crate::server::db::connect_links::{self, LinkRow};
use crate::server::db::memberships::{self, MemberRow};
use crate::server::db::oauth_flows::FlowRow;
use crate::server::oauth::{Problem, Tokens};
use crate::server::platforms::Credentials;
use crate::server::state::AppState;
use anyhow::Context;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How the token renews itself, as the token endpoint said.
#[derive(Serialize, Deserialize)]
pub struct Grant {
    pub refresh_token: Option<String>,
    pub expires_at: Option<DateTime<Utc>>,
}

impl From<&Tokens> for Grant {
    fn from(tokens: &Tokens) -> Self {
        Grant {
            refresh_token: tokens.refresh_token.clone(),
            expires_at: tokens
                .expires_in
                .and_then(|after| chrono::Duration::from_std(after).ok())
                .map(|after| Utc::now() + after),
        }
    }
}

/// Who the flow connects for, checked again when it comes back.
pub enum Owner {
    Member(MemberRow),
    Link(LinkRow),
}

pub async fn owner(state: &AppState, flow: &FlowRow) -> Result<Owner, Problem> {
    match (flow.connect_link_id, flow.user_id) {
        (Some(link_id), _) => connect_links::find(&state.pool, link_id)
            .await
            .context("loading the connect link")?
            .filter(|link| link.used_at.is_none() && link.withdrawn_at.is_none())
            .map(Owner::Link)
            .ok_or(Problem::LinkSpent),
        (None, Some(user_id)) => memberships::find(&state.pool, user_id, flow.workspace_id)
            .await
            .context("loading the member who started the sign-in")?
            .filter(|member| member.role.can(Permission::ManageAccounts))
            .map(Owner::Member)
            .ok_or_else(|| {
                Problem::NotAllowed("You may no longer connect accounts in that workspace.".into())
            }),
        (None, None) => Err(Problem::NotAllowed("This sign-in belongs to nobody.".into())),
    }
}

/// Checks the candidate with the network, then saves it as a new account.
pub async fn connect(
    state: &AppState,
    flow: &FlowRow,
    owner: &Owner,
    candidate: &Candidate,
    grant: &Grant,
) -> Result<Uuid, Problem> {
    let credentials = &candidate.credentials;
    let verified = accounts::verify(state, credentials)
        .await
        .map_err(|error| Problem::BadInput(accounts::explain(flow.platform, &error, credentials)))?;
    let connection = Connection {
        credentials,
        verified: &verified,
        grant: Some(signed_in(grant)),
    };
    let by = match owner {
        Owner::Member(member) => ConnectedBy::Member(member),
        Owner::Link(link) => ConnectedBy::Link {
            id: link.id,
            workspace_id: link.workspace_id,
            note: &link.note,
        },
    };
    let colour = Colour::parse(&flow.colour).map_err(|e| Problem::BadInput(e.to_string()))?;
    accounts::store_new(state, by, connection, None, &colour)
        .await
        .map_err(|error| match error {
            AppError::Conflict(_) => Problem::LinkSpent,
            other => Problem::Internal(anyhow::anyhow!("{other}")),
        })
}

/// Signs the same account in again: among several Pages, the one the card already is.
pub async fn reconnect(
    state: &AppState,
    flow: &FlowRow,
    member: &MemberRow,
    listed: Vec<Candidate>,
    grant: Grant,
) -> Result<Uuid, Problem> {
    let id = flow.reconnect_account_id.unwrap_or_default();
    let account = account_rows::find(&state.pool, flow.workspace_id, id)
        .await
        .context("loading the account to reconnect")?
        .ok_or_else(|| Problem::BadInput("That account was removed while you signed in.".into()))?;
    let sealed = account_rows::sealed_credentials(&state.pool, flow.workspace_id, id)
        .await
        .context("loading the account's credentials")?;
    let stored = sealed
        .and_then(|sealed| state.cipher.open(&sealed, id.as_bytes()).ok())
        .and_then(|plain| Credentials::from_json(&plain).ok());
    let subject = stored.as_ref().and_then(|c| c.subject().map(str::to_owned));
    let candidate = match (listed.len(), subject) {
        (1, _) => listed.into_iter().next(),
        (_, Some(subject)) => listed.into_iter().find(|c| c.key == subject),
        _ => None,
    }
    .ok_or_else(|| Problem::NotListed(account.handle.clone()))?;
    let credentials = &candidate.credentials;
    let verified = accounts::verify(state, credentials)
        .await
        .map_err(|error| Problem::BadInput(accounts::explain(flow.platform, &error, credentials)))?;
    if !account.handle.eq_ignore_ascii_case(&verified.handle) {
        return Err(Problem::OtherAccount(verified.handle.clone(), account.handle));
    }
    let connection = Connection {
        credentials,
        verified: &verified,
        grant: Some(signed_in(&grant)),
    };
    accounts::store_replacement(state, member, &account, connection)
        .await
        .map_err(|error| Problem::Internal(anyhow::anyhow!("{error}")))?;
    Ok(id)
}

fn signed_in(grant: &Grant) -> SignedIn<'_> {
    SignedIn {
        refresh_token: grant.refresh_token.as_deref(),
        expires_at: grant.expires_at,
    }
}
