//! The Settings page's evergreen pool: how shares fill empty slots, and the posts in the pool.
use crate::api::evergreen::{PoolView, UpdateEvergreenPool};
use crate::app::components::alert::{Alert, Tone, action_error};
use crate::app::components::field::{CheckboxRow, INPUT_CLASS};
use crate::domain::plan::evergreen::PoolSettings;
use leptos::prelude::*;

#[component]
pub fn EvergreenPool(
    pool: PoolView,
    can_edit: bool,
    update: ServerAction<UpdateEvergreenPool>,
) -> impl IntoView {
    let saved = move || matches!(update.value().get(), Some(Ok(())));
    let settings = pool.settings;
    let disabled = !can_edit;
    let number = move |name: &'static str,
                       label: &'static str,
                       value: i32,
                       range: std::ops::RangeInclusive<i32>,
                       hint: &'static str| {
        view! {
            <div>
                <label for=format!("pool-{name}") class="block text-sm font-medium text-slate-700">{label}</label>
                <input id=format!("pool-{name}") type="number" name=name value=value.to_string()
                    min=range.start().to_string() max=range.end().to_string() disabled=disabled required
                    class=format!("{INPUT_CLASS} mt-1.5 w-32") />
                <p class="mt-1.5 text-xs text-slate-500">{hint}</p>
            </div>
        }
    };
    let check = move |name: &'static str, checked: bool, label: &'static str, hint: &'static str| {
        view! { <CheckboxRow name checked disabled label hint /> }
    };
    let posts = if pool.posts.is_empty() {
        view! {
            <p class="text-sm text-slate-500" data-testid="pool-empty">
                "No posts in the pool yet. Open a post and choose “Add to the evergreen pool”."
            </p>
        }
        .into_any()
    } else {
        pool.posts
            .into_iter()
            .map(|post| {
                let shared = match post.shares {
                    0 => "never shared again".to_owned(),
                    1 => "shared again once".to_owned(),
                    n => format!("shared again {n} times"),
                };
                view! {
                    <li class="flex items-baseline justify-between gap-4 py-2" data-testid="pool-post">
                        <a href=format!("/compose?post={}", post.id) class="truncate text-sm text-slate-800 hover:text-indigo-600">{post.excerpt}</a>
                        <span class="shrink-0 text-xs text-slate-500">{shared}</span>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div id="evergreen" class="mt-8 max-w-2xl rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
            <h2 class="text-base font-semibold text-slate-900">"Evergreen pool"</h2>
            <p class="mt-1 text-sm text-slate-500">
                "Posts in the pool are shared again in posting slots that are still empty a set time ahead, the one shared longest ago first."
            </p>
            <ActionForm action=update attr:class="mt-6 space-y-5">
                {action_error(update)}
                {move || saved().then(|| view! { <Alert tone=Tone::Success message="Pool settings saved." /> })}
                <div class="flex flex-wrap gap-6">
                    {number("cooldown_days", "Cooldown (days)", settings.cooldown_days, PoolSettings::COOLDOWN_DAYS, "Never the same post on one account within this.")}
                    {number("lead_hours", "Fill ahead (hours)", settings.lead_hours, PoolSettings::LEAD_HOURS, "A slot still empty this close is filled.")}
                </div>
                {check("no_two_in_a_row", settings.no_two_in_a_row, "Never two evergreen posts in a row", "A slot next to another evergreen share on the account stays empty.")}
                {check("paused", settings.paused, "Pause the pool", "No new shares; those already made stay on the calendar.")}
                {can_edit.then(|| view! {
                    <button type="submit" class="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500">"Save pool settings"</button>
                })}
            </ActionForm>
            <h3 class="mt-8 text-sm font-semibold text-slate-900">"In the pool"</h3>
            <ul class="mt-2 divide-y divide-slate-100" data-testid="pool-posts">{posts}</ul>
        </div>
    }
}
