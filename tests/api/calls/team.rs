use super::Answer;
use crate::helpers::{Browser, TestApp};
use herald::api::team::{
    ChangeRole, InviteMember, InviteResult, RemoveMember, RenewInvite, Team, TeamView, WithdrawInvite,
};
use herald::domain::role::Role;
use uuid::Uuid;

impl TestApp {
    pub async fn team(&self, who: &Browser) -> Answer<TeamView> {
        self.send(who, &Team {}).await
    }

    pub async fn invite_member(&self, who: &Browser, email: &str, role: Role) -> Answer<InviteResult> {
        let form = InviteMember {
            email: email.into(),
            role,
        };
        self.send(who, &form).await
    }

    pub async fn renew_invite(&self, who: &Browser, invite_id: Uuid) -> Answer<InviteResult> {
        self.send(who, &RenewInvite { invite_id }).await
    }

    pub async fn withdraw_invite(&self, who: &Browser, invite_id: Uuid) -> Answer<()> {
        self.send(who, &WithdrawInvite { invite_id }).await
    }

    pub async fn change_role(&self, who: &Browser, user_id: Uuid, role: Role) -> Answer<()> {
        self.send(who, &ChangeRole { user_id, role }).await
    }

    pub async fn remove_member(&self, who: &Browser, user_id: Uuid) -> Answer<()> {
        self.send(who, &RemoveMember { user_id }).await
    }
}
