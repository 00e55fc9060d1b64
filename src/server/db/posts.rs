//! Posts with their targets and images. Every query is scoped by workspace.
use crate::domain::account::AccountState;
use crate::domain::plan::{Placement, PostKind};
use crate::domain::platform::Platform;
use crate::domain::post::{PostStatus, TargetStatus};
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgPool, PgTransaction};
use uuid::Uuid;

pub struct PostFields<'a> {
    pub body: &'a str,
    pub status: PostStatus,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub timezone: &'a str,
    pub placement: Placement,
}

pub struct TargetFields<'a> {
    pub account_id: Uuid,
    pub body_override: Option<&'a str>,
}

pub struct MediaFields<'a> {
    pub media_id: Uuid,
    pub alt_text: &'a str,
}

pub async fn insert(
    tx: &mut PgTransaction<'_>,
    workspace_id: Uuid,
    author_id: Uuid,
    post: &PostFields<'_>,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into posts (workspace_id, author_id, body, status, scheduled_at, timezone, placement)
         values ($1, $2, $3, $4, $5, $6, $7) returning id",
        workspace_id,
        author_id,
        post.body,
        post.status as PostStatus,
        post.scheduled_at,
        post.timezone,
        post.placement as Placement
    )
    .fetch_one(&mut **tx)
    .await
}

/// Saves an edit if the post is still at `expected_version` and editable; returns the new
/// version, or `None` when it changed meanwhile (or is not editable any more). A series'
/// occurrence whose content or time changes is marked edited alone, so that an edit of the
/// series leaves it as it is.
pub async fn update(
    tx: &mut PgTransaction<'_>,
    workspace_id: Uuid,
    id: Uuid,
    expected_version: i32,
    post: &PostFields<'_>,
    content_changed: bool,
) -> sqlx::Result<Option<i32>> {
    sqlx::query_scalar!(
        "update posts set body = $4, status = $5, scheduled_at = $6, timezone = $7, placement = $8,
            version = version + 1, updated_at = now(),
            edited_alone = edited_alone or (series_id is not null and ($9 or scheduled_at is distinct from $6))
         where workspace_id = $1 and id = $2 and version = $3
           and status in ('draft', 'in_review', 'changes_requested', 'approved', 'scheduled', 'cancelled')
         returning version",
        workspace_id,
        id,
        expected_version,
        post.body,
        post.status as PostStatus,
        post.scheduled_at,
        post.timezone,
        post.placement as Placement,
        content_changed
    )
    .fetch_optional(&mut **tx)
    .await
}

