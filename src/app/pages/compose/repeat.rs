//! "Repeat" on a saved post with a time: daily, weekly on chosen days or monthly, from its own
//! date and time, with an end. A post already in a series says so and can stop it.
use crate::api::posts::PostView;
use crate::api::series::{RepeatPost, SeriesView, StopSeries};
use crate::app::components::alert::action_error;
use crate::app::components::field::{INPUT_CLASS, SECONDARY_BUTTON};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

const DAYS: [(&str, &str); 7] = [
    ("mon", "Mon"),
    ("tue", "Tue"),
    ("wed", "Wed"),
    ("thu", "Thu"),
    ("fri", "Fri"),
    ("sat", "Sat"),
    ("sun", "Sun"),
];

#[component]
pub fn Repeat(post: PostView) -> impl IntoView {
    match post.series.clone() {
        Some(series) => view! { <InSeries post series /> }.into_any(),
        None if post.scheduled_at.is_some() && post.status.is_editable() => {
            view! { <RepeatForm post /> }.into_any()
        }
        None => ().into_any(),
    }
}

#[component]
fn InSeries(post: PostView, series: SeriesView) -> impl IntoView {
    let stop = ServerAction::<StopSeries>::new();
    Effect::new(move |_| {
        if matches!(stop.value().get(), Some(Ok(_))) {
            use_navigate()(
                &format!("/compose?post={}&saved=stopped", post.id),
                Default::default(),
            );
        }
    });
    let stopped = series.stopped;
    view! {
        <section class="mt-6 rounded-xl bg-slate-50 p-4 text-sm text-slate-700" data-testid="series">
            {action_error(stop)}
            <p>
                <span aria-hidden="true">"↻ "</span>
                <span class="font-semibold" data-testid="series-description">{series.description.clone()}</span>
                {stopped.then_some(" · stopped")}
            </p>
            <p class="mt-1 text-slate-500">
                "Saving changes this post alone; deleting it skips its date. The series makes its posts 30 days ahead."
            </p>
            {(!stopped).then(|| view! {
                <ActionForm action=stop attr:class="mt-3">
                    <input type="hidden" name="id" value=series.id.to_string() />
                    <input type="hidden" name="version" value=series.version.to_string() />
                    <button type="submit" class=SECONDARY_BUTTON>"Stop repeating"</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
fn RepeatForm(post: PostView) -> impl IntoView {
    let repeat = ServerAction::<RepeatPost>::new();
    Effect::new(move |_| {
        if matches!(repeat.value().get(), Some(Ok(_))) {
            use_navigate()(
                &format!("/compose?post={}&saved=repeated", post.id),
                Default::default(),
            );
        }
    });
    let today = post.local_date.clone();
    let days = DAYS
        .iter()
        .map(|(name, label)| {
            view! {
                <label class="inline-flex items-center gap-1">
                    <input type="checkbox" name=format!("repeat[{name}]") value="true" class="rounded border-slate-300" />
                    {*label}
                </label>
            }
        })
        .collect_view();
    let weekday_options = DAYS
        .iter()
        .map(|(_, label)| view! { <option value=*label>{*label}</option> })
        .collect_view();
    view! {
        <details class="mt-6 rounded-xl bg-slate-50 px-4 py-3 text-sm text-slate-700" data-testid="repeat">
            <summary class="cursor-pointer font-semibold">"Repeat…"</summary>
            {action_error(repeat)}
            <ActionForm action=repeat attr:class="mt-3 space-y-3">
                <input type="hidden" name="id" value=post.id.to_string() />
                <input type="hidden" name="version" value=post.version.to_string() />
                <p class="text-slate-500">{format!("From {today} at {}, in {}.", post.local_time, post.timezone)}</p>
                <div class="flex flex-wrap items-center gap-2">
                    <label class="inline-flex items-center gap-2">"Every"
                        <input type="number" name="repeat[every]" value="1" min="1" max="99" class=format!("{INPUT_CLASS} w-20") />
                    </label>
                    <select name="repeat[frequency]" class=format!("{INPUT_CLASS} w-auto") aria-label="Repeat">
                        <option value="daily">"day(s)"</option>
                        <option value="weekly" selected>"week(s), on the days ticked"</option>
                        <option value="monthly_day">"month(s), on a day of the month"</option>
                        <option value="monthly_weekday">"month(s), on a weekday of the month"</option>
                    </select>
                </div>
                <fieldset class="flex flex-wrap gap-3">
                    <legend class="sr-only">"Days of the week"</legend>
                    {days}
                </fieldset>
                <div class="flex flex-wrap items-center gap-2">
                    <label class="inline-flex items-center gap-2">"Day of the month"
                        <select name="repeat[month_day]" class=format!("{INPUT_CLASS} w-auto")>
                            {(1..=31).map(|d| view! { <option value=d.to_string()>{d.to_string()}</option> }).collect_view()}
                            <option value="-1">"last"</option>
                        </select>
                    </label>
                    <label class="inline-flex items-center gap-2">"or the"
                        <select name="repeat[nth]" class=format!("{INPUT_CLASS} w-auto")>
                            <option value="1">"first"</option>
                            <option value="2">"second"</option>
                            <option value="3">"third"</option>
                            <option value="4">"fourth"</option>
                            <option value="-1">"last"</option>
                        </select>
                    </label>
                    <select name="repeat[weekday]" class=format!("{INPUT_CLASS} w-auto") aria-label="Weekday of the month">{weekday_options}</select>
                </div>
                <fieldset class="flex flex-wrap items-center gap-3">
                    <legend class="mb-1 font-medium">"Ends"</legend>
                    <label class="inline-flex items-center gap-1"><input type="radio" name="repeat[ends]" value="never" checked />"never"</label>
                    <label class="inline-flex items-center gap-1"><input type="radio" name="repeat[ends]" value="on" />"on"</label>
                    <input type="date" name="repeat[end_date]" class=format!("{INPUT_CLASS} w-auto") aria-label="Repeat until" />
                    <label class="inline-flex items-center gap-1"><input type="radio" name="repeat[ends]" value="after" />"after"</label>
                    <input type="number" name="repeat[count]" min="1" max="1000" value="10" class=format!("{INPUT_CLASS} w-24") aria-label="Number of posts" />
                    "posts"
                </fieldset>
                <button type="submit" class=SECONDARY_BUTTON>"Repeat this post"</button>
            </ActionForm>
        </details>
    }
}
