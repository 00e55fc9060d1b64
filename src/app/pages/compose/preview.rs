use super::draft::Draft;
use crate::api::accounts::AccountView;
use crate::api::posts::PostView;
use crate::app::components::post_preview::{PreviewCard, post_cards};
use leptos::prelude::*;

/// What each chosen network will receive: its text (links marked) and the images.
#[component]
pub fn Previews(draft: Draft) -> impl IntoView {
    view! {
        <h2 class="text-sm font-semibold text-slate-900">"Preview"</h2>
        {move || {
            let checks = draft.checks();
            if checks.is_empty() {
                return view! { <p class="text-sm text-slate-500">"Choose an account to see how the post will look there."</p> }.into_any();
            }
            checks
                .into_iter()
                .map(|(account, _)| {
                    let text = draft.text_for(account.id);
                    let images = draft.images.get();
                    view! {
                        <PreviewCard account text image_urls=images.iter().map(|i| format!("/media/{}", i.id)).collect() />
                    }
                })
                .collect_view()
                .into_any()
        }}
    }
}

/// A post that went out (or is going out) cannot change; show what was sent.
#[component]
pub fn ReadOnlyPost(post: PostView, accounts: Vec<AccountView>) -> impl IntoView {
    let cards = post_cards(&post, &accounts);
    view! {
        <p class="mb-4 text-sm text-slate-600" data-testid="post-status">
            "This post is " <span class="font-medium text-slate-900">{post.status.label().to_lowercase()}</span> " and can no longer be changed."
        </p>
        <div class="grid gap-4 md:grid-cols-2">{cards}</div>
    }
}
