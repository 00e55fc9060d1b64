//! Puts posts at their local day and time and keeps only what a view shows, so a month with
//! thousands of posts renders (and hydrates) a few hundred chips and "+N more" counts.
use super::query::View;
use crate::api::calendar::PostSummary;
use crate::domain::plan::PostKind;
use crate::domain::post::PostStatus;
use crate::domain::schedule::{IanaZone, to_local};
use chrono::{NaiveDate, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

/// Chips per day in the month view.
pub const PER_DAY: usize = 4;
/// Chips per hour slot in the week view.
pub const PER_HOUR: usize = 3;
/// Rows in the list of a month or a day.
pub const PER_LIST: usize = 500;
/// Grid cells are narrow; the list shows the server's whole excerpt.
const CHIP_EXCERPT_CHARS: usize = 80;

/// One post as the calendar shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chip {
    pub id: Uuid,
    pub version: i32,
    pub status: PostStatus,
    /// Wall-clock time in the display zone.
    pub local: NaiveDateTime,
    pub excerpt: String,
    pub accounts: Vec<Uuid>,
    pub kind: PostKind,
}

/// Where chips are counted: a day, or an hour of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Slot {
    pub date: NaiveDate,
    pub hour: Option<u32>,
}

/// Posts left out of a full slot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overflow {
    pub slot: Slot,
    pub count: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Placed {
    /// In time order.
    pub chips: Vec<Chip>,
    pub overflow: Vec<Overflow>,
    /// Every post in the range, shown or not.
    pub total: usize,
}

impl Placed {
    pub fn hidden(&self) -> usize {
        self.total - self.chips.len()
    }

    pub fn hidden_in(&self, slot: Slot) -> usize {
        self.overflow
            .iter()
            .find(|overflow| overflow.slot == slot)
            .map_or(0, |overflow| overflow.count)
    }
}

/// How a view groups and caps its chips.
fn capacity(view: View) -> (fn(NaiveDateTime) -> Option<Slot>, usize) {
    match view {
        View::Month => (|local| Some(day_slot(local)), PER_DAY),
        View::Week => (|local| Some(hour_slot(local)), PER_HOUR),
        View::List | View::Day => (|_| None, PER_LIST),
    }
}

fn day_slot(local: NaiveDateTime) -> Slot {
    Slot {
        date: local.date(),
        hour: None,
    }
}

fn hour_slot(local: NaiveDateTime) -> Slot {
    Slot {
        date: local.date(),
        hour: Some(local.hour()),
    }
}

/// `posts` come ordered by instant; they stay in that order.
pub fn place(posts: Vec<PostSummary>, zone: &IanaZone, view: View) -> Placed {
    let (slot_of, cap) = capacity(view);
    let total = posts.len();
    let mut counts: HashMap<Option<Slot>, usize> = HashMap::new();
    let mut chips = Vec::new();
    for post in posts {
        let Some(at) = post.scheduled_at else { continue };
        let local = to_local(at, zone);
        let seen = counts.entry(slot_of(local)).or_default();
        *seen += 1;
        if *seen <= cap {
            chips.push(chip(post, local, view));
        }
    }
    // The list has no slots: what it leaves out is `total - chips`.
    let mut overflow: Vec<Overflow> = counts
        .into_iter()
        .filter_map(|(slot, seen)| {
            Some(Overflow {
                slot: slot?,
                count: seen.checked_sub(cap)?,
            })
        })
        .filter(|overflow| overflow.count > 0)
        .collect();
    overflow.sort_by_key(|overflow| (overflow.slot.date, overflow.slot.hour));
    Placed {
        chips,
        overflow,
        total,
    }
}

fn chip(post: PostSummary, local: NaiveDateTime, view: View) -> Chip {
    let excerpt = match view {
        View::Month | View::Week => post.excerpt.chars().take(CHIP_EXCERPT_CHARS).collect(),
        View::List | View::Day => post.excerpt,
    };
    Chip {
        id: post.id,
        version: post.version,
        status: post.status,
        local,
        excerpt,
        accounts: post.targets.into_iter().map(|target| target.account_id).collect(),
        kind: post.kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::calendar::TargetSummary;
    use crate::domain::post::TargetStatus;
    use chrono::{DateTime, TimeDelta, Utc};

    fn post(at: DateTime<Utc>) -> PostSummary {
        PostSummary {
            id: Uuid::new_v4(),
            version: 1,
            status: PostStatus::Scheduled,
            scheduled_at: Some(at),
            timezone: "UTC".into(),
            excerpt: "x".repeat(200),
            targets: vec![TargetSummary {
                account_id: Uuid::nil(),
                status: TargetStatus::Scheduled,
            }],
            kind: crate::domain::plan::PostKind::Manual,
        }
    }

    fn posts(count: i64) -> Vec<PostSummary> {
        let start: DateTime<Utc> = "2026-11-23T08:00:00Z".parse().unwrap();
        (0..count)
            .map(|i| post(start + TimeDelta::minutes(10 * i)))
            .collect()
    }

    #[test]
    fn the_month_keeps_four_a_day_and_counts_the_rest_on_the_local_day() {
        let tokyo = IanaZone::parse("Asia/Tokyo").unwrap();
        // 08:00–09:30 UTC is 17:00–18:30 in Tokyo, all on the 23rd.
        let placed = place(posts(10), &tokyo, View::Month);
        assert_eq!(placed.total, 10);
        assert_eq!(placed.chips.len(), PER_DAY);
        assert_eq!(placed.chips[0].local.to_string(), "2026-11-23 17:00:00");
        assert_eq!(placed.chips[0].excerpt.chars().count(), CHIP_EXCERPT_CHARS);
        let day = Slot {
            date: "2026-11-23".parse().unwrap(),
            hour: None,
        };
        assert_eq!(placed.hidden_in(day), 6);
        assert_eq!(placed.hidden(), 6);
    }

    #[test]
    fn the_week_caps_each_hour() {
        let utc = IanaZone::parse("UTC").unwrap();
        // Six posts an hour from 08:00: 08:00–08:50 and 09:00–09:30.
        let placed = place(posts(10), &utc, View::Week);
        assert_eq!(placed.chips.len(), 2 * PER_HOUR);
        let eight = Slot {
            date: "2026-11-23".parse().unwrap(),
            hour: Some(8),
        };
        assert_eq!(placed.hidden_in(eight), 3);
        assert_eq!(
            placed.hidden_in(Slot {
                hour: Some(9),
                ..eight
            }),
            1
        );
    }

    #[test]
    fn the_list_shows_whole_excerpts_up_to_its_limit() {
        let utc = IanaZone::parse("UTC").unwrap();
        let placed = place(posts(3), &utc, View::List);
        assert_eq!(placed.chips.len(), 3);
        assert_eq!(placed.chips[0].excerpt.len(), 200);
        assert!(placed.overflow.is_empty());
    }
}
