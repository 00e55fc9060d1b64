//! Sign-ins in progress ("Sign in with …"). Looked up by a hash of the `state` the network
//! hands back; each is taken once.
use crate::domain::platform::Platform;
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

pub struct NewFlow<'a> {
    pub id: Uuid,
    pub state_hash: &'a [u8],
    pub browser_hash: &'a [u8],
    pub workspace_id: Uuid,
    /// Who started it; None when it came through a connect link.
    pub user_id: Option<Uuid>,
    pub connect_link_id: Option<Uuid>,
    pub platform: Platform,
    pub instance_url: Option<&'a str>,
    pub reconnect_account_id: Option<Uuid>,
    pub colour: &'a str,
    pub sealed_verifier: &'a [u8],
    pub valid_seconds: i64,
}

#[derive(Debug)]
pub struct FlowRow {
    pub id: Uuid,
    pub browser_hash: Vec<u8>,
    pub workspace_id: Uuid,
    pub user_id: Option<Uuid>,
    pub connect_link_id: Option<Uuid>,
    pub platform: Platform,
    pub instance_url: Option<String>,
    pub reconnect_account_id: Option<Uuid>,
    pub colour: String,
    pub sealed_verifier: Vec<u8>,
    pub expired: bool,
}

/// What a `state` coming back finds.
#[derive(Debug)]
pub enum Taken {
    Fresh(FlowRow),
    AlreadyUsed,
    Unknown,
}

pub async fn insert(executor: impl PgExecutor<'_>, flow: NewFlow<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into oauth_flows (id, state_hash, browser_hash, workspace_id, user_id, platform, instance_url,
                                  reconnect_account_id, colour, sealed_verifier, expires_at, connect_link_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now() + make_interval(secs => $11::bigint::double precision), $12)",
        flow.id,
        flow.state_hash,
        flow.browser_hash,
        flow.workspace_id,
        flow.user_id,
        flow.platform as Platform,
        flow.instance_url,
        flow.reconnect_account_id,
        flow.colour,
        flow.sealed_verifier,
        flow.valid_seconds,
        flow.connect_link_id
    )
    .execute(executor)
    .await?;
    Ok(())
}

/// Marks the flow used and returns it; a second call with the same state finds it used.
pub async fn take(pool: &PgPool, state_hash: &[u8]) -> sqlx::Result<Taken> {
    let taken = sqlx::query_as!(
        FlowRow,
        r#"update oauth_flows set used_at = now()
           where state_hash = $1 and used_at is null
           returning id, browser_hash, workspace_id, user_id, connect_link_id, platform as "platform: Platform", instance_url,
                     reconnect_account_id, colour, sealed_verifier, expires_at < now() as "expired!""#,
        state_hash
    )
    .fetch_optional(pool)
    .await?;
    if let Some(flow) = taken {
        return Ok(Taken::Fresh(flow));
    }
    let known = sqlx::query_scalar!(
        r#"select exists (select 1 from oauth_flows where state_hash = $1) as "known!""#,
        state_hash
    )
    .fetch_one(pool)
    .await?;
    Ok(if known { Taken::AlreadyUsed } else { Taken::Unknown })
}

/// Keeps what the person may choose from, until they choose.
pub async fn offer(executor: impl PgExecutor<'_>, id: Uuid, sealed_choices: &[u8]) -> sqlx::Result<()> {
    sqlx::query!(
        "update oauth_flows set sealed_choices = $2 where id = $1",
        id,
        sealed_choices
    )
    .execute(executor)
    .await?;
    Ok(())
}

/// The flow and its list, taken once, only by the browser it ran in.
pub async fn take_choices(
    pool: &PgPool,
    id: Uuid,
    browser_hash: &[u8],
) -> sqlx::Result<Option<(FlowRow, Vec<u8>)>> {
    let taken = sqlx::query!(
        r#"with offered as (
               select id, sealed_choices from oauth_flows
               where id = $1 and browser_hash = $2 and sealed_choices is not null and outcome_ok is null
               for update
           )
           update oauth_flows f set sealed_choices = null
           from offered where f.id = offered.id
           returning f.id, f.browser_hash, f.workspace_id, f.user_id, f.connect_link_id, f.platform as "platform: Platform",
                     f.instance_url, f.reconnect_account_id, f.colour, f.sealed_verifier, f.expires_at < now() as "expired!",
                     offered.sealed_choices as "sealed_choices!""#,
        id,
        browser_hash
    )
    .fetch_optional(pool)
    .await?;
    Ok(taken.map(|row| {
        let flow = FlowRow {
            id: row.id,
            browser_hash: row.browser_hash,
            workspace_id: row.workspace_id,
            user_id: row.user_id,
            connect_link_id: row.connect_link_id,
            platform: row.platform,
            instance_url: row.instance_url,
            reconnect_account_id: row.reconnect_account_id,
            colour: row.colour,
            sealed_verifier: row.sealed_verifier,
            expired: row.expired,
        };
        (flow, row.sealed_choices)
    }))
}

/// How the flow ended, for the page the person lands on.
pub async fn finish(
    executor: impl PgExecutor<'_>,
    id: Uuid,
    ok: bool,
    message: &str,
    account_id: Option<Uuid>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update oauth_flows set outcome_ok = $2, outcome_message = $3, account_id = $4 where id = $1",
        id,
        ok,
        message,
        account_id
    )
    .execute(executor)
    .await?;
    Ok(())
}

/// How a flow ended, or (no `ok` yet) the sealed list the person still has to choose from.
pub struct Outcome {
    pub ok: Option<bool>,
    pub message: Option<String>,
    pub account_id: Option<Uuid>,
    pub sealed_choices: Option<Vec<u8>>,
}

/// A connect-link flow's outcome, to the browser it ran in.
pub async fn outcome_in_browser(
    pool: &PgPool,
    id: Uuid,
    browser_hash: &[u8],
) -> sqlx::Result<Option<Outcome>> {
    sqlx::query_as!(
        Outcome,
        r#"select outcome_ok as ok, outcome_message as message, account_id, sealed_choices from oauth_flows
           where id = $1 and browser_hash = $2 and connect_link_id is not null
             and (outcome_ok is not null or sealed_choices is not null)"#,
        id,
        browser_hash
    )
    .fetch_optional(pool)
    .await
}

/// A finished flow's outcome, to the person who started it.
pub async fn outcome(
    pool: &PgPool,
    id: Uuid,
    workspace_id: Uuid,
    user_id: Uuid,
) -> sqlx::Result<Option<Outcome>> {
    sqlx::query_as!(
        Outcome,
        r#"select outcome_ok as ok, outcome_message as message, account_id, sealed_choices from oauth_flows
           where id = $1 and workspace_id = $2 and user_id = $3
             and (outcome_ok is not null or sealed_choices is not null)"#,
        id,
        workspace_id,
        user_id
    )
    .fetch_optional(pool)
    .await
}

/// Flows are worth keeping only until their outcome has been read.
pub async fn purge_older_than(pool: &PgPool, hours: i64) -> sqlx::Result<u64> {
    let result = sqlx::query!(
        "delete from oauth_flows where created_at < now() - make_interval(hours => $1::bigint::int)",
        hours
    )
    .execute(pool)
    .await?;
    Ok(result.rows_affected())
}