/// Replaces the targets; a target's id is new whenever the post is saved, so a publish task
/// issued for an older save finds nothing.
pub async fn replace_targets(
    tx: &mut PgTransaction<'_>,
    post_id: Uuid,
    status: TargetStatus,
    targets: &[TargetFields<'_>],
) -> sqlx::Result<()> {
    sqlx::query!("delete from post_targets where post_id = $1", post_id)
        .execute(&mut **tx)
        .await?;
    let accounts: Vec<Uuid> = targets.iter().map(|t| t.account_id).collect();
    let overrides: Vec<Option<String>> = targets
        .iter()
        .map(|t| t.body_override.map(str::to_owned))
        .collect();
    sqlx::query!(
        "insert into post_targets (post_id, account_id, body_override, status)
         select $1, account_id, body_override, $4
         from unnest($2::uuid[], $3::text[]) as t(account_id, body_override)",
        post_id,
        &accounts,
        &overrides as &[Option<String>],
        status as TargetStatus
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn replace_media(
    tx: &mut PgTransaction<'_>,
    post_id: Uuid,
    media: &[MediaFields<'_>],
) -> sqlx::Result<()> {
    sqlx::query!("delete from post_media where post_id = $1", post_id)
        .execute(&mut **tx)
        .await?;
    let ids: Vec<Uuid> = media.iter().map(|m| m.media_id).collect();
    let alts: Vec<String> = media.iter().map(|m| m.alt_text.to_owned()).collect();
    sqlx::query!(
        "insert into post_media (post_id, media_id, position, alt_text)
         select $1, media_id, (ordinality - 1)::smallint, alt_text
         from unnest($2::uuid[], $3::text[]) with ordinality as m(media_id, alt_text, ordinality)",
        post_id,
        &ids,
        &alts
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// What the composer needs about each chosen account, checked to belong to the workspace.
pub struct TargetAccount {
    pub id: Uuid,
    pub platform: Platform,
    pub display_name: String,
    pub state: AccountState,
    pub max_characters: Option<i32>,
    pub characters_reserved_per_url: Option<i32>,
}

pub async fn target_accounts(
    executor: impl PgExecutor<'_>,
    workspace_id: Uuid,
    ids: &[Uuid],
) -> sqlx::Result<Vec<TargetAccount>> {
    sqlx::query_as!(
        TargetAccount,
        r#"select id, platform as "platform: Platform", display_name, state as "state: AccountState",
                  max_characters, characters_reserved_per_url
           from accounts where workspace_id = $1 and id = any($2)"#,
        workspace_id,
        ids
    )
    .fetch_all(executor)
    .await
}

pub struct PostRow {
    pub id: Uuid,
    pub body: String,
    pub status: PostStatus,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub timezone: String,
    pub version: i32,
    pub author_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// An approval covers the current text and accounts.
    pub approved_at: Option<DateTime<Utc>>,
    pub placement: Placement,
    /// In the evergreen pool since then.
    pub evergreen_since: Option<DateTime<Utc>>,
    /// The pool post this post shares again.
    pub evergreen_of: Option<Uuid>,
}

pub struct TargetRow {
    pub id: Uuid,
    pub account_id: Uuid,
    pub body_override: Option<String>,
    pub status: TargetStatus,
}

pub struct MediaRow {
    pub media_id: Uuid,
    pub alt_text: String,
    pub content_type: String,
    pub width: i32,
    pub height: i32,
}

pub async fn find(pool: &PgPool, workspace_id: Uuid, id: Uuid) -> sqlx::Result<Option<PostRow>> {
    sqlx::query_as!(
        PostRow,
        r#"select id, body, status as "status: PostStatus", scheduled_at, timezone, version, author_id,
                  created_at, updated_at, approved_at, placement as "placement: Placement",
                  evergreen_since, evergreen_of
           from posts where workspace_id = $1 and id = $2"#,
        workspace_id,
        id
    )
    .fetch_optional(pool)
    .await
}

/// The post, locked until the transaction ends, so a decision and an edit cannot cross.
pub async fn find_for_update(
    tx: &mut PgTransaction<'_>,
    workspace_id: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<PostRow>> {
    sqlx::query_as!(
        PostRow,
        r#"select id, body, status as "status: PostStatus", scheduled_at, timezone, version, author_id,
                  created_at, updated_at, approved_at, placement as "placement: Placement",
                  evergreen_since, evergreen_of
           from posts where workspace_id = $1 and id = $2 for update"#,
        workspace_id,
        id
    )
    .fetch_optional(&mut **tx)
    .await
}

pub async fn targets(executor: impl PgExecutor<'_>, post_id: Uuid) -> sqlx::Result<Vec<TargetRow>> {
    sqlx::query_as!(
        TargetRow,
        r#"select t.id, t.account_id, t.body_override, t.status as "status: TargetStatus"
           from post_targets t join accounts a on a.id = t.account_id
           where t.post_id = $1 order by a.created_at, a.id"#,
        post_id
    )
    .fetch_all(executor)
    .await
}

pub async fn media(executor: impl PgExecutor<'_>, post_id: Uuid) -> sqlx::Result<Vec<MediaRow>> {
    sqlx::query_as!(
        MediaRow,
        "select pm.media_id, pm.alt_text, m.content_type, m.width, m.height
         from post_media pm join media m on m.id = pm.media_id
         where pm.post_id = $1 order by pm.position",
        post_id
    )
    .fetch_all(executor)
    .await
}

/// Moves a post to another time (and to `status`, see `workflow::reschedule`). Returns the new
/// version, or `None` if it changed meanwhile or cannot be moved in its status. A series'
/// occurrence moved on its own stays where it is when the series is edited.
pub async fn reschedule(
    tx: &mut PgTransaction<'_>,
    workspace_id: Uuid,
    id: Uuid,
    expected_version: i32,
    at: DateTime<Utc>,
    status: PostStatus,
    placement: Placement,
) -> sqlx::Result<Option<i32>> {
    sqlx::query_scalar!(
        "update posts set scheduled_at = $4, status = $5, placement = $6, version = version + 1,
            updated_at = now(),
            edited_alone = edited_alone or (series_id is not null and scheduled_at is distinct from $4)
         where workspace_id = $1 and id = $2 and version = $3
           and status in ('draft', 'in_review', 'changes_requested', 'approved', 'scheduled')
         returning version",
        workspace_id,
        id,
        expected_version,
        at,
        status as PostStatus,
        placement as Placement
    )
    .fetch_optional(&mut **tx)
    .await
}

/// Sets a post's status (a review decision), bumping its version; returns the new version.
pub async fn set_status(tx: &mut PgTransaction<'_>, id: Uuid, status: PostStatus) -> sqlx::Result<i32> {
    sqlx::query_scalar!(
        "update posts set status = $2, version = version + 1, updated_at = now() where id = $1
         returning version",
        id,
        status as PostStatus
    )
    .fetch_one(&mut **tx)
    .await
}

/// Records who approved the current text and accounts, or (`None`) that nobody has.
pub async fn set_approval(tx: &mut PgTransaction<'_>, id: Uuid, by: Option<Uuid>) -> sqlx::Result<()> {
    sqlx::query!(
        "update posts set approved_by = $2, approved_at = case when $2::uuid is null then null else now() end
         where id = $1",
        id,
        by
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Moves every target of a post to `status` in place (an approval clears them to go).
pub async fn set_target_statuses(
    tx: &mut PgTransaction<'_>,
    post_id: Uuid,
    status: TargetStatus,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update post_targets set status = $2 where post_id = $1",
        post_id,
        status as TargetStatus
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn cancel(tx: &mut PgTransaction<'_>, workspace_id: Uuid, id: Uuid) -> sqlx::Result<Option<i32>> {
    let version = sqlx::query_scalar!(
        "update posts set status = 'cancelled', version = version + 1, updated_at = now()
         where workspace_id = $1 and id = $2 and status in ('scheduled', 'approved')
         returning version",
        workspace_id,
        id
    )
    .fetch_optional(&mut **tx)
    .await?;
    if version.is_some() {
        sqlx::query!(
            "update post_targets set status = 'cancelled' where post_id = $1",
            id
        )
        .execute(&mut **tx)
        .await?;
    }
    Ok(version)
}

pub async fn delete(executor: impl PgExecutor<'_>, workspace_id: Uuid, id: Uuid) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "delete from posts where workspace_id = $1 and id = $2
         and status in ('draft', 'in_review', 'changes_requested', 'approved', 'scheduled', 'cancelled')",
        workspace_id,
        id
    )
    .execute(executor)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub struct ListFilter<'a> {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub statuses: Option<&'a [PostStatus]>,
    pub account_id: Option<Uuid>,
    pub kinds: Option<&'a [PostKind]>,
}

/// One row per post with its targets, for the calendar and the list.
pub struct PostSummaryRow {
    pub id: Uuid,
    pub status: PostStatus,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub timezone: String,
    pub version: i32,
    pub excerpt: String,
    /// `[{"account_id": …, "status": …}]`
    pub targets: serde_json::Value,
    pub kind: PostKind,
}

/// A workspace's posts scheduled in `[from, to)`: one indexed query for a whole view.
pub async fn list(
    pool: &PgPool,
    workspace_id: Uuid,
    filter: &ListFilter<'_>,
) -> sqlx::Result<Vec<PostSummaryRow>> {
    sqlx::query_as!(
        PostSummaryRow,
        r#"select p.id, p.status as "status: PostStatus", p.scheduled_at, p.timezone, p.version,
                  left(p.body, 160) as "excerpt!",
                  coalesce(json_agg(json_build_object('account_id', t.account_id, 'status', t.status)
                                    order by t.account_id) filter (where t.id is not null), '[]') as "targets!",
                  k.kind as "kind!: PostKind"
           from posts p
           cross join lateral (select case when p.series_id is not null then 'recurring'
                                           when p.evergreen_of is not null then 'evergreen'
                                           when p.placement = 'queue' then 'queued'
                                           else 'manual' end as kind) k
           left join post_targets t on t.post_id = p.id
           where p.workspace_id = $1 and p.scheduled_at >= $2 and p.scheduled_at < $3
             and ($4::text[] is null or p.status = any($4))
             and ($5::uuid is null or exists (select 1 from post_targets x where x.post_id = p.id and x.account_id = $5))
             and ($6::text[] is null or k.kind = any($6))
           group by p.id, k.kind
           order by p.scheduled_at, p.id"#,
        workspace_id,
        filter.from,
        filter.to,
        filter.statuses as Option<&[PostStatus]>,
        filter.account_id,
        filter.kinds as Option<&[PostKind]>
    )
    .fetch_all(pool)
    .await
}

/// A draft as the Drafts page lists it.
pub struct DraftRow {
    pub id: Uuid,
    pub version: i32,
    pub excerpt: String,
    pub updated_at: DateTime<Utc>,
    pub accounts: Vec<String>,
}

/// The workspace's drafts, the most recently changed first (at most `limit`).
pub async fn drafts(
    executor: impl PgExecutor<'_>,
    workspace_id: Uuid,
    limit: i64,
) -> sqlx::Result<Vec<DraftRow>> {
    sqlx::query_as!(
        DraftRow,
        r#"select p.id, p.version, left(p.body, 160) as "excerpt!", p.updated_at,
                  coalesce(array_agg(a.display_name order by a.display_name) filter (where a.id is not null),
                           '{}') as "accounts!"
           from posts p
           left join post_targets t on t.post_id = p.id
           left join accounts a on a.id = t.account_id
           where p.workspace_id = $1 and p.status = 'draft'
           group by p.id
           order by p.updated_at desc, p.id
           limit $2"#,
        workspace_id,
        limit
    )
    .fetch_all(executor)
    .await
}
