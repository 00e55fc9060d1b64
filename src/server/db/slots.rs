//! An account's posting slots and the zone they are in.
use chrono::NaiveTime;
use sqlx::{PgConnection, PgTransaction};
use uuid::Uuid;

pub struct SlotRow {
    /// ISO weekday: 1 is Monday.
    pub weekday: i16,
    pub local_time: NaiveTime,
}

pub struct AccountSlots {
    /// The account's own zone, if it has one.
    pub account_zone: Option<String>,
    pub workspace_zone: String,
    pub slots: Vec<SlotRow>,
}

/// `None` when the account is not in the workspace.
pub async fn load(
    conn: &mut PgConnection,
    workspace_id: Uuid,
    account_id: Uuid,
) -> sqlx::Result<Option<AccountSlots>> {
    let Some(zones) = sqlx::query!(
        "select a.timezone as account_zone, w.timezone as workspace_zone
         from accounts a join workspaces w on w.id = a.workspace_id
         where a.workspace_id = $1 and a.id = $2",
        workspace_id,
        account_id
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let slots = sqlx::query_as!(
        SlotRow,
        "select weekday, local_time from posting_slots where account_id = $1 order by weekday, local_time",
        account_id
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(Some(AccountSlots {
        account_zone: zones.account_zone,
        workspace_zone: zones.workspace_zone,
        slots,
    }))
}

/// Replaces the account's slots and zone (`None`: the workspace's).
pub async fn replace(
    tx: &mut PgTransaction<'_>,
    account_id: Uuid,
    zone: Option<&str>,
    slots: &[(i16, NaiveTime)],
) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set timezone = $2 where id = $1",
        account_id,
        zone
    )
    .execute(&mut **tx)
    .await?;
    sqlx::query!("delete from posting_slots where account_id = $1", account_id)
        .execute(&mut **tx)
        .await?;
    let (days, times): (Vec<i16>, Vec<NaiveTime>) = slots.iter().copied().unzip();
    sqlx::query!(
        "insert into posting_slots (account_id, weekday, local_time)
         select $1, weekday, local_time from unnest($2::smallint[], $3::time[]) as s(weekday, local_time)",
        account_id,
        &days,
        &times
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Every slot of the workspace's accounts, each with its account's zone (or the workspace's).
pub struct ZonedSlotRow {
    pub account_id: Uuid,
    pub timezone: String,
    pub weekday: i16,
    pub local_time: NaiveTime,
}

pub async fn for_workspace(conn: &mut PgConnection, workspace_id: Uuid) -> sqlx::Result<Vec<ZonedSlotRow>> {
    sqlx::query_as!(
        ZonedSlotRow,
        r#"select s.account_id, coalesce(a.timezone, w.timezone) as "timezone!", s.weekday, s.local_time
           from posting_slots s
           join accounts a on a.id = s.account_id
           join workspaces w on w.id = a.workspace_id
           where a.workspace_id = $1
           order by s.account_id, s.weekday, s.local_time"#,
        workspace_id
    )
    .fetch_all(conn)
    .await
}

/// Each account of the workspace with its own zone (if any) and the workspace's.
pub struct AccountZoneRow {
    pub account_id: Uuid,
    pub account_zone: Option<String>,
    pub workspace_zone: String,
}

pub async fn account_zones(conn: &mut PgConnection, workspace_id: Uuid) -> sqlx::Result<Vec<AccountZoneRow>> {
    sqlx::query_as!(
        AccountZoneRow,
        "select a.id as account_id, a.timezone as account_zone, w.timezone as workspace_zone
         from accounts a join workspaces w on w.id = a.workspace_id
         where a.workspace_id = $1
         order by a.created_at, a.id",
        workspace_id
    )
    .fetch_all(conn)
    .await
}
