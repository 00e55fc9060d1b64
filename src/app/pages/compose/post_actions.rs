use crate::api::plan::{AddToQueue, QueueItem};
use crate::api::posts::{CancelPost, DeletePost, DuplicatePost, PostView};
use crate::app::components::alert::action_error;
use crate::app::components::field::SECONDARY_BUTTON;
use crate::domain::post::PostStatus;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Queue, cancel, duplicate or delete a saved post.
#[component]
pub fn PostActions(post: PostView, can_edit: bool) -> impl IntoView {
    let queue = ServerAction::<AddToQueue>::new();
    Effect::new(move |_| {
        if matches!(queue.value().get(), Some(Ok(_))) {
            use_navigate()(
                &format!("/compose?post={}&saved=queued", post.id),
                Default::default(),
            );
        }
    });
    let item = QueueItem {
        id: post.id,
        version: post.version,
    };
    let queue_buttons = (post.status == PostStatus::Draft).then(|| {
        let share_next = can_edit.then(|| {
            view! {
                <button type="button" class=SECONDARY_BUTTON disabled=move || queue.pending().get()
                    on:click=move |_| { queue.dispatch(AddToQueue { posts: vec![item], share_next: true }); }>
                    "Share next"
                </button>
            }
        });
        view! {
            <button type="button" class=SECONDARY_BUTTON disabled=move || queue.pending().get()
                on:click=move |_| { queue.dispatch(AddToQueue { posts: vec![item], share_next: false }); }>
                "Add to queue"
            </button>
            {share_next}
        }
    });
    let cancel = ServerAction::<CancelPost>::new();
    let duplicate = ServerAction::<DuplicatePost>::new();
    let delete = ServerAction::<DeletePost>::new();
    Effect::new(move |_| {
        if matches!(cancel.value().get(), Some(Ok(_))) {
            use_navigate()(
                &format!("/compose?post={}&saved=cancelled", post.id),
                Default::default(),
            );
        }
    });
    // A queued post leaves a gap in its account's queue: ask before closing it.
    let queued_on = post
        .queued
        .then(|| post.targets.first().map(|t| t.account_id))
        .flatten();
    let deleted = move || matches!(delete.value().get(), Some(Ok(())));
    Effect::new(move |_| {
        if deleted() && queued_on.is_none() {
            use_navigate()("/calendar", Default::default());
        }
    });
    let reflow_ask = move || {
        deleted()
            .then_some(queued_on)
            .flatten()
            .map(|account_id| view! { <super::reflow_ask::ReflowAsk account_id /> })
    };
    let id = post.id.to_string();
    let cancel_form = post.status.can_cancel().then(|| {
        let id = id.clone();
        view! {
            <ActionForm action=cancel>
                <input type="hidden" name="id" value=id />
                <button type="submit" class=SECONDARY_BUTTON>"Cancel post"</button>
            </ActionForm>
        }
    });
    let delete_form = post.status.can_delete().then(|| {
        let id = id.clone();
        view! {
            <details class="relative">
                <summary class="cursor-pointer list-none rounded-lg px-3 py-2 text-sm font-semibold text-red-600 hover:bg-red-50">"Delete"</summary>
                <div class="absolute z-20 mt-2 w-64 rounded-xl bg-white p-4 shadow-lg ring-1 ring-slate-200">
                    <p class="text-sm text-slate-600">"Delete this post for good?"</p>
                    <ActionForm action=delete attr:class="mt-3">
                        <input type="hidden" name="id" value=id />
                        <button type="submit" class="w-full rounded-lg bg-red-600 px-3 py-2 text-sm font-semibold text-white hover:bg-red-500">"Delete post"</button>
                    </ActionForm>
                </div>
            </details>
        }
    });
    view! {
        <section class="mt-10 border-t border-slate-200 pt-6" aria-label="Post actions">
            {action_error(queue)}
            {action_error(cancel)}
            {action_error(duplicate)}
            {action_error(delete)}
            {reflow_ask}
            <div class="mt-3 flex flex-wrap gap-3">
                {queue_buttons}
                {cancel_form}
                <ActionForm action=duplicate>
                    <input type="hidden" name="id" value=id />
                    <button type="submit" class=SECONDARY_BUTTON>"Duplicate"</button>
                </ActionForm>
                {delete_form}
            </div>
        </section>
    }
}
