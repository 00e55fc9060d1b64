//! Accounts page: the networks this workspace publishes to.
mod card;
pub mod choices;
mod colours;
mod connect;
mod links;
mod outcome;
mod sign_in;
mod slots;

use super::header::PageHeader;
use crate::api::accounts::{
    ConnectAccount, PauseAccount, ReconnectAccount, RemoveAccount, TestAccount, UpdateAccount, list_accounts,
};
use crate::api::plan::{ReflowQueue, SetPostingSlots, workspace_posting_slots};
use crate::app::components::alert::{Alert, Tone, action_error};
use crate::app::components::empty_state::EmptyState;
use crate::app::components::icons;
use crate::app::shell::current_viewer;
use crate::domain::role::Permission;
use leptos::prelude::*;
use leptos_meta::Title;

#[derive(Clone, Copy)]
pub struct AccountActions {
    pub connect: ServerAction<ConnectAccount>,
    pub test: ServerAction<TestAccount>,
    pub pause: ServerAction<PauseAccount>,
    pub update: ServerAction<UpdateAccount>,
    pub reconnect: ServerAction<ReconnectAccount>,
    pub remove: ServerAction<RemoveAccount>,
    pub set_slots: ServerAction<SetPostingSlots>,
    pub reflow: ServerAction<ReflowQueue>,
}

#[component]
pub fn AccountsPage() -> impl IntoView {
    let actions = AccountActions {
        connect: ServerAction::new(),
        test: ServerAction::new(),
        pause: ServerAction::new(),
        update: ServerAction::new(),
        reconnect: ServerAction::new(),
        remove: ServerAction::new(),
        set_slots: ServerAction::new(),
        reflow: ServerAction::new(),
    };
    let accounts = Resource::new(
        move || {
            (
                actions.connect.version().get(),
                actions.test.version().get(),
                actions.pause.version().get(),
                actions.update.version().get(),
                actions.reconnect.version().get(),
                actions.remove.version().get(),
            )
        },
        |_| list_accounts(),
    );
    // Loaded here, beside the list: a resource made inside each card would keep the page
    // from hydrating.
    let plans = Resource::new(
        move || {
            (
                actions.connect.version().get(),
                actions.remove.version().get(),
                actions.set_slots.version().get(),
            )
        },
        |_| workspace_posting_slots(),
    );
    let can_edit = current_viewer().is_some_and(|viewer| viewer.role().can(Permission::ManageAccounts));
    let can_plan = current_viewer().is_some_and(|viewer| viewer.role().can(Permission::Edit));
    view! {
        <Title text="Accounts" />
        <PageHeader title="Accounts" description="The network accounts this workspace publishes to." />
        <outcome::SignInOutcomeBanner />
        <div class="grid gap-8 lg:grid-cols-3">
            <section class="space-y-4 lg:col-span-2" aria-label="Connected accounts">
                {action_error(actions.pause)}
                {action_error(actions.update)}
                {action_error(actions.remove)}
                {action_error(actions.test)}
                {action_error(actions.set_slots)}
                {action_error(actions.reflow)}
                <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading accounts…"</p> }>
                    {move || Suspend::new(async move {
                        // Without the slots the cards still show; the reason is said once.
                        let (plans, plans_error) = match plans.await {
                            Ok(plans) => (plans, None),
                            Err(error) => (Vec::new(), Some(view! { <Alert tone=Tone::Error message=format!("Posting slots: {error}") /> })),
                        };
                        let list = match accounts.await {
                            Ok(list) if list.is_empty() => view! {
                                <EmptyState
                                    icon=icons::link
                                    title="No accounts connected"
                                    message="Connect Mastodon, Bluesky or another network to start publishing."
                                />
                            }
                            .into_any(),
                            Ok(list) => list
                                .into_iter()
                                .map(|account| {
                                    let plan = plans.iter().find(|p| p.account_id == account.id).cloned();
                                    view! { <card::AccountCard account plan actions can_edit can_plan /> }
                                })
                                .collect_view()
                                .into_any(),
                            Err(error) => view! { <Alert tone=Tone::Error message=error.to_string() /> }.into_any(),
                        };
                        view! { {plans_error} {list} }
                    })}
                </Transition>
            </section>
            <aside>
                {if can_edit {
                    view! {
                        <connect::ConnectPanel action=actions.connect />
                        <links::ConnectLinks />
                    }
                    .into_any()
                } else {
                    view! {
                        <p class="rounded-2xl bg-white p-5 text-sm text-slate-500 shadow-sm ring-1 ring-slate-200">
                            "Owners, admins and editors connect accounts."
                        </p>
                    }
                    .into_any()
                }}
            </aside>
        </div>
    }
}
