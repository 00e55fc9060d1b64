//! After a sign-in that listed several Facebook Pages or Instagram accounts: tick the ones to
//! connect (a connect link: pick one). The page reloads to show the outcome Herald recorded.
use crate::api::connect_links::choose_link_account;
use crate::api::oauth::choose_sign_in;
use crate::app::components::alert::{Alert, Tone};
use crate::app::components::field::PRIMARY_BUTTON;
use crate::views::oauth::ChoiceView;
use leptos::prelude::*;
use uuid::Uuid;

#[component]
pub fn ChoicePicker(flow: Uuid, choices: Vec<ChoiceView>, pick_one: bool) -> impl IntoView {
    let ticked = RwSignal::new(Vec::<String>::new());
    let choose = Action::new(move |keys: &Vec<String>| {
        let keys = keys.clone();
        async move {
            let done = if pick_one {
                let key = keys.into_iter().next().unwrap_or_default();
                choose_link_account(flow, key).await.map(|_| ())
            } else {
                choose_sign_in(flow, keys).await.map(|_| ())
            };
            if done.is_ok() {
                let _ = window().location().reload();
            }
            done
        }
    });
    let input_type = if pick_one { "radio" } else { "checkbox" };
    let rows = choices
        .into_iter()
        .map(|choice| {
            let key = choice.key.clone();
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                ticked.update(|keys| {
                    if pick_one {
                        keys.clear();
                    }
                    keys.retain(|k| k != &key);
                    if on {
                        keys.push(key.clone());
                    }
                });
            };
            view! {
                <li>
                    <label class="flex items-start gap-3 rounded-lg px-3 py-2 hover:bg-slate-50">
                        <input type=input_type name="choice" class="mt-1" on:change=toggle />
                        <span>
                            <span class="block font-medium text-slate-900">{choice.label}</span>
                            <span class="block text-sm text-slate-500">{choice.detail}</span>
                        </span>
                    </label>
                </li>
            }
        })
        .collect_view();
    let error = move || {
        choose
            .value()
            .get()
            .and_then(Result::err)
            .map(|error| view! { <Alert tone=Tone::Error message=error.to_string() /> })
    };
    view! {
        <div class="space-y-3" data-testid="sign-in-choices">
            {error}
            <ul class="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">{rows}</ul>
            <button
                type="button"
                class=PRIMARY_BUTTON
                disabled=move || choose.pending().get() || ticked.with(Vec::is_empty)
                on:click=move |_| {
                    choose.dispatch(ticked.get());
                }
            >
                {if pick_one { "Connect this one" } else { "Connect the ticked ones" }}
            </button>
        </div>
    }
}
