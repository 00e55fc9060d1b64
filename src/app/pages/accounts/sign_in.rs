//! "Sign in with …": the way most people connect. The network's own page asks them to allow
//! Herald, then sends them back to the Accounts page.
use super::colours::ColourChoices;
use crate::api::oauth::StartSignIn;
use crate::app::components::alert::action_error;
use crate::app::components::field::{INPUT_CLASS, PRIMARY_BUTTON};
use crate::domain::platform::Platform;
use leptos::prelude::*;

#[component]
pub fn SignInForm(platform: Platform) -> impl IntoView {
    let action = ServerAction::<StartSignIn>::new();
    // The server answers with the network's authorize page; go there.
    Effect::new(move |_| {
        if let Some(Ok(url)) = action.value().get() {
            let _ = window().location().set_href(&url);
        }
    });
    let instance = (platform == Platform::Mastodon).then(|| {
        view! {
            <div>
                <label for="sign-in-instance" class="block text-sm font-medium text-slate-700">"Your server"</label>
                <input
                    id="sign-in-instance"
                    name="instance"
                    placeholder="mastodon.social or @you@mastodon.social"
                    autocomplete="off"
                    required
                    aria-describedby="sign-in-instance-help"
                    class=format!("{INPUT_CLASS} mt-1.5")
                />
                <p id="sign-in-instance-help" class="mt-1 text-xs text-slate-500">
                    "Herald registers itself there and asks only to read your profile and publish posts with images."
                </p>
            </div>
        }
    });
    view! {
        <ActionForm action=action attr:class="mt-6 space-y-4 border-t border-slate-100 pt-5" attr:novalidate="">
            <h3 class="text-sm font-semibold text-slate-900">{format!("Sign in with {}", platform.label())}</h3>
            {action_error(action)}
            <input type="hidden" name="platform" value=platform.as_str() />
            {instance}
            <fieldset>
                <legend class="block text-sm font-medium text-slate-700">"Colour on the calendar"</legend>
                <div class="mt-2 flex flex-wrap gap-3"><ColourChoices /></div>
            </fieldset>
            <button type="submit" class=PRIMARY_BUTTON disabled=move || action.pending().get()>
                {move || if action.pending().get() {
                    format!("Asking {}…", platform.label())
                } else {
                    format!("Continue to {}", platform.label())
                }}
            </button>
        </ActionForm>
    }
}

/// "Reconnect" on an account connected by signing in: the same flow, for the same account.
#[component]
pub fn ReconnectButton(platform: Platform, id: String, colour: String) -> impl IntoView {
    let action = ServerAction::<StartSignIn>::new();
    Effect::new(move |_| {
        if let Some(Ok(url)) = action.value().get() {
            let _ = window().location().set_href(&url);
        }
    });
    view! {
        <ActionForm action=action>
            <input type="hidden" name="platform" value=platform.as_str() />
            <input type="hidden" name="colour" value=colour />
            <input type="hidden" name="reconnect" value=id />
            <button type="submit" class=crate::app::components::field::SECONDARY_BUTTON disabled=move || action.pending().get()>
                {move || if action.pending().get() { "Asking…" } else { "Reconnect" }}
            </button>
            {action_error(action)}
        </ActionForm>
    }
}
