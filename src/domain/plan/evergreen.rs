//! The evergreen pool: which pool post fills which empty slot.
use std::collections::HashMap;
use std::ops::RangeInclusive;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A workspace's pool settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolRules {
    /// The least time between two shares of one post on one account.
    pub cooldown: Duration,
    /// Leave a slot empty rather than put an evergreen post next to another one.
    pub no_two_in_a_row: bool,
}

/// A workspace's pool, as its Settings page edits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolSettings {
    pub cooldown_days: i32,
    /// How far ahead an empty slot is filled: later, a person may still queue a post there.
    pub lead_hours: i32,
    pub no_two_in_a_row: bool,
    /// Stops new fills; shares already made stay.
    pub paused: bool,
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self {
            cooldown_days: 30,
            lead_hours: 24,
            no_two_in_a_row: true,
            paused: false,
        }
    }
}

impl PoolSettings {
    pub const COOLDOWN_DAYS: RangeInclusive<i32> = 1..=3650;
    pub const LEAD_HOURS: RangeInclusive<i32> = 1..=720;

    /// The settings if both numbers are in range, else a message naming the field.
    pub fn checked(self) -> Result<Self, String> {
        if !Self::COOLDOWN_DAYS.contains(&self.cooldown_days) {
            return Err(format!(
                "Cooldown: give a number of days from {} to {}.",
                Self::COOLDOWN_DAYS.start(),
                Self::COOLDOWN_DAYS.end()
            ));
        }
        if !Self::LEAD_HOURS.contains(&self.lead_hours) {
            return Err(format!(
                "Fill ahead: give a number of hours from {} to {}.",
                Self::LEAD_HOURS.start(),
                Self::LEAD_HOURS.end()
            ));
        }
        Ok(self)
    }

    pub fn rules(self) -> PoolRules {
        PoolRules {
            cooldown: Duration::days(self.cooldown_days.into()),
            no_two_in_a_row: self.no_two_in_a_row,
        }
    }

    pub fn lead(self) -> Duration {
        Duration::hours(self.lead_hours.into())
    }
}

/// A post in the pool and the accounts it may go to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolPost {
    pub id: Uuid,
    pub accounts: Vec<Uuid>,
    /// When it joined the pool: among posts never shared, the earlier goes first.
    pub added_at: DateTime<Utc>,
}

/// A post that goes (or went) out on an account at `at`; `from_pool` names the pool post it
/// shares, if it is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub account: Uuid,
    pub at: DateTime<Utc>,
    pub from_pool: Option<Uuid>,
}

/// An empty slot of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmptySlot {
    pub account: Uuid,
    pub at: DateTime<Utc>,
}

/// One decision: share `post` on `account` at `at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fill {
    pub post: Uuid,
    pub account: Uuid,
    pub at: DateTime<Utc>,
}

/// Fills `empty` slots (any order) from `pool`, the least recently shared post on that account
/// first, never within `cooldown` of another share of the same post on the same account, and,
/// when asked, never beside another evergreen post of that account. `placed` is everything
/// already going out (or gone out) on the accounts, evergreen or not.
pub fn fill(empty: &[EmptySlot], pool: &[PoolPost], placed: &[Placed], rules: PoolRules) -> Vec<Fill> {
    let mut timeline: HashMap<Uuid, Vec<Placed>> = HashMap::new();
    for p in placed {
        timeline.entry(p.account).or_default().push(*p);
    }
    let mut slots = empty.to_vec();
    slots.sort_by_key(|s| (s.at, s.account));
    let mut fills = Vec::new();
    for slot in slots {
        let posts = timeline.entry(slot.account).or_default();
        if rules.no_two_in_a_row && beside_evergreen(posts, slot.at) {
            continue;
        }
        let choice = pool
            .iter()
            .filter(|post| post.accounts.contains(&slot.account))
            .filter(|post| {
                posts
                    .iter()
                    .filter(|p| p.from_pool == Some(post.id))
                    .all(|p| (p.at - slot.at).abs() >= rules.cooldown)
            })
            .min_by_key(|post| (last_share(posts, post.id, slot.at), post.added_at, post.id));
        if let Some(post) = choice {
            posts.push(Placed {
                account: slot.account,
                at: slot.at,
                from_pool: Some(post.id),
            });
            fills.push(Fill {
                post: post.id,
                account: slot.account,
                at: slot.at,
            });
        }
    }
    fills
}

/// The latest share of `post` before `at` (none sorts first: never shared goes first).
fn last_share(posts: &[Placed], post: Uuid, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
    posts
        .iter()
        .filter(|p| p.from_pool == Some(post) && p.at < at)
        .map(|p| p.at)
        .max()
}

/// Whether the account's post just before or just after `at` is an evergreen share.
fn beside_evergreen(posts: &[Placed], at: DateTime<Utc>) -> bool {
    let before = posts.iter().filter(|p| p.at < at).max_by_key(|p| p.at);
    let after = posts.iter().filter(|p| p.at > at).min_by_key(|p| p.at);
    [before, after]
        .into_iter()
        .flatten()
        .any(|p| p.from_pool.is_some())
}
