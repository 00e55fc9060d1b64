//! The discussion on a post: comments with their replies, and forms to add to it. Shown on
//! the review page and in the composer.
use crate::api::review::{CommentPost, CommentView, post_comments};
use crate::app::components::alert::action_error;
use crate::app::components::field::{INPUT_CLASS, SECONDARY_BUTTON};
use leptos::prelude::*;
use uuid::Uuid;

#[component]
pub fn Thread(post_id: Uuid, can_comment: bool) -> impl IntoView {
    let comment = ServerAction::<CommentPost>::new();
    let comments = Resource::new(move || comment.version().get(), move |_| post_comments(post_id));
    view! {
        <section class="space-y-4" aria-label="Comments" data-testid="thread">
            <h2 class="text-sm font-semibold text-slate-900">"Comments"</h2>
            {action_error(comment)}
            <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading comments…"</p> }>
                {move || Suspend::new(async move {
                    match comments.await {
                        Ok(all) if all.is_empty() => view! { <p class="text-sm text-slate-500">"No comments yet."</p> }.into_any(),
                        Ok(all) => {
                            let roots: Vec<CommentView> = all.iter().filter(|c| c.parent_id.is_none()).cloned().collect();
                            roots
                                .into_iter()
                                .map(|root| one(root, &all, (post_id, comment), can_comment, 0))
                                .collect_view()
                                .into_any()
                        }
                        Err(error) => view! { <p class="text-sm text-red-700">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
            {can_comment.then(|| view! { <CommentForm post_id parent_id=None comment /> })}
        </section>
    }
}

/// One comment and, indented below it, its replies.
fn one(
    comment: CommentView,
    all: &[CommentView],
    (post_id, action): (Uuid, ServerAction<CommentPost>),
    can_comment: bool,
    depth: usize,
) -> AnyView {
    let replies: Vec<CommentView> = all
        .iter()
        .filter(|c| c.parent_id == Some(comment.id))
        .cloned()
        .collect();
    let (label, tone) = match comment.kind.as_str() {
        "changes_requested" => (Some("Changes requested"), "ring-fuchsia-300 bg-fuchsia-50"),
        "approved" => (Some("Approved"), "ring-emerald-300 bg-emerald-50"),
        _ => (None, "ring-slate-200 bg-white"),
    };
    let indent = if depth > 0 { "ml-6" } else { "" };
    let parent = comment.id;
    view! {
        <div class=indent>
            <article class=format!("rounded-xl p-3 ring-1 {tone}") data-testid="comment" data-kind=comment.kind.clone()>
                <p class="text-xs text-slate-500">
                    <span class="font-medium text-slate-900">{comment.author}</span>
                    " · " {comment.created_at.format("%Y-%m-%d %H:%M UTC").to_string()}
                    {label.map(|l| view! { " · " <span class="font-medium">{l}</span> })}
                </p>
                <p class="mt-1 whitespace-pre-wrap break-words text-sm text-slate-800" data-testid="comment-body">{comment.body}</p>
                {(can_comment && depth < 3).then(|| view! {
                    <details class="mt-2">
                        <summary class="cursor-pointer text-xs font-medium text-indigo-600">"Reply"</summary>
                        <CommentForm post_id parent_id=Some(parent) comment=action />
                    </details>
                })}
            </article>
            <div class="mt-2 space-y-2">
                {replies.into_iter().map(|reply| one(reply, all, (post_id, action), can_comment, depth + 1)).collect_view()}
            </div>
        </div>
    }
    .into_any()
}

#[component]
fn CommentForm(post_id: Uuid, parent_id: Option<Uuid>, comment: ServerAction<CommentPost>) -> impl IntoView {
    let id = match parent_id {
        Some(parent) => format!("reply-{parent}"),
        None => "comment-body".to_owned(),
    };
    view! {
        <ActionForm action=comment attr:class="mt-2 space-y-2">
            <input type="hidden" name="post_id" value=post_id.to_string() />
            {parent_id.map(|parent| view! { <input type="hidden" name="parent_id" value=parent.to_string() /> })}
            <label for=id.clone() class="sr-only">{if parent_id.is_some() { "Reply" } else { "Comment" }}</label>
            <textarea id=id name="body" rows="2" required class=INPUT_CLASS placeholder="Write a comment"></textarea>
            <button type="submit" class=SECONDARY_BUTTON>{if parent_id.is_some() { "Reply" } else { "Comment" }}</button>
        </ActionForm>
    }
}
