use super::badges::{AuditLink, Bell, ReviewLink};
use super::user_menu::UserMenu;
use super::workspace_switcher::WorkspaceSwitcher;
use crate::api::auth::Viewer;
use crate::app::components::icons;
use leptos::prelude::*;
use leptos_router::components::A;

const LINKS: [(&str, &str); 7] = [
    ("/calendar", "Calendar"),
    ("/compose", "Compose"),
    ("/drafts", "Drafts"),
    ("/dashboard", "Dashboard"),
    ("/accounts", "Accounts"),
    ("/team", "Team"),
    ("/settings", "Settings"),
];

const DESKTOP_LINK: &str = "flex items-center rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 aria-[current=page]:bg-indigo-50 aria-[current=page]:text-indigo-700";
const MOBILE_LINK: &str = "flex items-center rounded-md px-3 py-2 text-base font-medium text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-indigo-50 aria-[current=page]:text-indigo-700";

#[component]
pub fn TopNav(viewer: Viewer) -> impl IntoView {
    let desktop_links = links(
        "rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 aria-[current=page]:bg-indigo-50 aria-[current=page]:text-indigo-700",
    );
    let mobile_links = links(
        "block rounded-md px-3 py-2 text-base font-medium text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-indigo-50 aria-[current=page]:text-indigo-700",
    );
    view! {
        <header class="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur">
            <div class="mx-auto flex h-16 max-w-7xl items-center gap-4 px-4 sm:px-6 lg:px-8">
                <a href="/calendar" class="flex shrink-0 items-center gap-2 font-bold tracking-tight text-slate-900">
                    {icons::logo()}
                    <span class="hidden sm:inline">"Herald"</span>
                </a>
                <WorkspaceSwitcher viewer=viewer.clone() />
                <nav aria-label="Main" class="hidden flex-1 items-center gap-1 lg:flex">
                    {desktop_links}
                    <ReviewLink class=DESKTOP_LINK />
                    <AuditLink viewer=viewer.clone() class=DESKTOP_LINK />
                </nav>
                <div class="ml-auto flex items-center gap-2">
                    <Bell />
                    <UserMenu viewer=viewer.clone() />
                    // <details> opens without JavaScript, so the phone menu works before hydration.
                    <details class="group relative lg:hidden">
                        <summary aria-label="Menu" class="flex cursor-pointer list-none items-center rounded-md p-2 text-slate-600 hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
                            {icons::menu()}
                        </summary>
                        <nav aria-label="Main (mobile)" class="absolute right-0 mt-2 w-56 rounded-xl bg-white p-2 shadow-lg ring-1 ring-slate-200">
                            {mobile_links}
                            <ReviewLink class=MOBILE_LINK />
                            <AuditLink viewer=viewer.clone() class=MOBILE_LINK />
                        </nav>
                    </details>
                </div>
            </div>
        </header>
    }
}

fn links(class: &'static str) -> impl IntoView {
    LINKS
        .iter()
        .map(|(href, label)| view! { <A href=*href attr:class=class>{*label}</A> })
        .collect_view()
}
