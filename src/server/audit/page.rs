//! The Audit page's read: one page of the log, filtered, newest first.
use super::filter;
use crate::error::AppError;
use crate::server::db::audit;
use crate::server::db::memberships::MemberRow as Member;
use crate::views::audit::{AuditEntryView, AuditPage, AuditQuery, PAGE_SIZE};
use anyhow::Context;
use sqlx::PgPool;

pub async fn page(
    pool: &PgPool,
    member: &Member,
    query: &AuditQuery,
    before: Option<i64>,
) -> Result<AuditPage, AppError> {
    let mut wanted = filter(query, &member.workspace_timezone)?;
    wanted.before = before;
    let rows = audit::list(pool, member.workspace_id, &wanted, PAGE_SIZE)
        .await
        .context("reading the audit log")?;
    let actors = audit::actors(pool, member.workspace_id)
        .await
        .context("listing the audit log's actors")?;
    let next = (rows.len() as i64 == PAGE_SIZE)
        .then(|| rows.last().map(|r| r.id))
        .flatten();
    Ok(AuditPage {
        entries: rows
            .into_iter()
            .map(|row| AuditEntryView {
                id: row.id,
                at: row.created_at,
                actor: row.actor_name,
                action: row.action,
                summary: row.summary,
                subject_type: row.subject_type,
                subject_id: row.subject_id,
            })
            .collect(),
        actors,
        next,
    })
}
