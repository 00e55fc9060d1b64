use super::Answer;
use crate::helpers::{Browser, TestApp};
use herald::api::audit::{AuditLog, AuditPage, AuditQuery};

impl TestApp {
    pub async fn audit_log(
        &self,
        who: &Browser,
        query: AuditQuery,
        before: Option<i64>,
    ) -> Answer<AuditPage> {
        self.send(who, &AuditLog { query, before }).await
    }
}
