//! One target on the dashboard: where it goes, what it says, where it stands, and what a
//! person can do about it.
use super::Board;
use crate::api::dashboard::TargetRow;
use crate::api::dashboard::{ResolveTarget, TargetAction};
use crate::app::components::field::{INPUT_CLASS, SECONDARY_BUTTON};
use crate::domain::post::TargetStatus;
use crate::domain::schedule::label;
use leptos::prelude::*;

#[component]
pub fn TargetItem(row: TargetRow, board: Board) -> impl IntoView {
    let zone = board.zone;
    let when = match row.status {
        TargetStatus::Published => row
            .published_at
            .map(|at| format!("Published {}", label(at, &zone))),
        TargetStatus::Retrying => row.due_at.map(|at| format!("Next try {}", label(at, &zone))),
        _ => row.due_at.map(|at| format!("Due {}", label(at, &zone))),
    };
    let attempts = (row.attempts > 0 && row.status != TargetStatus::Published).then(|| {
        let plural = if row.attempts == 1 { "" } else { "s" };
        format!("{} attempt{plural}", row.attempts)
    });
    let error_tone = if row.status == TargetStatus::Failed {
        "text-red-700"
    } else {
        "text-amber-800"
    };
    let error = row
        .last_error
        .clone()
        .map(|error| view! { <p class=format!("mt-1 text-sm {error_tone}") data-testid="target-error">{error}</p> });
    let link = row.remote_url.clone().map(|url| {
        view! {
            <a href=url target="_blank" rel="noopener noreferrer" class="mt-1 inline-block text-sm font-semibold text-indigo-600 hover:text-indigo-500" data-testid="published-link">
                "View the post ↗"
            </a>
        }
    });
    let controls = board
        .can_edit
        .then(|| view! { <TargetControls id=row.id status=row.status action=board.actions.resolve /> });
    view! {
        <li class="flex flex-col gap-3 py-3 sm:flex-row sm:items-start" data-testid="target-row" data-target-id=row.id.to_string() data-status=row.status.as_str()>
            <span class="mt-1.5 hidden h-2.5 w-2.5 shrink-0 rounded-full sm:block" style=format!("background-color: {}", row.colour) aria-hidden="true"></span>
            <div class="min-w-0 flex-1">
                <div class="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                    <span class="font-semibold text-slate-900">{row.account_name.clone()}</span>
                    <span class="text-slate-500">{row.platform.label()}</span>
                    <span class="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700" data-testid="target-status">{row.status.label()}</span>
                    {attempts.map(|text| view! { <span class="text-xs text-slate-500">{text}</span> })}
                </div>
                <a href=format!("/compose?post={}", row.post_id) class="mt-1 block truncate text-sm text-slate-700 hover:text-indigo-600">{row.excerpt.clone()}</a>
                {when.map(|text| view! { <p class="text-xs text-slate-500">{text}</p> })}
                {error}
                {link}
            </div>
            {controls}
        </li>
    }
}

/// The moves the state machine allows from here (the server checks them again).
#[component]
fn TargetControls(
    id: uuid::Uuid,
    status: TargetStatus,
    action: ServerAction<ResolveTarget>,
) -> impl IntoView {
    use TargetStatus::*;
    let button = move |kind: TargetAction, text: &'static str| {
        view! {
            <ActionForm action>
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="action" value=kind.as_str() />
                <button type="submit" class=SECONDARY_BUTTON>{text}</button>
            </ActionForm>
        }
    };
    let controls = match status {
        Failed => {
            view! { {button(TargetAction::PublishAgain, "Retry")} {button(TargetAction::Cancel, "Cancel")} }
                .into_any()
        }
        Unknown | Missed => view! {
            {button(TargetAction::PublishAgain, "Publish again")}
            <MarkPublished id action />
            {button(TargetAction::Cancel, "Cancel")}
        }
        .into_any(),
        Scheduled | Retrying | Paused => button(TargetAction::Cancel, "Cancel").into_any(),
        Draft | Publishing | Published | Cancelled => ().into_any(),
    };
    view! { <div class="flex flex-wrap items-start gap-2 sm:justify-end">{controls}</div> }
}

/// "It did go out": the person gives the live post's link.
#[component]
fn MarkPublished(id: uuid::Uuid, action: ServerAction<ResolveTarget>) -> impl IntoView {
    let field = format!("mark-published-{id}");
    view! {
        <details class="group">
            <summary class=format!("{SECONDARY_BUTTON} cursor-pointer list-none")>"Mark published"</summary>
            <ActionForm action attr:class="mt-2 flex w-72 flex-col gap-2">
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="action" value=TargetAction::MarkPublished.as_str() />
                <label for=field.clone() class="text-xs text-slate-600">"Link to the live post"</label>
                <input id=field name="url" type="url" required placeholder="https://…" class=INPUT_CLASS />
                <button type="submit" class=SECONDARY_BUTTON>"Save"</button>
            </ActionForm>
        </details>
    }
}
