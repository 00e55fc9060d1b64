//! An account's posting slots: for each weekday, the times its queue posts at, in its zone.
//! The page loads every account's slots beside the account list, so each card only renders.
use super::AccountActions;
use crate::api::plan::SlotPlan;
use crate::app::components::field::{INPUT_CLASS, SECONDARY_BUTTON};
use chrono::Weekday;
use leptos::prelude::*;

const DAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// A plain form (it works before the page hydrates): one times field per weekday.
#[component]
pub fn PostingSlots(plan: SlotPlan, actions: AccountActions, can_plan: bool) -> impl IntoView {
    let account_id = plan.account_id;
    let rows = DAYS
        .iter()
        .enumerate()
        .map(|(n, day)| {
            let times = times_on(&plan, *day);
            view! {
                <label class="flex items-center gap-3 text-sm text-slate-700">
                    <span class="w-10 font-medium">{day.to_string()}</span>
                    <input type="hidden" name=format!("days[{n}][day]") value=day.to_string() />
                    <input class=INPUT_CLASS name=format!("days[{n}][times]") value=times placeholder="09:00, 12:30" disabled=!can_plan aria-label=format!("{day} times") />
                </label>
            }
        })
        .collect_view();
    // Saving new slots moves nothing already queued; the person is asked instead.
    let just_saved = move || {
        actions
            .set_slots
            .value()
            .get()
            .is_some_and(|saved| saved.is_ok_and(|plan| plan.account_id == account_id))
    };
    // Which save this card's last re-flow answered (an action's input is gone once it is done).
    let reflowed_after = RwSignal::new(None::<usize>);
    Effect::new(move || {
        if let Some(asked) = actions.reflow.input().get() {
            let here = asked.account_id == account_id;
            reflowed_after.set(here.then(|| actions.set_slots.version().get_untracked()));
        }
    });
    let reflowed = move || {
        let current = reflowed_after.get() == Some(actions.set_slots.version().get());
        let moved = actions.reflow.value().get().and_then(Result::ok)?;
        current.then(|| match moved.len() {
            0 => "The queue was already in order.".to_owned(),
            1 => "One queued post moved.".to_owned(),
            n => format!("{n} queued posts moved."),
        })
    };
    view! {
        // Saving reloads the list; the card just saved stays open for the question.
        <details class="mt-4 rounded-xl bg-slate-50 px-3 py-2" data-testid="posting-slots" open=just_saved>
            <summary class="cursor-pointer text-sm font-semibold text-slate-700">
                "Posting slots" <span class="ml-2 font-normal text-slate-500" data-testid="posting-slots-summary">{describe(&plan)}</span>
            </summary>
            <ActionForm action=actions.set_slots attr:class="space-y-2 py-2">
                <input type="hidden" name="account_id" value=account_id.to_string() />
                {rows}
                <label class="block pt-1 text-xs font-medium text-slate-500">
                    {format!("Time zone (empty: the workspace's, {})", plan.workspace_timezone)}
                    <input class=INPUT_CLASS name="timezone" value=plan.timezone.clone().unwrap_or_default() placeholder=plan.workspace_timezone.clone() disabled=!can_plan />
                </label>
                {can_plan.then(|| view! { <button type="submit" class=SECONDARY_BUTTON>"Save slots"</button> })}
            </ActionForm>
            <Show when=move || can_plan && just_saved() && reflowed().is_none()>
                <ActionForm action=actions.reflow attr:class="flex flex-wrap items-center gap-3 pb-2 text-sm text-slate-700" attr:data-testid="reflow-ask">
                    <input type="hidden" name="account_id" value=account_id.to_string() />
                    "Slots saved. Queued posts keep their times: move them into the new slots?"
                    <button type="submit" class=SECONDARY_BUTTON>"Re-flow the queue"</button>
                </ActionForm>
            </Show>
            {move || reflowed().map(|words| view! { <p class="pb-2 text-sm text-emerald-700" data-testid="reflow-done">{words}</p> })}
        </details>
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
        return "none yet: the queue has nowhere to put posts".into();
    }
    let zone = plan.timezone.as_deref().unwrap_or(&plan.workspace_timezone);
    let days: Vec<String> = DAYS
        .iter()
        .map(|day| (day, times_on(plan, *day)))
        .filter(|(_, times)| !times.is_empty())
        .map(|(day, times)| format!("{day} {times}"))
        .collect();
    format!("{} ({zone})", days.join(" · "))
}
