//! The navigation's live numbers: posts waiting for review, unread notifications, and the
//! Audit link for owners and admins. Reloaded on every navigation.
use crate::api::auth::Viewer;
use crate::api::notifications::unread_notifications;
use crate::api::review::review_count;
use crate::app::components::icons;
use crate::domain::role::Permission;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

fn count_badge(count: i64, label: &'static str, testid: &'static str) -> Option<AnyView> {
    (count > 0).then(|| {
        view! {
            <span
                class="ml-1.5 inline-flex min-w-5 items-center justify-center rounded-full bg-rose-600 px-1.5 text-xs font-semibold text-white"
                data-testid=testid
                aria-label=format!("{count} {label}")
            >
                {count}
            </span>
        }
        .into_any()
    })
}

/// "Needs review" with the number of posts waiting, for the main navigation.
#[component]
pub fn ReviewLink(#[prop(into)] class: String) -> impl IntoView {
    let location = use_location();
    let count = Resource::new(move || location.pathname.get(), |_| review_count());
    view! {
        <A href="/review" attr:class=class attr:data-testid="nav-review">
            "Needs review"
            <Transition fallback=|| ()>
                {move || count.get().and_then(Result::ok).and_then(|n| count_badge(n, "waiting", "review-badge"))}
            </Transition>
        </A>
    }
}

/// Audit, shown to those who may read it.
#[component]
pub fn AuditLink(viewer: Viewer, #[prop(into)] class: String) -> impl IntoView {
    viewer
        .role()
        .can(Permission::ManageTeam)
        .then(|| view! { <A href="/audit" attr:class=class>"Audit"</A> })
}

/// The bell: unread notifications, and the way to the list.
#[component]
pub fn Bell() -> impl IntoView {
    let location = use_location();
    let unread = Resource::new(move || location.pathname.get(), |_| unread_notifications());
    view! {
        <a href="/notifications" class="relative flex items-center rounded-full p-2 text-slate-600 hover:bg-slate-100" aria-label="Notifications" data-testid="bell">
            {icons::bell()}
            <Transition fallback=|| ()>
                {move || unread.get().and_then(Result::ok).and_then(|n| count_badge(n, "unread", "unread-count"))}
            </Transition>
        </a>
    }
}
