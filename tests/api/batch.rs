//! Claims and outcomes written in batches (group commit), on real Postgres: many targets of
//! one post published at once all roll up, stale and repeated tasks in a batch do nothing, and
//! batches that share posts neither deadlock nor lose a roll-up.
use crate::helpers::{TestApp, spawn_app};
use crate::seed;
use chrono::Utc;
use herald::server::publish::commit_outcomes::{Report, Verdict};
use herald::server::publish::{PublishTask, claim, commit_outcomes, handler};
use sqlx::PgPool;
use std::time::Duration;
use uuid::Uuid;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn rules() -> claim::Rules {
    claim::Rules {
        missed_after: Duration::from_secs(3600),
        rate_limits: Default::default(),
    }
}

async fn accounts(app: &TestApp, workspace: Uuid, fake: &str, count: usize) -> Vec<Uuid> {
    let mut accounts = Vec::new();
    for _ in 0..count {
        accounts.push(seed::account(app, workspace, &seed::mastodon(fake)).await);
    }
    accounts
}

async fn status_of(pool: &PgPool, table: &str, id: Uuid) -> String {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "select status from {table} where id = $1"
    )))
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap()
}

fn tasks(targets: &[Uuid]) -> Vec<PublishTask> {
    targets
        .iter()
        .map(|target_id| PublishTask {
            target_id: *target_id,
            version: 1,
        })
        .collect()
}

#[sqlx::test]
async fn many_targets_of_one_post_published_at_once_all_roll_up_to_published(pool: PgPool) {
    let app = spawn_app(pool).await;
    let fake = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/statuses"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"id": "1", "url": "https://fake/@a/1"})),
        )
        .mount(&fake)
        .await;
    let workspace = seed::workspace(&app).await;
    let accounts = accounts(&app, workspace, &fake.uri(), 8).await;
    let due = Utc::now() - chrono::Duration::seconds(1);
    let (first, first_targets) = seed::post(&app, workspace, &accounts, due).await;
    let (second, second_targets) = seed::post(&app, workspace, &accounts, due).await;

    // Every task at once: they share batches, and batches in flight share posts.
    let engine = app.engine();
    let runs: Vec<_> = tasks(&[first_targets.clone(), second_targets.clone()].concat())
        .into_iter()
        .map(|task| {
            let engine = engine.clone();
            tokio::spawn(async move { handler::run(&engine, task).await })
        })
        .collect();
    for run in runs {
        run.await.unwrap().unwrap();
    }

    for target in first_targets.iter().chain(&second_targets) {
        assert_eq!(status_of(&app.pool, "post_targets", *target).await, "published");
    }
    assert_eq!(status_of(&app.pool, "posts", first).await, "published");
    assert_eq!(status_of(&app.pool, "posts", second).await, "published");
    assert_eq!(fake.received_requests().await.unwrap().len(), 16);
    let finished: i64 = sqlx::query_scalar(
        "select count(*) from publish_attempts where outcome = 'published' and attempt = 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(finished, 16);
}

#[sqlx::test]
async fn a_stale_or_repeated_task_in_a_batch_claims_nothing(pool: PgPool) {
    let app = spawn_app(pool).await;
    let workspace = seed::workspace(&app).await;
    let accounts = accounts(&app, workspace, "http://127.0.0.1:9", 2).await;
    let (post, targets) = seed::post(&app, workspace, &accounts, Utc::now()).await;
    // The post was edited after its tasks were pushed: version 1 is stale.
    sqlx::query("update posts set version = 2 where id = $1")
        .bind(post)
        .execute(&app.pool)
        .await
        .unwrap();
    let (a, b) = (targets[0], targets[1]);
    let task = |target_id, version| PublishTask { target_id, version };
    let batch = [task(a, 1), task(a, 2), task(a, 2), task(b, 2)];

    let answers = claim::batch(&app.pool, "test-worker", &rules(), &batch)
        .await
        .unwrap();
    let claimed: Vec<Option<Uuid>> = answers
        .iter()
        .map(|answer| answer.as_ref().map(|c| c.target_id))
        .collect();
    assert_eq!(claimed, [None, Some(a), None, Some(b)]);
    let attempts: Vec<(Uuid, i32)> =
        sqlx::query_as("select target_id, attempt from publish_attempts order by attempt")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(attempts.len(), 2, "one attempt per target: {attempts:?}");
    assert_eq!(status_of(&app.pool, "posts", post).await, "publishing");

    // The same batch again finds both targets taken: nothing at all.
    let again = claim::batch(&app.pool, "test-worker", &rules(), &batch)
        .await
        .unwrap();
    assert!(again.iter().all(Option::is_none));
}

#[sqlx::test]
async fn batches_that_share_posts_in_any_order_never_deadlock(pool: PgPool) {
    let app = spawn_app(pool).await;
    let workspace = seed::workspace(&app).await;
    let accounts = accounts(&app, workspace, "http://127.0.0.1:9", 4).await;
    let (p, p_targets) = seed::post(&app, workspace, &accounts, Utc::now()).await;
    let (q, q_targets) = seed::post(&app, workspace, &accounts, Utc::now()).await;
    // Each batch names the other's posts first.
    let one = tasks(&[p_targets[0], q_targets[0], p_targets[1], q_targets[1]]);
    let two = tasks(&[q_targets[2], p_targets[2], q_targets[3], p_targets[3]]);

    let rules = rules();
    let (claimed_one, claimed_two) = tokio::join!(
        claim::batch(&app.pool, "one", &rules, &one),
        claim::batch(&app.pool, "two", &rules, &two),
    );
    let claimed: Vec<_> = [claimed_one.unwrap(), claimed_two.unwrap()]
        .into_iter()
        .flatten()
        .map(|claimed| claimed.expect("every target is claimed"))
        .collect();
    assert_eq!(claimed.len(), 8);

    let reports: Vec<Report> = claimed
        .iter()
        .map(|c| Report {
            target_id: c.target_id,
            post_id: c.post_id,
            attempt: c.attempt,
            account_id: c.account_id,
            verdict: Verdict::Published {
                remote_id: c.target_id.to_string(),
                url: None,
            },
        })
        .collect();
    let (first, rest) = reports.split_at(4);
    let rest: Vec<Report> = rest.iter().rev().cloned().collect();
    let (moved_one, moved_two) = tokio::join!(
        commit_outcomes::batch(&app.pool, first),
        commit_outcomes::batch(&app.pool, &rest)
    );
    assert!(
        moved_one
            .unwrap()
            .into_iter()
            .chain(moved_two.unwrap())
            .all(|moved| moved)
    );
    assert_eq!(status_of(&app.pool, "posts", p).await, "published");
    assert_eq!(status_of(&app.pool, "posts", q).await, "published");
}
