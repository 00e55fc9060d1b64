//! Failed targets grouped by cause, each group with what to do and a retry for all of it.
use super::Board;
use super::section::TargetList;
use crate::api::dashboard::{RetryTargets, TargetRow};
use crate::app::components::field::SECONDARY_BUTTON;
use crate::domain::publish::FailureCause;
use leptos::prelude::*;

#[component]
pub fn FailureGroups(board: Board) -> impl IntoView {
    let causes = move || {
        board
            .overview
            .with(|o| o.failures.iter().map(|group| group.cause).collect::<Vec<_>>())
    };
    view! {
        <For each=causes key=|cause| *cause let:cause>
            <FailureGroup board cause />
        </For>
    }
}

#[component]
fn FailureGroup(board: Board, cause: FailureCause) -> impl IntoView {
    let rows = Signal::derive(move || {
        board.overview.with(|o| {
            o.failures
                .iter()
                .find(|group| group.cause == cause)
                .map(|group| group.rows.clone())
                .unwrap_or_default()
        })
    });
    let count = move || rows.with(Vec::len);
    let retry_all = board.can_edit.then(|| {
        let action = board.actions.retry_all;
        let ids = move || rows.with(|rows| rows.iter().map(|row: &TargetRow| row.id).collect::<Vec<_>>());
        view! {
            <button
                type="button"
                class=SECONDARY_BUTTON
                disabled=move || action.pending().get()
                on:click=move |_| {
                    action.dispatch(RetryTargets { ids: ids() });
                }
            >
                {move || format!("Retry all {}", count())}
            </button>
        }
    });
    view! {
        <div class="rounded-xl border border-red-200 bg-red-50/40 p-4" data-testid="failure-group" data-cause=cause.as_str()>
            <div class="flex flex-wrap items-start justify-between gap-3">
                <div>
                    <h3 class="text-sm font-semibold text-red-800">
                        {cause.title()} " " <span class="font-normal">{move || format!("({})", count())}</span>
                    </h3>
                    <p class="mt-0.5 text-sm text-slate-600">{cause.advice()}</p>
                </div>
                {retry_all}
            </div>
            <div class="mt-2">
                <TargetList board rows empty="" />
            </div>
        </div>
    }
}

/// Said when nothing failed and nothing waits for a decision.
#[component]
pub fn AllClear(board: Board) -> impl IntoView {
    let clear = move || {
        board
            .overview
            .with(|o| o.failures.is_empty() && o.undecided.is_empty())
    };
    view! {
        <Show when=clear>
            <p class="text-sm text-emerald-700" data-testid="all-clear">"Nothing needs attention: no failures, no undecided outcomes."</p>
        </Show>
    }
}
