//! Status badges: one colour per status, so a failed post stands out on a busy day.
use crate::domain::post::PostStatus;
use leptos::prelude::*;

fn colours(status: PostStatus) -> &'static str {
    match status {
        PostStatus::Draft => "bg-violet-50 text-violet-700 ring-violet-200",
        PostStatus::InReview => "bg-yellow-50 text-yellow-800 ring-yellow-300",
        PostStatus::ChangesRequested => "bg-fuchsia-50 text-fuchsia-700 ring-fuchsia-200",
        PostStatus::Approved => "bg-teal-50 text-teal-700 ring-teal-200",
        PostStatus::Scheduled => "bg-indigo-50 text-indigo-700 ring-indigo-200",
        PostStatus::Publishing => "bg-sky-50 text-sky-700 ring-sky-200",
        PostStatus::Published => "bg-emerald-50 text-emerald-700 ring-emerald-200",
        PostStatus::PartiallyFailed => "bg-amber-50 text-amber-800 ring-amber-300",
        PostStatus::Failed => "bg-red-50 text-red-700 ring-red-200",
        PostStatus::Unknown => "bg-orange-50 text-orange-800 ring-orange-300",
        PostStatus::Missed => "bg-rose-50 text-rose-700 ring-rose-200",
        PostStatus::Cancelled => "bg-slate-100 text-slate-500 ring-slate-200",
    }
}

/// `compact` for grid chips, where scheduled (the usual case) needs no badge.
#[component]
pub fn StatusBadge(status: PostStatus, #[prop(optional)] compact: bool) -> impl IntoView {
    let size = if compact {
        "px-1 text-[0.625rem] leading-4"
    } else {
        "px-2 py-0.5 text-xs"
    };
    (!compact || status != PostStatus::Scheduled).then(|| {
        view! {
            <span
                class=format!("inline-flex w-fit shrink-0 items-center rounded-full font-medium ring-1 {size} {}", colours(status))
                data-testid="post-status"
            >
                {status.label()}
            </span>
        }
    })
}
