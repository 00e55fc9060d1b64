use super::card::{AuthCard, SignedOutOnly, signup_open};
use super::password_strength::PasswordWithStrength;
use crate::api::auth::SignUp;
use crate::app::components::alert::action_error;
use crate::app::components::field::{Field, PRIMARY_BUTTON};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignUpPage() -> impl IntoView {
    view! {
        <Title text="Create your workspace" />
        <SignedOutOnly>
            {move || if signup_open() { view! { <SignUpForm /> }.into_any() } else { view! { <SignUpClosed /> }.into_any() }}
        </SignedOutOnly>
    }
}

#[component]
fn SignUpForm() -> impl IntoView {
    let action = ServerAction::<SignUp>::new();
    // The workspace's zone defaults to the browser's; without JavaScript it stays UTC.
    let timezone = RwSignal::new(String::new());
    Effect::new(move |_| timezone.set(browser_time_zone()));
    view! {
        <AuthCard title="Create your workspace" subtitle="You will be its owner; invite your team next.">
            <ActionForm action=action attr:class="space-y-5" attr:novalidate="">
                {action_error(action)}
                <input type="hidden" name="timezone" prop:value=move || timezone.get() />
                <Field label="Your name" name="name" autocomplete="name" required=true />
                <Field label="Work email" name="email" kind="email" autocomplete="email" required=true />
                <PasswordWithStrength label="Password" />
                <Field label="Workspace name" name="workspace_name" placeholder="Acme Marketing" required=true />
                <button type="submit" class=PRIMARY_BUTTON disabled=move || action.pending().get()>
                    {move || if action.pending().get() { "Creating…" } else { "Create workspace" }}
                </button>
            </ActionForm>
            <p class="mt-6 text-center text-sm text-slate-600">
                "Already have an account? "
                <a href="/signin" class="font-semibold text-indigo-600 hover:text-indigo-500">"Sign in"</a>
            </p>
        </AuthCard>
    }
}

#[component]
fn SignUpClosed() -> impl IntoView {
    view! {
        <AuthCard title="Sign-up is closed" subtitle="New people join this Herald by invitation.">
            <p class="text-sm text-slate-600">"Ask an admin of your workspace to invite you; the invite link lets you set a password."</p>
            <p class="mt-6 text-center text-sm text-slate-600">
                <a href="/signin" class="font-semibold text-indigo-600 hover:text-indigo-500">"Sign in"</a>
            </p>
        </AuthCard>
    }
}

#[cfg(feature = "hydrate")]
fn browser_time_zone() -> String {
    let options =
        js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new()).resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into())
        .ok()
        .and_then(|zone| zone.as_string())
        .unwrap_or_default()
}

#[cfg(not(feature = "hydrate"))]
fn browser_time_zone() -> String {
    String::new()
}
