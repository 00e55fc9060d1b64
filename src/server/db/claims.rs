//! Claiming many due targets with one statement: the conditional UPDATE that takes each
//! target (current version, due, account connected, workspace not paused) and the insert of
//! its publish_attempts row. The caller holds the posts' locks (`post_status::lock_of_targets`)
//! and has let the accounts' rate limits choose which may go (`eligible`, `rate_limit`).
use crate::domain::account::AccountState;
use crate::domain::platform::Platform;
use crate::domain::post::TargetStatus;
use crate::domain::publish::Event;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use std::time::Duration;
use uuid::Uuid;

/// A target a worker now owns, with what it needs to publish it.
#[derive(Debug)]
pub struct Claimed {
    pub target_id: Uuid,
    /// The post version of the task that claimed it.
    pub version: i32,
    pub post_id: Uuid,
    pub attempt: i32,
    pub account_id: Uuid,
    pub platform: Platform,
    pub credentials: Vec<u8>,
    pub text: String,
    pub due_at: DateTime<Utc>,
    /// When the account's access token runs out, if it does (renewed before sending).
    pub token_expires_at: Option<DateTime<Utc>>,
    /// Read after the claim (`images`), for every claimed post at once.
    pub images: Vec<Image>,
}

/// An image of the post, in order (its bytes are read from the media directory).
#[derive(Debug, Clone)]
pub struct Image {
    pub post_id: Uuid,
    pub id: Uuid,
    pub sha256: Vec<u8>,
    pub content_type: String,
    pub width: i32,
    pub height: i32,
    pub alt_text: String,
}

/// Takes each (target, version) that is due, current and not held back; the rest match
/// nothing. Pairs must be distinct.
pub async fn claim(
    conn: &mut PgConnection,
    tasks: &[(Uuid, i32)],
    worker: &str,
    missed_after: Duration,
) -> sqlx::Result<Vec<Claimed>> {
    let (targets, versions): (Vec<Uuid>, Vec<i32>) = tasks.iter().copied().unzip();
    let rows = sqlx::query!(
        r#"with req as (select * from unnest($1::uuid[], $2::int[]) as r(target_id, version)),
           claimed as (
               update post_targets t
               set status = 'publishing', attempts = t.attempts + 1, claimed_at = now(),
                   claimed_by = $3, last_error = null, error_kind = null
               from req, posts p, accounts a, workspaces w
               where t.id = req.target_id and p.id = t.post_id and p.version = req.version
                 and t.status = any($4)
                 and t.due_at <= now() and t.due_at > now() - make_interval(secs => $5)
                 and a.id = t.account_id and a.state = 'connected'
                 and w.id = p.workspace_id and not w.publishing_paused
               returning t.id as target_id, req.version, t.post_id, t.attempts as attempt,
                         t.account_id, a.platform, a.credentials,
                         coalesce(nullif(t.body_override, ''), p.body) as text, t.due_at,
                         a.token_expires_at
           ),
           started as (
               insert into publish_attempts (target_id, attempt, worker, account_id)
               select target_id, attempt, $3, account_id from claimed
               on conflict (target_id, attempt) do nothing
           )
           select target_id as "target_id!", version as "version!", post_id as "post_id!",
                  attempt as "attempt!", account_id as "account_id!",
                  platform as "platform!: Platform", credentials as "credentials!",
                  text as "text!", due_at as "due_at!", token_expires_at as "token_expires_at?"
           from claimed"#,
        &targets,
        &versions,
        worker,
        Event::Claim.from() as &[TargetStatus],
        missed_after.as_secs_f64()
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Claimed {
            target_id: r.target_id,
            version: r.version,
            post_id: r.post_id,
            attempt: r.attempt,
            account_id: r.account_id,
            platform: r.platform,
            credentials: r.credentials,
            text: r.text,
            due_at: r.due_at,
            token_expires_at: r.token_expires_at,
            images: Vec::new(),
        })
        .collect())
}

