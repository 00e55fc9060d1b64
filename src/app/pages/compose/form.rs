use super::draft::Draft;
use super::{accounts_picker, editor, images, post_actions, preview, when};
use crate::api::accounts::AccountView;
use crate::api::posts::{PostView, SavePost};
use crate::app::components::alert::{Alert, Tone};
use crate::app::components::field::SECONDARY_BUTTON;
use crate::domain::post::PostStatus;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn ComposerForm(
    accounts: Vec<AccountView>,
    post: Option<PostView>,
    home_zone: String,
    can_edit: bool,
    can_write: bool,
) -> impl IntoView {
    if let Some(post) = post.as_ref().filter(|post| !post.status.is_editable()) {
        return view! { <preview::ReadOnlyPost post=post.clone() accounts /> }.into_any();
    }
    let draft = Draft::new(accounts, post.as_ref(), &home_zone);
    let save = ServerAction::<SavePost>::new();
    // Saved: show the stored post (a new one gets its own address, so later saves update it).
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get() {
            use_navigate()(
                &format!("/compose?post={}&saved={}", saved.id, saved.status.as_str()),
                Default::default(),
            );
        }
    });
    let error = move || {
        save.value().get().and_then(Result::err).map(|error| {
            view! {
                <div class="whitespace-pre-line" data-testid="save-error">
                    <Alert tone=Tone::Error message=error.to_string() />
                </div>
            }
        })
    };
    let (post_id, version) = post
        .as_ref()
        .map(|p| (p.id.to_string(), p.version.to_string()))
        .unzip();
    let actions = post
        .as_ref()
        .map(|post| view! { <post_actions::PostActions post=post.clone() can_edit /> });
    let repeat = post
        .as_ref()
        .map(|post| view! { <super::repeat::Repeat post=post.clone() /> });
    let evergreen = post
        .as_ref()
        .map(|post| view! { <super::evergreen::Evergreen post=post.clone() can_edit /> });
    let status = post.as_ref().map(|post| {
        let review = (post.status == PostStatus::InReview && can_edit).then(|| {
            view! {
                " · "
                <a href=format!("/review/{}", post.id) class="font-medium text-indigo-600 hover:text-indigo-500">"Review it"</a>
            }
        });
        view! {
            <p class="mb-4 text-sm text-slate-500" data-testid="post-status">
                "Status: " <span class="font-medium text-slate-900">{post.status.label()}</span>
                {review}
            </p>
        }
    });
    let pending = move || save.pending().get();
    view! {
        {status}
        <div class="grid gap-8 lg:grid-cols-5">
            <ActionForm action=save attr:class="space-y-6 lg:col-span-3" attr:novalidate="" attr:id="composer">
                {post_id.map(|id| view! { <input type="hidden" name="post_id" value=id /> })}
                {version.map(|v| view! { <input type="hidden" name="version" value=v /> })}
                {error}
                <accounts_picker::AccountsPicker draft />
                <editor::Editor draft />
                <images::Images draft />
                <when::When draft home_zone=home_zone.clone() />
                {buttons(can_edit, can_write, pending)}
                <noscript>
                    <p class="text-xs text-slate-500">"Without JavaScript: counters, previews and image uploads need it; writing and scheduling work."</p>
                </noscript>
            </ActionForm>
            <aside class="space-y-4 lg:col-span-2" aria-label="Previews">
                <preview::Previews draft />
            </aside>
        </div>
        {repeat}
        {evergreen}
        {actions}
    }
    .into_any()
}

/// Editors schedule (or ask for a second look); contributors submit for review.
fn buttons(
    can_edit: bool,
    can_write: bool,
    pending: impl Fn() -> bool + Copy + Send + Sync + 'static,
) -> AnyView {
    let primary = "rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500 disabled:opacity-60";
    let saving = move || {
        pending().then(|| view! { <span class="self-center text-sm text-slate-500">"Saving…"</span> })
    };
    if can_edit {
        view! {
            <div class="flex flex-wrap gap-3 border-t border-slate-200 pt-6">
                <button type="submit" name="intent" value="schedule" disabled=pending class=primary>"Schedule"</button>
                <button type="submit" name="intent" value="draft" disabled=pending class=SECONDARY_BUTTON>"Save draft"</button>
                <button type="submit" name="intent" value="publish_now" disabled=pending class=SECONDARY_BUTTON>"Publish now"</button>
                <button type="submit" name="intent" value="submit" disabled=pending class=SECONDARY_BUTTON>"Submit for review"</button>
                {saving}
            </div>
        }
        .into_any()
    } else if can_write {
        view! {
            <div class="flex flex-wrap gap-3 border-t border-slate-200 pt-6">
                <button type="submit" name="intent" value="submit" disabled=pending class=primary>"Submit for review"</button>
                <button type="submit" name="intent" value="draft" disabled=pending class=SECONDARY_BUTTON>"Save draft"</button>
                {saving}
            </div>
            <p class="text-xs text-slate-500">"An owner, admin or editor approves it before it is scheduled."</p>
        }
        .into_any()
    } else {
        view! { <p class="text-sm text-slate-500">"Your role can read posts but not write or schedule them."</p> }.into_any()
    }
}
