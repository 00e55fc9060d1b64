use super::card::{AuthCard, SignedOutOnly, signup_open};
use crate::api::auth::SignIn;
use crate::app::components::alert::{Alert, Tone, action_error};
use crate::app::components::field::{Field, PRIMARY_BUTTON};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    view! {
        <Title text="Sign in" />
        <SignedOutOnly>
            <SignInForm />
        </SignedOutOnly>
    }
}

#[component]
fn SignInForm() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let query = use_query_map();
    let next = move || query.with(|q| q.get("next")).unwrap_or_default();
    let notice = move || {
        query.with(|q| {
            if q.get("expired").is_some() {
                Some("Your session has expired. Please sign in again.")
            } else {
                None
            }
        })
    };
    view! {
        <AuthCard title="Sign in to Herald" subtitle="Plan, approve and publish your posts.">
            <ActionForm action=action attr:class="space-y-5" attr:novalidate="">
                {move || notice().map(|message| view! { <Alert tone=Tone::Info message=message /> })}
                {action_error(action)}
                <input type="hidden" name="next" value=next />
                <Field label="Email" name="email" kind="email" autocomplete="email" required=true />
                <Field label="Password" name="password" kind="password" autocomplete="current-password" required=true />
                <button type="submit" class=PRIMARY_BUTTON disabled=move || action.pending().get()>
                    {move || if action.pending().get() { "Signing in…" } else { "Sign in" }}
                </button>
            </ActionForm>
            {signup_open().then(|| view! {
                <p class="mt-6 text-center text-sm text-slate-600">
                    "New to Herald? "
                    <a href="/signup" class="font-semibold text-indigo-600 hover:text-indigo-500">"Create a workspace"</a>
                </p>
            })}
        </AuthCard>
    }
}
