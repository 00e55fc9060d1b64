//! Posting slots and the queue against real Postgres: drafts take the next free slots, two
//! people adding at once never share one, "Share next" moves the rest along, and a removed
//! post leaves its gap until someone asks for a re-flow.
use crate::calls::{composer, ticked};
use crate::helpers::{Browser, TestApp, spawn_app};
use chrono::{DateTime, Duration, NaiveTime, Utc, Weekday};
use herald::api::plan::{QueueItem, Queued, SlotTimes};
use herald::api::posts::SavePost;
use herald::domain::plan::queue::place;
use herald::domain::plan::slots::{Slot, WeeklySlots, weekdays};
use herald::domain::post::{Intent, PostStatus};
use herald::domain::role::Role;
use herald::domain::schedule::IanaZone;
use sqlx::PgPool;
use std::collections::BTreeSet;
use uuid::Uuid;

const ZONE: &str = "Europe/Berlin";

fn weekday_slots() -> Vec<Slot> {
    weekdays(&["09:00", "12:30", "17:00"].map(|t| NaiveTime::parse_from_str(t, "%H:%M").unwrap()))
}

/// The first `n` slot instants from now that are not `taken`, as the domain computes them.
fn expected(n: usize, taken: &BTreeSet<DateTime<Utc>>) -> Vec<DateTime<Utc>> {
    let slots = WeeklySlots::new(IanaZone::parse(ZONE).unwrap(), weekday_slots()).unwrap();
    place(&slots, Utc::now(), taken, n)
}

pub(crate) async fn account(app: &TestApp, who: &Browser, name: &str) -> Uuid {
    let workspace = app.viewer(who).await.workspace.id;
    let id = Uuid::new_v4();
    sqlx::query(
        "insert into accounts (id, workspace_id, platform, display_name, handle, colour, credentials)
         values ($1, $2, 'mastodon', $3, $3, '#6366f1', '\\x00')",
    )
    .bind(id)
    .bind(workspace)
    .bind(name)
    .execute(&app.pool)
    .await
    .unwrap();
    id
}

pub(crate) async fn draft(app: &TestApp, who: &Browser, body: &str, accounts: &[Uuid]) -> QueueItem {
    let form = SavePost {
        body: body.into(),
        targets: accounts.iter().map(|a| ticked(*a)).collect(),
        ..composer(Intent::Draft)
    };
    let saved = app.save_post(who, &form).await.ok();
    QueueItem {
        id: saved.id,
        version: saved.version,
    }
}

/// Queues one draft per body, one after another, on the account.
async fn queue_each(app: &TestApp, who: &Browser, account: Uuid, bodies: &[&str]) -> Vec<Queued> {
    let mut queued = Vec::new();
    for body in bodies {
        let item = draft(app, who, body, &[account]).await;
        let placed = app.add_to_queue(who, &[item], false).await.ok();
        assert_eq!(placed.len(), 1, "one account, one post");
        assert_eq!(placed[0].post_id, item.id, "the draft itself is queued");
        queued.push(placed[0].clone());
    }
    queued
}

async fn placement(app: &TestApp, post: Uuid) -> (String, PostStatus, Option<DateTime<Utc>>) {
    let row: (String, String, Option<DateTime<Utc>>) =
        sqlx::query_as("select placement, status, scheduled_at from posts where id = $1")
            .bind(post)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    (row.0, row.1.parse().unwrap(), row.2)
}

async fn scene(pool: PgPool) -> (TestApp, Browser, Uuid) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let account = account(&app, &owner, "toots").await;
    let plan = app
        .set_posting_slots(&owner, account, ZONE, &weekday_slots())
        .await
        .ok();
    assert_eq!((plan.timezone.as_deref(), plan.slots.len()), (Some(ZONE), 15));
    assert_eq!(app.posting_slots(&owner, account).await.ok(), plan);
    (app, owner, account)
}

