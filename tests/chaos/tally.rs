//! What happened to every target, from both sides: Herald's database and the fake network's
//! record of what it posted.
use crate::fake::Fake;
use anyhow::Result;
use sqlx::PgPool;
use std::collections::HashMap;
use std::time::{Duration, Instant};
use uuid::Uuid;

#[derive(Debug, Default)]
pub struct Tally {
    pub targets: usize,
    pub published: usize,
    pub unknown: usize,
    /// Neither published nor `unknown` at the end, or published by Herald's account but never
    /// posted at the network.
    pub lost: usize,
    /// Posted more than once at the network.
    pub doubled: usize,
    /// Published, but with another post's id than the network gave this target.
    pub wrong_id: usize,
    /// POSTs at the network, refused ones included.
    pub requests: usize,
}

impl Tally {
    pub async fn of(pool: &PgPool, fake: &Fake) -> Result<Self> {
        let rows: Vec<(Uuid, String, String, Option<String>)> = sqlx::query_as(
            "select t.id, p.body, t.status, t.remote_id
             from post_targets t join posts p on p.id = t.post_id",
        )
        .fetch_all(pool)
        .await?;
        // A post is recognised by its text, whatever key it came with (or none).
        let mut posted: HashMap<String, Vec<String>> = HashMap::new();
        for publication in fake.publications() {
            posted.entry(publication.text).or_default().push(publication.id);
        }
        let mut tally = Tally {
            targets: rows.len(),
            requests: fake.requests().len(),
            ..Tally::default()
        };
        for (_, body, status, remote_id) in rows {
            let ids = posted.get(&body).map(Vec::as_slice).unwrap_or_default();
            match status.as_str() {
                "published" if ids.is_empty() => tally.lost += 1,
                "published" => tally.published += 1,
                "unknown" => tally.unknown += 1,
                _ => tally.lost += 1,
            }
            if ids.len() > 1 {
                tally.doubled += 1;
            }
            if status == "published" && ids.len() == 1 && remote_id.as_deref() != Some(ids[0].as_str()) {
                tally.wrong_id += 1;
            }
        }
        Ok(tally)
    }

    /// Every target published once (or `unknown` where `unknown_allowed`), none lost or doubled.
    pub fn clean(&self, unknown_allowed: bool) -> bool {
        self.lost == 0
            && self.doubled == 0
            && self.wrong_id == 0
            && (unknown_allowed || self.unknown == 0)
            && self.published + self.unknown == self.targets
    }
}

/// Waits until no target is waiting or in flight any more, up to `limit`; returns whether
/// they all settled.
pub async fn settle(pool: &PgPool, limit: Duration) -> Result<bool> {
    let deadline = Instant::now() + limit;
    loop {
        let open: Option<i64> = sqlx::query_scalar(
            "select count(*) from post_targets where status in ('scheduled', 'retrying', 'publishing')",
        )
        .fetch_one(pool)
        .await
        .ok();
        if open == Some(0) {
            return Ok(true);
        }
        if Instant::now() > deadline {
            return Ok(false);
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}
