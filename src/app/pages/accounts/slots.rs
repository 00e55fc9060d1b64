//! An account's posting slots: for each weekday, the times its queue posts at, in its zone.
use crate::api::plan::{SetPostingSlots, SlotPlan, posting_slots};
use crate::app::components::alert::{Alert, Tone, action_error};
use crate::app::components::field::{INPUT_CLASS, SECONDARY_BUTTON};
use chrono::Weekday;
use leptos::prelude::*;
use uuid::Uuid;

const DAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

#[component]
pub fn PostingSlots(account_id: Uuid, can_plan: bool) -> impl IntoView {
    let save = ServerAction::<SetPostingSlots>::new();
    let plan = Resource::new(move || save.version().get(), move |_| posting_slots(account_id));
    view! {
        <details class="mt-4 rounded-xl bg-slate-50 px-3 py-2" data-testid="posting-slots">
            <summary class="cursor-pointer text-sm font-semibold text-slate-700">"Posting slots"</summary>
            <Transition fallback=|| view! { <p class="py-2 text-sm text-slate-500">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match plan.await {
                        Ok(plan) => view! { <SlotsForm plan save can_plan /> }.into_any(),
                        Err(error) => view! { <Alert tone=Tone::Error message=error.to_string() /> }.into_any(),
                    }
                })}
            </Transition>
        </details>
    }
}

/// A plain form (it works before the page hydrates): one times field per weekday.
#[component]
fn SlotsForm(plan: SlotPlan, save: ServerAction<SetPostingSlots>, can_plan: bool) -> impl IntoView {
    let rows = DAYS
        .iter()
        .enumerate()
        .map(|(n, day)| {
            let times = times_on(&plan, *day);
            view! {
                <label class="flex items-center gap-3 text-sm text-slate-700">
                    <span class="w-10 font-medium">{day.to_string()}</span>
                    <input type="hidden" name=format!("days[{n}][day]") value=day.to_string() />
                    <input class=INPUT_CLASS name=format!("days[{n}][times]") value=times placeholder="09:00, 12:30" disabled=!can_plan />
                </label>
            }
        })
        .collect_view();
    view! {
        <p class="py-2 text-sm text-slate-600" data-testid="posting-slots-summary">{describe(&plan)}</p>
        <ActionForm action=save attr:class="space-y-2 pb-2">
            {action_error(save)}
            <input type="hidden" name="account_id" value=plan.account_id.to_string() />
            {rows}
            <label class="block pt-1 text-xs font-medium text-slate-500">
                {format!("Time zone (empty: the workspace's, {})", plan.workspace_timezone)}
                <input class=INPUT_CLASS name="timezone" value=plan.timezone.clone().unwrap_or_default() placeholder=plan.workspace_timezone.clone() disabled=!can_plan />
            </label>
            {can_plan.then(|| view! {
                <button type="submit" class=SECONDARY_BUTTON>"Save slots"</button>
                <p class="text-xs text-slate-500">"Posts already queued keep their times until you re-flow the queue."</p>
            })}
        </ActionForm>
    }
}

fn times_on(plan: &SlotPlan, day: Weekday) -> String {
    plan.slots
        .iter()
        .filter(|s| s.day == day)
        .map(|s| s.time.format("%H:%M").to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Mon 09:00, 12:30 · Tue 09:00 (Europe/Berlin)", or how to start.
fn describe(plan: &SlotPlan) -> String {
    if plan.slots.is_empty() {
        return "No slots yet: the queue has nowhere to put posts.".into();
    }
    let zone = plan
        .timezone
        .clone()
        .unwrap_or_else(|| plan.workspace_timezone.clone());
    let days: Vec<String> = DAYS
        .iter()
        .map(|day| (day, times_on(plan, *day)))
        .filter(|(_, times)| !times.is_empty())
        .map(|(day, times)| format!("{day} {times}"))
        .collect();
    format!("{} ({zone})", days.join(" · "))
}
