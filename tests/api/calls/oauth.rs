use super::Answer;
use crate::helpers::{Browser, TestApp};
use herald::api::oauth::{
    ListNetworkApps, NetworkAppView, RemoveNetworkApp, SaveNetworkApp, SignInOutcome, SignInResult,
    StartSignIn,
};
use herald::domain::platform::Platform;
use uuid::Uuid;

/// What the network's authorize link carries, read back.
pub struct AuthorizeLink {
    pub url: url::Url,
    pub state: String,
}

impl AuthorizeLink {
    pub fn param(&self, name: &str) -> Option<String> {
        self.url
            .query_pairs()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
    }
}

impl TestApp {
    pub async fn start_sign_in(&self, who: &Browser, platform: Platform, instance: &str) -> Answer<String> {
        let form = StartSignIn {
            platform,
            instance: instance.into(),
            colour: "#0ea5e9".into(),
            reconnect: None,
        };
        self.send(who, &form).await
    }

    pub async fn start_reconnect(&self, who: &Browser, platform: Platform, id: Uuid) -> Answer<String> {
        let form = StartSignIn {
            platform,
            instance: String::new(),
            colour: "#0ea5e9".into(),
            reconnect: Some(id),
        };
        self.send(who, &form).await
    }

    /// Starts a sign-in that must work, and reads its link.
    pub async fn authorize_link(&self, who: &Browser, platform: Platform, instance: &str) -> AuthorizeLink {
        link(self.start_sign_in(who, platform, instance).await.ok())
    }

    /// The outcome shown on the page Herald sent the person to (`/accounts?oauth=<flow>`).
    pub async fn outcome_at(&self, who: &Browser, location: &str) -> SignInOutcome {
        let flow = location
            .strip_prefix("/accounts?oauth=")
            .and_then(|id| id.parse::<Uuid>().ok())
            .unwrap_or_else(|| panic!("{location} names no flow"));
        self.send(who, &SignInResult { flow })
            .await
            .ok()
            .expect("the flow has an outcome")
    }

    /// Connects the ticked ones after a sign-in that listed several.
    pub async fn choose_sign_in(&self, who: &Browser, flow: Uuid, keys: &[&str]) -> Answer<SignInOutcome> {
        let keys = keys.iter().map(|key| (*key).to_owned()).collect();
        self.send(who, &herald::api::oauth::ChooseSignIn { flow, keys })
            .await
    }

    pub async fn list_network_apps(&self, who: &Browser) -> Answer<Vec<NetworkAppView>> {
        self.send(who, &ListNetworkApps {}).await
    }

    pub async fn save_network_app(
        &self,
        who: &Browser,
        platform: Platform,
        id: &str,
        secret: &str,
    ) -> Answer<()> {
        let form = SaveNetworkApp {
            platform,
            client_id: id.into(),
            client_secret: secret.into(),
            organisations: false,
        };
        self.send(who, &form).await
    }

    /// A LinkedIn app with the Community Management API.
    pub async fn save_linkedin_app_with_pages(&self, who: &Browser, id: &str, secret: &str) -> Answer<()> {
        let form = SaveNetworkApp {
            platform: Platform::LinkedIn,
            client_id: id.into(),
            client_secret: secret.into(),
            organisations: true,
        };
        self.send(who, &form).await
    }

    pub async fn remove_network_app(&self, who: &Browser, platform: Platform) -> Answer<()> {
        self.send(who, &RemoveNetworkApp { platform }).await
    }
}

pub fn link(url: String) -> AuthorizeLink {
    let url = url::Url::parse(&url).unwrap_or_else(|e| panic!("{url}: {e}"));
    let state = url
        .query_pairs()
        .find(|(key, _)| key == "state")
        .map(|(_, value)| value.into_owned())
        .expect("the link carries a state");
    AuthorizeLink { url, state }
}

impl TestApp {
    pub async fn create_connect_link(&self, who: &Browser, platform: Platform, note: &str) -> Answer<String> {
        let form = herald::api::connect_links::CreateConnectLink {
            platform,
            note: note.into(),
            valid_hours: 72,
        };
        self.send(who, &form).await
    }

    pub async fn connect_links(
        &self,
        who: &Browser,
    ) -> Answer<Vec<herald::api::connect_links::ConnectLinkView>> {
        self.send(who, &herald::api::connect_links::ListConnectLinks {})
            .await
    }

    pub async fn withdraw_connect_link(&self, who: &Browser, id: Uuid) -> Answer<()> {
        self.send(who, &herald::api::connect_links::WithdrawConnectLink { id })
            .await
    }

    pub async fn open_connect_link(
        &self,
        who: &Browser,
        token: &str,
    ) -> Answer<herald::api::connect_links::ConnectLinkInfo> {
        self.send(
            who,
            &herald::api::connect_links::ConnectLink { token: token.into() },
        )
        .await
    }

    pub async fn start_link_sign_in(&self, who: &Browser, token: &str, instance: &str) -> Answer<String> {
        let form = herald::api::connect_links::StartLinkSignIn {
            token: token.into(),
            instance: instance.into(),
        };
        self.send(who, &form).await
    }

    pub async fn choose_link_account(&self, who: &Browser, flow: Uuid, key: &str) -> Answer<SignInOutcome> {
        let form = herald::api::connect_links::ChooseLinkAccount {
            flow,
            key: key.into(),
        };
        self.send(who, &form).await
    }

    pub async fn connect_link_result(&self, who: &Browser, flow: Uuid) -> Answer<Option<SignInOutcome>> {
        self.send(who, &herald::api::connect_links::ConnectLinkResult { flow })
            .await
    }
}
