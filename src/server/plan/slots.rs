//! An account's posting slots: read them as the domain's `WeeklySlots`, or replace them.
use crate::domain::plan::slots::{Slot, WeeklySlots};
use crate::domain::schedule::IanaZone;
use crate::error::AppError;
use crate::server::auth::guard::Member;
use crate::server::db::slots::{self, AccountSlots};
use crate::server::state::AppState;
use crate::views::plan::SlotPlan;
use anyhow::Context;
use chrono::{NaiveTime, Weekday};
use sqlx::PgConnection;
use uuid::Uuid;

/// The account's slots in its zone (or the workspace's); `NotFound` outside the workspace.
pub async fn load(
    conn: &mut PgConnection,
    workspace_id: Uuid,
    account_id: Uuid,
) -> Result<WeeklySlots, AppError> {
    let stored = stored(conn, workspace_id, account_id).await?;
    weekly(&stored)
}

/// Replaces the account's slots, in `zone` (empty: the workspace's zone).
pub async fn set(
    state: &AppState,
    member: &Member,
    account_id: Uuid,
    zone: &str,
    new_slots: Vec<Slot>,
) -> Result<(), AppError> {
    let own_zone = match zone.trim() {
        "" => None,
        name => Some(IanaZone::parse(name).map_err(|e| AppError::BadRequest(format!("Time zone: {e}")))?),
    };
    let mut tx = state.pool.begin().await.context("starting to save the slots")?;
    let stored = stored(&mut tx, member.workspace_id, account_id).await?;
    let zone = own_zone.map_or_else(|| workspace_zone(&stored), Ok)?;
    let checked =
        WeeklySlots::new(zone, new_slots).map_err(|e| AppError::BadRequest(format!("Posting slots: {e}")))?;
    let rows: Vec<(i16, chrono::NaiveTime)> = checked
        .slots()
        .iter()
        .map(|slot| (slot.day.number_from_monday() as i16, slot.time))
        .collect();
    slots::replace(&mut tx, account_id, own_zone.map(|z| z.name()), &rows)
        .await
        .context("saving the posting slots")?;
    tx.commit().await.context("committing the posting slots")?;
    Ok(())
}

/// The account's slots as the Accounts page shows them.
pub async fn view(state: &AppState, member: &Member, account_id: Uuid) -> Result<SlotPlan, AppError> {
    let mut conn = state.pool.acquire().await.context("reading the posting slots")?;
    let stored = stored(&mut conn, member.workspace_id, account_id).await?;
    let slots = stored
        .slots
        .iter()
        .filter_map(|row| slot(row.weekday, row.local_time))
        .collect();
    Ok(SlotPlan {
        account_id,
        timezone: stored.account_zone,
        workspace_timezone: stored.workspace_zone,
        slots,
    })
}

/// Every account's slots, for the Accounts page (one request, loaded beside the account list).
pub async fn views(state: &AppState, member: &Member) -> Result<Vec<SlotPlan>, AppError> {
    let mut conn = state.pool.acquire().await.context("reading the posting slots")?;
    let accounts = slots::account_zones(&mut conn, member.workspace_id)
        .await
        .context("loading the accounts' zones")?;
    let rows = slots::for_workspace(&mut conn, member.workspace_id)
        .await
        .context("loading the workspace's posting slots")?;
    Ok(accounts
        .into_iter()
        .map(|account| SlotPlan {
            account_id: account.account_id,
            slots: rows
                .iter()
                .filter(|row| row.account_id == account.account_id)
                .filter_map(|row| slot(row.weekday, row.local_time))
                .collect(),
            timezone: account.account_zone,
            workspace_timezone: account.workspace_zone,
        })
        .collect())
}

/// The account's stored slots; `NotFound` outside the workspace.
async fn stored(
    conn: &mut PgConnection,
    workspace_id: Uuid,
    account_id: Uuid,
) -> Result<AccountSlots, AppError> {
    slots::load(conn, workspace_id, account_id)
        .await
        .context("loading the account's posting slots")?
        .ok_or_else(|| AppError::NotFound("This account is not in this workspace.".into()))
}

fn weekly(stored: &AccountSlots) -> Result<WeeklySlots, AppError> {
    let zone = match &stored.account_zone {
        Some(name) => IanaZone::parse(name).context("reading the account's stored zone")?,
        None => workspace_zone(stored)?,
    };
    let slots = stored
        .slots
        .iter()
        .filter_map(|row| slot(row.weekday, row.local_time));
    WeeklySlots::new(zone, slots)
        .context("reading the stored posting slots")
        .map_err(AppError::from)
}

/// A stored row (ISO weekday, 1 is Monday) as a slot.
pub(super) fn slot(weekday: i16, time: NaiveTime) -> Option<Slot> {
    let day = Weekday::try_from(u8::try_from(weekday - 1).ok()?).ok()?;
    Some(Slot { day, time })
}

fn workspace_zone(stored: &AccountSlots) -> Result<IanaZone, AppError> {
    Ok(IanaZone::parse(&stored.workspace_zone).context("reading the workspace's stored zone")?)
}
