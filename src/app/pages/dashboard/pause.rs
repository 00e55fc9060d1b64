//! Pausing all of the workspace's publishing (owners and admins), and saying so while paused.
use super::Board;
use crate::app::components::field::SECONDARY_BUTTON;
use leptos::prelude::*;

#[component]
pub fn WorkspacePause(board: Board) -> impl IntoView {
    let paused = move || board.overview.with(|o| o.workspace_paused);
    board.can_manage.then(|| {
        view! {
            <Show when=move || !paused()>
                <ActionForm action=board.actions.pause_workspace>
                    <input type="hidden" name="paused" value="true" />
                    <button type="submit" class=SECONDARY_BUTTON>"Pause all publishing"</button>
                </ActionForm>
            </Show>
        }
    })
}

#[component]
pub fn PausedBanner(board: Board) -> impl IntoView {
    let paused = move || board.overview.with(|o| o.workspace_paused);
    view! {
        <Show when=paused>
            <div role="status" class="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="workspace-paused">
                <p>"Publishing is paused for this workspace. Nothing goes out until it is resumed; posts due meanwhile wait here as held."</p>
                {board.can_manage.then(|| view! {
                    <ActionForm action=board.actions.pause_workspace>
                        <input type="hidden" name="paused" value="false" />
                        <button type="submit" class=SECONDARY_BUTTON>"Resume publishing"</button>
                    </ActionForm>
                })}
            </div>
        </Show>
    }
}
