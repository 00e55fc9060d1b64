//! Inline outline icons (24×24, stroke); paths after Heroicons (MIT).
use leptos::prelude::*;

fn icon(path: &'static str, class: &'static str) -> AnyView {
    view! {
        <svg class=class fill="none" viewBox="0 0 24 24" stroke-width="1.5" stroke="currentColor" aria-hidden="true">
            <path stroke-linecap="round" stroke-linejoin="round" d=path />
        </svg>
    }
    .into_any()
}

pub fn logo() -> AnyView {
    view! {
        <svg class="h-8 w-8" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="8" class="fill-indigo-600" />
            <path d="M9 13.5v5a1 1 0 0 0 1 1h2l5 4v-15l-5 4h-2a1 1 0 0 0-1 1Zm11-2.5a6 6 0 0 1 0 10m2.5-12.5a9.5 9.5 0 0 1 0 15" fill="none" stroke="white" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
    }
    .into_any()
}

pub fn calendar() -> AnyView {
    icon(
        "M6.75 3v2.25M17.25 3v2.25M3 18.75V7.5a2.25 2.25 0 0 1 2.25-2.25h13.5A2.25 2.25 0 0 1 21 7.5v11.25m-18 0A2.25 2.25 0 0 0 5.25 21h13.5A2.25 2.25 0 0 0 21 18.75m-18 0v-7.5A2.25 2.25 0 0 1 5.25 9h13.5A2.25 2.25 0 0 1 21 11.25v7.5",
        "h-6 w-6",
    )
}

pub fn link() -> AnyView {
    icon(
        "M13.19 8.688a4.5 4.5 0 0 1 1.242 7.244l-4.5 4.5a4.5 4.5 0 0 1-6.364-6.364l1.757-1.757m13.35-.622 1.757-1.757a4.5 4.5 0 0 0-6.364-6.364l-4.5 4.5a4.5 4.5 0 0 0 1.242 7.244",
        "h-6 w-6",
    )
}

pub fn lock() -> AnyView {
    icon(
        "M16.5 10.5V6.75a4.5 4.5 0 1 0-9 0v3.75m-.75 11.25h10.5a2.25 2.25 0 0 0 2.25-2.25v-6.75a2.25 2.25 0 0 0-2.25-2.25H6.75a2.25 2.25 0 0 0-2.25 2.25v6.75a2.25 2.25 0 0 0 2.25 2.25Z",
        "h-6 w-6",
    )
}

pub fn menu() -> AnyView {
    icon("M3.75 6.75h16.5M3.75 12h16.5m-16.5 5.25h16.5", "h-6 w-6")
}

pub fn chevron_down() -> AnyView {
    icon("m19.5 8.25-7.5 7.5-7.5-7.5", "h-4 w-4")
}

pub fn bell() -> AnyView {
    icon(
        "M14.857 17.082a23.848 23.848 0 0 0 5.454-1.31A8.967 8.967 0 0 1 18 9.75V9A6 6 0 0 0 6 9v.75a8.967 8.967 0 0 1-2.312 6.022c1.733.64 3.56 1.085 5.455 1.31m5.714 0a24.255 24.255 0 0 1-5.714 0m5.714 0a3 3 0 1 1-5.714 0",
        "h-6 w-6",
    )
}

pub fn check() -> AnyView {
    icon("m4.5 12.75 6 6 9-13.5", "h-6 w-6")
}
