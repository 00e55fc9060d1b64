//! A post in a grid cell: account dots, local time, excerpt and status. A link to the post, and
//! draggable for people who may move it.
use super::accounts::{AccountDots, Accounts};
use super::badge::StatusBadge;
use super::drag::Drag;
use super::placement::Chip;
use crate::domain::post::PostStatus;
use leptos::prelude::*;

pub fn post_href(chip: &Chip) -> String {
    format!("/compose?post={}", chip.id)
}

#[component]
pub fn PostChip(chip: Chip, accounts: Accounts, drag: Drag) -> impl IntoView {
    let movable = drag.can_move(&chip);
    let cancelled = if chip.status == PostStatus::Cancelled {
        "line-through"
    } else {
        ""
    };
    let cursor = if movable {
        "cursor-grab active:cursor-grabbing"
    } else {
        ""
    };
    let dragged = chip.clone();
    view! {
        <a
            href=post_href(&chip)
            data-testid="calendar-post"
            data-post-id=chip.id.to_string()
            data-status=chip.status.as_str()
            data-kind=chip.kind.as_str()
            draggable=if movable { "true" } else { "false" }
            on:dragstart=move |event| drag.start(&event, &dragged)
            on:dragend=move |_| drag.end()
            title=chip.excerpt.clone()
            class=format!("flex min-w-0 items-center gap-1 rounded-md px-1 py-0.5 text-xs hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 {cursor}")
        >
            <AccountDots ids=chip.accounts.clone() accounts />
            <time class="shrink-0 font-semibold text-slate-900 tabular-nums" datetime=chip.local.format("%Y-%m-%dT%H:%M").to_string()>
                {chip.local.format("%H:%M").to_string()}
            </time>
            {chip.kind.mark().map(|mark| view! { <span class="shrink-0 text-slate-500" title=chip.kind.label() aria-label=chip.kind.label() data-testid="post-kind" data-kind=chip.kind.as_str()>{mark}</span> })}
            <span class=format!("min-w-0 flex-1 truncate text-slate-600 {cancelled}")>{chip.excerpt.clone()}</span>
            <StatusBadge status=chip.status compact=true />
        </a>
    }
}
