//! This workspace's objects, made once (read by many rows), and fresh ones for calls that use
//! them up (delete, cancel, approve…). Each object carries a secret the outsider must not see.
use super::actors::{Actor, Cast};
use crate::calls::{composer, ticked};
use crate::fakes::{MASTODON_TOKEN, fake_mastodon};
use crate::helpers::{TestApp, token_of};
use crate::media::PNG;
use crate::seed;
use chrono::{Duration, Utc};
use herald::api::accounts::ConnectAccount;
use herald::api::posts::SavePost;
use herald::domain::post::Intent;
use herald::domain::role::Role;
use uuid::Uuid;
use wiremock::MockServer;

pub const POST_SECRET: &str = "zq-post-secret";
pub const ACCOUNT_SECRET: &str = "zq-account-secret";
pub const COMMENT_SECRET: &str = "zq-comment-secret";
/// In a pending invitee's email: only owners and admins see the team.
pub const INVITEE_SECRET: &str = "zq-invitee-secret";

pub struct Fixture {
    pub workspace: Uuid,
    pub account: Uuid,
    /// Scheduled, with one target, the post secret in its text and a comment on it.
    pub post: Uuid,
    pub media: Uuid,
    /// An open invite of someone else than the secret invitee.
    pub invite_token: String,
    pub mastodon: MockServer,
    /// The owner's finished (declined) sign-in to that Mastodon.
    pub sign_in: Uuid,
    /// A waiting connect link's token.
    pub connect_token: String,
}

impl Fixture {
    pub async fn build(app: &TestApp, cast: &Cast) -> Self {
        let owner = cast.owner();
        let workspace = app.viewer(owner).await.workspace.id;
        let mastodon = fake_mastodon().await;
        crate::fakes_oauth::mount_mastodon_oauth(&mastodon).await;
        let toots = ConnectAccount {
            display_name: format!("Toots {ACCOUNT_SECRET}"),
            ..crate::calls::mastodon(&mastodon.uri(), MASTODON_TOKEN)
        };
        let account = app.connect_account(owner, &toots).await.ok();
        let (post, _) = seed::post(app, workspace, &[account], Utc::now() + Duration::hours(2)).await;
        sqlx::query("update posts set body = $2 where id = $1")
            .bind(post)
            .bind(format!("Launch {POST_SECRET}"))
            .execute(&app.pool)
            .await
            .unwrap();
        let commented = app.comment_post(owner, post, COMMENT_SECRET).await;
        assert_eq!(commented.status(), 200, "the fixture's comment");
        let media = app.upload_image(owner, PNG.to_vec(), "red.png").await.ok().id;
        app.invite(owner, &format!("{INVITEE_SECRET}@matrix-a.example"), Role::Editor)
            .await;
        let link = app.invite(owner, "invited@matrix-a.example", Role::Viewer).await;
        let started = app
            .authorize_link(
                owner,
                herald::domain::platform::Platform::Mastodon,
                &mastodon.uri(),
            )
            .await;
        let back = app
            .come_back(owner, &[("error", "access_denied"), ("state", &started.state)])
            .await;
        let sign_in = back
            .trim_start_matches("/accounts?oauth=")
            .parse()
            .expect("a flow id");
        let made = app
            .create_connect_link(owner, herald::domain::platform::Platform::Mastodon, "Matrix")
            .await
            .ok();
        let connect_token = made.rsplit('/').next().unwrap().to_owned();
        Self {
            workspace,
            account,
            post,
            media,
            invite_token: token_of(&link).to_owned(),
            mastodon,
            sign_in,
            connect_token,
        }
    }

