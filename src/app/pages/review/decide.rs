//! Approve, or ask for changes with a note: both carry the version the reviewer is looking at.
use crate::api::review::{ApprovePost, RequestChanges};
use crate::app::components::alert::{Alert, Tone, action_error};
use crate::app::components::field::{INPUT_CLASS, SECONDARY_BUTTON};
use leptos::prelude::*;
use uuid::Uuid;

#[derive(Clone, Copy)]
pub struct Decisions {
    pub approve: ServerAction<ApprovePost>,
    pub request: ServerAction<RequestChanges>,
}

impl Decisions {
    pub fn new() -> Self {
        Self {
            approve: ServerAction::new(),
            request: ServerAction::new(),
        }
    }
}

/// What the last decision did, for the hydrated page (a form post redirects with `done=`).
pub fn outcome(decisions: Decisions) -> impl Fn() -> Option<AnyView> {
    move || {
        if let Some(Ok(decided)) = decisions.approve.value().get() {
            let message = decided
                .note
                .unwrap_or_else(|| "Approved: it is scheduled.".into());
            return Some(view! { <Alert tone=Tone::Success message /> }.into_any());
        }
        if let Some(Ok(_)) = decisions.request.value().get() {
            return Some(
                view! { <Alert tone=Tone::Success message="Changes requested: the author has your note." /> }
                    .into_any(),
            );
        }
        None
    }
}

#[component]
pub fn Decide(id: Uuid, version: i32, decisions: Decisions) -> impl IntoView {
    let pending = move || decisions.approve.pending().get() || decisions.request.pending().get();
    view! {
        <section class="space-y-4 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label="Decision">
            <h2 class="text-sm font-semibold text-slate-900">"Your decision"</h2>
            {action_error(decisions.approve)}
            {action_error(decisions.request)}
            <ActionForm action=decisions.approve>
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="version" value=version.to_string() />
                <button type="submit" disabled=pending data-testid="approve"
                    class="rounded-lg bg-emerald-600 px-4 py-2 text-sm font-semibold text-white shadow-xs hover:bg-emerald-500 disabled:opacity-60">
                    "Approve"
                </button>
            </ActionForm>
            <ActionForm action=decisions.request attr:class="space-y-2">
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="version" value=version.to_string() />
                <label for="changes-note" class="block text-sm font-medium text-slate-700">"What should change?"</label>
                <textarea id="changes-note" name="note" rows="3" required class=INPUT_CLASS
                    placeholder="Required: tell the author what to change"></textarea>
                <button type="submit" disabled=pending class=SECONDARY_BUTTON data-testid="request-changes">"Request changes"</button>
            </ActionForm>
        </section>
    }
}
