//! Status dashboard: counts by state, what needs a person, what is in flight, what is next and
//! what went out. Rendered on the server, then kept fresh in the browser (see `live`).
mod accounts;
mod actions;
mod counts;
mod failures;
mod live;
mod pause;
mod row;
mod section;

use super::header::PageHeader;
use crate::api::dashboard::{Overview, publishing_overview};
use crate::app::components::alert::{Alert, Tone, action_error};
use crate::app::shell::current_viewer;
use crate::domain::role::Permission;
use crate::domain::schedule::IanaZone;
use actions::DashboardActions;
use leptos::prelude::*;
use leptos_meta::Title;
use section::{Section, TargetList};

/// What every part of the page shares.
#[derive(Clone, Copy)]
pub struct Board {
    pub overview: RwSignal<Overview>,
    pub actions: DashboardActions,
    /// Times show in the workspace's zone, the same on the server and in the browser.
    pub zone: IanaZone,
    pub can_edit: bool,
    pub can_manage: bool,
    /// Pause or resume an account (owners and admins).
    pub can_manage_accounts: bool,
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let first = Resource::new(|| (), |_| publishing_overview());
    view! {
        <Title text="Dashboard" />
        <PageHeader title="Dashboard" description="What is queued, what went out and what needs attention." />
        <Suspense fallback=|| view! { <p class="text-sm text-slate-500">"Loading the dashboard…"</p> }>
            {move || Suspend::new(async move {
                match first.await {
                    Ok(overview) => view! { <Board overview /> }.into_any(),
                    Err(error) => view! { <Alert tone=Tone::Error message=error.to_string() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Board(overview: Overview) -> impl IntoView {
    let viewer = current_viewer();
    let zone = viewer
        .as_ref()
        .and_then(|viewer| IanaZone::parse(&viewer.workspace_timezone).ok())
        .unwrap_or_else(|| IanaZone::parse("UTC").expect("UTC is a zone"));
    let role = viewer.map(|viewer| viewer.role());
    let board = Board {
        overview: RwSignal::new(overview),
        actions: DashboardActions::default(),
        zone,
        can_edit: role.is_some_and(|role| role.can(Permission::Edit)),
        can_manage: role.is_some_and(|role| role.can(Permission::ManageTeam)),
        can_manage_accounts: role.is_some_and(|role| role.can(Permission::ManageAccounts)),
    };
    let trouble = live::keep_fresh(board.overview, move || board.actions.versions());
    let rows = move |pick: fn(&Overview) -> &Vec<_>| {
        Signal::derive(move || board.overview.with(|o| pick(o).clone()))
    };
    view! {
        <div class="space-y-6" data-testid="dashboard">
            <div class="flex flex-wrap items-center justify-between gap-3">
                <live::Freshness board trouble />
                <pause::WorkspacePause board />
            </div>
            <pause::PausedBanner board />
            {action_error(board.actions.resolve)}
            {action_error(board.actions.retry_all)}
            {action_error(board.actions.pause_workspace)}
            {action_error(board.actions.pause_account)}
            <counts::CountCards board />
            <div class="grid gap-8 lg:grid-cols-3">
                <div class="space-y-8 lg:col-span-2">
                    <Section title="Needs attention" testid="section-attention">
                        <failures::FailureGroups board />
                        <TargetList board rows=rows(|o| &o.undecided) empty="" />
                        <failures::AllClear board />
                    </Section>
                    <Section title="In flight" testid="section-in-flight">
                        <TargetList board rows=rows(|o| &o.in_flight) empty="Nothing is being published right now." />
                    </Section>
                    <Section title="Next 24 hours" testid="section-upcoming">
                        <TargetList board rows=rows(|o| &o.upcoming) empty="Nothing is due in the next 24 hours." />
                    </Section>
                    <Section title="Published" testid="section-published">
                        <TargetList board rows=rows(|o| &o.published) empty="Nothing published in the last 30 days." />
                    </Section>
                </div>
                <aside>
                    <accounts::AccountQueues board />
                </aside>
            </div>
        </div>
    }
}
