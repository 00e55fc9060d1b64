//! The composer: write a post once, adapt it per network, schedule it in a time zone.
mod accounts_picker;
mod draft;
mod editor;
mod evergreen;
mod form;
mod images;
mod in_series;
mod post_actions;
pub mod preview;
mod reflow_ask;
mod repeat;
mod rule_fields;
mod when;

use super::header::PageHeader;
use crate::api::accounts::list_accounts;
use crate::api::posts::get_post;
use crate::app::components::alert::{Alert, Tone};
use crate::app::components::comment_thread::Thread;
use crate::app::shell::current_viewer;
use crate::domain::post::PostStatus;
use crate::domain::role::Permission;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

#[component]
pub fn ComposePage() -> impl IntoView {
    let query = use_query_map();
    let post_id = Memo::new(move |_| {
        query
            .with(|q| q.get("post"))
            .and_then(|id| id.parse::<Uuid>().ok())
    });
    let saved = Memo::new(move |_| query.with(|q| q.get("saved")).and_then(|s| saved_message(&s)));
    let accounts = Resource::new(|| (), |_| list_accounts());
    // The outcome in the address ("queued", "repeated") means the post changed: load it again.
    let outcome = Memo::new(move |_| query.with(|q| q.get("saved")));
    let post = Resource::new(
        move || (post_id.get(), outcome.get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_post(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let viewer = current_viewer();
    let can_edit = viewer.as_ref().is_some_and(|v| v.role().can(Permission::Edit));
    let can_write = viewer
        .as_ref()
        .is_some_and(|v| v.role().can(Permission::Contribute));
    let home_zone = viewer
        .map(|v| v.workspace_timezone)
        .unwrap_or_else(|| "UTC".to_owned());
    view! {
        // A fixed text per render: leptos_meta reads a reactive title after the page's own
        // arena is gone, so a signal read there panics when pages render side by side.
        {move || view! { <Title text=if post_id.get().is_some() { "Edit post" } else { "Compose" } /> }}
        <PageHeader title="Compose" description="Write once, adapt per network, and pick when it goes out." />
        {move || saved.get().map(|message| view! { <div class="mb-6"><Alert tone=Tone::Success message /></div> })}
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading the composer…"</p> }>
            {move || {
                let home_zone = home_zone.clone();
                Suspend::new(async move {
                    match (accounts.await, post.await) {
                        (Ok(accounts), Ok(post)) => {
                            view! { <form::ComposerForm accounts post home_zone can_edit can_write /> }.into_any()
                        }
                        (Err(error), _) | (_, Err(error)) => {
                            view! { <Alert tone=Tone::Error message=error.to_string() /> }.into_any()
                        }
                    }
                })
            }}
        </Transition>
        {move || post_id.get().map(|id| view! {
            <div class="mt-10 max-w-3xl border-t border-slate-200 pt-6">
                <Thread post_id=id can_comment=can_write />
            </div>
        })}
    }
}

/// What `?saved=` says: a post's new status, or `queued`.
fn saved_message(saved: &str) -> Option<String> {
    match saved {
        "queued" => {
            return Some(
                "Added to the queue: it takes the next free posting slot of each account.".to_owned(),
            );
        }
        "repeated" => return Some("Repeating: the next 30 days of posts are on the calendar.".to_owned()),
        "evergreen" => {
            return Some(
                "In the evergreen pool: it fills posting slots nobody filled, a set time ahead.".to_owned(),
            );
        }
        "not_evergreen" => {
            return Some("Taken out of the evergreen pool; shares already made stay.".to_owned());
        }
        _ => {}
    }
    let status = saved.parse::<PostStatus>().ok()?;
    Some(match status {
        PostStatus::Draft => "Saved as a draft.".to_owned(),
        PostStatus::Scheduled => "Scheduled. It waits on the calendar until its time.".to_owned(),
        PostStatus::InReview => "Submitted for review. The approvers have been told.".to_owned(),
        other => format!("Saved ({}).", other.label().to_lowercase()),
    })
}
