use crate::api::auth::{SignOut, Viewer};
use crate::app::components::icons;
use leptos::prelude::*;

#[component]
pub fn UserMenu(viewer: Viewer) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    let initials: String = viewer
        .name
        .split_whitespace()
        .filter_map(|word| word.chars().next())
        .take(2)
        .collect::<String>()
        .to_uppercase();
    view! {
        <details class="relative">
            <summary aria-label="Account menu" class="flex cursor-pointer list-none items-center gap-2 rounded-full p-1 hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
                <span class="flex h-8 w-8 items-center justify-center rounded-full bg-indigo-600 text-xs font-semibold text-white">{initials}</span>
                <span class="hidden text-slate-500 sm:block">{icons::chevron_down()}</span>
            </summary>
            <div class="absolute right-0 z-40 mt-2 w-64 rounded-xl bg-white p-2 shadow-lg ring-1 ring-slate-200">
                <div class="px-3 py-2">
                    <p class="truncate text-sm font-medium text-slate-900" data-testid="viewer-name">{viewer.name.clone()}</p>
                    <p class="truncate text-xs text-slate-500">{viewer.email.clone()}</p>
                    <p class="mt-1 text-xs text-slate-500">
                        {viewer.role().label()} " in " {viewer.workspace.name.clone()}
                    </p>
                </div>
                <div class="my-1 h-px bg-slate-100" />
                <ActionForm action=sign_out>
                    <button type="submit" class="w-full rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100">
                        "Sign out"
                    </button>
                </ActionForm>
            </div>
        </details>
    }
}
