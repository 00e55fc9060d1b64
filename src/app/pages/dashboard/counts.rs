//! How many targets are in each state, at a glance.
use super::Board;
use crate::api::dashboard::Counts;
use leptos::prelude::*;

/// (test id, title, colour, which count).
type Card = (&'static str, &'static str, &'static str, fn(&Counts) -> i64);

#[component]
pub fn CountCards(board: Board) -> impl IntoView {
    let cards: [Card; 7] = [
        ("scheduled", "Scheduled", "text-indigo-700", |c| c.scheduled),
        ("due-next-day", "Due in 24 h", "text-indigo-700", |c| {
            c.due_next_day
        }),
        ("in-flight", "In flight", "text-sky-700", |c| c.in_flight),
        ("published", "Published", "text-emerald-700", |c| c.published),
        ("failed", "Failed", "text-red-700", |c| c.failed),
        ("undecided", "Need a decision", "text-orange-700", |c| c.undecided),
        ("held", "Held", "text-slate-700", |c| c.held),
    ];
    view! {
        <dl class="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
            {cards
                .into_iter()
                .map(|(key, title, tone, pick)| {
                    let value = move || board.overview.with(|o| pick(&o.counts));
                    view! {
                        <div class="rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200" data-testid=format!("count-{key}")>
                            <dt class="text-xs font-medium text-slate-500">{title}</dt>
                            <dd class=format!("mt-1 text-2xl font-semibold tabular-nums {tone}")>{value}</dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}
