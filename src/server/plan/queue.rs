//! "Add to queue", "Share next" and re-flow. Each runs in one transaction under the queue locks
//! of its accounts, so two people adding at once take turns and never get one slot.
use std::collections::BTreeSet;

use super::{SETTLED, slots};
use crate::domain::plan::Placement;
use crate::domain::plan::queue::{next_free, place};
use crate::domain::plan::slots::WeeklySlots;
use crate::domain::post::{Intent, PostStatus};
use crate::domain::workflow::Policy;
use crate::error::AppError;
use crate::server::auth::guard::Member;
use crate::server::db::queue::{self, Booked};
use crate::server::db::{posts as post_rows, workspaces};
use crate::server::posts::{self, Content, PostInput, When};
use crate::server::state::AppState;
use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::PgTransaction;
use uuid::Uuid;

/// A queued post the queue moves to another of its account's slots.
struct Move {
    account_id: Uuid,
    booked: Booked,
    at: DateTime<Utc>,
}

/// Where the queue put a post (one account each).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedPost {
    pub post_id: Uuid,
    pub account_id: Uuid,
    pub version: i32,
    pub at: DateTime<Utc>,
}

/// Puts a draft into the queue of each of its accounts: the next free slot, or with
/// `share_next` the first slot, moving that account's queued posts along. A draft for several
/// accounts becomes one post per account (their slots differ); the first keeps the draft's id.
/// A contributor's queued post waits for review at its slot. Returns where each post went,
/// the ones moved along included.
pub async fn add(
    state: &AppState,
    member: &Member,
    (id, version): (Uuid, i32),
    share_next: bool,
    now: DateTime<Utc>,
) -> Result<Vec<QueuedPost>, AppError> {
    let policy = workspaces::policy(&state.pool, member.workspace_id)
        .await
        .context("loading the workspace's approval policy")?;
    let draft = draft_input(state, member, (id, version), policy.intent_for(member.role)).await?;
    posts::validate_content(&state.pool, member, &draft).await?;
    let names = post_rows::target_accounts(&state.pool, member.workspace_id, &draft.account_ids())
        .await
        .context("loading the draft's accounts")?;

    let mut tx = state.pool.begin().await.context("starting to queue the post")?;
    let mut accounts = draft.account_ids();
    accounts.sort();
    queue::lock_accounts(&mut tx, &accounts)
        .await
        .context("waiting for the accounts' queues")?;
    let mut places = Vec::new();
    let mut along = Vec::new();
    for target in &draft.targets {
        let slots = slots::load(&mut tx, member.workspace_id, target.account_id).await?;
        let booked = queue::booked(&mut *tx, target.account_id, now)
            .await
            .context("reading the account's queue")?;
        let at = if share_next {
            let (first, moved) = moves_along(&slots, &booked, now, target.account_id, true);
            along.extend(moved);
            first
        } else {
            next_free(&slots, now, &booked.iter().map(|b| b.at).collect())
        };
        let name = names
            .iter()
            .find(|a| a.id == target.account_id)
            .map_or("This account", |a| &a.display_name);
        let at = at.ok_or_else(|| no_slot(name, &slots))?;
        places.push((target.clone(), at, slots.zone()));
    }
    let mut queued = Vec::new();
    for (n, (target, at, zone)) in places.into_iter().enumerate() {
        let first = n == 0;
        let single = PostInput {
            post_id: first.then_some(id),
            expected_version: first.then_some(version),
            targets: vec![target.clone()],
            timezone: zone.name().to_owned(),
            ..draft.clone()
        };
        let when = When {
            at: Some(at),
            zone,
            resolved: None,
        };
        let saved = posts::save_in(&mut tx, member, &single, when, policy).await?;
        queued.push(QueuedPost {
            post_id: saved.id,
            account_id: target.account_id,
            version: saved.version,
            at,
        });
    }
    queued.extend(move_along(&mut tx, member, along, policy).await?);
    tx.commit().await.context("committing the queued post")?;
    tracing::info!(%id, posts = queued.len(), share_next, "post queued");
    Ok(queued)
}

