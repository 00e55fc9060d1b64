use super::Answer;
use crate::helpers::{Browser, TestApp};
use herald::api::accounts::{
    AccountView, ConnectAccount, ConnectionTest, ListAccounts, PauseAccount, RemoveAccount, TestAccount,
    UpdateAccount,
};
use herald::domain::platform::Platform;
use uuid::Uuid;

/// The Accounts page's form for a Mastodon instance and its access token.
pub fn mastodon(instance_url: &str, access_token: &str) -> ConnectAccount {
    ConnectAccount {
        platform: Platform::Mastodon,
        display_name: String::new(),
        colour: "#0EA5E9".into(),
        fields: [
            ("instance_url".to_owned(), instance_url.to_owned()),
            ("access_token".to_owned(), access_token.to_owned()),
        ]
        .into(),
    }
}

impl TestApp {
    pub async fn list_accounts(&self, who: &Browser) -> Answer<Vec<AccountView>> {
        self.send(who, &ListAccounts {}).await
    }

    pub async fn connect_account(&self, who: &Browser, form: &ConnectAccount) -> Answer<Uuid> {
        self.send(who, form).await
    }

    pub async fn test_account(&self, who: &Browser, id: Uuid) -> Answer<ConnectionTest> {
        self.send(who, &TestAccount { id }).await
    }

    pub async fn pause_account(&self, who: &Browser, id: Uuid, paused: bool) -> Answer<()> {
        self.send(who, &PauseAccount { id, paused }).await
    }

    pub async fn update_account(
        &self,
        who: &Browser,
        id: Uuid,
        display_name: &str,
        colour: &str,
    ) -> Answer<()> {
        let form = UpdateAccount {
            id,
            display_name: display_name.into(),
            colour: colour.into(),
        };
        self.send(who, &form).await
    }

    pub async fn remove_account(&self, who: &Browser, id: Uuid) -> Answer<()> {
        self.send(who, &RemoveAccount { id }).await
    }
}
