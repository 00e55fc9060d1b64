use super::evergreen_pool::EvergreenPool;
use super::header::PageHeader;
use super::network_apps::NetworkApps;
use crate::api::evergreen::{UpdateEvergreenPool, evergreen_pool};
use crate::api::settings::{UpdateApprovals, UpdateWorkspace, WorkspaceSettingsView, workspace_settings};
use crate::app::components::alert::{Alert, Tone, action_error};
use crate::app::components::field::{CheckboxRow, INPUT_CLASS};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let update = ServerAction::<UpdateWorkspace>::new();
    let approvals = ServerAction::<UpdateApprovals>::new();
    let pool_update = ServerAction::<UpdateEvergreenPool>::new();
    let data = Resource::new(
        move || (update.version().get(), approvals.version().get()),
        |_| workspace_settings(),
    );
    // Loaded beside the settings at the page's level, so the page hydrates as it rendered.
    let pool = Resource::new(move || pool_update.version().get(), |_| evergreen_pool());
    view! {
        <Title text="Settings" />
        <PageHeader title="Settings" description="This workspace's name, home time zone, approvals and evergreen pool." />
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match (data.await, pool.await) {
                    (Ok(settings), Ok(pool)) => view! {
                        <WorkspaceForm settings=settings.clone() update />
                        <ApprovalsForm settings=settings.clone() approvals />
                        <EvergreenPool pool can_edit=settings.can_edit update=pool_update />
                    }
                    .into_any(),
                    (Err(error), _) | (_, Err(error)) => view! { <Alert tone=Tone::Error message=error.to_string() /> }.into_any(),
                }
            })}
        </Transition>
        <NetworkApps />
    }
}

#[component]
fn WorkspaceForm(settings: WorkspaceSettingsView, update: ServerAction<UpdateWorkspace>) -> impl IntoView {
    let saved = move || matches!(update.value().get(), Some(Ok(())));
    let disabled = !settings.can_edit;
    let current_zone = settings.timezone.clone();
    let zones = settings
        .zones
        .iter()
        .map(|zone| view! { <option value=zone.clone() selected=*zone == current_zone>{zone.clone()}</option> })
        .collect_view();
    view! {
        <div class="max-w-2xl rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
            <h2 class="text-base font-semibold text-slate-900">"Workspace"</h2>
            {disabled.then(|| view! {
                <p class="mt-1 text-sm text-slate-500" data-testid="settings-read-only">"Only owners and admins can change these settings."</p>
            })}
            <ActionForm action=update attr:class="mt-6 space-y-5">
                {action_error(update)}
                {move || saved().then(|| view! { <Alert tone=Tone::Success message="Settings saved." /> })}
                <div>
                    <label for="workspace-name" class="block text-sm font-medium text-slate-700">"Name"</label>
                    <input id="workspace-name" name="name" value=settings.name.clone() disabled=disabled required class=format!("{INPUT_CLASS} mt-1.5") />
                </div>
                <div>
                    <label for="workspace-timezone" class="block text-sm font-medium text-slate-700">"Home time zone"</label>
                    <select id="workspace-timezone" name="timezone" disabled=disabled class=format!("{INPUT_CLASS} mt-1.5")>{zones}</select>
                    <p class="mt-1.5 text-xs text-slate-500">"New posts are scheduled in this zone unless you pick another."</p>
                </div>
                {(!disabled).then(|| view! {
                    <button type="submit" class="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500">"Save"</button>
                })}
            </ActionForm>
        </div>
    }
}

/// Who needs approval before a post goes out, and whether one may approve one's own.
#[component]
fn ApprovalsForm(settings: WorkspaceSettingsView, approvals: ServerAction<UpdateApprovals>) -> impl IntoView {
    let saved = move || matches!(approvals.value().get(), Some(Ok(())));
    let disabled = !settings.can_edit;
    let policy = settings.approvals;
    let row = move |name: &'static str, checked: bool, label: &'static str, hint: &'static str| {
        view! { <CheckboxRow name checked disabled label hint /> }
    };
    view! {
        <div class="mt-8 max-w-2xl rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
            <h2 class="text-base font-semibold text-slate-900">"Approvals"</h2>
            <ActionForm action=approvals attr:class="mt-4 space-y-4">
                {action_error(approvals)}
                {move || saved().then(|| view! { <Alert tone=Tone::Success message="Approval settings saved." /> })}
                {row("required", policy.required, "Posts need approval", "Contributors' posts wait for an owner, admin or editor before they are scheduled.")}
                {row("editors_need_approval", policy.editors_need_approval, "Editors' posts need approval too", "Only while posts need approval; owners and admins never wait.")}
                {row("self_approval", policy.self_approval, "Approvers may approve their own posts", "Off: someone else has to approve.")}
                {(!disabled).then(|| view! {
                    <button type="submit" class="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500">"Save approvals"</button>
                })}
            </ActionForm>
        </div>
    }
}
