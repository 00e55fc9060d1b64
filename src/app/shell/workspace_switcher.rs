use crate::api::auth::{SwitchWorkspace, Viewer};
use crate::app::components::icons;
use leptos::prelude::*;

/// Shows the current workspace; people in several workspaces pick another here.
#[component]
pub fn WorkspaceSwitcher(viewer: Viewer) -> impl IntoView {
    let switch = ServerAction::<SwitchWorkspace>::new();
    let current = viewer.workspace.clone();
    let label = view! {
        <span class="max-w-40 truncate text-sm font-semibold text-slate-900" data-testid="current-workspace">{current.name.clone()}</span>
    };
    if viewer.workspaces.len() < 2 {
        return view! { <div class="flex min-w-0 items-center border-l border-slate-200 pl-4">{label}</div> }
            .into_any();
    }
    let others = viewer
        .workspaces
        .into_iter()
        .filter(|w| w.id != current.id)
        .map(|workspace| {
            view! {
                <ActionForm action=switch>
                    <input type="hidden" name="workspace_id" value=workspace.id.to_string() />
                    <button type="submit" class="flex w-full items-center justify-between gap-3 rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100">
                        <span class="truncate">{workspace.name}</span>
                        <span class="text-xs text-slate-400">{workspace.role.label()}</span>
                    </button>
                </ActionForm>
            }
        })
        .collect_view();
    view! {
        <details class="relative min-w-0 border-l border-slate-200 pl-4">
            <summary aria-label="Switch workspace" class="flex cursor-pointer list-none items-center gap-1 rounded-md px-2 py-1 hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
                {label}
                <span class="text-slate-400">{icons::chevron_down()}</span>
            </summary>
            <div class="absolute left-4 z-40 mt-2 w-64 rounded-xl bg-white p-2 shadow-lg ring-1 ring-slate-200">
                <p class="px-3 py-1 text-xs font-medium uppercase tracking-wide text-slate-400">"Switch workspace"</p>
                {others}
            </div>
        </details>
    }
    .into_any()
}
