//! After a sign-in that listed several Pages or accounts: showing the list, and connecting
//! the ones the person ticked. The list is taken once, by the browser the sign-in ran in.
use super::browser;
use super::connect::{Owner, connect, owner};
use super::finish::{Offer, offer_context};
use crate::server::db::oauth_flows::{self, Outcome};
use crate::server::oauth::Problem;
use crate::server::state::AppState;
use crate::views::oauth::{ChoiceView, SignInOutcome};
use anyhow::Context;
use tower_sessions::Session;
use uuid::Uuid;

/// A finished flow's outcome, or the list still to choose from.
pub fn outcome_view(
    state: &AppState,
    flow: Uuid,
    outcome: Outcome,
    pick_one: bool,
) -> anyhow::Result<SignInOutcome> {
    let choices = match &outcome.sealed_choices {
        Some(sealed) => open(state, flow, sealed)?
            .candidates
            .into_iter()
            .map(|candidate| ChoiceView {
                key: candidate.key,
                label: candidate.label,
                detail: candidate.detail,
            })
            .collect(),
        None => Vec::new(),
    };
    let message = match (&outcome.message, pick_one) {
        (Some(message), _) => message.clone(),
        (None, true) => "Choose the one to connect.".into(),
        (None, false) => "Choose which to connect.".into(),
    };
    Ok(SignInOutcome {
        ok: outcome.ok.unwrap_or(true),
        message,
        account_id: outcome.account_id,
        choices,
        pick_one,
    })
}

fn open(state: &AppState, flow: Uuid, sealed: &[u8]) -> anyhow::Result<Offer> {
    let plain = state
        .cipher
        .open(sealed, &offer_context(flow))
        .context("opening the sign-in's choices")?;
    serde_json::from_slice(&plain).context("reading the sign-in's choices")
}

/// Connects each ticked one; says which were connected and which were not, and why.
pub async fn choose(
    state: &AppState,
    session: &Session,
    flow_id: Uuid,
    keys: &[String],
) -> Result<SignInOutcome, Problem> {
    if keys.is_empty() {
        return Err(Problem::BadInput("Tick at least one to connect.".into()));
    }
    let browser = browser::current(session).await?.ok_or(Problem::ChoicesGone)?;
    let (flow, sealed) = oauth_flows::take_choices(&state.pool, flow_id, &browser)
        .await
        .context("taking the sign-in's choices")?
        .ok_or(Problem::ChoicesGone)?;
    let outcome = connect_chosen(state, &flow, &sealed, keys).await;
    let (ok, message, first) = match &outcome {
        Ok((connected, message)) => (!connected.is_empty(), message.clone(), connected.first().copied()),
        Err(problem) => (false, problem.to_string(), None),
    };
    oauth_flows::finish(&state.pool, flow.id, ok, &message, first)
        .await
        .context("recording how the sign-in ended")?;
    outcome?;
    Ok(SignInOutcome {
        ok,
        message,
        account_id: first,
        choices: Vec::new(),
        pick_one: false,
    })
}

async fn connect_chosen(
    state: &AppState,
    flow: &oauth_flows::FlowRow,
    sealed: &[u8],
    keys: &[String],
) -> Result<(Vec<Uuid>, String), Problem> {
    if flow.expired {
        return Err(Problem::Expired(state.settings.oauth.flow_minutes));
    }
    let owner = owner(state, flow).await?;
    if matches!(owner, Owner::Link(_)) && keys.len() > 1 {
        return Err(Problem::BadInput(
            "A connect link connects one account: choose one.".into(),
        ));
    }
    let offer = open(state, flow.id, sealed)?;
    let mut connected = Vec::new();
    let (mut names, mut failures) = (Vec::new(), Vec::new());
    for candidate in offer.candidates.iter().filter(|c| keys.contains(&c.key)) {
        match connect(state, flow, &owner, candidate, &offer.grant).await {
            Ok(id) => {
                connected.push(id);
                names.push(candidate.label.clone());
            }
            Err(Problem::Internal(error)) => {
                tracing::error!(flow_id = %flow.id, error = format!("{error:#}"), "a chosen account failed to connect");
                failures.push(format!("{}: something went wrong on our side", candidate.label));
            }
            Err(problem) => failures.push(format!("{}: {problem}", candidate.label)),
        }
    }
    if connected.is_empty() && failures.is_empty() {
        return Err(Problem::BadInput(
            "None of those is on the list any more. Connect again.".into(),
        ));
    }
    let mut message = String::new();
    if !names.is_empty() {
        message = format!("Connected {}.", names.join(", "));
    }
    if !failures.is_empty() {
        message = format!("{message} Not connected: {}", failures.join("; "))
            .trim()
            .to_owned();
    }
    Ok((connected, message))
}
