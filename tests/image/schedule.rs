//! Scheduled posts as the composer saves them: UTC wall-clock time to the second.
use crate::calls::{composer, ticked};
use chrono::{DateTime, SubsecRound, Utc};
use herald::api::posts::SavePost;
use herald::domain::post::Intent;
use uuid::Uuid;

/// An instant `seconds` from now, on a whole second (the form has no finer field).
pub fn due_in(seconds: i64) -> DateTime<Utc> {
    (Utc::now() + chrono::Duration::seconds(seconds)).trunc_subsecs(0)
}

/// `text` to `account`, scheduled for `due`.
pub fn post(text: &str, account: Uuid, due: DateTime<Utc>) -> SavePost {
    SavePost {
        body: text.to_owned(),
        targets: vec![ticked(account)],
        date: due.format("%Y-%m-%d").to_string(),
        time: due.format("%H:%M:%S").to_string(),
        ..composer(Intent::Schedule)
    }
}
