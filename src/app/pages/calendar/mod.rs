//! Calendar page: the workspace's posts by month, week or list, at their time in a display
//! zone of the viewer's choosing. All state is in the URL (see `query`), so navigation and
//! filters are plain links and a GET form; the hydrated page adds drag-to-reschedule.
mod accounts;
mod badge;
mod chip;
mod drag;
mod feedback;
mod filters;
mod list;
mod load;
mod month;
mod period;
mod placement;
mod query;
mod toolbar;
mod week;

use super::header::PageHeader;
use crate::api::accounts::list_accounts;
use crate::app::components::alert::{Alert, Tone};
use crate::app::components::empty_state::EmptyState;
use crate::app::components::icons;
use crate::app::shell::current_viewer;
use crate::domain::role::Permission;
use accounts::Accounts;
use drag::Drag;
use feedback::MoveFeedback;
use filters::Filters;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use list::ListView;
use load::{CalendarData, load};
use month::MonthView;
use query::{RawQuery, View};
use std::sync::Arc;
use toolbar::Toolbar;
use week::WeekView;

#[component]
pub fn CalendarPage() -> impl IntoView {
    let viewer = current_viewer();
    let workspace_zone = viewer
        .as_ref()
        .map_or_else(|| "UTC".to_owned(), |viewer| viewer.workspace_timezone.clone());
    let can_edit = viewer.is_some_and(|viewer| viewer.role().can(Permission::Edit));
    let params = use_query_map();
    let raw = Memo::new(move |_| params.with(RawQuery::from_params));
    let drag = Drag::new(can_edit, raw);
    // Reloads after every move, so the grid shows what the server now holds.
    let data = Resource::new(
        move || (raw.get(), drag.action.version().get()),
        move |(raw, _)| load(raw, workspace_zone.clone()),
    );
    let accounts = Resource::new(|| (), |_| list_accounts());
    let (pending, set_pending) = signal(false);
    view! {
        <Title text="Calendar" />
        <PageHeader title="Calendar" description="Every post at its time, coloured by account." />
        <div class="space-y-5 transition-opacity aria-busy:opacity-60" aria-busy=move || pending.get().to_string()>
            <Transition
                fallback=|| view! { <p class="text-sm text-slate-500">"Loading the calendar…"</p> }
                set_pending
            >
                {move || Suspend::new(async move {
                    let accounts: Accounts = Arc::new(accounts.await.unwrap_or_default());
                    view! { <CalendarBody data=data.await accounts drag /> }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn CalendarBody(data: CalendarData, accounts: Accounts, drag: Drag) -> impl IntoView {
    let CalendarData {
        query,
        notices,
        today,
        posts,
        open_slots,
    } = data;
    let notices = notices
        .into_iter()
        .map(|message| view! { <Alert tone=Tone::Info message /> })
        .collect_view();
    let filtered_out = posts
        .as_ref()
        .is_ok_and(|placed| placed.total == 0 && query.has_filters())
        .then(|| {
            view! {
                <p class="text-sm text-slate-600" data-testid="calendar-no-match">
                    "No posts match these filters in this period. "
                    <a href=query.unfiltered_href() class="font-semibold text-indigo-600 hover:text-indigo-500">"Show all posts"</a>
                </p>
            }
        });
    let content = match posts {
        Err(error) => view! { <Alert tone=Tone::Error message=error.to_string() /> }.into_any(),
        Ok(placed) if placed.total == 0 && open_slots.is_empty() && !query.has_filters() => view! {
            <div data-testid="calendar-empty">
                <EmptyState
                    icon=icons::calendar
                    title="Nothing scheduled in this period"
                    message="Scheduled posts appear here at their time, coloured by account. Write one and pick a time to see it on the calendar."
                >
                    <a href="/compose" class="inline-flex items-center rounded-lg bg-indigo-600 px-3 py-2 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500">
                        "Compose a post"
                    </a>
                </EmptyState>
            </div>
        }
        .into_any(),
        Ok(placed) => match query.view {
            View::Month => view! { <MonthView query=query.clone() today placed accounts=accounts.clone() drag /> }.into_any(),
            View::Week => view! { <WeekView query=query.clone() today placed open_slots=open_slots.clone() accounts=accounts.clone() drag /> }.into_any(),
            View::List | View::Day => view! { <ListView query=query.clone() today placed accounts=accounts.clone() /> }.into_any(),
        },
    };
    view! {
        <Toolbar query=query.clone() />
        <Filters query=query.clone() accounts />
        {notices}
        <MoveFeedback drag zone=query.zone />
        {filtered_out}
        {content}
    }
}
