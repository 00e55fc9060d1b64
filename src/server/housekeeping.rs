//! Background chores of the web process, every ten minutes: forget expired sessions, the
//! sign-in and new-account attempts the throttle no longer counts and the publish queue's old
//! turns and finished sign-ins, and remove images no post uses.
use crate::server::auth::session_store::PgSessionStore;
use crate::server::db::{new_accounts, oauth_flows, publish_turns, signin_failures};
use crate::server::state::AppState;
use std::time::Duration;

const EVERY: Duration = Duration::from_secs(600);
/// Turns are only compared among tasks due in the same minute; a day is plenty.
const KEEP_TURNS_HOURS: i64 = 24;
/// A sign-in's outcome is read on the page the person lands on, seconds after it ends.
const KEEP_SIGN_INS_HOURS: i64 = 24;

pub fn spawn(state: &AppState) {
    let store = PgSessionStore::new(state.pool.clone());
    tokio::spawn(store.delete_expired_every(EVERY));
    let state = state.clone();
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(EVERY);
        loop {
            interval.tick().await;
            run_once(&state).await;
        }
    });
}

/// One round of every chore; a failed one is logged and tried again next round.
pub async fn run_once(state: &AppState) {
    let pool = &state.pool;
    let auth = &state.settings.auth;
    if let Err(error) = signin_failures::purge_older_than(pool, auth.throttle_window_seconds.max(3600)).await
    {
        tracing::warn!(%error, "could not purge old sign-in failures");
    }
    if let Err(error) = new_accounts::purge_older_than(pool, auth.new_account_window_seconds).await {
        tracing::warn!(%error, "could not purge old new-account attempts");
    }
    if let Err(error) = publish_turns::purge_older_than(pool, KEEP_TURNS_HOURS).await {
        tracing::warn!(%error, "could not purge the publish queue's old turns");
    }
    if let Err(error) = oauth_flows::purge_older_than(pool, KEEP_SIGN_INS_HOURS).await {
        tracing::warn!(%error, "could not purge old sign-ins");
    }
    let keep_hours = state.settings.media.unattached_keep_hours;
    match crate::server::images::remove_unattached(pool, &state.settings.data_dir, keep_hours).await {
        Ok(0) => {}
        Ok(removed) => tracing::info!(removed, "removed images no post uses"),
        Err(error) => tracing::warn!(error = format!("{error:#}"), "could not remove unattached images"),
    }
}
