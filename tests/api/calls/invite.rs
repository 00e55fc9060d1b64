use super::Answer;
use crate::helpers::{Browser, TestApp};
use herald::api::invite::{AcceptInvite, InviteDetails, InviteView, JoinWorkspace};

impl TestApp {
    pub async fn invite_details(&self, who: &Browser, token: &str) -> Answer<InviteView> {
        self.send(who, &InviteDetails { token: token.into() }).await
    }

    pub async fn accept_invite(&self, who: &Browser, token: &str, name: &str, password: &str) -> Answer<()> {
        let form = AcceptInvite {
            token: token.into(),
            name: name.into(),
            password: password.into(),
        };
        self.send(who, &form).await
    }

    pub async fn join_workspace(&self, who: &Browser, token: &str) -> Answer<()> {
        self.send(who, &JoinWorkspace { token: token.into() }).await
    }
}