#[sqlx::test]
async fn drafts_take_the_next_free_slots_and_pass_over_a_post_placed_by_hand(pool: PgPool) {
    let (app, owner, account) = scene(pool).await;
    let first_slot = expected(1, &BTreeSet::new())[0];
    // A post placed by hand at the first slot keeps it.
    let by_hand = SavePost {
        body: "By hand".into(),
        targets: vec![ticked(account)],
        date: first_slot.format("%Y-%m-%d").to_string(),
        time: first_slot.format("%H:%M").to_string(),
        ..composer(Intent::Schedule)
    };
    app.save_post(&owner, &by_hand).await.ok();

    let queued: Vec<_> = queue_each(&app, &owner, account, &["One", "Two", "Three"])
        .await
        .into_iter()
        .map(|q| q.at)
        .collect();
    assert_eq!(queued, expected(3, &BTreeSet::from([first_slot])));
    let (kind, status, at) = placement(&app, queued_post(&app, queued[0]).await).await;
    assert_eq!(
        (kind.as_str(), status, at),
        ("queue", PostStatus::Scheduled, Some(queued[0]))
    );

    // The week view gets the slots, empty and taken alike.
    let range = SlotTimes {
        from: Utc::now(),
        to: Utc::now() + Duration::days(7),
    };
    let slots = app.slot_times(&owner, &range).await.ok();
    assert_eq!(slots.len(), 15);
    assert!(slots.iter().all(|s| s.account_id == account));
}

