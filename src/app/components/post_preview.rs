//! How a post will look on each network: one card per account, its text with links marked,
//! and its images. The composer previews drafts with it; review and read-only posts show
//! what was (or will be) sent.
use crate::api::accounts::AccountView;
use crate::api::posts::PostView;
use leptos::prelude::*;

/// One card per target of `post`, with that target's text (its override, or the post's).
pub fn post_cards(post: &PostView, accounts: &[AccountView]) -> impl IntoView + use<> {
    post.targets
        .iter()
        .filter_map(|target| {
            let account = accounts.iter().find(|a| a.id == target.account_id)?.clone();
            let text = target.body_override.clone().unwrap_or_else(|| post.body.clone());
            let urls = post.media.iter().map(|m| m.url()).collect();
            Some(view! { <PreviewCard account text image_urls=urls /> })
        })
        .collect_view()
}

#[component]
pub fn PreviewCard(account: AccountView, text: String, image_urls: Vec<String>) -> impl IntoView {
    let images = (!image_urls.is_empty()).then(|| {
        view! {
            <div class="mt-3 grid grid-cols-2 gap-1 overflow-hidden rounded-lg">
                {image_urls.into_iter().map(|src| view! { <img src=src alt="" class="aspect-video w-full object-cover" /> }).collect_view()}
            </div>
        }
    });
    view! {
        <article class="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="preview" data-account=account.id.to_string()>
            <header class="flex items-center gap-2">
                <span class="flex h-8 w-8 items-center justify-center rounded-full text-xs font-bold text-white" style=format!("background-color: {}", account.colour)>
                    {account.display_name.chars().next().map(|c| c.to_uppercase().to_string()).unwrap_or_default()}
                </span>
                <div class="min-w-0">
                    <p class="truncate text-sm font-semibold text-slate-900">{account.display_name.clone()}</p>
                    <p class="truncate text-xs text-slate-500">{account.platform.label()} " · " {account.handle.clone()}</p>
                </div>
            </header>
            <p class="mt-3 text-sm leading-relaxed whitespace-pre-wrap break-words text-slate-800">{with_links(&text)}</p>
            {images}
        </article>
    }
}

/// The text with its links shown as links (not clickable: this is a preview).
fn with_links(text: &str) -> Vec<AnyView> {
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]);
    finder
        .spans(text)
        .map(|span| match span.kind() {
            Some(_) => {
                view! { <span class="text-indigo-600 underline">{span.as_str().to_owned()}</span> }.into_any()
            }
            None => span.as_str().to_owned().into_any(),
        })
        .collect()
}
