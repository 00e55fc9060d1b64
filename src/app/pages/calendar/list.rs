//! Posts grouped by local day, one row each: the month (`view=list`) or one day (`view=day`).
use super::accounts::{AccountDots, Accounts, names};
use super::badge::StatusBadge;
use super::chip::post_href;
use super::placement::{Chip, PER_LIST, Placed};
use super::query::{CalendarQuery, View};
use crate::app::components::alert::{Alert, Tone};
use chrono::NaiveDate;
use leptos::prelude::*;

#[component]
pub fn ListView(query: CalendarQuery, today: NaiveDate, placed: Placed, accounts: Accounts) -> impl IntoView {
    let mut days: Vec<(NaiveDate, Vec<Chip>)> = Vec::new();
    for chip in placed.chips.iter().cloned() {
        match days.last_mut() {
            Some((date, chips)) if *date == chip.local.date() => chips.push(chip),
            _ => days.push((chip.local.date(), vec![chip])),
        }
    }
    let limited = (placed.hidden() > 0).then(|| {
        let hint = if query.view == View::Day {
            "use the filters to narrow it down"
        } else {
            "open a day or use the filters to see the rest"
        };
        let message = format!("Showing the first {PER_LIST} of {} posts; {hint}.", placed.total);
        view! { <Alert tone=Tone::Info message /> }
    });
    let nothing = days.is_empty().then(|| {
        view! { <p class="rounded-2xl bg-white px-5 py-8 text-center text-sm text-slate-500 ring-1 ring-slate-200">"No posts in this period."</p> }
    });
    let groups = days
        .into_iter()
        .map(|(date, chips)| view! { <DayGroup date chips is_today=date == today query=query.clone() accounts=accounts.clone() /> })
        .collect_view();
    view! {
        <div class="space-y-6" data-testid="calendar-list">
            {limited}
            {nothing}
            {groups}
        </div>
    }
}

#[component]
fn DayGroup(
    date: NaiveDate,
    chips: Vec<Chip>,
    is_today: bool,
    query: CalendarQuery,
    accounts: Accounts,
) -> impl IntoView {
    let count = chips.len();
    let rows = chips
        .into_iter()
        .map(|chip| view! { <PostRow chip accounts=accounts.clone() /> })
        .collect_view();
    view! {
        <section data-testid="calendar-list-day" data-date=date.format("%Y-%m-%d").to_string()>
            <h3 class="mb-2 flex items-baseline gap-2 text-sm font-semibold text-slate-900">
                <a href=query.href(View::Day, Some(date)) class="hover:text-indigo-700">{date.format("%A %-d %B").to_string()}</a>
                {is_today.then(|| view! { <span class="rounded-full bg-indigo-600 px-2 py-0.5 text-xs font-medium text-white">"Today"</span> })}
                <span class="font-normal text-slate-400">{if count == 1 { "1 post".to_owned() } else { format!("{count} posts") }}</span>
            </h3>
            <ul role="list" class="divide-y divide-slate-100 overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">{rows}</ul>
        </section>
    }
}

#[component]
fn PostRow(chip: Chip, accounts: Accounts) -> impl IntoView {
    let account_names = names(&chip.accounts, &accounts);
    view! {
        <li>
            <a
                href=post_href(&chip)
                data-testid="calendar-post"
                data-post-id=chip.id.to_string()
                data-status=chip.status.as_str()
                data-kind=chip.kind.as_str()
                class="flex flex-col gap-1 px-4 py-3 hover:bg-slate-50 sm:flex-row sm:items-center sm:gap-4"
            >
                <time class="w-12 shrink-0 text-sm font-semibold text-slate-900 tabular-nums" datetime=chip.local.format("%Y-%m-%dT%H:%M").to_string()>
                    {chip.local.format("%H:%M").to_string()}
                </time>
                {chip.kind.mark().map(|mark| view! { <span class="shrink-0 text-slate-500" title=chip.kind.label() aria-label=chip.kind.label() data-testid="post-kind" data-kind=chip.kind.as_str()>{mark}</span> })}
                <span class="flex min-w-0 items-center gap-1.5 text-xs text-slate-500 sm:w-48 sm:shrink-0">
                    <AccountDots ids=chip.accounts.clone() accounts decorative=true />
                    <span class="truncate">{account_names}</span>
                </span>
                <span class="min-w-0 flex-1 truncate text-sm text-slate-700">{chip.excerpt.clone()}</span>
                <StatusBadge status=chip.status />
            </a>
        </li>
    }
}