async fn queued_post(app: &TestApp, at: DateTime<Utc>) -> Uuid {
    sqlx::query_scalar("select id from posts where scheduled_at = $1 and placement = 'queue'")
        .bind(at)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[sqlx::test]
async fn two_people_adding_at_once_never_share_a_slot(pool: PgPool) {
    let (app, owner, account) = scene(pool).await;
    let editor = app.member(&owner, "eddie@example.com", Role::Editor).await;
    let mut items = Vec::new();
    for n in 0..12 {
        let who = if n % 2 == 0 { &owner } else { &editor };
        items.push((who, draft(&app, who, &format!("Post {n}"), &[account]).await));
    }
    let adds = items
        .iter()
        .map(|(who, item)| app.add_to_queue(who, std::slice::from_ref(item), false));
    let answers = futures::future::join_all(adds).await;
    let times: BTreeSet<DateTime<Utc>> = answers.into_iter().map(|a| a.ok()[0].at).collect();
    assert_eq!(times.len(), 12, "two posts got one slot");
    assert_eq!(
        times.into_iter().collect::<Vec<_>>(),
        expected(12, &BTreeSet::new())
    );
}

#[sqlx::test]
async fn a_draft_for_two_accounts_becomes_one_post_each_in_its_own_queue(pool: PgPool) {
    let (app, owner, berlin) = scene(pool).await;
    let tokyo = account(&app, &owner, "tokyo").await;
    let morning = [Slot {
        day: Weekday::Sat,
        time: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
    }];
    app.set_posting_slots(&owner, tokyo, "Asia/Tokyo", &morning)
        .await
        .ok();
    // The Accounts page reads every account's slots at once, in the list's order.
    let plans = app.workspace_posting_slots(&owner).await.ok();
    let summary: Vec<_> = plans
        .iter()
        .map(|p| (p.account_id, p.timezone.as_deref(), p.slots.len()))
        .collect();
    assert_eq!(
        summary,
        vec![(berlin, Some(ZONE), 15), (tokyo, Some("Asia/Tokyo"), 1)]
    );

    let item = draft(&app, &owner, "Everywhere", &[berlin, tokyo]).await;
    let placed = app.add_to_queue(&owner, &[item], false).await.ok();
    assert_eq!(placed.len(), 2);
    let for_berlin = placed.iter().find(|q| q.account_id == berlin).unwrap();
    let for_tokyo = placed.iter().find(|q| q.account_id == tokyo).unwrap();
    assert_eq!(for_berlin.post_id, item.id, "the draft keeps its first account");
    assert_ne!(for_tokyo.post_id, item.id);
    assert_eq!(for_berlin.at, expected(1, &BTreeSet::new())[0]);
    let saturday = for_tokyo.at.with_timezone(&chrono_tz::Asia::Tokyo);
    assert_eq!(saturday.format("%a %H:%M").to_string(), "Sat 08:00");
    for queued in &placed {
        let targets: i64 = sqlx::query_scalar("select count(*) from post_targets where post_id = $1")
            .bind(queued.post_id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
        assert_eq!(targets, 1);
    }
}

#[sqlx::test]
async fn share_next_takes_the_first_slot_and_moves_the_queue_along(pool: PgPool) {
    let (app, owner, account) = scene(pool).await;
    let queued = queue_each(&app, &owner, account, &["One", "Two"]).await;
    let urgent = draft(&app, &owner, "Urgent", &[account]).await;
    let answer = app.add_to_queue(&owner, &[urgent], true).await.ok();
    let slots = expected(3, &BTreeSet::new());
    let at_of = |id: Uuid| answer.iter().find(|q| q.post_id == id).map(|q| q.at);
    assert_eq!(at_of(urgent.id), Some(slots[0]));
    assert_eq!(at_of(queued[0].post_id), Some(slots[1]));
    assert_eq!(at_of(queued[1].post_id), Some(slots[2]));
    assert_eq!(placement(&app, queued[1].post_id).await.2, Some(slots[2]));
}

#[sqlx::test]
async fn a_removed_post_leaves_its_gap_until_a_reflow_is_asked_for(pool: PgPool) {
    let (app, owner, account) = scene(pool).await;
    let queued = queue_each(&app, &owner, account, &["One", "Two", "Three"]).await;
    app.delete_post(&owner, queued[0].post_id).await.ok();
    // Nothing moved by itself.
    assert_eq!(placement(&app, queued[1].post_id).await.2, Some(queued[1].at));

    let moved = app.reflow_queue(&owner, account).await.ok();
    let slots = expected(2, &BTreeSet::new());
    assert_eq!(
        moved.iter().map(|q| (q.post_id, q.at)).collect::<Vec<_>>(),
        vec![(queued[1].post_id, slots[0]), (queued[2].post_id, slots[1]),]
    );
    assert_eq!(
        placement(&app, queued[2].post_id).await,
        ("queue".into(), PostStatus::Scheduled, Some(slots[1]))
    );
    // A second re-flow has nothing to do.
    assert!(app.reflow_queue(&owner, account).await.ok().is_empty());
}

#[sqlx::test]
async fn a_contributors_queued_post_waits_for_review_at_its_slot(pool: PgPool) {
    let (app, owner, account) = scene(pool).await;
    let contributor = app.member(&owner, "cora@example.com", Role::Contributor).await;
    let item = draft(&app, &contributor, "Please check", &[account]).await;
    let placed = app.add_to_queue(&contributor, &[item], false).await.ok();
    let (_, status, at) = placement(&app, item.id).await;
    assert_eq!((status, at), (PostStatus::InReview, Some(placed[0].at)));
    // Share next moves other people's posts: not for a contributor.
    let other = draft(&app, &contributor, "Me first", &[account]).await;
    assert_eq!(
        app.add_to_queue(&contributor, &[other], true).await.refused().0,
        403
    );
}

#[sqlx::test]
async fn a_queue_without_slots_or_a_non_draft_is_explained(pool: PgPool) {
    let (app, owner, _) = scene(pool).await;
    let bare = account(&app, &owner, "bare").await;
    let item = draft(&app, &owner, "Nowhere to go", &[bare]).await;
    let (status, message) = app.add_to_queue(&owner, &[item], false).await.refused();
    assert_eq!(status, 400);
    assert!(message.contains("bare has no posting slots yet"), "{message}");
    // Nothing changed: still a draft without a time.
    assert_eq!(
        placement(&app, item.id).await,
        ("manual".into(), PostStatus::Draft, None)
    );

    let (status, message) = app
        .set_posting_slots(&owner, bare, "Mars/Olympus", &weekday_slots())
        .await
        .refused();
    assert_eq!(status, 400);
    assert!(message.contains("Time zone"), "{message}");
    let typo = herald::api::plan::SetPostingSlots {
        account_id: bare,
        timezone: String::new(),
        days: vec![herald::api::plan::DayTimes {
            day: Weekday::Tue,
            times: "09:00, 9h30".into(),
        }],
    };
    let (status, message) = app.send(&owner, &typo).await.refused();
    assert_eq!(
        (status, message.as_str()),
        (
            400,
            "Posting slots: Tue: “9h30” is not a time; write times as HH:MM, such as 09:00, 12:30."
        )
    );
    let plan = app.posting_slots(&owner, bare).await.ok();
    assert_eq!(
        (plan.timezone, plan.workspace_timezone, plan.slots),
        (None, "Europe/Berlin".into(), vec![])
    );
}

#[sqlx::test]
async fn a_queued_post_moved_by_hand_stays_put_and_an_edited_one_stays_queued(pool: PgPool) {
    let (app, owner, account) = scene(pool).await;
    let queued = queue_each(&app, &owner, account, &["One", "Two", "Three"]).await;
    // Two's text is edited at its time: still the queue's. Three is dragged elsewhere: by hand.
    let two = queued[1].at;
    let edit = SavePost {
        post_id: Some(queued[1].post_id),
        version: Some(queued[1].version),
        body: "Two, reworded".into(),
        targets: vec![ticked(account)],
        date: two.format("%Y-%m-%d").to_string(),
        time: two.format("%H:%M").to_string(),
        ..composer(Intent::Schedule)
    };
    app.save_post(&owner, &edit).await.ok();
    let by_hand = Utc::now() + Duration::days(20);
    let moved = herald::api::calendar::ReschedulePost {
        id: queued[2].post_id,
        version: queued[2].version,
        date: by_hand.format("%Y-%m-%d").to_string(),
        time: "10:15".into(),
        timezone: "UTC".into(),
    };
    let dragged = app.reschedule_post(&owner, &moved).await.ok();
    assert_eq!(placement(&app, queued[2].post_id).await.0, "manual");

    app.delete_post(&owner, queued[0].post_id).await.ok();
    let reflowed = app.reflow_queue(&owner, account).await.ok();
    let first = expected(1, &BTreeSet::new())[0];
    assert_eq!(
        reflowed.iter().map(|q| (q.post_id, q.at)).collect::<Vec<_>>(),
        vec![(queued[1].post_id, first)]
    );
    assert_eq!(
        placement(&app, queued[2].post_id).await.2,
        Some(dragged.scheduled_at)
    );
}

#[sqlx::test]
async fn drafts_picked_from_the_list_are_queued_at_once_and_leave_it(pool: PgPool) {
    let (app, owner, account) = scene(pool).await;
    let bodies = ["First", "Second", "Third"];
    for body in bodies {
        draft(&app, &owner, body, &[account]).await;
    }
    let listed = app.drafts(&owner).await.ok();
    let newest_first: Vec<_> = listed.iter().map(|d| d.excerpt.as_str()).collect();
    assert_eq!(newest_first, ["Third", "Second", "First"]);
    assert!(listed.iter().all(|d| d.accounts == ["toots"]));

    // The list's two oldest, as picked there, in one call.
    let picked: Vec<QueueItem> = listed[1..]
        .iter()
        .map(|d| QueueItem {
            id: d.id,
            version: d.version,
        })
        .collect();
    let queued = app.add_to_queue(&owner, &picked, false).await.ok();
    let times: Vec<_> = queued.iter().map(|q| q.at).collect();
    assert_eq!(times, expected(2, &BTreeSet::new()));
    let left: Vec<_> = app
        .drafts(&owner)
        .await
        .ok()
        .into_iter()
        .map(|d| d.excerpt)
        .collect();
    assert_eq!(left, ["Third"]);
}
