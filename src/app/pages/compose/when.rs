use super::draft::Draft;
use crate::app::clock;
use crate::app::components::field::INPUT_CLASS;
use crate::domain::schedule::{self, IanaZone, describe};
use leptos::prelude::*;

/// Date, time and time zone, with what they mean: the exact instant, the gap or double
/// hour around a clock change, or that the time has passed.
#[component]
pub fn When(draft: Draft, home_zone: String) -> impl IntoView {
    let zones = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|zone| view! { <option value=zone.name() /> })
        .collect_view();
    let hint = move || {
        explain(
            &draft.date.get(),
            &draft.time.get(),
            &draft.zone.get(),
            &home_zone,
        )
    };
    view! {
        <fieldset>
            <legend class="text-sm font-semibold text-slate-900">"When"</legend>
            <div class="mt-2 grid gap-3 sm:grid-cols-3">
                <div>
                    <label for="post-date" class="block text-xs font-medium text-slate-700">"Date"</label>
                    <input id="post-date" name="date" type="date" class=format!("{INPUT_CLASS} mt-1")
                        prop:value=move || draft.date.get()
                        value=draft.date.get_untracked()
                        on:input=move |event| draft.date.set(event_target_value(&event)) />
                </div>
                <div>
                    <label for="post-time" class="block text-xs font-medium text-slate-700">"Time"</label>
                    <input id="post-time" name="time" type="time" class=format!("{INPUT_CLASS} mt-1")
                        prop:value=move || draft.time.get()
                        value=draft.time.get_untracked()
                        on:input=move |event| draft.time.set(event_target_value(&event)) />
                </div>
                <div>
                    <label for="post-zone" class="block text-xs font-medium text-slate-700">"Time zone"</label>
                    <input id="post-zone" name="timezone" list="zone-list" autocomplete="off" spellcheck="false"
                        class=format!("{INPUT_CLASS} mt-1")
                        prop:value=move || draft.zone.get()
                        value=draft.zone.get_untracked()
                        on:input=move |event| draft.zone.set(event_target_value(&event)) />
                    <datalist id="zone-list">{zones}</datalist>
                </div>
            </div>
            <p class="mt-2 text-sm" data-testid="when-hint">{hint}</p>
        </fieldset>
    }
}

fn explain(date: &str, time: &str, zone: &str, home_zone: &str) -> AnyView {
    let line = |class: &'static str, text: String| view! { <span class=class>{text}</span> }.into_any();
    if date.trim().is_empty() && time.trim().is_empty() {
        return line(
            "text-slate-500",
            "No time yet: a draft can wait; to schedule, pick a date and time.".into(),
        );
    }
    let zone = match IanaZone::parse(zone) {
        Ok(zone) => zone,
        Err(error) => return line("text-red-700", error.to_string()),
    };
    let resolved = match schedule::parse_local(date, time).and_then(|local| schedule::resolve(local, &zone)) {
        Ok(resolved) => resolved,
        Err(error) => return line("text-red-700", error.to_string()),
    };
    if let Err(error) = schedule::ensure_future(resolved.at, clock::now()) {
        return line("text-red-700", error.to_string());
    }
    let mut text = format!("Goes out {}.", describe(resolved.at, &zone));
    if let Ok(home) = IanaZone::parse(home_zone).map(|home| (home.name() != zone.name()).then_some(home))
        && let Some(home) = home
    {
        text.push_str(&format!(
            " That is {} in the workspace's zone.",
            describe(resolved.at, &home)
        ));
    }
    match resolved.note() {
        Some(note) => view! {
            <span class="text-slate-700">{text}</span>
            " "
            <span class="text-amber-800">{note}</span>
        }
        .into_any(),
        None => line("text-slate-700", text),
    }
}
