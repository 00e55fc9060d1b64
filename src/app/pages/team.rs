use super::header::PageHeader;
use crate::api::team::{
    ChangeRole, InviteDelivery, InviteMember, InviteResult, MemberView, PendingInviteView, RemoveMember,
    RenewInvite, TeamView, WithdrawInvite, team,
};
use crate::app::components::alert::{Alert, Tone, action_error};
use crate::app::components::empty_state::EmptyState;
use crate::app::components::field::{INPUT_CLASS, SECONDARY_BUTTON};
use crate::app::components::icons;
use crate::domain::role::Role;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;

#[derive(Clone, Copy)]
struct TeamActions {
    invite: ServerAction<InviteMember>,
    renew: ServerAction<RenewInvite>,
    withdraw: ServerAction<WithdrawInvite>,
    change: ServerAction<ChangeRole>,
    remove: ServerAction<RemoveMember>,
}

#[component]
pub fn TeamPage() -> impl IntoView {
    let actions = TeamActions {
        invite: ServerAction::new(),
        renew: ServerAction::new(),
        withdraw: ServerAction::new(),
        change: ServerAction::new(),
        remove: ServerAction::new(),
    };
    let data = Resource::new(
        move || {
            (
                actions.invite.version().get(),
                actions.renew.version().get(),
                actions.withdraw.version().get(),
                actions.change.version().get(),
                actions.remove.version().get(),
            )
        },
        |_| team(),
    );
    view! {
        <Title text="Team" />
        <PageHeader title="Team" description="Who is in this workspace and what each person may do." />
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading the team…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <TeamManagement team=view actions /> }.into_any(),
                    Err(AppError::Forbidden(message)) => view! {
                        <div data-testid="team-locked">
                            <EmptyState icon=icons::lock title="Only owners and admins manage the team" message=message />
                        </div>
                    }
                    .into_any(),
                    Err(error) => view! { <Alert tone=Tone::Error message=error.to_string() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn TeamManagement(team: TeamView, actions: TeamActions) -> impl IntoView {
    let assignable: Vec<Role> = if team.my_role == Role::Owner {
        Role::ALL.to_vec()
    } else {
        Role::INVITABLE.to_vec()
    };
    let rows = team
        .members
        .iter()
        .cloned()
        .map(|member| {
            let is_me = member.user_id == team.my_user_id;
            let can_manage = !is_me && (team.my_role == Role::Owner || member.role != Role::Owner);
            view! { <MemberRow member is_me can_manage assignable=assignable.clone() actions /> }
        })
        .collect_view();
    let pending = team
        .pending
        .iter()
        .cloned()
        .map(|invite| view! { <PendingRow invite actions /> })
        .collect_view();
    view! {
        <div class="grid gap-8 lg:grid-cols-3">
            <section class="lg:col-span-2">
                {action_error(actions.change)}
                {action_error(actions.remove)}
                {action_error(actions.renew)}
                {action_error(actions.withdraw)}
                <div class="overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">
                    <ul role="list" class="divide-y divide-slate-100" data-testid="member-list">{rows}{pending}</ul>
                </div>
            </section>
            <aside class="space-y-4">
                <InvitePanel actions />
            </aside>
        </div>
    }
}

#[component]
fn MemberRow(
    member: MemberView,
    is_me: bool,
    can_manage: bool,
    assignable: Vec<Role>,
    actions: TeamActions,
) -> impl IntoView {
    let user_id = member.user_id.to_string();
    let current_role = member.role;
    let options = assignable
        .into_iter()
        .map(|role| view! { <option value=role.as_str() selected=role == current_role>{role.label()}</option> })
        .collect_view();
    let (change_id, remove_id, select_id) = (user_id.clone(), user_id.clone(), format!("role-{user_id}"));
    view! {
        <li class="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center" data-testid="member-row" data-email=member.email.clone()>
            <div class="min-w-0 flex-1">
                <p class="truncate text-sm font-medium text-slate-900">
                    {member.name.clone()}
                    {is_me.then(|| view! { <span class="ml-2 text-xs font-normal text-slate-400">"(you)"</span> })}
                </p>
                <p class="truncate text-sm text-slate-500">{member.email.clone()}</p>
            </div>
            {if can_manage {
                view! {
                    <div class="flex flex-wrap items-center gap-2">
                        <ActionForm action=actions.change attr:class="flex items-center gap-2">
                            <input type="hidden" name="user_id" value=change_id />
                            <label class="sr-only" for=select_id.clone()>"Role"</label>
                            <select id=select_id name="role" class=format!("{INPUT_CLASS} w-auto")>{options}</select>
                            <button type="submit" class=SECONDARY_BUTTON>"Save"</button>
                        </ActionForm>
                        <details class="relative">
                            <summary class="cursor-pointer list-none rounded-lg px-3 py-2 text-sm font-semibold text-red-600 hover:bg-red-50 [&::-webkit-details-marker]:hidden">"Remove"</summary>
                            <div class="absolute right-0 z-20 mt-2 w-64 rounded-xl bg-white p-4 shadow-lg ring-1 ring-slate-200">
                                <p class="text-sm text-slate-600">{format!("Remove {} from this workspace?", member.name)}</p>
                                <ActionForm action=actions.remove attr:class="mt-3">
                                    <input type="hidden" name="user_id" value=remove_id />
                                    <button type="submit" class="w-full rounded-lg bg-red-600 px-3 py-2 text-sm font-semibold text-white hover:bg-red-500">"Remove"</button>
                                </ActionForm>
                            </div>
                        </details>
                    </div>
                }
                .into_any()
            } else {
                view! {
                    <span class="inline-flex w-fit items-center rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700" data-testid="member-role">
                        {current_role.label()}
                    </span>
                }
                .into_any()
            }}
        </li>
    }
}

/// Someone invited who has not accepted yet.
#[component]
fn PendingRow(invite: PendingInviteView, actions: TeamActions) -> impl IntoView {
    let (renew_id, withdraw_id) = (invite.id.to_string(), invite.id.to_string());
    view! {
        <li class="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center" data-testid="invite-row" data-email=invite.email.clone()>
            <div class="min-w-0 flex-1">
                <p class="truncate text-sm font-medium text-slate-900">{invite.email.clone()}</p>
                <p class="truncate text-sm text-slate-500">{format!("Invited as {}", invite.role.label().to_lowercase())}</p>
            </div>
            <span class="inline-flex w-fit items-center rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-700 ring-1 ring-amber-200">"Invited"</span>
            <div class="flex flex-wrap items-center gap-2">
                <ActionForm action=actions.renew>
                    <input type="hidden" name="invite_id" value=renew_id />
                    <button type="submit" class=SECONDARY_BUTTON>"New link"</button>
                </ActionForm>
                <ActionForm action=actions.withdraw>
                    <input type="hidden" name="invite_id" value=withdraw_id />
                    <button type="submit" class="rounded-lg px-3 py-2 text-sm font-semibold text-red-600 hover:bg-red-50">"Withdraw"</button>
                </ActionForm>
            </div>
        </li>
    }
}

#[component]
fn InvitePanel(actions: TeamActions) -> impl IntoView {
    let roles = Role::INVITABLE
        .into_iter()
        .map(|role| view! { <option value=role.as_str() selected=role == Role::Editor>{format!("{} — {}", role.label(), role.description())}</option> })
        .collect_view();
    // The link from whichever of "Invite" and "New link" succeeded last.
    let latest = RwSignal::new(None::<InviteResult>);
    for action_value in [actions.invite.value(), actions.renew.value()] {
        Effect::new(move |_| {
            if let Some(Ok(result)) = action_value.get() {
                latest.set(Some(result));
            }
        });
    }
    view! {
        <div class="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <h2 class="text-base font-semibold text-slate-900">"Invite someone"</h2>
            <p class="mt-1 text-sm text-slate-500">"They get a one-time link to join: by mail when this Herald sends mail, otherwise you pass it on."</p>
            <ActionForm action=actions.invite attr:class="mt-4 space-y-4" attr:novalidate="">
                {action_error(actions.invite)}
                <div>
                    <label for="invite-email" class="block text-sm font-medium text-slate-700">"Email"</label>
                    <input id="invite-email" name="email" type="email" required class=format!("{INPUT_CLASS} mt-1.5") />
                </div>
                <div>
                    <label for="invite-role" class="block text-sm font-medium text-slate-700">"Role"</label>
                    <select id="invite-role" name="role" class=format!("{INPUT_CLASS} mt-1.5")>{roles}</select>
                </div>
                <button type="submit" class="inline-flex w-full items-center justify-center rounded-lg bg-indigo-600 px-3 py-2 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500 disabled:opacity-60" disabled=move || actions.invite.pending().get()>
                    {move || if actions.invite.pending().get() { "Inviting…" } else { "Invite" }}
                </button>
            </ActionForm>
            {move || latest.get().map(|result| view! { <InviteLink result /> })}
        </div>
    }
}

#[component]
fn InviteLink(result: InviteResult) -> impl IntoView {
    match result.delivery {
        InviteDelivery::Link(link) => view! {
            <div class="mt-4 rounded-lg bg-emerald-50 p-4 ring-1 ring-emerald-200">
                <p class="text-sm font-medium text-emerald-800">{format!("Invite link for {}", result.email)}</p>
                <p class="mt-1 text-xs text-emerald-700">"Send it to them yourself. It works once and expires in a week; with it they create their account, or accept after signing in if they already have one."</p>
                <input readonly data-testid="invite-link" value=link class="mt-3 block w-full rounded-md border-0 bg-white px-2 py-1.5 font-mono text-xs text-slate-800 ring-1 ring-emerald-200" />
            </div>
        }
        .into_any(),
        InviteDelivery::Mailed => view! {
            <div class="mt-4">
                <Alert tone=Tone::Success message=format!("Invitation mailed to {}. The link in it works once, for a week.", result.email) />
            </div>
        }
        .into_any(),
        InviteDelivery::MailFailed(why) => view! {
            <div class="mt-4">
                <Alert tone=Tone::Error message=format!("The invitation to {} is saved, but the mail could not be sent ({why}). Use “New link” to try again.", result.email) />
            </div>
        }
        .into_any(),
    }
}
