//! The evergreen pool from the composer: put a saved post in the pool (or take it out), or,
//! on a share the pool made, a link to its original.
use crate::api::evergreen::SetEvergreen;
use crate::api::posts::PostView;
use crate::app::components::alert::action_error;
use crate::app::components::field::SECONDARY_BUTTON;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn Evergreen(post: PostView, can_edit: bool) -> impl IntoView {
    if let Some(original) = post.evergreen_of {
        return view! {
            <p class="mt-6 rounded-xl bg-emerald-50 p-4 text-sm text-emerald-900" data-testid="evergreen-share">
                <span aria-hidden="true">"♻ "</span>
                "Shared again from the evergreen pool. "
                <a href=format!("/compose?post={original}") class="font-medium underline">"Open the original"</a>
            </p>
        }
        .into_any();
    }
    if !can_edit || post.targets.is_empty() {
        return ().into_any();
    }
    let set = ServerAction::<SetEvergreen>::new();
    let id = post.id;
    let pooled = post.evergreen;
    Effect::new(move |_| {
        if matches!(set.value().get(), Some(Ok(()))) {
            let outcome = if pooled { "not_evergreen" } else { "evergreen" };
            use_navigate()(&format!("/compose?post={id}&saved={outcome}"), Default::default());
        }
    });
    let (said, button) = if pooled {
        (
            "♻ In the evergreen pool: shared again in posting slots nobody filled.",
            "Take out of the pool",
        )
    } else {
        (
            "Evergreen: share this post again, now and then, in posting slots nobody filled.",
            "Add to the evergreen pool",
        )
    };
    view! {
        <section class="mt-6 rounded-xl bg-slate-50 p-4 text-sm text-slate-700" data-testid="evergreen">
            {action_error(set)}
            <p>{said} " " <a href="/settings#evergreen" class="text-indigo-600 hover:text-indigo-500">"Pool settings"</a></p>
            <ActionForm action=set attr:class="mt-3">
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="evergreen" value=(!pooled).to_string() />
                <button type="submit" class=SECONDARY_BUTTON>{button}</button>
            </ActionForm>
        </section>
    }
    .into_any()
}
