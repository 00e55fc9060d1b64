//! "Repeat" on a saved post with a time: daily, weekly on chosen days or monthly, from its own
//! date and time, with an end. A post already in a series shows the series instead.
use super::in_series::InSeries;
use super::rule_fields::RuleFields;
use crate::api::posts::PostView;
use crate::api::series::{RepeatForm, RepeatPost};
use crate::app::components::alert::action_error;
use crate::app::components::field::SECONDARY_BUTTON;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn Repeat(post: PostView) -> impl IntoView {
    match post.series.clone() {
        Some(series) => view! { <InSeries post series /> }.into_any(),
        None if post.scheduled_at.is_some() && post.status.is_editable() => {
            view! { <RepeatPostForm post /> }.into_any()
        }
        None => ().into_any(),
    }
}

#[component]
fn RepeatPostForm(post: PostView) -> impl IntoView {
    let repeat = ServerAction::<RepeatPost>::new();
    Effect::new(move |_| {
        if matches!(repeat.value().get(), Some(Ok(_))) {
            use_navigate()(
                &format!("/compose?post={}&saved=repeated", post.id),
                Default::default(),
            );
        }
    });
    view! {
        <details class="mt-6 rounded-xl bg-slate-50 px-4 py-3 text-sm text-slate-700" data-testid="repeat">
            <summary class="cursor-pointer font-semibold">"Repeat…"</summary>
            {action_error(repeat)}
            <ActionForm action=repeat attr:class="mt-3 space-y-3">
                <input type="hidden" name="id" value=post.id.to_string() />
                <input type="hidden" name="version" value=post.version.to_string() />
                <p class="text-slate-500">{format!("From {} at {}, in {}.", post.local_date, post.local_time, post.timezone)}</p>
                <RuleFields initial=RepeatForm::default() />
                <button type="submit" class=SECONDARY_BUTTON>"Repeat this post"</button>
            </ActionForm>
        </details>
    }
}
