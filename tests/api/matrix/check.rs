//! Reading a response against the table: the status, and what it must not reveal.
use super::actors::Actor;
use super::fixture::{ACCOUNT_SECRET, COMMENT_SECRET, INVITEE_SECRET, POST_SECRET};
use super::table::{Outsider, Row, Who};
use herald::domain::role::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Allowed(&'static [u16]),
    Denied,
    /// 401 whoever asks (a bearer token, not a session, opens it).
    Unauthorized,
    /// A page sends the signed-out visitor to sign in.
    SignIn,
}

pub fn expect(row: &Row, actor: Actor) -> Expect {
    let allowed = match (&row.who, actor) {
        (Who::Anyone, _) => true,
        (Who::Roles(_), Actor::Anonymous) => false,
        (Who::Roles(roles), Actor::Outsider) => {
            matches!(row.outsider, Outsider::Own) && roles.contains(&Role::Owner)
        }
        (Who::Roles(roles), Actor::Member(role)) => roles.contains(&role),
    };
    if allowed {
        Expect::Allowed(row.also_ok)
    } else {
        Expect::Denied
    }
}

/// The secrets `actor` must never see in any response.
fn hidden_from(actor: Actor) -> &'static [&'static str] {
    match actor {
        Actor::Anonymous | Actor::Outsider => &[POST_SECRET, ACCOUNT_SECRET, COMMENT_SECRET, INVITEE_SECRET],
        Actor::Member(Role::Owner | Role::Admin) => &[],
        Actor::Member(_) => &[INVITEE_SECRET],
    }
}

pub struct Verdict {
    status: u16,
    body: String,
    expect: Expect,
    actor: Actor,
    location: String,
}

impl Verdict {
    pub async fn of(response: reqwest::Response, expect: Expect, actor: Actor) -> Self {
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let body = response.text().await.unwrap_or_default();
        Self {
            status,
            body,
            expect,
            actor,
            location,
        }
    }

    /// What is wrong with this response, if anything.
    pub fn problem(&self) -> Option<String> {
        if let Some(secret) = hidden_from(self.actor)
            .iter()
            .find(|secret| self.body.contains(**secret))
        {
            return Some(format!("{} leaks {secret}", self.status));
        }
        let ok = match self.expect {
            Expect::Allowed(also) => (200..400).contains(&self.status) || also.contains(&self.status),
            Expect::Denied if self.actor == Actor::Anonymous => self.status == 401,
            Expect::Denied => matches!(self.status, 403 | 404),
            Expect::Unauthorized => self.status == 401,
            Expect::SignIn => self.status == 302 && self.location.starts_with("/signin"),
        };
        (!ok).then(|| {
            let wanted = match self.expect {
                Expect::Allowed(_) => "allowed",
                Expect::Denied if self.actor == Actor::Anonymous => "401",
                Expect::Denied => "403/404",
                Expect::Unauthorized => "401",
                Expect::SignIn => "302 to /signin",
            };
            let body: String = self.body.chars().take(160).collect();
            format!("wanted {wanted}, got {} {}{body}", self.status, self.location)
        })
    }
}
