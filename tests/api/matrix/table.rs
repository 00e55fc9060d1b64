//! Who may call each server function. Written out role by role rather than derived from
//! `Role::can`, so a change to the permission mapping shows up here.
use herald::domain::role::Role::{self, Admin, Contributor, Editor, Owner, Viewer};

pub enum Who {
    /// No session needed (signing in, invites by token).
    Anyone,
    /// Members with one of these roles.
    Roles(&'static [Role]),
}

/// What the outsider (owner of another workspace) gets.
pub enum Outsider {
    /// The call names this workspace's objects: 403 or 404.
    Denied,
    /// The call acts on the caller's own workspace: allowed as for an owner.
    Own,
}

pub struct Row {
    pub name: &'static str,
    pub who: Who,
    pub outsider: Outsider,
    /// Business-rule refusals that still count as allowed (never 401/403/404).
    pub also_ok: &'static [u16],
}

const MEMBERS: &[Role] = &[Owner, Admin, Editor, Contributor, Viewer];
const WRITERS: &[Role] = &[Owner, Admin, Editor, Contributor];
const EDITORS: &[Role] = &[Owner, Admin, Editor];
const MANAGERS: &[Role] = &[Owner, Admin];

const fn row(name: &'static str, who: &'static [Role], outsider: Outsider) -> Row {
    Row {
        name,
        who: Who::Roles(who),
        outsider,
        also_ok: &[],
    }
}

const fn anyone(name: &'static str) -> Row {
    Row {
        name,
        who: Who::Anyone,
        outsider: Outsider::Own,
        also_ok: &[],
    }
}

use Outsider::{Denied, Own};

/// One row per server function, by endpoint name (`/api/{name}`).
pub const SERVER_FNS: &[Row] = &[
    // Signing in and out, invites by token.
    anyone("session"),
    anyone("sign_up"),
    anyone("sign_in"),
    anyone("sign_out"),
    anyone("invite_details"),
    // Signed in, it is refused (409): a new account would replace the session.
    Row {
        name: "accept_invite",
        who: Who::Anyone,
        outsider: Outsider::Own,
        also_ok: &[409],
    },
    // Only the invited address may accept, and the matrix's invite is addressed to nobody in it.
    row("join_workspace", &[], Denied),
    row("switch_workspace", MEMBERS, Denied),
    // Accounts: everyone sees them; owners and admins manage them.
    row("accounts", MEMBERS, Own),
    row("connect_account", MANAGERS, Own),
    row("test_account", MANAGERS, Denied),
    row("pause_account", MANAGERS, Denied),
    row("update_account", MANAGERS, Denied),
    row("reconnect_account", MANAGERS, Denied),
    row("remove_account", MANAGERS, Denied),
    // Posts. Contributors write their own drafts; the shared post is not theirs.
    row("save_post", WRITERS, Denied),
    row("post", MEMBERS, Denied),
    row("posts", MEMBERS, Own),
    row("drafts", MEMBERS, Own),
    row("reschedule_post", EDITORS, Denied),
    row("cancel_post", EDITORS, Denied),
    row("delete_post", EDITORS, Denied),
    row("duplicate_post", WRITERS, Denied),
    row("upload_image", WRITERS, Own),
    // Planning: editors set slots and move queues; writers queue their drafts (the shared
    // post is not a draft: 409; an account without slots: 400).
    row("posting_slots", MEMBERS, Denied),
    row("workspace_posting_slots", MEMBERS, Own),
    row("set_posting_slots", EDITORS, Denied),
    row("slot_times", MEMBERS, Own),
    // Series: a contributor changes only their own (the fixture's are the owner's).
    row("repeat_post", EDITORS, Denied),
    row("edit_series", EDITORS, Denied),
    row("stop_series", EDITORS, Denied),
    row("post_series", MEMBERS, Denied),
    // The evergreen pool: editors choose its posts, managers its settings.
    row("set_evergreen", EDITORS, Denied),
    row("evergreen_pool", MEMBERS, Own),
    row("update_evergreen_pool", MANAGERS, Own),
    Row {
        name: "add_to_queue",
        who: Who::Roles(WRITERS),
        outsider: Denied,
        also_ok: &[400, 409],
    },
    row("reflow_queue", EDITORS, Denied),
    // Review.
    row("review_queue", MEMBERS, Own),
    row("review_count", MEMBERS, Own),
    row("review_detail", MEMBERS, Denied),
    row("post_comments", MEMBERS, Denied),
    row("approve_post", EDITORS, Denied),
    row("request_changes", EDITORS, Denied),
    row("comment_post", WRITERS, Denied),
    // Publishing.
    row("publishing_overview", MEMBERS, Own),
    row("retry_targets", EDITORS, Denied),
    row("resolve_target", EDITORS, Denied),
    row("pause_publishing", MANAGERS, Own),
    // Notifications: each person's own.
    row("notifications", MEMBERS, Own),
    row("unread_notifications", MEMBERS, Own),
    row("mark_notifications_read", MEMBERS, Own),
    row("notification_settings", MEMBERS, Own),
    row("update_notification_setting", MEMBERS, Own),
    // Team, settings and audit.
    row("team", MANAGERS, Own),
    row("invite_member", MANAGERS, Own),
    row("renew_invite", MANAGERS, Denied),
    row("withdraw_invite", MANAGERS, Denied),
    row("change_role", MANAGERS, Denied),
    row("remove_member", MANAGERS, Denied),
    row("workspace_settings", MEMBERS, Own),
    row("update_workspace", MANAGERS, Own),
    row("update_approvals", MANAGERS, Own),
    row("audit_log", MANAGERS, Own),
    // Signing in to networks. Network apps belong to whoever runs this Herald: the first
    // person to sign up, here this workspace's owner (not the outsider, another owner).
    row("start_sign_in", MANAGERS, Own),
    row("sign_in_result", MEMBERS, Own),
    // The matrix's sign-in lists nothing to choose, and none ran in the caller's browser: 400.
    Row {
        name: "choose_sign_in",
        who: Who::Roles(MANAGERS),
        outsider: Own,
        also_ok: &[400],
    },
    row("network_apps", &[Owner], Denied),
    row("save_network_app", &[Owner], Denied),
    row("remove_network_app", &[Owner], Denied),
    // Connect links: made by managers, opened by anyone holding one.
    row("create_connect_link", MANAGERS, Own),
    row("connect_links", MANAGERS, Own),
    row("withdraw_connect_link", MANAGERS, Denied),
    anyone("connect_link"),
    anyone("start_link_sign_in"),
    anyone("connect_link_result"),
    Row {
        name: "choose_link_account",
        who: Who::Anyone,
        outsider: Own,
        also_ok: &[400],
    },
];
