use crate::helpers::{PASSWORD, error, json, spawn_app};
use herald::api::team::TeamView;
use herald::domain::role::Role;
use sqlx::PgPool;

#[sqlx::test]
async fn a_viewer_gets_403_from_admin_only_functions(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let viewer = app.member(&owner, "vic@example.com", "viewer").await;

    let (status, message) = error(
        app.call(
            &viewer,
            "invite_member",
            &[("email", "x@example.com"), ("role", "editor")],
        )
        .await,
    )
    .await;
    assert_eq!(status, 403);
    assert!(
        message.contains("Your role (Viewer) cannot manage the team"),
        "{message}"
    );
    for function in ["team", "update_workspace"] {
        let response = app
            .call(&viewer, function, &[("name", "Hijacked"), ("timezone", "UTC")])
            .await;
        assert_eq!(response.status(), 403, "{function}");
    }
    let viewer_id = app.viewer(&viewer).await.user_id.to_string();
    let response = app
        .call(
            &viewer,
            "change_role",
            &[("user_id", &viewer_id), ("role", "owner")],
        )
        .await;
    assert_eq!(response.status(), 403);
    let role: String = sqlx::query_scalar("select role from memberships where user_id = $1::uuid")
        .bind(&viewer_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(role, "viewer");
}

#[sqlx::test]
async fn an_editor_cannot_manage_the_team_but_can_read_settings(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let editor = app.member(&owner, "eddie@example.com", "editor").await;
    assert_eq!(app.viewer(&editor).await.role(), Role::Editor);
    assert_eq!(app.call(&editor, "team", &[]).await.status(), 403);
    assert_eq!(app.call(&editor, "workspace_settings", &[]).await.status(), 200);
}

#[sqlx::test]
async fn an_invite_link_works_once(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let link = app.invite(&owner, "new@example.com", "editor").await;
    assert!(link.starts_with("http://127.0.0.1:3000/invite/"), "{link}");
    let token = link.rsplit('/').next().unwrap();

    let details: herald::api::invite::InviteView = json(
        app.call(&app.browser(), "invite_details", &[("token", token)])
            .await,
    )
    .await;
    assert_eq!(
        (
            details.email.as_str(),
            details.workspace_name.as_str(),
            details.role
        ),
        ("new@example.com", "Acme", Role::Editor)
    );

    let form = [("token", token), ("name", "Nina New"), ("password", PASSWORD)];
    assert_eq!(
        app.call(&app.browser(), "accept_invite", &form).await.status(),
        200
    );
    let (status, message) = error(app.call(&app.browser(), "accept_invite", &form).await).await;
    assert_eq!(status, 404);
    assert!(message.contains("not valid"), "{message}");
    assert_eq!(
        app.call(&app.browser(), "invite_details", &[("token", token)])
            .await
            .status(),
        404
    );
}

#[sqlx::test]
async fn an_unknown_invite_link_is_404_with_a_message(pool: PgPool) {
    let app = spawn_app(pool).await;
    let (status, message) = error(
        app.call(&app.browser(), "invite_details", &[("token", "made-up")])
            .await,
    )
    .await;
    assert_eq!(status, 404);
    assert!(message.contains("Ask an admin for a new one"), "{message}");
}

#[sqlx::test]
async fn an_invited_person_cannot_sign_in_before_setting_a_password(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    app.invite(&owner, "new@example.com", "editor").await;
    assert_eq!(
        app.sign_in(&app.browser(), "new@example.com", "").await.status(),
        401
    );
}

#[sqlx::test]
async fn inviting_an_existing_member_is_a_conflict_and_owner_is_not_invitable(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    app.member(&owner, "new@example.com", "editor").await;
    let (status, _) = error(
        app.call(
            &owner,
            "invite_member",
            &[("email", "NEW@example.com"), ("role", "viewer")],
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
    let (status, _) = error(
        app.call(
            &owner,
            "invite_member",
            &[("email", "x@example.com"), ("role", "owner")],
        )
        .await,
    )
    .await;
    assert_eq!(status, 400);
    let (status, _) = error(
        app.call(
            &owner,
            "invite_member",
            &[("email", "x@example.com"), ("role", "emperor")],
        )
        .await,
    )
    .await;
    assert_eq!(status, 400);
}

#[sqlx::test]
async fn admins_cannot_touch_owners_and_a_workspace_keeps_an_owner(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let admin = app.member(&owner, "ada@example.com", "admin").await;
    let owner_id = app.viewer(&owner).await.user_id.to_string();
    let admin_id = app.viewer(&admin).await.user_id.to_string();

    let demote = app
        .call(
            &admin,
            "change_role",
            &[("user_id", &owner_id), ("role", "viewer")],
        )
        .await;
    assert_eq!(demote.status(), 403);
    let promote_self = app
        .call(
            &admin,
            "change_role",
            &[("user_id", &admin_id), ("role", "owner")],
        )
        .await;
    assert_eq!(promote_self.status(), 400);
    let remove_owner = app.call(&admin, "remove_member", &[("user_id", &owner_id)]).await;
    assert_eq!(remove_owner.status(), 403);

    // The owner hands over ownership; the new owner may then demote the old one.
    assert_eq!(
        app.call(
            &owner,
            "change_role",
            &[("user_id", &admin_id), ("role", "owner")]
        )
        .await
        .status(),
        200
    );
    assert_eq!(
        app.call(
            &admin,
            "change_role",
            &[("user_id", &owner_id), ("role", "editor")]
        )
        .await
        .status(),
        200
    );
    let (status, message) = error(
        app.call(
            &owner,
            "change_role",
            &[("user_id", &admin_id), ("role", "editor")],
        )
        .await,
    )
    .await;
    assert_eq!(status, 403, "an editor cannot change roles: {message}");
    // Nobody removes themselves or changes their own role (which also keeps one owner).
    let (status, message) = error(app.call(&admin, "remove_member", &[("user_id", &admin_id)]).await).await;
    assert_eq!(status, 400, "{message}");
}

#[sqlx::test]
async fn the_team_lists_members_and_pending_invites(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    app.member(&owner, "eddie@example.com", "editor").await;
    app.invite(&owner, "pending@example.com", "viewer").await;
    let team: TeamView = json(app.call(&owner, "team", &[]).await).await;
    let summary: Vec<(&str, Role)> = team.members.iter().map(|m| (m.email.as_str(), m.role)).collect();
    assert_eq!(
        summary,
        [
            ("olive@example.com", Role::Owner),
            ("eddie@example.com", Role::Editor)
        ]
    );
    let pending: Vec<(&str, Role)> = team.pending.iter().map(|i| (i.email.as_str(), i.role)).collect();
    assert_eq!(pending, [("pending@example.com", Role::Viewer)]);

    // Inviting again renews the link (the old one stops working); withdrawing ends it.
    let first = app.invite(&owner, "pending@example.com", "editor").await;
    let renewed: herald::api::team::InviteResult = json(
        app.call(
            &owner,
            "renew_invite",
            &[("invite_id", &team.pending[0].id.to_string())],
        )
        .await,
    )
    .await;
    let herald::api::team::InviteDelivery::Link(second) = renewed.delivery else {
        panic!("a link without mail")
    };
    let token = |link: &str| link.rsplit('/').next().unwrap().to_owned();
    let details = |link: String| {
        let app = &app;
        async move {
            app.call(&app.browser(), "invite_details", &[("token", &token(&link))])
                .await
                .status()
        }
    };
    assert_eq!(details(first).await, 404);
    assert_eq!(details(second.clone()).await, 200);
    let team: TeamView = json(app.call(&owner, "team", &[]).await).await;
    assert_eq!(team.pending[0].role, Role::Editor);
    assert_eq!(
        app.call(
            &owner,
            "withdraw_invite",
            &[("invite_id", &team.pending[0].id.to_string())]
        )
        .await
        .status(),
        200
    );
    assert_eq!(details(second).await, 404);
}

#[sqlx::test]
async fn a_removed_member_loses_access_at_once(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let admin = app.member(&owner, "ada@example.com", "admin").await;
    let admin_id = app.viewer(&admin).await.user_id.to_string();
    assert_eq!(
        app.call(&owner, "remove_member", &[("user_id", &admin_id)])
            .await
            .status(),
        200
    );
    assert_eq!(app.call(&admin, "team", &[]).await.status(), 403);
    assert_eq!(
        app.sign_in(&app.browser(), "ada@example.com", PASSWORD)
            .await
            .status(),
        403
    );
}

#[sqlx::test]
async fn people_in_two_workspaces_switch_between_them(pool: PgPool) {
    let app = spawn_app(pool).await;
    let first = app.owner("olive@example.com", "Acme").await;
    let second = app.owner("sam@example.com", "Beta").await;
    // Sam already has an account: he accepts the invite signed in.
    let link = app.invite(&first, "sam@example.com", "editor").await;
    assert_eq!(app.join(&second, &link).await.status(), 200);

    let viewer = app.viewer(&second).await;
    assert_eq!(viewer.workspaces.len(), 2);
    let acme = viewer
        .workspaces
        .iter()
        .find(|w| w.name == "Acme")
        .unwrap()
        .id
        .to_string();
    assert_eq!(
        app.call(&second, "switch_workspace", &[("workspace_id", &acme)])
            .await
            .status(),
        200
    );
    let viewer = app.viewer(&second).await;
    assert_eq!(
        (viewer.workspace.name.as_str(), viewer.role()),
        ("Acme", Role::Editor)
    );

    // Olive is not in Beta and cannot switch into it.
    let beta = viewer
        .workspaces
        .iter()
        .find(|w| w.name == "Beta")
        .unwrap()
        .id
        .to_string();
    assert_eq!(
        app.call(&first, "switch_workspace", &[("workspace_id", &beta)])
            .await
            .status(),
        403
    );
}
