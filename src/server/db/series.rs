//! Recurring series and the posts made from them.
use crate::domain::plan::repeat::Repeat;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use sqlx::{PgExecutor, PgTransaction};
use uuid::Uuid;

/// An account of the series, with its own text if it has one.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SeriesTarget {
    pub account_id: Uuid,
    pub body_override: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SeriesImage {
    pub media_id: Uuid,
    pub alt_text: String,
}

pub struct SeriesRow {
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub author_id: Option<Uuid>,
    pub body: String,
    pub targets: Json<Vec<SeriesTarget>>,
    pub media: Json<Vec<SeriesImage>>,
    pub rule: Json<Repeat>,
    pub made_until: DateTime<Utc>,
    pub stopped_at: Option<DateTime<Utc>>,
    pub version: i32,
}

pub struct NewSeries<'a> {
    pub workspace_id: Uuid,
    pub author_id: Uuid,
    pub body: &'a str,
    pub targets: Vec<SeriesTarget>,
    pub media: Vec<SeriesImage>,
    pub rule: &'a Repeat,
    pub made_until: DateTime<Utc>,
}

pub async fn insert(tx: &mut PgTransaction<'_>, series: NewSeries<'_>) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into series (id, workspace_id, author_id, body, targets, media, rule, made_until)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
        Uuid::new_v4(),
        series.workspace_id,
        series.author_id,
        series.body,
        Json(&series.targets) as _,
        Json(&series.media) as _,
        Json(series.rule) as _,
        series.made_until
    )
    .fetch_one(&mut **tx)
    .await
}

/// The series, locked for this transaction; `None` outside the workspace (or when
/// `workspace_id` is `None`, any series: the background job).
pub async fn lock(
    tx: &mut PgTransaction<'_>,
    workspace_id: Option<Uuid>,
    id: Uuid,
) -> sqlx::Result<Option<SeriesRow>> {
    sqlx::query_as!(
        SeriesRow,
        r#"select id, workspace_id, author_id, body, targets as "targets: Json<Vec<SeriesTarget>>",
                  media as "media: Json<Vec<SeriesImage>>", rule as "rule: Json<Repeat>",
                  made_until, stopped_at, version
           from series where id = $1 and ($2::uuid is null or workspace_id = $2)
           for update"#,
        id,
        workspace_id
    )
    .fetch_optional(&mut **tx)
    .await
}

/// Running series whose occurrences are made up to an instant before `until`.
pub async fn due(executor: impl PgExecutor<'_>, until: DateTime<Utc>) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        "select id from series where stopped_at is null and made_until < $1 order by made_until",
        until
    )
    .fetch_all(executor)
    .await
}

pub async fn set_made_until(tx: &mut PgTransaction<'_>, id: Uuid, until: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query!("update series set made_until = $2 where id = $1", id, until)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// New text and rule; returns the new version.
pub async fn update(tx: &mut PgTransaction<'_>, id: Uuid, body: &str, rule: &Repeat) -> sqlx::Result<i32> {
    sqlx::query_scalar!(
        "update series set body = $2, rule = $3, version = version + 1 where id = $1 returning version",
        id,
        body,
        Json(rule) as _
    )
    .fetch_one(&mut **tx)
    .await
}

pub async fn stop(tx: &mut PgTransaction<'_>, id: Uuid) -> sqlx::Result<i32> {
    sqlx::query_scalar!(
        "update series set stopped_at = now(), version = version + 1 where id = $1 returning version",
        id
    )
    .fetch_one(&mut **tx)
    .await
}

/// Makes a post the series' occurrence on a local date.
pub async fn mark_occurrence(
    tx: &mut PgTransaction<'_>,
    post_id: Uuid,
    series_id: Uuid,
    on: NaiveDate,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update posts set series_id = $2, occurrence_on = $3 where id = $1",
        post_id,
        series_id,
        on
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The local dates that already have a post.
pub async fn made_dates(tx: &mut PgTransaction<'_>, series_id: Uuid) -> sqlx::Result<Vec<NaiveDate>> {
    sqlx::query_scalar!(
        r#"select occurrence_on as "on!" from posts where series_id = $1 and occurrence_on is not null"#,
        series_id
    )
    .fetch_all(&mut **tx)
    .await
}

/// Deletes the occurrences no one edited on their own that are still to go out after `after`
/// (not yet publishing); returns their ids.
pub async fn delete_future(
    tx: &mut PgTransaction<'_>,
    series_id: Uuid,
    after: DateTime<Utc>,
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        "delete from posts where series_id = $1 and not edited_alone and scheduled_at > $2
         and status in ('draft', 'in_review', 'changes_requested', 'approved', 'scheduled')
         returning id",
        series_id,
        after
    )
    .fetch_all(&mut **tx)
    .await
}

/// Before an occurrence is deleted: its date becomes a skipped date of the series, so that no
/// later edit of the series makes it again.
pub async fn skip_occurrence_of(tx: &mut PgTransaction<'_>, post_id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update series s
         set rule = jsonb_set(s.rule, '{skipped}', coalesce(s.rule->'skipped', '[]') || to_jsonb(p.occurrence_on::text))
         from posts p where p.id = $1 and s.id = p.series_id",
        post_id
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The series a post belongs to, for its page.
pub async fn of_post(executor: impl PgExecutor<'_>, post_id: Uuid) -> sqlx::Result<Option<SeriesRow>> {
    sqlx::query_as!(
        SeriesRow,
        r#"select s.id, s.workspace_id, s.author_id, s.body, s.targets as "targets: Json<Vec<SeriesTarget>>",
                  s.media as "media: Json<Vec<SeriesImage>>", s.rule as "rule: Json<Repeat>",
                  s.made_until, s.stopped_at, s.version
           from series s join posts p on p.series_id = s.id where p.id = $1"#,
        post_id
    )
    .fetch_optional(executor)
    .await
}
