//! A workspace with an owner, an editor, a contributor and one account, for the approval tests.
use crate::calls::{Answer, composer, ticked};
use crate::helpers::{Browser, TestApp, spawn_app};
use chrono::{Duration, Utc};
use herald::api::posts::{SavePost, SavedPost};
use herald::api::review::Decided;
use herald::domain::post::Intent;
use herald::domain::role::Role;
use sqlx::PgPool;
use uuid::Uuid;

pub struct Team {
    pub app: TestApp,
    pub owner: Browser,
    pub editor: Browser,
    pub contributor: Browser,
    pub account: Uuid,
}

pub async fn team(pool: PgPool) -> Team {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let editor = app.member(&owner, "eddie@example.com", Role::Editor).await;
    let contributor = app.member(&owner, "cora@example.com", Role::Contributor).await;
    let workspace = app.viewer(&owner).await.workspace.id;
    let account = Uuid::new_v4();
    sqlx::query(
        "insert into accounts (id, workspace_id, platform, display_name, handle, colour, credentials)
         values ($1, $2, 'mastodon', 'Toots', '@toots', '#6366f1', '\\x00')",
    )
    .bind(account)
    .bind(workspace)
    .execute(&app.pool)
    .await
    .unwrap();
    Team {
        app,
        owner,
        editor,
        contributor,
        account,
    }
}

/// Tomorrow at 10:30 UTC, as the form sends it.
pub fn tomorrow() -> String {
    (Utc::now() + Duration::days(1)).format("%Y-%m-%d").to_string()
}

impl Team {
    /// Saves the composer as `who`: a new post without `post`, else an edit of (id, version).
    pub async fn save(
        &self,
        who: &Browser,
        post: Option<(Uuid, i32)>,
        body: &str,
        intent: Intent,
    ) -> Answer<SavedPost> {
        self.save_at(who, post, body, intent, "10:30").await
    }

    pub async fn save_at(
        &self,
        who: &Browser,
        post: Option<(Uuid, i32)>,
        body: &str,
        intent: Intent,
        time: &str,
    ) -> Answer<SavedPost> {
        let form = SavePost {
            post_id: post.map(|(id, _)| id),
            version: post.map(|(_, version)| version),
            body: body.into(),
            targets: vec![ticked(self.account)],
            date: tomorrow(),
            time: time.into(),
            ..composer(intent)
        };
        self.app.save_post(who, &form).await
    }

    pub async fn submit(&self, body: &str) -> SavedPost {
        self.save(&self.contributor, None, body, Intent::Submit)
            .await
            .ok()
    }

    pub async fn approve(&self, who: &Browser, id: Uuid, version: i32) -> Decided {
        self.app.approve_post(who, id, version, "").await.ok()
    }

    pub async fn status(&self, id: Uuid) -> (String, i32) {
        sqlx::query_as("select status, version from posts where id = $1")
            .bind(id)
            .fetch_one(&self.app.pool)
            .await
            .unwrap()
    }

    /// Each target: (id, status, task id).
    pub async fn targets(&self, id: Uuid) -> Vec<(Uuid, String, Option<String>)> {
        sqlx::query_as("select id, status, task_id from post_targets where post_id = $1")
            .bind(id)
            .fetch_all(&self.app.pool)
            .await
            .unwrap()
    }

    pub async fn actions(&self, post: Uuid) -> Vec<String> {
        sqlx::query_scalar("select action from audit_log where subject_id = $1 order by id")
            .bind(post.to_string())
            .fetch_all(&self.app.pool)
            .await
            .unwrap()
    }

    pub async fn unread(&self, who: &Browser) -> i64 {
        self.app.unread_notifications(who).await.ok()
    }
}
