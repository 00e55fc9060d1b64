use super::Answer;
use crate::helpers::{Browser, PASSWORD, TestApp};
use herald::api::auth::{CurrentSession, SessionState, SignIn, SignOut, SignUp, SwitchWorkspace};
use uuid::Uuid;

/// The sign-up form of someone starting a workspace in Berlin, with the tests' password.
pub fn signing_up(name: &str, email: &str, workspace_name: &str) -> SignUp {
    SignUp {
        name: name.into(),
        email: email.into(),
        password: PASSWORD.into(),
        workspace_name: workspace_name.into(),
        timezone: "Europe/Berlin".into(),
    }
}

impl TestApp {
    /// Who `browser` is signed in as, if anyone.
    pub async fn session(&self, browser: &Browser) -> SessionState {
        self.send(browser, &CurrentSession {}).await.ok()
    }

    pub async fn sign_up(&self, browser: &Browser, form: &SignUp) -> Answer<()> {
        self.send(browser, form).await
    }

    pub async fn sign_in(&self, browser: &Browser, email: &str, password: &str) -> Answer<()> {
        let form = SignIn {
            email: email.into(),
            password: password.into(),
            next: String::new(),
        };
        self.send(browser, &form).await
    }

    pub async fn sign_out(&self, browser: &Browser) -> Answer<()> {
        self.send(browser, &SignOut {}).await
    }

    pub async fn switch_workspace(&self, browser: &Browser, workspace_id: Uuid) -> Answer<()> {
        self.send(browser, &SwitchWorkspace { workspace_id }).await
    }
}