/// A due, current target whose account and workspace may publish: it goes now unless a rate
/// limit holds it back.
#[derive(Debug, Clone)]
pub struct Eligible {
    pub target_id: Uuid,
    pub version: i32,
    pub account_id: Uuid,
    pub platform: Platform,
    pub due_at: DateTime<Utc>,
    /// Until when the network told the account to wait, if it did.
    pub rate_limited_until: Option<DateTime<Utc>>,
}

/// The (target, version) pairs that `claim` would take, with their accounts.
pub async fn eligible(
    conn: &mut PgConnection,
    tasks: &[(Uuid, i32)],
    missed_after: Duration,
) -> sqlx::Result<Vec<Eligible>> {
    let (targets, versions): (Vec<Uuid>, Vec<i32>) = tasks.iter().copied().unzip();
    sqlx::query_as!(
        Eligible,
        r#"select t.id as target_id, req.version as "version!", t.account_id,
                  a.platform as "platform: Platform", t.due_at as "due_at!", a.rate_limited_until
           from unnest($1::uuid[], $2::int[]) as req(target_id, version)
           join post_targets t on t.id = req.target_id join posts p on p.id = t.post_id
           join accounts a on a.id = t.account_id join workspaces w on w.id = p.workspace_id
           where p.version = req.version and t.status = any($3)
             and t.due_at <= now() and t.due_at > now() - make_interval(secs => $4)
             and a.state = 'connected' and not w.publishing_paused"#,
        &targets,
        &versions,
        Event::Claim.from() as &[TargetStatus],
        missed_after.as_secs_f64()
    )
    .fetch_all(conn)
    .await
}

/// The images of these posts, each post's in order.
pub async fn images(conn: &mut PgConnection, post_ids: &[Uuid]) -> sqlx::Result<Vec<Image>> {
    sqlx::query_as!(
        Image,
        "select pm.post_id, m.id, m.sha256, m.content_type, m.width, m.height, pm.alt_text
         from post_media pm join media m on m.id = pm.media_id
         where pm.post_id = any($1) order by pm.post_id, pm.position",
        post_ids
    )
    .fetch_all(conn)
    .await
}

/// Why a current task could not claim its target, if it is not simply stale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Held {
    Missed,
    Paused(String),
}

/// For tasks that claimed nothing: those whose target is due and current but held back,
/// and why. Stale tasks are not in the answer.
pub async fn why_unclaimed(
    conn: &mut PgConnection,
    tasks: &[(Uuid, i32)],
    missed_after: Duration,
) -> sqlx::Result<Vec<(Uuid, Held)>> {
    let (targets, versions): (Vec<Uuid>, Vec<i32>) = tasks.iter().copied().unzip();
    let rows = sqlx::query!(
        r#"select t.id, t.due_at <= now() - make_interval(secs => $3) as "missed!",
                  a.state as "state: AccountState", a.state_reason, w.publishing_paused,
                  a.display_name
           from unnest($1::uuid[], $2::int[]) as req(target_id, version)
           join post_targets t on t.id = req.target_id join posts p on p.id = t.post_id
           join accounts a on a.id = t.account_id join workspaces w on w.id = p.workspace_id
           where p.version = req.version and t.status = any($4) and t.due_at <= now()"#,
        &targets,
        &versions,
        missed_after.as_secs_f64(),
        Event::Claim.from() as &[TargetStatus]
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let name = r.display_name;
            let held = if r.publishing_paused {
                Held::Paused("Publishing is paused for this workspace.".into())
            } else if r.state == AccountState::NeedsReauth {
                Held::Paused(format!(
                    "{name} needs to be connected again{}.",
                    r.state_reason.map(|r| format!(" ({r})")).unwrap_or_default()
                ))
            } else if r.state == AccountState::Paused {
                Held::Paused(format!("{name} is paused."))
            } else if r.missed {
                Held::Missed
            } else {
                return None;
            };
            Some((r.id, held))
        })
        .collect())
}
