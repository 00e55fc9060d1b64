//! Writing the outcomes of a batch of attempts in one transaction: lock their posts (in id
//! order), move each target (published in one statement; retries and failures one by one, as
//! they are few), finish the attempts, roll up the posts, commit.
use super::{hold, queue};
use crate::domain::publish::Event;
use crate::server::db::published::{self, Publish};
use crate::server::db::{attempts, post_status, rate_limits, targets};
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use std::collections::HashSet;
use uuid::Uuid;

/// What one attempt led to, decided before it is written (see `outcome`).
#[derive(Debug, Clone)]
pub struct Report {
    pub target_id: Uuid,
    pub post_id: Uuid,
    pub attempt: i32,
    pub account_id: Uuid,
    pub verdict: Verdict,
}

#[derive(Debug, Clone)]
pub enum Verdict {
    Published {
        remote_id: String,
        url: Option<String>,
    },
    /// `reason` is already redacted, as in every variant.
    Retry {
        at: DateTime<Utc>,
        reason: String,
        http_status: Option<u16>,
    },
    /// The network refused for now (429) and named when to come back: the target, and every
    /// other of its account, waits until then.
    RateLimited {
        until: DateTime<Utc>,
        reason: String,
        /// What the dashboard shows.
        notice: String,
    },
    Failed {
        kind: &'static str,
        reason: String,
        http_status: Option<u16>,
        /// The network refused the credentials: the account needs to be connected again.
        reauth: bool,
    },
}

/// One answer per report, in order: whether its target moved (a target that moved on
/// meanwhile, say a person resolved it, keeps its state).
pub async fn batch(pool: &PgPool, reports: &[Report]) -> anyhow::Result<Vec<bool>> {
    let posts: Vec<Uuid> = reports
        .iter()
        .map(|r| r.post_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut tx = pool.begin().await?;
    let live: HashSet<Uuid> = post_status::lock(&mut tx, &posts).await?.into_iter().collect();
    let publishes: Vec<Publish> = reports
        .iter()
        .filter_map(|r| match &r.verdict {
            Verdict::Published { remote_id, url } => Some(Publish {
                target_id: r.target_id,
                attempt: r.attempt,
                remote_id,
                remote_url: url.as_deref(),
            }),
            _ => None,
        })
        .collect();
    let published: HashSet<Uuid> = if publishes.is_empty() {
        HashSet::new()
    } else {
        published::mark(&mut tx, &publishes).await?.into_iter().collect()
    };
    let mut moved = Vec::with_capacity(reports.len());
    let mut reauth = Vec::new();
    for report in reports {
        moved.push(match &report.verdict {
            Verdict::Published { .. } => published.contains(&report.target_id),
            // The post is gone (deleted meanwhile), and its targets with it.
            _ if !live.contains(&report.post_id) => false,
            Verdict::Retry { .. } => retry(&mut tx, report).await?,
            Verdict::RateLimited { .. } => rate_limited(&mut tx, report).await?,
            Verdict::Failed {
                reauth: true, reason, ..
            } => {
                flag_account(&mut tx, report.account_id, reason).await?;
                reauth.push((report.account_id, reason.clone()));
                fail(&mut tx, report).await?
            }
            Verdict::Failed { .. } => fail(&mut tx, report).await?,
        });
    }
    let live: Vec<Uuid> = live.into_iter().collect();
    post_status::roll_up(&mut tx, &live).await?;
    tx.commit().await?;
    // Its own transaction, so it takes its posts' locks in order like everyone else. Should it
    // fail, each task of the account still holds its own target when it finds the account
    // flagged.
    for (account, reason) in reauth {
        if let Err(error) = hold::hold_account(pool, account, &reason).await {
            tracing::warn!(%error, %account, "could not hold the account's targets at once");
        }
    }
    Ok(moved)
}

async fn retry(conn: &mut PgConnection, report: &Report) -> sqlx::Result<bool> {
    let Verdict::Retry {
        at,
        reason,
        http_status,
    } = &report.verdict
    else {
        return Ok(false);
    };
    requeue(conn, report, *at, ("transient", reason), *http_status, reason).await
}

/// Back to the queue for `at`; the attempt ends as a retry.
async fn requeue(
    conn: &mut PgConnection,
    report: &Report,
    at: DateTime<Utc>,
    why: (&str, &str),
    http_status: Option<u16>,
    reason: &str,
) -> sqlx::Result<bool> {
    let (id, attempt) = (report.target_id, report.attempt);
    let moved = targets::mark_retrying(conn, id, attempt, at, why).await?;
    let version = targets::version_of(conn, report.post_id).await?;
    queue::push_for_target(conn, id, version).await?;
    attempts::finish(conn, id, attempt, "retry", http_status, Some(reason)).await?;
    Ok(moved)
}

async fn rate_limited(conn: &mut PgConnection, report: &Report) -> sqlx::Result<bool> {
    let Verdict::RateLimited {
        until,
        reason,
        notice,
    } = &report.verdict
    else {
        return Ok(false);
    };
    let moved = requeue(conn, report, *until, ("rate_limited", notice), Some(429), reason).await?;
    rate_limits::hold_until(conn, report.account_id, *until).await?;
    Ok(moved)
}

async fn fail(conn: &mut PgConnection, report: &Report) -> sqlx::Result<bool> {
    let Verdict::Failed {
        kind,
        reason,
        http_status,
        ..
    } = &report.verdict
    else {
        return Ok(false);
    };
    let (id, attempt) = (report.target_id, report.attempt);
    let moved = targets::mark(conn, id, Event::Failed, Some(attempt), Some((kind, reason))).await?;
    attempts::finish(conn, id, attempt, "failed", *http_status, Some(reason)).await?;
    Ok(moved)
}

async fn flag_account(conn: &mut PgConnection, account_id: Uuid, reason: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set state = 'needs_reauth', state_reason = $2, updated_at = now()
         where id = $1 and state = 'connected'",
        account_id,
        reason
    )
    .execute(conn)
    .await?;
    Ok(())
}