    /// A new waiting connect link of this workspace (withdrawing one uses it up).
    pub async fn fresh_connect_link(&self, app: &TestApp, cast: &Cast) -> Uuid {
        app.create_connect_link(
            cast.owner(),
            herald::domain::platform::Platform::Mastodon,
            "Spare",
        )
        .await
        .ok();
        sqlx::query_scalar(
            "select id from connect_links where note = 'Spare' order by created_at desc limit 1",
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
    }

    /// A scheduled post (version 1) and its one target.
    pub async fn scheduled(&self, app: &TestApp) -> (Uuid, Uuid) {
        let (post, targets) = seed::post(
            app,
            self.workspace,
            &[self.account],
            Utc::now() + Duration::days(3),
        )
        .await;
        (post, targets[0])
    }

    /// A target whose publish failed: something to retry, resolve or cancel.
    pub async fn failed_target(&self, app: &TestApp) -> Uuid {
        let (_, target) = self.scheduled(app).await;
        sqlx::query("update post_targets set status = 'failed', last_error = 'down' where id = $1")
            .bind(target)
            .execute(&app.pool)
            .await
            .unwrap();
        target
    }

    /// A daily series of the owner's on the account, made up to now.
    pub async fn series(&self, app: &TestApp) -> Uuid {
        use herald::domain::plan::repeat::{End, Pattern, Repeat};
        let rule = Repeat {
            pattern: Pattern::Daily,
            every: 1,
            starts_on: Utc::now().date_naive(),
            at: chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            zone: herald::domain::schedule::IanaZone::parse("UTC").unwrap(),
            end: End::Never,
            skipped: Default::default(),
        };
        sqlx::query_scalar(
            "insert into series (id, workspace_id, author_id, body, targets, rule, made_until)
             select gen_random_uuid(), $1, u.id, 'Daily', $2, $3, now() from users u where u.email = $4
             returning id",
        )
        .bind(self.workspace)
        .bind(serde_json::json!([{"account_id": self.account, "body_override": null}]))
        .bind(serde_json::to_value(&rule).unwrap())
        .bind(Actor::Member(Role::Owner).email())
        .fetch_one(&app.pool)
        .await
        .unwrap()
    }

    /// A draft written by the owner.
    pub async fn draft(&self, app: &TestApp) -> Uuid {
        let author: Uuid = sqlx::query_scalar("select id from users where email = $1")
            .bind(Actor::Member(Role::Owner).email())
            .fetch_one(&app.pool)
            .await
            .unwrap();
        sqlx::query_scalar(
            "insert into posts (workspace_id, author_id, body, status, timezone)
             values ($1, $2, 'A draft', 'draft', 'UTC') returning id",
        )
        .bind(self.workspace)
        .bind(author)
        .fetch_one(&app.pool)
        .await
        .unwrap()
    }

    /// A post the contributor submitted for review: (id, version).
    pub async fn in_review(&self, app: &TestApp, cast: &Cast) -> (Uuid, i32) {
        let contributor = cast.browser(Actor::Member(Role::Contributor));
        let form = SavePost {
            body: "Please review".into(),
            targets: vec![ticked(self.account)],
            date: (Utc::now() + Duration::days(2)).format("%Y-%m-%d").to_string(),
            time: "10:30".into(),
            ..composer(Intent::Submit)
        };
        let saved = app.save_post(contributor, &form).await.ok();
        (saved.id, saved.version)
    }

    /// An account nothing refers to, to remove.
    pub async fn spare_account(&self, app: &TestApp) -> Uuid {
        seed::account(app, self.workspace, &seed::mastodon(&self.mastodon.uri())).await
    }

    /// Someone invited and not joined yet: (invite id, invite token).
    pub async fn invitee(&self, app: &TestApp, cast: &Cast) -> (Uuid, String) {
        let email = format!("{}@matrix-a.example", Uuid::new_v4().simple());
        let link = app.invite(cast.owner(), &email, Role::Viewer).await;
        let invite: Uuid = sqlx::query_scalar("select id from invites where email = $1 and used_at is null")
            .bind(&email)
            .fetch_one(&app.pool)
            .await
            .unwrap();
        (invite, token_of(&link).to_owned())
    }

    /// Someone who joined as a viewer a moment ago: their user id.
    pub async fn newcomer(&self, app: &TestApp, cast: &Cast) -> Uuid {
        let email = format!("{}@matrix-a.example", Uuid::new_v4().simple());
        let joined = app.member(cast.owner(), &email, Role::Viewer).await;
        app.viewer(&joined).await.user_id
    }
}

/// The one image, as the composer uploads it.
pub fn image_form() -> reqwest::multipart::Form {
    let part = reqwest::multipart::Part::bytes(PNG.to_vec()).file_name("red.png");
    reqwest::multipart::Form::new().part("image", part)
}
