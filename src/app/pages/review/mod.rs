//! Needs review: the posts waiting for an approver, and one post under review with its
//! previews, what changed, the decision and the discussion.
mod changes;
mod decide;
mod detail;

pub use detail::ReviewPage;

use super::header::PageHeader;
use crate::api::review::review_queue;
use crate::app::components::alert::{Alert, Tone};
use crate::app::components::empty_state::EmptyState;
use crate::app::components::icons;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let queue = Resource::new(|| (), |_| review_queue());
    view! {
        <Title text="Needs review" />
        <PageHeader title="Needs review" description="Posts waiting for an approver, longest waiting first." />
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match queue.await {
                    Ok(items) if items.is_empty() => view! {
                        <EmptyState icon=icons::check title="Nothing to review" message="Posts submitted for review show up here." />
                    }
                    .into_any(),
                    Ok(items) => view! {
                        <ul class="space-y-3" data-testid="review-queue">
                            {items
                                .into_iter()
                                .map(|item| {
                                    view! {
                                        <li class="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="review-item">
                                            <a href=format!("/review/{}", item.id) class="block">
                                                <p class="line-clamp-2 text-sm text-slate-900">{item.excerpt}</p>
                                                <p class="mt-2 text-xs text-slate-500">
                                                    {item.author} " · " {item.accounts.join(", ")} " · " {item.when}
                                                </p>
                                                {item.overdue.then(|| view! {
                                                    <p class="mt-1 text-xs font-medium text-rose-700">"Its time has passed: approving will not publish it late."</p>
                                                })}
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any(),
                    Err(error) => view! { <Alert tone=Tone::Error message=error.to_string() /> }.into_any(),
                }
            })}
        </Transition>
    }
}