/// Moves the account's queued posts up into its free slots, in their order: after a queued post
/// was removed or the slots changed, when the person asks. Posts placed by hand stay.
pub async fn reflow(
    state: &AppState,
    member: &Member,
    account_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<QueuedPost>, AppError> {
    let policy = workspaces::policy(&state.pool, member.workspace_id)
        .await
        .context("loading the workspace's approval policy")?;
    let mut tx = state.pool.begin().await.context("starting the re-flow")?;
    queue::lock_accounts(&mut tx, &[account_id])
        .await
        .context("waiting for the account's queue")?;
    let slots = slots::load(&mut tx, member.workspace_id, account_id).await?;
    let booked = queue::booked(&mut *tx, account_id, now)
        .await
        .context("reading the account's queue")?;
    let (_, moves) = moves_along(&slots, &booked, now, account_id, false);
    let moved = move_along(&mut tx, member, moves, policy).await?;
    tx.commit().await.context("committing the re-flow")?;
    tracing::info!(%account_id, moved = moved.len(), "queue re-flowed");
    Ok(moved)
}

/// The account's queued posts in its free slots, in their order, and which of them move. With
/// `make_room` the first free slot is kept back and returned (share next).
fn moves_along(
    slots: &WeeklySlots,
    booked: &[Booked],
    now: DateTime<Utc>,
    account_id: Uuid,
    make_room: bool,
) -> (Option<DateTime<Utc>>, Vec<Move>) {
    let (fixed, movable) = split(booked, now);
    let room = usize::from(make_room);
    let mut instants = place(slots, now, &fixed, movable.len() + room).into_iter();
    let first = if make_room { instants.next() } else { None };
    let moves = movable
        .into_iter()
        .zip(instants)
        .filter(|(b, at)| b.at != *at)
        .map(|(booked, at)| Move {
            account_id,
            booked,
            at,
        })
        .collect();
    (first, moves)
}

/// Times the queue must pass over (placed by hand, or about to go) and its own posts, in order.
fn split(booked: &[Booked], now: DateTime<Utc>) -> (BTreeSet<DateTime<Utc>>, Vec<Booked>) {
    let (movable, fixed): (Vec<&Booked>, Vec<&Booked>) = booked
        .iter()
        .partition(|b| b.placement == Placement::Queue && b.at >= now + SETTLED);
    (
        fixed.iter().map(|b| b.at).collect(),
        movable.into_iter().cloned().collect(),
    )
}

async fn move_along(
    tx: &mut PgTransaction<'_>,
    member: &Member,
    moves: Vec<Move>,
    policy: Policy,
) -> Result<Vec<QueuedPost>, AppError> {
    let mut moved = Vec::with_capacity(moves.len());
    for Move {
        account_id,
        booked,
        at,
    } in moves
    {
        let version = posts::move_in(
            tx,
            member,
            (booked.post_id, booked.version),
            at,
            Placement::Queue,
            policy,
        )
        .await?;
        moved.push(QueuedPost {
            post_id: booked.post_id,
            account_id,
            version,
            at,
        });
    }
    Ok(moved)
}

/// The draft as the composer would send it to schedule it.
async fn draft_input(
    state: &AppState,
    member: &Member,
    (id, version): (Uuid, i32),
    intent: Intent,
) -> Result<PostInput, AppError> {
    let post = post_rows::find(&state.pool, member.workspace_id, id)
        .await
        .context("loading the draft")?
        .ok_or_else(posts::missing)?;
    if post.status != PostStatus::Draft {
        return Err(AppError::Conflict(format!(
            "Only a draft can be added to the queue; this post is {}.",
            post.status.label().to_lowercase()
        )));
    }
    if post.version != version {
        return Err(posts::changed(&post));
    }
    let mut conn = state.pool.acquire().await.context("loading the draft")?;
    let Content { targets, media } = posts::read_content(&mut conn, id)
        .await
        .context("loading the draft's accounts and images")?;
    Ok(PostInput {
        post_id: Some(id),
        expected_version: Some(version),
        body: post.body,
        targets,
        media,
        date: String::new(),
        time: String::new(),
        timezone: post.timezone,
        intent,
        placement: Placement::Queue,
    })
}

fn no_slot(account: &str, slots: &WeeklySlots) -> AppError {
    AppError::BadRequest(if slots.slots().is_empty() {
        format!("{account} has no posting slots yet; give it posting slots first.")
    } else {
        format!("{account}: the queue has no free slot in the next year; add posting slots.")
    })
}
