use super::Answer;
use crate::helpers::{Browser, TestApp};
use herald::api::dashboard::{
    Overview, PausePublishing, PublishingOverview, ResolveTarget, RetryTargets, TargetAction,
};
use uuid::Uuid;

impl TestApp {
    pub async fn publishing_overview(&self, who: &Browser) -> Answer<Overview> {
        self.send(who, &PublishingOverview {}).await
    }

    /// How many of `ids` were queued again.
    pub async fn retry_targets(&self, who: &Browser, ids: &[Uuid]) -> Answer<usize> {
        self.send(who, &RetryTargets { ids: ids.to_vec() }).await
    }

    pub async fn resolve_target(
        &self,
        who: &Browser,
        id: Uuid,
        action: TargetAction,
        url: &str,
    ) -> Answer<()> {
        let form = ResolveTarget {
            id,
            action,
            url: url.into(),
        };
        self.send(who, &form).await
    }

    pub async fn pause_publishing(&self, who: &Browser, paused: bool) -> Answer<()> {
        self.send(who, &PausePublishing { paused }).await
    }
}
