//! Six weeks, Monday first; each day shows its first posts and how many more there are.
use super::accounts::Accounts;
use super::chip::PostChip;
use super::drag::Drag;
use super::period::Period;
use super::placement::{Chip, Placed, Slot};
use super::query::{CalendarQuery, View};
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use std::collections::HashMap;

pub const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

#[component]
pub fn MonthView(
    query: CalendarQuery,
    today: NaiveDate,
    placed: Placed,
    accounts: Accounts,
    drag: Drag,
) -> impl IntoView {
    let mut by_day: HashMap<NaiveDate, Vec<Chip>> = HashMap::new();
    for chip in placed.chips.iter().cloned() {
        by_day.entry(chip.local.date()).or_default().push(chip);
    }
    let headers = WEEKDAYS
        .iter()
        .map(|name| view! { <div class="bg-slate-50 px-2 py-2 text-xs font-semibold text-slate-500">{*name}</div> })
        .collect_view();
    let cells = Period::of(View::Month, query.date)
        .dates()
        .map(|date| {
            let slot = Slot { date, hour: None };
            let chips = by_day.remove(&date).unwrap_or_default();
            view! {
                <DayCell
                    cell=slot
                    chips
                    hidden=placed.hidden_in(slot)
                    in_month=date.month() == query.date.month()
                    is_today=date == today
                    query=query.clone()
                    accounts=accounts.clone()
                    drag
                />
            }
        })
        .collect_view();
    // Narrow screens scroll the grid sideways inside its frame, never the page (`relative` keeps
    // the screen-reader-only names, which are absolutely positioned, inside the frame too).
    view! {
        <div class="relative overflow-x-auto rounded-2xl bg-white shadow-sm ring-1 ring-slate-200" data-testid="calendar-month">
            <div class="grid min-w-[48rem] grid-cols-7 gap-px bg-slate-200">
                {headers}
                {cells}
            </div>
        </div>
    }
}

#[component]
fn DayCell(
    cell: Slot,
    chips: Vec<Chip>,
    hidden: usize,
    in_month: bool,
    is_today: bool,
    query: CalendarQuery,
    accounts: Accounts,
    drag: Drag,
) -> impl IntoView {
    let date = cell.date;
    let day_href = query.href(View::Day, Some(date));
    let background = if in_month { "bg-white" } else { "bg-slate-50" };
    let number = if is_today {
        "bg-indigo-600 text-white"
    } else if in_month {
        "text-slate-900 hover:bg-slate-100"
    } else {
        "text-slate-400 hover:bg-slate-100"
    };
    let chips = chips
        .into_iter()
        .map(|chip| view! { <li><PostChip chip accounts=accounts.clone() drag /></li> })
        .collect_view();
    let more = (hidden > 0).then(|| {
        view! {
            <a href=day_href.clone() class="mt-1 block rounded-md px-1 text-xs font-medium text-indigo-600 hover:bg-indigo-50" data-testid="calendar-more">
                {format!("+{hidden} more")}
            </a>
        }
    });
    let zone = query.zone;
    view! {
        <div
            data-testid="calendar-day"
            data-date=date.format("%Y-%m-%d").to_string()
            class=move || {
                let highlight = if drag.is_over(cell) { "bg-indigo-50 ring-2 ring-inset ring-indigo-400" } else { background };
                format!("min-h-28 min-w-0 p-1.5 {highlight}")
            }
            on:dragover=move |event| drag.over(&event, cell)
            on:dragleave=move |_| drag.leave(cell)
            on:drop=move |event| drag.drop(&event, cell, zone)
        >
            <a
                href=day_href
                aria-current=is_today.then_some("date")
                aria-label=date.format("%A %-d %B %Y").to_string()
                class=format!("inline-flex h-6 min-w-6 items-center justify-center rounded-full px-1 text-xs font-semibold {number}")
            >
                {date.day()}
            </a>
            <ul class="mt-1 space-y-0.5">{chips}</ul>
            {more}
        </div>
    }
}
