use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A member's role in one workspace, from most to least powerful.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(
    feature = "ssr",
    derive(sqlx::Type),
    sqlx(type_name = "text", rename_all = "lowercase")
)]
pub enum Role {
    Owner,
    Admin,
    Editor,
    Contributor,
    Viewer,
}

/// What a member may do. Server functions ask for a permission, never for a role, so the
/// mapping below is the single place that decides who may do what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// See the workspace's calendar, posts and dashboard.
    Read,
    /// Write drafts and submit them for review.
    Contribute,
    /// Edit and schedule posts.
    Edit,
    /// Approve posts or ask for changes.
    Approve,
    /// Invite members, change roles, change workspace settings.
    ManageTeam,
    /// Connect, test, pause, rename and remove the workspace's network accounts.
    ManageAccounts,
    /// Give or take the owner role.
    ManageOwners,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Owner,
        Role::Admin,
        Role::Editor,
        Role::Contributor,
        Role::Viewer,
    ];

    /// Roles an owner or admin may hand out through an invite.
    pub const INVITABLE: [Role; 4] = [Role::Admin, Role::Editor, Role::Contributor, Role::Viewer];

    pub fn can(self, permission: Permission) -> bool {
        use Permission::*;
        match permission {
            Read => true,
            Contribute => self != Role::Viewer,
            Edit | Approve => matches!(self, Role::Owner | Role::Admin | Role::Editor),
            ManageTeam | ManageAccounts => matches!(self, Role::Owner | Role::Admin),
            ManageOwners => self == Role::Owner,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Contributor => "contributor",
            Role::Viewer => "viewer",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Owner => "Owner",
            Role::Admin => "Admin",
            Role::Editor => "Editor",
            Role::Contributor => "Contributor",
            Role::Viewer => "Viewer",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Role::Owner => "Everything, including handing over ownership.",
            Role::Admin => "Manages members, accounts and settings; approves posts.",
            Role::Editor => "Writes, edits and schedules posts; approves posts.",
            Role::Contributor => "Writes drafts and submits them for review.",
            Role::Viewer => "Sees the calendar and the dashboard; changes nothing.",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a role; use owner, admin, editor, contributor or viewer")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permissions_table() {
        use Permission::*;
        let table = [
            (Role::Owner, [true, true, true, true, true, true, true]),
            (Role::Admin, [true, true, true, true, true, true, false]),
            (Role::Editor, [true, true, true, true, false, false, false]),
            (Role::Contributor, [true, true, false, false, false, false, false]),
            (Role::Viewer, [true, false, false, false, false, false, false]),
        ];
        for (role, expected) in table {
            let got = [
                Read,
                Contribute,
                Edit,
                Approve,
                ManageTeam,
                ManageAccounts,
                ManageOwners,
            ]
            .map(|p| role.can(p));
            assert_eq!(got, expected, "{role}");
        }
    }

    #[test]
    fn parses_case_insensitively_and_round_trips() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
            assert_eq!(role.label().to_uppercase().parse::<Role>(), Ok(role));
        }
        assert!("superuser".parse::<Role>().is_err());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_database_stores_its_name() {
        for role in Role::ALL {
            let mut stored = sqlx::postgres::PgArgumentBuffer::default();
            let written = sqlx::Encode::<sqlx::Postgres>::encode_by_ref(&role, &mut stored).unwrap();
            assert!(matches!(written, sqlx::encode::IsNull::No));
            assert_eq!(&stored[..], role.as_str().as_bytes(), "{role:?}");
        }
    }

    #[test]
    fn owner_is_not_invitable() {
        assert!(!Role::INVITABLE.contains(&Role::Owner));
    }
}
