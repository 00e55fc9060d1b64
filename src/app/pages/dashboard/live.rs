//! Live updates by polling from the hydrated page: a fresh overview every few seconds and right
//! after any action. Polling keeps the server stateless (no connection per open tab) and works
//! through every proxy; rows are keyed, so a refresh only redraws what changed.
use super::Board;
use crate::api::dashboard::{Overview, publishing_overview};
use leptos::prelude::*;
use std::time::Duration;

const EVERY: Duration = Duration::from_secs(3);

/// Starts refreshing `overview`; returns the last refresh's error, if it failed.
pub fn keep_fresh(
    overview: RwSignal<Overview>,
    actions_done: impl Fn() -> usize + 'static,
) -> ReadSignal<Option<String>> {
    let (trouble, set_trouble) = signal(None::<String>);
    let busy = StoredValue::new(false);
    let refresh = move || {
        if busy.get_value() {
            return;
        }
        busy.set_value(true);
        leptos::task::spawn_local(async move {
            let result = publishing_overview().await;
            busy.set_value(false);
            match result {
                Ok(fresh) => {
                    overview.set(fresh);
                    set_trouble.set(None);
                }
                Err(error) => set_trouble.set(Some(error.to_string())),
            }
        });
    };
    // Effects run only in the browser: the server renders one overview and is done.
    Effect::new(move |seen: Option<usize>| {
        let done = actions_done();
        if seen.is_some_and(|seen| seen != done) {
            refresh();
        }
        done
    });
    Effect::new(move |_| {
        let handle = set_interval_with_handle(refresh, EVERY).ok();
        on_cleanup(move || {
            if let Some(handle) = handle {
                handle.clear();
            }
        });
    });
    trouble
}

/// "Live · updated 14:05:09", or why the last refresh failed.
#[component]
pub fn Freshness(board: Board, trouble: ReadSignal<Option<String>>) -> impl IntoView {
    let updated = move || {
        board.overview.with(|o| {
            o.as_of
                .with_timezone(&board.zone.tz())
                .format("%H:%M:%S")
                .to_string()
        })
    };
    view! {
        <p class="flex items-center gap-2 text-sm text-slate-500" data-testid="dashboard-freshness" aria-live="polite">
            {move || match trouble.get() {
                None => view! {
                    <span class="h-2 w-2 rounded-full bg-emerald-500" aria-hidden="true"></span>
                    <span>"Live · updated " <time>{updated}</time></span>
                }
                .into_any(),
                Some(error) => view! {
                    <span class="h-2 w-2 rounded-full bg-amber-500" aria-hidden="true"></span>
                    <span class="text-amber-800">"Not updating: " {error}</span>
                }
                .into_any(),
            }}
        </p>
    }
}
