//! The period and zone on show, with plain links to move through time and switch views.
use super::period::{step, title};
use super::query::{CalendarQuery, View};
use leptos::prelude::*;

const STEP_LINK: &str = "inline-flex h-9 w-9 items-center justify-center rounded-lg text-slate-600 ring-1 ring-slate-300 ring-inset hover:bg-slate-50";

fn chevron(path: &'static str) -> impl IntoView {
    view! {
        <svg class="h-4 w-4" fill="none" viewBox="0 0 24 24" stroke-width="2" stroke="currentColor" aria-hidden="true">
            <path stroke-linecap="round" stroke-linejoin="round" d=path />
        </svg>
    }
}

#[component]
pub fn Toolbar(query: CalendarQuery) -> impl IntoView {
    let unit = match query.view {
        View::Month | View::List => "month",
        View::Week => "week",
        View::Day => "day",
    };
    let previous = query.href(query.view, Some(step(query.view, query.date, false)));
    let next = query.href(query.view, Some(step(query.view, query.date, true)));
    let switcher = View::SWITCHABLE
        .into_iter()
        .map(|view| {
            // A day is a list of one day, so "List" stays lit there.
            let current = view == query.view || (view == View::List && query.view == View::Day);
            view! {
                <a
                    href=query.href(view, Some(query.date))
                    aria-current=current.then_some("page")
                    class="rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:text-slate-900 aria-[current=page]:bg-indigo-600 aria-[current=page]:text-white"
                >
                    {view.label()}
                </a>
            }
        })
        .collect_view();
    view! {
        <div class="flex flex-wrap items-center justify-between gap-4">
            <div class="flex min-w-0 flex-wrap items-center gap-4">
                <nav aria-label="Period" class="flex items-center gap-1.5">
                    <a href=previous aria-label=format!("Previous {unit}") class=STEP_LINK>{chevron("M15.75 19.5 8.25 12l7.5-7.5")}</a>
                    <a href=query.href(query.view, None) class="inline-flex h-9 items-center rounded-lg px-3 text-sm font-semibold text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50">
                        "Today"
                    </a>
                    <a href=next aria-label=format!("Next {unit}") class=STEP_LINK>{chevron("m8.25 4.5 7.5 7.5-7.5 7.5")}</a>
                </nav>
                <div class="min-w-0">
                    <h2 class="text-lg font-semibold text-slate-900" data-testid="calendar-period">{title(query.view, query.date)}</h2>
                    <p class="text-sm text-slate-500" data-testid="calendar-zone">{format!("Times in {}", query.zone)}</p>
                </div>
            </div>
            <nav aria-label="View" class="inline-flex rounded-lg bg-white p-0.5 shadow-xs ring-1 ring-slate-300 ring-inset">{switcher}</nav>
        </div>
    }
}
