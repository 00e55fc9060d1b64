use super::card::AuthCard;
use super::password_strength::PasswordWithStrength;
use crate::api::auth::SignOut;
use crate::api::invite::{AcceptInvite, InviteView, InviteViewer, JoinWorkspace, invite_details};
use crate::app::components::alert::{Alert, Tone, action_error};
use crate::app::components::field::{Field, PRIMARY_BUTTON, SECONDARY_BUTTON};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn InvitePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token")).unwrap_or_default();
    let details = Resource::new(token, invite_details);
    view! {
        <Title text="Join your team" />
        <Suspense>
            {move || Suspend::new(async move {
                match details.await {
                    Ok(invite) => view! { <Invitation token=token() invite /> }.into_any(),
                    Err(error) => view! {
                        <AuthCard title="This invite does not work" subtitle="Invite links work once and expire after a week.">
                            <Alert tone=Tone::Error message=error.to_string() />
                            <p class="mt-6 text-center text-sm text-slate-600">
                                <a href="/signin" class="font-semibold text-indigo-600 hover:text-indigo-500">"Go to sign in"</a>
                            </p>
                        </AuthCard>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// The same for an address with or without an account: the page does not say which.
#[component]
fn Invitation(token: String, invite: InviteView) -> impl IntoView {
    let subtitle = format!(
        "You are invited to {} as {}.",
        invite.workspace_name,
        invite.role.label().to_lowercase()
    );
    let title = format!("Join {}", invite.workspace_name);
    let body = match invite.viewer.clone() {
        InviteViewer::Invitee => view! { <AcceptWhileSignedIn token /> }.into_any(),
        InviteViewer::SomeoneElse(signed_in_as) => {
            view! { <SignedInAsSomeoneElse signed_in_as invited=invite.email.clone() /> }.into_any()
        }
        InviteViewer::SignedOut => view! { <SignInOrCreate token email=invite.email.clone() /> }.into_any(),
    };
    view! {
        <AuthCard title=title subtitle=subtitle>
            <div class="space-y-6">
                <div>
                    <span class="block text-sm font-medium text-slate-700">"Invitation for"</span>
                    <p class="mt-1.5 text-sm text-slate-900" data-testid="invited-email">{invite.email.clone()}</p>
                </div>
                {body}
            </div>
        </AuthCard>
    }
}

#[component]
fn AcceptWhileSignedIn(token: String) -> impl IntoView {
    let action = ServerAction::<JoinWorkspace>::new();
    view! {
        <ActionForm action=action attr:class="space-y-4">
            {action_error(action)}
            <input type="hidden" name="token" value=token />
            <button type="submit" class=PRIMARY_BUTTON disabled=move || action.pending().get()>
                {move || if action.pending().get() { "Joining…" } else { "Accept invitation" }}
            </button>
        </ActionForm>
    }
}

#[component]
fn SignedInAsSomeoneElse(signed_in_as: String, invited: String) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    let message = format!(
        "You are signed in as {signed_in_as}. This invitation is for {invited}: sign out, then open \
         the link again and sign in (or create the account) as {invited}."
    );
    view! {
        <Alert tone=Tone::Info message=message />
        <ActionForm action=sign_out>
            <button type="submit" class=format!("{SECONDARY_BUTTON} w-full")>"Sign out"</button>
        </ActionForm>
    }
}

#[component]
fn SignInOrCreate(token: String, email: String) -> impl IntoView {
    let action = ServerAction::<AcceptInvite>::new();
    let sign_in = format!("/signin?next=/invite/{token}");
    view! {
        <section class="rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200">
            <p class="text-sm text-slate-700">{format!("Already on Herald as {email}?")}</p>
            <a href=sign_in class=format!("{SECONDARY_BUTTON} mt-3 w-full")>"Sign in to accept"</a>
        </section>
        <section>
            <h2 class="text-sm font-semibold text-slate-900">"New to Herald? Create your account"</h2>
            <ActionForm action=action attr:class="mt-4 space-y-5" attr:novalidate="">
                {action_error(action)}
                <input type="hidden" name="token" value=token />
                <Field label="Your name" name="name" autocomplete="name" required=true />
                <PasswordWithStrength label="Choose a password" />
                <button type="submit" class=PRIMARY_BUTTON disabled=move || action.pending().get()>
                    {move || if action.pending().get() { "Creating…" } else { "Create account and join" }}
                </button>
            </ActionForm>
        </section>
    }
}
