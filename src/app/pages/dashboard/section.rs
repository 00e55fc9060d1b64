//! A titled panel, and a list of targets in it that redraws only the rows that changed.
use super::Board;
use super::row::TargetItem;
use crate::api::dashboard::TargetRow;
use leptos::prelude::*;

#[component]
pub fn Section(title: &'static str, testid: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200" data-testid=testid aria-label=title>
            <h2 class="text-base font-semibold text-slate-900">{title}</h2>
            <div class="mt-3 space-y-4">{children()}</div>
        </section>
    }
}

/// `empty` is said when there are no rows (nothing, if it is empty itself).
#[component]
pub fn TargetList(board: Board, rows: Signal<Vec<TargetRow>>, empty: &'static str) -> impl IntoView {
    view! {
        <Show
            when=move || rows.with(|rows| !rows.is_empty())
            fallback=move || (!empty.is_empty()).then(|| view! { <p class="text-sm text-slate-500">{empty}</p> })
        >
            <ul class="divide-y divide-slate-100" role="list">
                <For each=move || rows.get() key=TargetRow::render_key let:row>
                    <TargetItem row board />
                </For>
            </ul>
        </Show>
    }
}
