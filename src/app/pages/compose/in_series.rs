//! A post of a recurring series: what the series does, editing its text, time and rule (its
//! future posts no one edited on their own are made again), and stopping it.
use super::rule_fields::RuleFields;
use crate::api::posts::PostView;
use crate::api::series::{EditSeries, SeriesView, StopSeries};
use crate::app::components::alert::action_error;
use crate::app::components::field::{INPUT_CLASS, SECONDARY_BUTTON};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn InSeries(post: PostView, series: SeriesView) -> impl IntoView {
    let stop = ServerAction::<StopSeries>::new();
    let edit = ServerAction::<EditSeries>::new();
    // Editing or stopping may remove this very post (it is one of the coming ones): the
    // calendar shows the series as it is now.
    let week = format!("/calendar?view=week&date={}", post.local_date);
    Effect::new(move |_| {
        let done = |action: Option<Result<SeriesView, _>>| matches!(action, Some(Ok(_)));
        if done(stop.value().get()) || done(edit.value().get()) {
            use_navigate()(&week, Default::default());
        }
    });
    let stopped = series.stopped;
    let running = (!stopped).then(|| {
        let (series_id, version) = (series.id.to_string(), series.version.to_string());
        let (edit_id, edit_version) = (series_id.clone(), version.clone());
        view! {
            <details class="mt-3" data-testid="edit-series">
                <summary class="cursor-pointer font-semibold">"Edit the series…"</summary>
                {action_error(edit)}
                <ActionForm action=edit attr:class="mt-3 space-y-3">
                    <input type="hidden" name="id" value=edit_id />
                    <input type="hidden" name="version" value=edit_version />
                    <label class="block">
                        <span class="font-medium">"Text of the coming posts"</span>
                        <textarea name="body" rows="4" class=format!("{INPUT_CLASS} mt-1")>{series.body.clone()}</textarea>
                    </label>
                    <label class="inline-flex items-center gap-2">
                        "At"
                        <input type="time" name="time" value=series.time.clone() required class=format!("{INPUT_CLASS} w-auto") />
                        {format!("({})", series.zone)}
                    </label>
                    <RuleFields initial=series.form.clone() />
                    <button type="submit" class=SECONDARY_BUTTON>"Save the series"</button>
                </ActionForm>
            </details>
            <ActionForm action=stop attr:class="mt-3">
                <input type="hidden" name="id" value=series_id />
                <input type="hidden" name="version" value=version />
                <button type="submit" class=SECONDARY_BUTTON>"Stop repeating"</button>
            </ActionForm>
        }
    });
    view! {
        <section class="mt-6 rounded-xl bg-slate-50 p-4 text-sm text-slate-700" data-testid="series">
            {action_error(stop)}
            <p>
                <span aria-hidden="true">"↻ "</span>
                <span class="font-semibold" data-testid="series-description">{series.description.clone()}</span>
                {stopped.then_some(" · stopped")}
            </p>
            <p class="mt-1 text-slate-500">
                "Saving this post changes it alone; deleting it skips its date. Editing the series remakes its coming posts, except those changed on their own. The series makes its posts 30 days ahead."
            </p>
            {running}
        </section>
    }
}
