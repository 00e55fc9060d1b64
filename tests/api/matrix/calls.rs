//! Realistic arguments for each server function: this workspace's ids, fresh objects for
//! calls that use them up, and a fresh session for calls that replace or end one.
use super::actors::{Actor, Cast};
use super::fixture::{ACCOUNT_SECRET, Fixture, image_form};
use crate::fakes::MASTODON_TOKEN;
use crate::helpers::{PASSWORD, TestApp};
use chrono::{Duration, Utc};
use uuid::Uuid;

pub async fn call(app: &TestApp, cast: &Cast, fx: &Fixture, name: &str, actor: Actor) -> reqwest::Response {
    let fresh;
    let browser = if matches!(name, "sign_in" | "sign_up" | "sign_out") {
        fresh = cast.fresh(app, actor).await;
        &fresh
    } else {
        cast.browser(actor)
    };
    let request = browser
        .client
        .post(app.url(&format!("/api/{name}")))
        .header("accept", "application/json");
    let request = if name == "upload_image" {
        request.multipart(image_form())
    } else {
        request.form(&args(app, cast, fx, name, actor).await)
    };
    request.send().await.expect("the request is sent")
}

async fn args(app: &TestApp, cast: &Cast, fx: &Fixture, name: &str, actor: Actor) -> Vec<(String, String)> {
    let account = fx.account.to_string();
    let post = fx.post.to_string();
    let pairs: Vec<(&str, String)> = match name {
        "session"
        | "sign_out"
        | "accounts"
        | "review_queue"
        | "review_count"
        | "publishing_overview"
        | "notifications"
        | "unread_notifications"
        | "mark_notifications_read"
        | "notification_settings"
        | "team"
        | "workspace_settings"
        | "network_apps"
        | "connect_links"
        | "workspace_posting_slots"
        | "evergreen_pool"
        | "drafts"
        | "audit_log" => vec![],
        "create_connect_link" => vec![
            ("platform", "mastodon".into()),
            ("note", "Matrix client".into()),
            ("valid_hours", "24".into()),
        ],
        "withdraw_connect_link" => vec![("id", fx.fresh_connect_link(app, cast).await.to_string())],
        "connect_link" => vec![("token", fx.connect_token.clone())],
        "start_link_sign_in" => vec![
            ("token", fx.connect_token.clone()),
            ("instance", fx.mastodon.uri()),
        ],
        "connect_link_result" => vec![("flow", fx.sign_in.to_string())],
        "start_sign_in" => vec![
            ("platform", "mastodon".into()),
            ("instance", fx.mastodon.uri()),
            ("colour", "#0ea5e9".into()),
        ],
        "sign_in_result" => vec![("flow", fx.sign_in.to_string())],
        "choose_sign_in" => vec![("flow", fx.sign_in.to_string()), ("keys[0]", "101".into())],
        "choose_link_account" => vec![("flow", fx.sign_in.to_string()), ("key", "101".into())],
        "save_network_app" => vec![
            ("platform", "x".into()),
            ("client_id", "M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ".into()),
            ("client_secret", "matrix-app-secret".into()),
        ],
        "remove_network_app" => vec![("platform", "x".into())],
        "sign_up" => vec![
            ("name", "New Person".into()),
            ("email", format!("{}@matrix-new.example", Uuid::new_v4().simple())),
            ("password", PASSWORD.into()),
            ("workspace_name", "Matrix New".into()),
        ],
        "sign_in" => {
            let email = match actor {
                Actor::Anonymous => Actor::Outsider.email(),
                other => other.email(),
            };
            vec![("email", email), ("password", PASSWORD.into())]
        }
        "invite_details" => vec![("token", fx.invite_token.clone())],
        "accept_invite" => vec![
            ("token", fx.invitee(app, cast).await.1),
            ("name", "Ivy Invited".into()),
            ("password", PASSWORD.into()),
        ],
        // Someone else's invitation: nobody in the cast may accept it.
        "join_workspace" => vec![("token", fx.invitee(app, cast).await.1)],
        "switch_workspace" => vec![("workspace_id", fx.workspace.to_string())],
        "connect_account" | "reconnect_account" => {
            let mut pairs = vec![
                ("fields[instance_url]", fx.mastodon.uri()),
                ("fields[access_token]", MASTODON_TOKEN.into()),
            ];
            if name == "connect_account" {
                pairs.extend([("platform", "mastodon".into()), ("colour", "#0EA5E9".into())]);
            } else {
                pairs.push(("id", account));
            }
            pairs
        }
        "test_account" => vec![("id", account)],
        "pause_account" => vec![("id", account), ("paused", "false".into())],
        "update_account" => vec![
            ("id", account),
            ("display_name", format!("Toots {ACCOUNT_SECRET}")),
            ("colour", "#0ea5e9".into()),
        ],
        "remove_account" => vec![("id", fx.spare_account(app).await.to_string())],
        "save_post" => vec![
            ("body", "A new draft".into()),
            ("targets[0][account_id]", account),
            ("targets[0][selected]", "true".into()),
            ("timezone", "UTC".into()),
            ("intent", "draft".into()),
        ],
        "post" | "review_detail" | "duplicate_post" => vec![("id", post)],
        "post_series" => vec![("post_id", post)],
        "repeat_post" => vec![
            ("id", fx.scheduled(app).await.0.to_string()),
            ("version", "1".into()),
            ("repeat[frequency]", "daily".into()),
        ],
        "edit_series" => vec![
            ("id", fx.series(app).await.to_string()),
            ("version", "1".into()),
            ("body", "Weekly again".into()),
            ("time", "09:00".into()),
            ("repeat[frequency]", "daily".into()),
        ],
        "stop_series" => vec![("id", fx.series(app).await.to_string()), ("version", "1".into())],
        "set_evergreen" => vec![("id", post), ("evergreen", "true".into())],
        "update_evergreen_pool" => vec![
            ("cooldown_days", "30".into()),
            ("lead_hours", "24".into()),
            ("no_two_in_a_row", "true".into()),
        ],
        "post_comments" => vec![("post_id", post)],
        "comment_post" => vec![("post_id", post), ("body", "Nice".into())],
        "posts" => vec![
            ("from", (Utc::now() - Duration::days(1)).to_rfc3339()),
            ("to", (Utc::now() + Duration::days(60)).to_rfc3339()),
        ],
        "posting_slots" | "reflow_queue" => vec![("account_id", account)],
        "set_posting_slots" => vec![
            ("account_id", account),
            ("timezone", "Europe/Berlin".into()),
            ("days[0][day]", "Mon".into()),
            ("days[0][times]", "09:00, 17:30".into()),
        ],
        "slot_times" => vec![
            ("from", Utc::now().to_rfc3339()),
            ("to", (Utc::now() + Duration::days(7)).to_rfc3339()),
        ],
        "add_to_queue" => vec![("posts[0][id]", post), ("posts[0][version]", "1".into())],
        "reschedule_post" => vec![
            ("id", fx.scheduled(app).await.0.to_string()),
            ("version", "1".into()),
            (
                "date",
                (Utc::now() + Duration::days(4)).format("%Y-%m-%d").to_string(),
            ),
            ("time", "11:00".into()),
            ("timezone", "UTC".into()),
        ],
        "cancel_post" => vec![("id", fx.scheduled(app).await.0.to_string())],
        "delete_post" => vec![("id", fx.draft(app).await.to_string())],
        "approve_post" | "request_changes" => {
            let (id, version) = fx.in_review(app, cast).await;
            vec![
                ("id", id.to_string()),
                ("version", version.to_string()),
                ("note", "Please shorten it".into()),
            ]
        }
        "retry_targets" => vec![("ids[0]", fx.failed_target(app).await.to_string())],
        "resolve_target" => vec![
            ("id", fx.failed_target(app).await.to_string()),
            ("action", "cancel".into()),
        ],
        "pause_publishing" => vec![("paused", "false".into())],
        "update_notification_setting" => vec![
            ("kind", "commented".into()),
            ("in_app", "true".into()),
            ("email", "true".into()),
        ],
        "invite_member" => vec![
            ("email", format!("{}@matrix-a.example", Uuid::new_v4().simple())),
            ("role", "viewer".into()),
        ],
        "renew_invite" | "withdraw_invite" => vec![("invite_id", fx.invitee(app, cast).await.0.to_string())],
        "remove_member" => vec![("user_id", fx.newcomer(app, cast).await.to_string())],
        "change_role" => vec![
            ("user_id", fx.newcomer(app, cast).await.to_string()),
            ("role", "contributor".into()),
        ],
        "update_workspace" => vec![("name", "Renamed".into()), ("timezone", "Europe/Berlin".into())],
        "update_approvals" => vec![("required", "true".into())],
        other => panic!("no arguments for `{other}`: add them in tests/api/matrix/calls.rs"),
    };
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}
