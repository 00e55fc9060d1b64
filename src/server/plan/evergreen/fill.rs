//! Fills posting slots still empty a lead time ahead with shares of the workspace's evergreen
//! posts. Each share is an ordinary post of the pool post's author on one account, so reviews
//! and the publishing engine treat it like any other; the pool's rules are the domain's.
use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};

use crate::domain::plan::Placement;
use crate::domain::plan::evergreen::{self, EmptySlot, Fill, Placed, PoolPost, PoolSettings};
use crate::domain::post::Intent;
use crate::domain::schedule::IanaZone;
use crate::domain::workflow::Policy;
use crate::error::AppError;
use crate::server::auth::guard::Member;
use crate::server::db::evergreen::{self as pool_rows, PoolRow};
use crate::server::db::{memberships, queue, workspaces};
use crate::server::plan::{SETTLED, slots};
use crate::server::posts::{self, Content, PostInput, When};
use crate::server::state::AppState;
use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::PgTransaction;
use uuid::Uuid;

/// One round over every workspace with a running pool; returns how many shares it made. A
/// workspace that fails is logged and tried again next round; the others go on.
pub async fn run_once(state: &AppState, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let mut made = 0;
    for workspace_id in pool_rows::active_workspaces(&state.pool).await? {
        match fill_workspace(state, workspace_id, now).await {
            Ok(count) => made += count,
            Err(error) => {
                tracing::warn!(workspace = %workspace_id, %error, "could not fill the evergreen slots")
            }
        }
    }
    Ok(made)
}

/// Fills the workspace's empty slots from now (less the settling time) to the lead time
/// ahead, under the queue locks of the pool's accounts, so a person queueing a post at the same
/// moment never gets the same slot.
pub async fn fill_workspace(
    state: &AppState,
    workspace_id: Uuid,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let settings = pool_rows::settings(&state.pool, workspace_id)
        .await
        .context("loading the pool's settings")?;
    if settings.paused {
        return Ok(0);
    }
    let pool = pool_rows::pool(&state.pool, workspace_id)
        .await
        .context("loading the pool")?;
    let accounts: Vec<Uuid> = pool
        .iter()
        .flat_map(|p| p.accounts.iter().copied())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let (from, to) = (now + SETTLED, now + settings.lead());

    let mut tx = state.pool.begin().await.context("starting the evergreen fill")?;
    queue::lock_accounts(&mut tx, &accounts)
        .await
        .context("waiting for the accounts' queues")?;
    let mut empty = Vec::new();
    let mut zones = HashMap::new();
    for &account in &accounts {
        let slots = slots::load(&mut tx, workspace_id, account).await?;
        let taken: BTreeSet<_> = queue::booked(&mut *tx, account, now)
            .await
            .context("reading the account's queue")?
            .into_iter()
            .map(|b| b.at)
            .collect();
        empty.extend(
            slots
                .between(from, to)
                .into_iter()
                .filter(|at| !taken.contains(at))
                .map(|at| EmptySlot { account, at }),
        );
        zones.insert(account, slots.zone());
    }
    if empty.is_empty() {
        return Ok(0);
    }
    let placed = placed(&mut tx, &accounts, (from, to), settings).await?;
    let fills = evergreen::fill(&empty, &pool_posts(&pool), &placed, settings.rules());
    let policy = workspaces::policy(&state.pool, workspace_id)
        .await
        .context("loading the workspace's approval policy")?;
    let mut sharer = Sharer {
        state,
        workspace_id,
        policy,
        authors: HashMap::new(),
        contents: HashMap::new(),
    };
    let mut made = 0;
    for fill in fills {
        let Some(row) = pool.iter().find(|p| p.id == fill.post) else {
            continue;
        };
        if sharer.share(&mut tx, row, fill, zones[&fill.account]).await? {
            made += 1;
        }
    }
    tx.commit().await.context("committing the evergreen fill")?;
    if made > 0 {
        tracing::info!(workspace = %workspace_id, made, "evergreen slots filled");
    }
    Ok(made)
}

fn pool_posts(pool: &[PoolRow]) -> Vec<PoolPost> {
    pool.iter()
        .map(|p| PoolPost {
            id: p.id,
            accounts: p.accounts.clone(),
            added_at: p.added_at,
        })
        .collect()
}

/// Everything on the accounts that the cooldown (either side of the window) or a neighbour
/// rule can see.
async fn placed(
    tx: &mut PgTransaction<'_>,
    accounts: &[Uuid],
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    settings: PoolSettings,
) -> Result<Vec<Placed>, AppError> {
    let reach = settings.rules().cooldown;
    Ok(pool_rows::placed(&mut **tx, accounts, from - reach, to + reach)
        .await
        .context("reading what the accounts have around the slots")?
        .into_iter()
        .map(|p| Placed {
            account: p.account_id,
            at: p.at,
            from_pool: p.from_pool,
        })
        .collect())
}

/// Saves shares as their pool post's author; each author and content is read once a round.
struct Sharer<'a> {
    state: &'a AppState,
    workspace_id: Uuid,
    policy: Policy,
    authors: HashMap<Uuid, Option<Member>>,
    contents: HashMap<Uuid, Content>,
}

impl Sharer<'_> {
    /// Saves one share; `false` when it cannot be made (its author left, or its text no longer
    /// fits the account), which is logged and leaves the slot empty.
    async fn share(
        &mut self,
        tx: &mut PgTransaction<'_>,
        row: &PoolRow,
        fill: Fill,
        zone: IanaZone,
    ) -> Result<bool, AppError> {
        let Some(author) = self.author(row.author_id).await? else {
            tracing::warn!(post = %row.id, "evergreen post's author left the workspace; not shared");
            return Ok(false);
        };
        let intent = self.policy.intent_for(author.role);
        let input = self.input(tx, row, fill.account, zone, intent).await?;
        if let Err(error) = posts::validate_content(&self.state.pool, &author, &input).await {
            tracing::warn!(post = %row.id, account = %fill.account, %error, "evergreen post not shared");
            return Ok(false);
        }
        let when = When {
            at: Some(fill.at),
            zone,
            resolved: None,
        };
        let saved = posts::save_in(tx, &author, &input, when, self.policy).await?;
        pool_rows::mark_share(tx, saved.id, row.id)
            .await
            .context("linking the share to its evergreen post")?;
        Ok(true)
    }

    async fn author(&mut self, author_id: Option<Uuid>) -> Result<Option<Member>, AppError> {
        let Some(id) = author_id else {
            return Ok(None);
        };
        let author = match self.authors.entry(id) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(slot) => slot.insert(
                memberships::find(&self.state.pool, id, self.workspace_id)
                    .await
                    .context("loading the evergreen post's author")?,
            ),
        };
        Ok(author.clone())
    }

    /// The pool post's text, its own text for `account` if it has one, and its images.
    async fn input(
        &mut self,
        tx: &mut PgTransaction<'_>,
        row: &PoolRow,
        account: Uuid,
        zone: IanaZone,
        intent: Intent,
    ) -> Result<PostInput, AppError> {
        let content = match self.contents.entry(row.id) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(slot) => slot.insert(
                posts::read_content(tx, row.id)
                    .await
                    .context("loading the evergreen post's accounts and images")?,
            ),
        };
        Ok(PostInput {
            post_id: None,
            expected_version: None,
            body: row.body.clone(),
            targets: content
                .targets
                .iter()
                .filter(|t| t.account_id == account)
                .cloned()
                .collect(),
            media: content.media.clone(),
            date: String::new(),
            time: String::new(),
            timezone: zone.name().to_owned(),
            intent,
            placement: Placement::Manual,
        })
    }
}
