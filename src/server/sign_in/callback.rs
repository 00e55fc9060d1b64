//! `GET /oauth/callback`: where every network sends the person back. It always ends on the
//! Accounts page, with the outcome kept on the flow (or, when no flow matches, a fixed code)
//! so the page can say what happened without trusting text in the address.
use super::browser;
use super::finish::{Answer, Finished, finish};
use crate::server::db::oauth_flows::{self, Taken};
use crate::server::oauth::Problem;
use crate::server::state::AppState;
use axum::extract::{Query, State};
use axum::response::Redirect;
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct Params {
    state: Option<String>,
    code: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

pub async fn callback(
    State(state): State<AppState>,
    session: Session,
    Query(params): Query<Params>,
) -> Redirect {
    let Some(sent_state) = params.state.filter(|s| !s.is_empty() && s.len() <= 512) else {
        return Redirect::to("/accounts?oauth=unknown");
    };
    let flow = match oauth_flows::take(&state.pool, &browser::hash(&sent_state)).await {
        Ok(Taken::Fresh(flow)) => flow,
        Ok(Taken::AlreadyUsed) => return Redirect::to("/accounts?oauth=used"),
        Ok(Taken::Unknown) => return Redirect::to("/accounts?oauth=unknown"),
        Err(error) => {
            tracing::error!(%error, "could not look up the sign-in");
            return Redirect::to("/accounts?oauth=failed");
        }
    };
    let answer = Answer {
        code: params.code,
        error: params.error,
        error_description: params.error_description,
    };
    let outcome = finish(&state, &session, &flow, answer).await;
    // A client who came through a connect link has no Accounts page to land on.
    let page = if flow.connect_link_id.is_some() {
        "/connected"
    } else {
        "/accounts"
    };
    let (ok, message, account_id) = match &outcome {
        Ok(Finished::Choose) => return Redirect::to(&format!("{page}?oauth={}", flow.id)),
        Ok(Finished::Connected(id)) => (true, "Connected.".to_owned(), Some(*id)),
        Err(Problem::Internal(error)) => {
            tracing::error!(flow_id = %flow.id, error = format!("{error:#}"), "sign-in failed");
            (
                false,
                "Something went wrong on our side. Nothing was connected; connect again.".to_owned(),
                None,
            )
        }
        Err(problem) => {
            tracing::info!(flow_id = %flow.id, problem = %problem, "sign-in did not connect");
            (false, problem.to_string(), None)
        }
    };
    if matches!(outcome, Err(Problem::OtherBrowser)) {
        // Not this browser's flow: its owner is told nothing here, and this person learns
        // only that it was refused.
        return Redirect::to("/accounts?oauth=elsewhere");
    }
    if let Err(error) = oauth_flows::finish(&state.pool, flow.id, ok, &message, account_id).await {
        tracing::error!(%error, "could not record how the sign-in ended");
        return Redirect::to("/accounts?oauth=failed");
    }
    Redirect::to(&format!("{page}?oauth={}", flow.id))
}
