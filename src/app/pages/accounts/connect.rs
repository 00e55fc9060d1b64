use super::colours::ColourChoices;
use super::sign_in::SignInForm;
use crate::api::accounts::ConnectAccount;
use crate::app::components::alert::action_error;
use crate::app::components::field::{INPUT_CLASS, PRIMARY_BUTTON};
use crate::domain::credentials::{CredentialField, FieldKind};
use crate::domain::network_app::signs_in;
use crate::domain::platform::Platform;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

/// Pick a network, then fill in what it needs. The choice is a link (`?connect=mastodon`), so
/// this works without JavaScript.
#[component]
pub fn ConnectPanel(action: ServerAction<ConnectAccount>) -> impl IntoView {
    let query = use_query_map();
    let chosen = Memo::new(move |_| {
        query
            .with(|q| q.get("connect"))
            .and_then(|name| name.parse::<Platform>().ok())
    });
    // After a successful connect, close the form (the list above shows the new account).
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(_))) {
            use_navigate()("/accounts", Default::default());
        }
    });
    let tiles = Platform::ALL
        .into_iter()
        .map(|platform| {
            view! {
                <a
                    href=format!("/accounts?connect={}", platform.as_str())
                    class="rounded-lg px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-200 hover:bg-indigo-50 hover:ring-indigo-300 aria-[current=true]:bg-indigo-600 aria-[current=true]:text-white"
                    aria-current=move || (chosen.get() == Some(platform)).to_string()
                >
                    {platform.label()}
                </a>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="connect-heading" class="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <h2 id="connect-heading" class="text-base font-semibold text-slate-900">"Connect an account"</h2>
            <p class="mt-1 text-sm text-slate-500">"Herald checks the credentials with the network before saving them, encrypted."</p>
            <nav aria-label="Networks" class="mt-4 flex flex-wrap gap-2">{tiles}</nav>
            {move || chosen.get().map(|platform| {
                if signs_in(platform) {
                    view! {
                        <SignInForm platform />
                        <details class="mt-5 border-t border-slate-100 pt-4" data-testid="advanced-connect">
                            <summary class="cursor-pointer text-sm font-medium text-slate-600">"Advanced: paste a token instead"</summary>
                            <ConnectForm platform action />
                        </details>
                    }
                    .into_any()
                } else {
                    view! { <ConnectForm platform action /> }.into_any()
                }
            })}
        </section>
    }
}

#[component]
fn ConnectForm(platform: Platform, action: ServerAction<ConnectAccount>) -> impl IntoView {
    let fields = platform
        .credential_fields()
        .iter()
        .copied()
        .map(|field| view! { <CredentialInput field scope="connect" /> })
        .collect_view();
    view! {
        <ActionForm action=action attr:class="mt-6 space-y-4 border-t border-slate-100 pt-5" attr:novalidate="">
            <h3 class="text-sm font-semibold text-slate-900">{format!("Connect {}", platform.label())}</h3>
            {action_error(action)}
            <input type="hidden" name="platform" value=platform.as_str() />
            {fields}
            <div>
                <label for="connect-display-name" class="block text-sm font-medium text-slate-700">"Display name"</label>
                <input id="connect-display-name" name="display_name" placeholder="The name on the network" class=format!("{INPUT_CLASS} mt-1.5") />
            </div>
            <fieldset>
                <legend class="block text-sm font-medium text-slate-700">"Colour on the calendar"</legend>
                <div class="mt-2 flex flex-wrap gap-3"><ColourChoices /></div>
            </fieldset>
            <button type="submit" class=PRIMARY_BUTTON disabled=move || action.pending().get()>
                {move || if action.pending().get() { format!("Checking with {}…", platform.label()) } else { "Connect".to_owned() }}
            </button>
        </ActionForm>
    }
}

/// One credential input, named `fields[<name>]` for the server function's map. `scope` keeps
/// element ids unique when several forms on the page ask for the same field.
#[component]
pub fn CredentialInput(field: CredentialField, #[prop(into)] scope: String) -> impl IntoView {
    let id = format!("{scope}-credential-{}", field.name);
    let kind = match field.kind {
        FieldKind::Url => "url",
        FieldKind::Text => "text",
        FieldKind::Secret => "password",
    };
    view! {
        <div>
            <label for=id.clone() class="block text-sm font-medium text-slate-700">
                {field.label}
                {(!field.required).then(|| view! { <span class="font-normal text-slate-400">" (optional)"</span> })}
            </label>
            <input
                id=id.clone()
                name=format!("fields[{}]", field.name)
                type=kind
                autocomplete="off"
                placeholder=field.placeholder
                required=field.required
                aria-describedby=format!("{id}-help")
                class=format!("{INPUT_CLASS} mt-1.5")
            />
            <p id=format!("{id}-help") class="mt-1 text-xs text-slate-500">{field.help}</p>
        </div>
    }
}
