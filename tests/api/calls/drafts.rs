use super::Answer;
use crate::helpers::{Browser, TestApp};
use herald::api::drafts::{DraftSummary, Drafts};

impl TestApp {
    pub async fn drafts(&self, who: &Browser) -> Answer<Vec<DraftSummary>> {
        self.send(who, &Drafts {}).await
    }
}
