use super::super::header::PageHeader;
use super::changes::Changes;
use super::decide::{Decide, Decisions, outcome};
use crate::api::accounts::list_accounts;
use crate::api::review::review_detail;
use crate::app::components::alert::{Alert, Tone};
use crate::app::components::comment_thread::Thread;
use crate::app::components::post_preview::post_cards;
use crate::app::shell::current_viewer;
use crate::domain::role::Permission;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

#[component]
pub fn ReviewPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| {
        params
            .with(|p| p.get("id"))
            .and_then(|id| id.parse::<Uuid>().ok())
    });
    let decisions = Decisions::new();
    let detail = Resource::new(
        move || {
            (
                id.get(),
                decisions.approve.version().get(),
                decisions.request.version().get(),
            )
        },
        |(id, _, _)| async move {
            match id {
                Some(id) => review_detail(id).await,
                None => Err(crate::error::AppError::NotFound("There is no such post.".into())),
            }
        },
    );
    let accounts = Resource::new(|| (), |_| list_accounts());
    let can_comment = current_viewer().is_some_and(|v| v.role().can(Permission::Contribute));
    // After a form post without JavaScript.
    let done = move || {
        query.with(|q| q.get("done")).map(|done| {
            let message = match done.as_str() {
                "approved" => "Approved.",
                _ => "Changes requested: the author has your note.",
            };
            view! { <Alert tone=Tone::Success message /> }
        })
    };
    view! {
        <Title text="Review" />
        <PageHeader title="Review" description="Read it as each network will show it, then approve or ask for changes." />
        <div class="mb-4 space-y-3">{done} {outcome(decisions)}</div>
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading the post…"</p> }>
            {move || Suspend::new(async move {
                let (detail, accounts) = (detail.await, accounts.await);
                let (detail, accounts) = match (detail, accounts) {
                    (Ok(detail), Ok(accounts)) => (detail, accounts),
                    (Err(error), _) | (_, Err(error)) => {
                        return view! { <Alert tone=Tone::Error message=error.to_string() /> }.into_any();
                    }
                };
                let post = detail.post.clone();
                let cards = post_cards(&post, &accounts);
                view! {
                    <div class="grid gap-8 lg:grid-cols-5">
                        <div class="space-y-6 lg:col-span-3">
                            <div class="text-sm text-slate-600">
                                <p>
                                    "By " <span class="font-medium text-slate-900">{detail.author.clone()}</span>
                                    " · " <span data-testid="review-status">{post.status.label()}</span>
                                    " · goes out " {detail.when.clone()}
                                </p>
                                {detail.overdue.then(|| view! {
                                    <p class="mt-1 font-medium text-rose-700" data-testid="overdue">
                                        "Its time has passed while it waited: approving will not publish it late; pick a new time afterwards."
                                    </p>
                                })}
                                <a href=format!("/compose?post={}", post.id) class="mt-1 inline-block font-medium text-indigo-600 hover:text-indigo-500">"Open in the composer"</a>
                            </div>
                            <div class="grid gap-4 md:grid-cols-2" aria-label="Previews">{cards}</div>
                            {detail.changes.clone().map(|changes| view! { <Changes changes /> })}
                        </div>
                        <aside class="lg:col-span-2">
                            {if detail.can_review {
                                view! { <Decide id=post.id version=post.version decisions /> }.into_any()
                            } else {
                                view! {
                                    <p class="text-sm text-slate-500" data-testid="not-reviewable">
                                        {format!("This post is {}.", post.status.label().to_lowercase())}
                                    </p>
                                }
                                .into_any()
                            }}
                        </aside>
                    </div>
                }
                .into_any()
            })}
        </Transition>
        // Outside the post's Transition: the thread loads its own comments, and a resource
        // created after another one resolved would not hydrate.
        {move || id.get().map(|post_id| view! {
            <div class="mt-8 max-w-3xl">
                <Thread post_id can_comment />
            </div>
        })}
    }
}
