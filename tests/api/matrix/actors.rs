//! Who tries each call: nobody, the owner of another workspace, and one member per role.
use crate::helpers::{Browser, PASSWORD, TestApp};
use herald::domain::role::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
    /// The owner of another workspace, using this workspace's ids.
    Outsider,
    Member(Role),
}

/// Denied ones first, so a call that should have failed cannot spoil a later allowed one.
pub const ACTORS: [Actor; 7] = [
    Actor::Anonymous,
    Actor::Outsider,
    Actor::Member(Role::Viewer),
    Actor::Member(Role::Contributor),
    Actor::Member(Role::Editor),
    Actor::Member(Role::Admin),
    Actor::Member(Role::Owner),
];

impl Actor {
    pub fn label(self) -> &'static str {
        match self {
            Actor::Anonymous => "anonymous",
            Actor::Outsider => "outsider",
            Actor::Member(role) => role.as_str(),
        }
    }

    pub fn email(self) -> String {
        match self {
            Actor::Anonymous => "nobody@matrix.example".into(),
            Actor::Outsider => "owner@matrix-b.example".into(),
            Actor::Member(role) => format!("{role}@matrix-a.example"),
        }
    }
}

/// A signed-in browser per actor (the anonymous one has no cookie).
pub struct Cast {
    browsers: Vec<(Actor, Browser)>,
}

impl Cast {
    pub async fn gather(app: &TestApp) -> Self {
        let owner = app.owner(&Actor::Member(Role::Owner).email(), "Matrix A").await;
        let mut browsers = Vec::new();
        for role in [Role::Admin, Role::Editor, Role::Contributor, Role::Viewer] {
            let actor = Actor::Member(role);
            browsers.push((actor, app.member(&owner, &actor.email(), role).await));
        }
        browsers.push((Actor::Member(Role::Owner), owner));
        let outsider = app.owner(&Actor::Outsider.email(), "Matrix B").await;
        browsers.push((Actor::Outsider, outsider));
        // Keeps no cookies: accepting an invite (which signs in) leaves it anonymous.
        browsers.push((Actor::Anonymous, app.cookieless_browser()));
        Self { browsers }
    }

    pub fn browser(&self, actor: Actor) -> &Browser {
        &self
            .browsers
            .iter()
            .find(|(a, _)| *a == actor)
            .expect("every actor has a browser")
            .1
    }

    pub fn owner(&self) -> &Browser {
        self.browser(Actor::Member(Role::Owner))
    }

    /// A new browser signed in as `actor`, for calls that replace or end the session.
    pub async fn fresh(&self, app: &TestApp, actor: Actor) -> Browser {
        let browser = app.browser();
        if actor != Actor::Anonymous {
            let response = app.sign_in(&browser, &actor.email(), PASSWORD).await;
            assert_eq!(response.status(), 200, "{} signs in again", actor.label());
        }
        browser
    }
}
