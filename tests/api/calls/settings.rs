use super::Answer;
use crate::helpers::{Browser, TestApp};
use herald::api::settings::{UpdateApprovals, UpdateWorkspace, WorkspaceSettings, WorkspaceSettingsView};

impl TestApp {
    pub async fn workspace_settings(&self, who: &Browser) -> Answer<WorkspaceSettingsView> {
        self.send(who, &WorkspaceSettings {}).await
    }

    pub async fn update_workspace(&self, who: &Browser, name: &str, timezone: &str) -> Answer<()> {
        let form = UpdateWorkspace {
            name: name.into(),
            timezone: timezone.into(),
        };
        self.send(who, &form).await
    }

    pub async fn update_approvals(&self, who: &Browser, rules: &UpdateApprovals) -> Answer<()> {
        self.send(who, rules).await
    }
}
