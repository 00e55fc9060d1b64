use crate::helpers::{PASSWORD, spawn_app, token_of};
use herald::api::team::{InviteDelivery, InviteMember};
use herald::domain::role::Role;
use sqlx::PgPool;

#[sqlx::test]
async fn a_viewer_gets_403_from_admin_only_functions(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let viewer = app.member(&owner, "vic@example.com", Role::Viewer).await;

    let (status, message) = app
        .invite_member(&viewer, "x@example.com", Role::Editor)
        .await
        .refused();
    assert_eq!(status, 403);
    assert!(
        message.contains("Your role (Viewer) cannot manage the team"),
        "{message}"
    );
    assert_eq!(app.team(&viewer).await.status(), 403, "team");
    assert_eq!(
        app.update_workspace(&viewer, "Hijacked", "UTC").await.status(),
        403,
        "update_workspace"
    );
    let viewer_id = app.viewer(&viewer).await.user_id;
    let response = app.change_role(&viewer, viewer_id, Role::Owner).await;
    assert_eq!(response.status(), 403);
    let role: String = sqlx::query_scalar("select role from memberships where user_id = $1")
        .bind(viewer_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(role, "viewer");
}

#[sqlx::test]
async fn an_editor_cannot_manage_the_team_but_can_read_settings(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let editor = app.member(&owner, "eddie@example.com", Role::Editor).await;
    assert_eq!(app.viewer(&editor).await.role(), Role::Editor);
    assert_eq!(app.team(&editor).await.status(), 403);
    assert_eq!(app.workspace_settings(&editor).await.status(), 200);
}

#[sqlx::test]
async fn an_invite_link_works_once(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let link = app.invite(&owner, "new@example.com", Role::Editor).await;
    assert!(link.starts_with("http://127.0.0.1:3000/invite/"), "{link}");
    let token = token_of(&link);

    let details = app.invite_details(&app.browser(), token).await.ok();
    assert_eq!(
        (
            details.email.as_str(),
            details.workspace_name.as_str(),
            details.role
        ),
        ("new@example.com", "Acme", Role::Editor)
    );

    let accepted = app
        .accept_invite(&app.browser(), token, "Nina New", PASSWORD)
        .await;
    assert_eq!(accepted.status(), 200);
    let (status, message) = app
        .accept_invite(&app.browser(), token, "Nina New", PASSWORD)
        .await
        .refused();
    assert_eq!(status, 404);
    assert!(message.contains("not valid"), "{message}");
    assert_eq!(app.invite_details(&app.browser(), token).await.status(), 404);
}

#[sqlx::test]
async fn an_unknown_invite_link_is_404_with_a_message(pool: PgPool) {
    let app = spawn_app(pool).await;
    let (status, message) = app.invite_details(&app.browser(), "made-up").await.refused();
    assert_eq!(status, 404);
    assert!(message.contains("Ask an admin for a new one"), "{message}");
}

#[sqlx::test]
async fn an_invited_person_cannot_sign_in_before_setting_a_password(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    app.invite(&owner, "new@example.com", Role::Editor).await;
    assert_eq!(
        app.sign_in(&app.browser(), "new@example.com", "").await.status(),
        401
    );
}

#[sqlx::test]
async fn inviting_an_existing_member_is_a_conflict_and_owner_is_not_invitable(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    app.member(&owner, "new@example.com", Role::Editor).await;
    let (status, _) = app
        .invite_member(&owner, "NEW@example.com", Role::Viewer)
        .await
        .refused();
    assert_eq!(status, 409);
    let (status, _) = app
        .invite_member(&owner, "x@example.com", Role::Owner)
        .await
        .refused();
    assert_eq!(status, 400);
    // No such role: a hand-made form, as no page can send it.
    let (status, _) = app
        .send_form::<InviteMember>(&owner, &[("email", "x@example.com"), ("role", "emperor")])
        .await
        .refused();
    assert_eq!(status, 400);
}

#[sqlx::test]
async fn admins_cannot_touch_owners_and_a_workspace_keeps_an_owner(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let admin = app.member(&owner, "ada@example.com", Role::Admin).await;
    let owner_id = app.viewer(&owner).await.user_id;
    let admin_id = app.viewer(&admin).await.user_id;

    let demote = app.change_role(&admin, owner_id, Role::Viewer).await;
    assert_eq!(demote.status(), 403);
    let promote_self = app.change_role(&admin, admin_id, Role::Owner).await;
    assert_eq!(promote_self.status(), 400);
    let remove_owner = app.remove_member(&admin, owner_id).await;
    assert_eq!(remove_owner.status(), 403);

    // The owner hands over ownership; the new owner may then demote the old one.
    assert_eq!(app.change_role(&owner, admin_id, Role::Owner).await.status(), 200);
    assert_eq!(
        app.change_role(&admin, owner_id, Role::Editor).await.status(),
        200
    );
    let (status, message) = app.change_role(&owner, admin_id, Role::Editor).await.refused();
    assert_eq!(status, 403, "an editor cannot change roles: {message}");
    // Nobody removes themselves or changes their own role (which also keeps one owner).
    let (status, message) = app.remove_member(&admin, admin_id).await.refused();
    assert_eq!(status, 400, "{message}");
}

#[sqlx::test]
async fn the_team_lists_members_and_pending_invites(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    app.member(&owner, "eddie@example.com", Role::Editor).await;
    app.invite(&owner, "pending@example.com", Role::Viewer).await;
    let team = app.team(&owner).await.ok();
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
    let first = app.invite(&owner, "pending@example.com", Role::Editor).await;
    let renewed = app.renew_invite(&owner, team.pending[0].id).await.ok();
    let InviteDelivery::Link(second) = renewed.delivery else {
        panic!("a link without mail")
    };
    let details = |link: String| {
        let app = &app;
        async move { app.invite_details(&app.browser(), token_of(&link)).await.status() }
    };
    assert_eq!(details(first).await, 404);
    assert_eq!(details(second.clone()).await, 200);
    let team = app.team(&owner).await.ok();
    assert_eq!(team.pending[0].role, Role::Editor);
    assert_eq!(
        app.withdraw_invite(&owner, team.pending[0].id).await.status(),
        200
    );
    assert_eq!(details(second).await, 404);
}

#[sqlx::test]
async fn a_removed_member_loses_access_at_once(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let admin = app.member(&owner, "ada@example.com", Role::Admin).await;
    let admin_id = app.viewer(&admin).await.user_id;
    assert_eq!(app.remove_member(&owner, admin_id).await.status(), 200);
    assert_eq!(app.team(&admin).await.status(), 403);
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
    let link = app.invite(&first, "sam@example.com", Role::Editor).await;
    assert_eq!(app.join(&second, &link).await.status(), 200);

    let viewer = app.viewer(&second).await;
    assert_eq!(viewer.workspaces.len(), 2);
    let acme = viewer.workspaces.iter().find(|w| w.name == "Acme").unwrap().id;
    assert_eq!(app.switch_workspace(&second, acme).await.status(), 200);
    let viewer = app.viewer(&second).await;
    assert_eq!(
        (viewer.workspace.name.as_str(), viewer.role()),
        ("Acme", Role::Editor)
    );

    // Olive is not in Beta and cannot switch into it.
    let beta = viewer.workspaces.iter().find(|w| w.name == "Beta").unwrap().id;
    assert_eq!(app.switch_workspace(&first, beta).await.status(), 403);
}
