//! The pool fills empty slots: least recently shared first, never within the cooldown, and
//! never beside another evergreen post when asked.
use chrono::Duration;
use uuid::Uuid;

use super::*;
use crate::domain::plan::evergreen::{EmptySlot, Fill, Placed, PoolPost, PoolRules, PoolSettings, fill};

const ACCOUNT: Uuid = Uuid::from_u128(1);

fn pool_post(n: u128, added: &str) -> PoolPost {
    PoolPost {
        id: Uuid::from_u128(100 + n),
        accounts: vec![ACCOUNT],
        added_at: utc(added),
    }
}

fn empty(at: &str) -> EmptySlot {
    EmptySlot {
        account: ACCOUNT,
        at: utc(at),
    }
}

fn rules(days: i64, no_two_in_a_row: bool) -> PoolRules {
    PoolRules {
        cooldown: Duration::days(days),
        no_two_in_a_row,
    }
}

fn posts(fills: &[Fill]) -> Vec<u128> {
    fills.iter().map(|f| f.post.as_u128() - 100).collect()
}

#[test]
fn never_shared_posts_go_first_oldest_first_then_the_least_recent() {
    let pool = [pool_post(1, "2026-01-01 00:00"), pool_post(2, "2025-12-01 00:00")];
    let shared = [Placed {
        account: ACCOUNT,
        at: utc("2026-01-02 09:00"),
        from_pool: Some(pool[1].id),
    }];
    let slots = [empty("2026-03-01 09:00"), empty("2026-03-02 09:00")];
    // 1 was never shared; 2 was, long enough ago.
    assert_eq!(posts(&fill(&slots, &pool, &shared, rules(7, false))), vec![1, 2]);
}

#[test]
fn a_post_is_not_shared_again_on_an_account_within_the_cooldown() {
    let pool = [pool_post(1, "2026-01-01 00:00")];
    let slots = [
        empty("2026-03-01 09:00"),
        empty("2026-03-03 09:00"),
        empty("2026-03-09 09:00"),
    ];
    let fills = fill(&slots, &pool, &[], rules(7, false));
    let at: Vec<_> = fills.iter().map(|f| f.at).collect();
    assert_eq!(at, vec![utc("2026-03-01 09:00"), utc("2026-03-09 09:00")]);
}

#[test]
fn a_share_already_planned_later_also_keeps_the_cooldown() {
    let pool = [pool_post(1, "2026-01-01 00:00")];
    let planned = [Placed {
        account: ACCOUNT,
        at: utc("2026-03-05 09:00"),
        from_pool: Some(pool[0].id),
    }];
    assert!(fill(&[empty("2026-03-01 09:00")], &pool, &planned, rules(7, false)).is_empty());
}

#[test]
fn no_two_evergreen_posts_in_a_row_when_asked() {
    let pool = [pool_post(1, "2026-01-01 00:00"), pool_post(2, "2026-01-02 00:00")];
    let slots = [
        empty("2026-03-01 09:00"),
        empty("2026-03-02 09:00"),
        empty("2026-03-04 09:00"),
    ];
    let ordinary = [Placed {
        account: ACCOUNT,
        at: utc("2026-03-03 09:00"),
        from_pool: None,
    }];
    // The 2nd would follow the 1st; the 4th follows an ordinary post.
    assert_eq!(
        fill(&slots, &pool, &ordinary, rules(1, true))
            .iter()
            .map(|f| f.at)
            .collect::<Vec<_>>(),
        vec![utc("2026-03-01 09:00"), utc("2026-03-04 09:00")]
    );
    assert_eq!(fill(&slots, &pool, &ordinary, rules(1, false)).len(), 3);
}

#[test]
fn a_post_goes_only_to_its_own_accounts() {
    let mut post = pool_post(1, "2026-01-01 00:00");
    post.accounts = vec![Uuid::from_u128(2)];
    assert!(fill(&[empty("2026-03-01 09:00")], &[post], &[], rules(7, false)).is_empty());
}

#[test]
fn pool_settings_out_of_range_are_refused_by_name() {
    let fine = PoolSettings::default();
    assert_eq!(fine.checked(), Ok(fine));
    let no_cooldown = PoolSettings {
        cooldown_days: 0,
        ..fine
    };
    assert!(no_cooldown.checked().unwrap_err().starts_with("Cooldown"));
    let too_far = PoolSettings {
        lead_hours: 721,
        ..fine
    };
    assert!(too_far.checked().unwrap_err().starts_with("Fill ahead"));
    assert_eq!(fine.rules().cooldown, Duration::days(30));
    assert_eq!(fine.lead(), Duration::hours(24));
}
