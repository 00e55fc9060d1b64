//! The Drafts page: every draft of the workspace, to open, or to pick several and add them to
//! their accounts' queues at once.
use super::header::PageHeader;
use crate::api::drafts::{DraftSummary, drafts};
use crate::api::plan::{AddToQueue, QueueItem, Queued};
use crate::app::components::alert::{Alert, Tone, action_error};
use crate::app::components::field::SECONDARY_BUTTON;
use crate::app::shell::current_viewer;
use crate::domain::role::Permission;
use leptos::prelude::*;
use leptos_meta::Title;
use std::collections::BTreeMap;
use uuid::Uuid;

#[component]
pub fn DraftsPage() -> impl IntoView {
    let queue = ServerAction::<AddToQueue>::new();
    let list = Resource::new(move || queue.version().get(), |_| drafts());
    let picked = RwSignal::new(BTreeMap::<Uuid, i32>::new());
    let can_queue = current_viewer().is_some_and(|v| v.role().can(Permission::Contribute));
    Effect::new(move |_| {
        if matches!(queue.value().get(), Some(Ok(_))) {
            picked.set(BTreeMap::new());
        }
    });
    let add = move |_| {
        let posts = picked
            .get()
            .into_iter()
            .map(|(id, version)| QueueItem { id, version })
            .collect();
        queue.dispatch(AddToQueue {
            posts,
            share_next: false,
        });
    };
    view! {
        <Title text="Drafts" />
        <PageHeader title="Drafts" description="Posts not scheduled yet. Pick some and add them to the queue: each takes the next free posting slot of its accounts." />
        {action_error(queue)}
        {move || queue.value().get().and_then(Result::ok).map(|queued| view! { <QueuedNote queued /> })}
        {can_queue.then(|| view! {
            <div class="mb-4 flex items-center gap-3">
                <button type="button" class=SECONDARY_BUTTON on:click=add
                    disabled=move || picked.with(BTreeMap::is_empty) || queue.pending().get()>
                    {move || match picked.with(BTreeMap::len) {
                        0 => "Add to queue".to_owned(),
                        1 => "Add 1 draft to the queue".to_owned(),
                        n => format!("Add {n} drafts to the queue"),
                    }}
                </button>
                <span class="text-xs text-slate-500">"A draft for several accounts becomes one post per account."</span>
            </div>
        })}
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(drafts) if drafts.is_empty() => view! {
                        <p class="text-sm text-slate-500" data-testid="no-drafts">"No drafts. Posts saved as drafts wait here."</p>
                    }
                    .into_any(),
                    Ok(drafts) => view! {
                        <ul class="divide-y divide-slate-100 rounded-2xl bg-white shadow-sm ring-1 ring-slate-200" data-testid="drafts">
                            {drafts.into_iter().map(|draft| view! { <DraftRow draft picked can_queue /> }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Err(error) => view! { <Alert tone=Tone::Error message=error.to_string() /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn DraftRow(draft: DraftSummary, picked: RwSignal<BTreeMap<Uuid, i32>>, can_queue: bool) -> impl IntoView {
    let (id, version) = (draft.id, draft.version);
    let excerpt = if draft.excerpt.trim().is_empty() {
        "(no text yet)".to_owned()
    } else {
        draft.excerpt.clone()
    };
    let queueable = !draft.accounts.is_empty();
    let accounts = if queueable {
        draft.accounts.join(", ")
    } else {
        "No account yet: open it to choose one.".to_owned()
    };
    let toggle = move |ev| {
        let on = event_target_checked(&ev);
        picked.update(|p| {
            if on {
                p.insert(id, version);
            } else {
                p.remove(&id);
            }
        });
    };
    view! {
        <li class="flex items-start gap-3 px-4 py-3" data-testid="draft">
            {can_queue.then(|| view! {
                <input type="checkbox" class="mt-1 h-4 w-4 rounded border-slate-300" aria-label=format!("Pick {excerpt}")
                    disabled=!queueable prop:checked=move || picked.with(|p| p.contains_key(&id)) on:change=toggle />
            })}
            <div class="min-w-0 flex-1">
                <a href=format!("/compose?post={id}") class="block truncate text-sm font-medium text-slate-900 hover:text-indigo-600">{excerpt.clone()}</a>
                <p class="mt-0.5 text-xs text-slate-500">{accounts} " · changed " {draft.updated_at.format("%d %b %Y %H:%M UTC").to_string()}</p>
            </div>
        </li>
    }
}

/// What the queue did, with the week it starts in.
#[component]
fn QueuedNote(queued: Vec<Queued>) -> impl IntoView {
    let first = queued.iter().map(|q| q.at).min();
    let week = first.map(|at| format!("/calendar?view=week&date={}", at.format("%Y-%m-%d")));
    let message = match queued.len() {
        1 => "Added to the queue: 1 post.".to_owned(),
        n => format!("Added to the queue: {n} posts."),
    };
    view! {
        <div class="mb-4" data-testid="queued-note">
            <Alert tone=Tone::Success message=message />
            {week.map(|href| view! { <a href=href class="mt-1 inline-block text-sm font-medium text-indigo-600 hover:text-indigo-500">"See them in the week view"</a> })}
        </div>
    }
}
