//! "What changed" between two large, completely different texts answers quickly: the diff has
//! a deadline and a cap, so one post cannot keep a server busy.
use crate::team_scene::team;
use herald::api::review::DiffKind;
use herald::domain::post::Intent;
use sqlx::PgPool;
use std::time::{Duration, Instant};

/// As long as a post may be, and sharing no word with the other one.
fn text(prefix: &str) -> String {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 65_000 {
        text.push_str(&format!("{prefix}{i} "));
        i += 1;
    }
    text
}

#[sqlx::test]
async fn a_pathological_pair_of_texts_is_compared_within_a_second(pool: PgPool) {
    let team = team(pool).await;
    // A webhook takes text of any length, so a post may be as long as Herald allows.
    sqlx::query("update accounts set platform = 'webhook' where id = $1")
        .bind(team.account)
        .execute(&team.app.pool)
        .await
        .unwrap();
    let old = text("a");
    let new = text("b");
    let saved = team.submit(&old).await;
    let asked = team
        .app
        .request_changes(&team.editor, saved.id, saved.version, "Rewrite it")
        .await;
    assert_eq!(asked.status(), 200);
    let version: i32 = sqlx::query_scalar("select version from posts where id = $1")
        .bind(saved.id)
        .fetch_one(&team.app.pool)
        .await
        .unwrap();
    let edited = team
        .save(&team.contributor, Some((saved.id, version)), &new, Intent::Submit)
        .await
        .ok();
    assert_eq!(edited.id, saved.id);

    let started = Instant::now();
    let detail = team.app.review_detail(&team.owner, saved.id).await.ok();
    let took = started.elapsed();
    println!("review_detail of a pathological pair took {took:?}");
    assert!(took < Duration::from_secs(1), "{took:?}");

    // Coarse or fine, the diff still tells the whole story: old = same + removed, new =
    // same + added.
    let changes = detail.changes.expect("there was a decision");
    let joined = |keep: DiffKind| -> String {
        changes
            .body
            .iter()
            .filter(|p| p.kind == DiffKind::Same || p.kind == keep)
            .map(|p| p.text.as_str())
            .collect()
    };
    assert_eq!(joined(DiffKind::Removed), old);
    assert_eq!(joined(DiffKind::Added), new);
}
