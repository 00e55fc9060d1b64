use super::card::AuthCard;
use super::password_strength::PasswordWithStrength;
use crate::api::invite::{AcceptInvite, invite_details};
use crate::app::components::alert::{Alert, Tone, action_error};
use crate::app::components::field::{Field, PRIMARY_BUTTON};
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
                    Ok(invite) => view! { <AcceptForm token=token() invite /> }.into_any(),
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

#[component]
fn AcceptForm(token: String, invite: crate::api::invite::InviteView) -> impl IntoView {
    let action = ServerAction::<AcceptInvite>::new();
    let subtitle = format!(
        "You are invited to {} as {}.",
        invite.workspace_name,
        invite.role.label().to_lowercase()
    );
    view! {
        <AuthCard title="Join your team" subtitle=subtitle>
            <ActionForm action=action attr:class="space-y-5" attr:novalidate="">
                {action_error(action)}
                <input type="hidden" name="token" value=token />
                <div>
                    <span class="block text-sm font-medium text-slate-700">"Email"</span>
                    <p class="mt-1.5 text-sm text-slate-900">{invite.email.clone()}</p>
                </div>
                <Field label="Your name" name="name" autocomplete="name" value=invite.name.clone() required=true />
                <PasswordWithStrength label="Choose a password" />
                <button type="submit" class=PRIMARY_BUTTON disabled=move || action.pending().get()>
                    {move || if action.pending().get() { "Saving…" } else { "Set password" }}
                </button>
            </ActionForm>
        </AuthCard>
    }
}
