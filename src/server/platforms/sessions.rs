//! Sessions some networks hand out at login (Bluesky), kept per account so a publish does not
//! log in again; a network that refuses one drops it and logs in once more.
use std::collections::HashMap;
use std::sync::Mutex;
use uuid::Uuid;

#[derive(Debug, Default)]
pub struct SessionCache {
    sessions: Mutex<HashMap<Uuid, serde_json::Value>>,
}

impl SessionCache {
    pub fn get<T: serde::de::DeserializeOwned>(&self, account_id: Uuid) -> Option<T> {
        let sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        sessions
            .get(&account_id)
            .and_then(|value| serde_json::from_value(value.clone()).ok())
    }

    pub fn put<T: serde::Serialize>(&self, account_id: Uuid, session: &T) {
        if let Ok(value) = serde_json::to_value(session) {
            let mut sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
            sessions.insert(account_id, value);
        }
    }

    pub fn forget(&self, account_id: Uuid) {
        let mut sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        sessions.remove(&account_id);
    }
}
