//! Seven days by 24 hours; each hour a drop target.
use super::accounts::Accounts;
use super::chip::PostChip;
use super::drag::Drag;
use super::load::OpenSlot;
use super::month::WEEKDAYS;
use super::period::Period;
use super::placement::{Chip, Placed, Slot};
use super::query::{CalendarQuery, View};
use chrono::{NaiveDate, Timelike};
use leptos::prelude::*;
use std::collections::HashMap;

#[component]
pub fn WeekView(
    query: CalendarQuery,
    today: NaiveDate,
    placed: Placed,
    open_slots: Vec<OpenSlot>,
    accounts: Accounts,
    drag: Drag,
) -> impl IntoView {
    let mut open_by_slot: HashMap<Slot, Vec<OpenSlot>> = HashMap::new();
    for open in open_slots {
        let slot = Slot {
            date: open.local.date(),
            hour: Some(open.local.hour()),
        };
        open_by_slot.entry(slot).or_default().push(open);
    }
    let days: Vec<NaiveDate> = Period::of(View::Week, query.date).dates().collect();
    let mut by_slot: HashMap<Slot, Vec<Chip>> = HashMap::new();
    for chip in placed.chips.iter().cloned() {
        let slot = Slot {
            date: chip.local.date(),
            hour: Some(chip.local.hour()),
        };
        by_slot.entry(slot).or_default().push(chip);
    }
    let headers = days
        .iter()
        .zip(WEEKDAYS)
        .map(|(date, name)| {
            let class = if *date == today {
                "text-indigo-700"
            } else {
                "text-slate-600"
            };
            view! {
                <a
                    href=query.href(View::Day, Some(*date))
                    aria-current=(*date == today).then_some("date")
                    class=format!("bg-slate-50 px-2 py-2 text-xs font-semibold hover:bg-slate-100 {class}")
                >
                    {format!("{name} {}", date.format("%-d"))}
                </a>
            }
        })
        .collect_view();
    let rows = (0..24u32)
        .map(|hour| {
            let slots = days
                .iter()
                .map(|date| {
                    let slot = Slot {
                        date: *date,
                        hour: Some(hour),
                    };
                    let chips = by_slot.remove(&slot).unwrap_or_default();
                    let open = open_by_slot.remove(&slot).unwrap_or_default();
                    view! {
                        <HourSlot cell=slot chips open hidden=placed.hidden_in(slot) query=query.clone() accounts=accounts.clone() drag />
                    }
                })
                .collect_view();
            view! {
                <div class="bg-white px-2 py-1 text-right text-xs text-slate-400 tabular-nums">{format!("{hour:02}:00")}</div>
                {slots}
            }
        })
        .collect_view();
    view! {
        <div class="relative overflow-x-auto rounded-2xl bg-white shadow-sm ring-1 ring-slate-200" data-testid="calendar-week">
            <div class="grid min-w-[52rem] grid-cols-[3.5rem_repeat(7,minmax(0,1fr))] gap-px bg-slate-200">
                <div class="bg-slate-50"></div>
                {headers}
                {rows}
            </div>
        </div>
    }
}

#[component]
fn HourSlot(
    cell: Slot,
    chips: Vec<Chip>,
    open: Vec<OpenSlot>,
    hidden: usize,
    query: CalendarQuery,
    accounts: Accounts,
    drag: Drag,
) -> impl IntoView {
    let open = open
        .into_iter()
        .map(|slot| {
            let colour = accounts
                .iter()
                .find(|a| a.id == slot.account_id)
                .map_or_else(|| "#94a3b8".to_owned(), |a| a.colour.clone());
            let time = slot.local.format("%H:%M").to_string();
            view! {
                <li
                    class="flex items-center gap-1 rounded-md border border-dashed border-slate-300 px-1 text-xs text-slate-400"
                    data-testid="calendar-open-slot"
                    data-time=time.clone()
                    title="An empty posting slot: “Add to queue” fills it"
                >
                    <span class="h-1.5 w-1.5 rounded-full" style=format!("background-color: {colour}") aria-hidden="true" />
                    {format!("{time} open slot")}
                </li>
                {(slot.folded > 0).then(|| view! {
                    <li class="px-1 text-xs text-slate-400" data-testid="calendar-open-more">{format!("+{} open", slot.folded)}</li>
                })}
            }
        })
        .collect_view();
    let chips = chips
        .into_iter()
        .map(|chip| view! { <li><PostChip chip accounts=accounts.clone() drag /></li> })
        .collect_view();
    let more = (hidden > 0).then(|| {
        view! {
            <a href=query.href(View::Day, Some(cell.date)) class="block rounded-md px-1 text-xs font-medium text-indigo-600 hover:bg-indigo-50" data-testid="calendar-more">
                {format!("+{hidden} more")}
            </a>
        }
    });
    let zone = query.zone;
    view! {
        <div
            data-testid="calendar-slot"
            data-date=cell.date.format("%Y-%m-%d").to_string()
            data-hour=cell.hour.unwrap_or_default().to_string()
            class=move || {
                let highlight = if drag.is_over(cell) { "bg-indigo-50 ring-2 ring-inset ring-indigo-400" } else { "bg-white" };
                format!("min-h-10 min-w-0 p-0.5 {highlight}")
            }
            on:dragover=move |event| drag.over(&event, cell)
            on:dragleave=move |_| drag.leave(cell)
            on:drop=move |event| drag.drop(&event, cell, zone)
        >
            <ul class="space-y-0.5">{chips}{open}</ul>
            {more}
        </div>
    }
}
