//! What the person learns on landing back from a network's sign-in page (`?oauth=…`). Only
//! a flow id or a fixed code is in the address; the words come from Herald.
use super::choices::ChoicePicker;
use crate::api::oauth::sign_in_result;
use crate::app::components::alert::{Alert, Tone};
use crate::views::oauth::SignInOutcome;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

fn fixed(code: &str) -> Option<&'static str> {
    Some(match code {
        "unknown" => {
            "Herald does not know that sign-in: it may be from an older attempt. Nothing was connected; connect again."
        }
        "used" => "That sign-in was already used. If the account is not listed below, connect again.",
        "elsewhere" => {
            "This sign-in was started in another browser or by someone else, so Herald did not finish it. Start it again here."
        }
        "failed" => "Something went wrong on our side. Nothing was connected; connect again.",
        _ => return None,
    })
}

#[component]
pub fn SignInOutcomeBanner() -> impl IntoView {
    let query = use_query_map();
    let code = move || query.with(|q| q.get("oauth"));
    let outcome = Resource::new(code, |code| async move {
        let failed = |message: &str| Some((None, SignInOutcome::failed(message.to_owned())));
        match code.as_deref().map(str::parse::<Uuid>) {
            Some(Ok(flow)) => match sign_in_result(flow).await {
                Ok(Some(outcome)) => Some((Some(flow), outcome)),
                Ok(None) => fixed("unknown").and_then(failed),
                Err(error) => failed(&error.to_string()),
            },
            Some(Err(_)) => code.as_deref().and_then(fixed).and_then(failed),
            None => None,
        }
    });
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                outcome.await.map(|(flow, outcome)| {
                    let tone = match (outcome.ok, outcome.choices.is_empty()) {
                        (true, true) => Tone::Success,
                        (true, false) => Tone::Info,
                        (false, _) => Tone::Error,
                    };
                    let picker = flow.filter(|_| !outcome.choices.is_empty()).map(|flow| {
                        view! { <ChoicePicker flow choices=outcome.choices.clone() pick_one=outcome.pick_one /> }
                    });
                    view! {
                        <div class="mb-6 space-y-3" data-testid="sign-in-outcome">
                            <Alert tone message=outcome.message.clone() />
                            {picker}
                        </div>
                    }
                })
            })}
        </Transition>
    }
}
