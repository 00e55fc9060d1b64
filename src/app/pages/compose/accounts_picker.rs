use super::draft::Draft;
use crate::app::components::empty_state::EmptyState;
use crate::app::components::icons;
use crate::domain::account::AccountState;
use leptos::prelude::*;

/// "Post to": one row per account. Every row sends its account id; a ticked box adds
/// `selected=true` (see `TargetForm`).
#[component]
pub fn AccountsPicker(draft: Draft) -> impl IntoView {
    let accounts = draft.accounts.get_value();
    if accounts.is_empty() {
        return view! {
            <EmptyState icon=icons::link title="No accounts yet" message="Connect an account to post to it.">
                <a href="/accounts" class="text-sm font-semibold text-indigo-600 hover:text-indigo-500">"Connect an account"</a>
            </EmptyState>
        }
        .into_any();
    }
    let rows = accounts
        .into_iter()
        .enumerate()
        .map(|(index, account)| {
            let id = account.id;
            let unusable = match account.state {
                AccountState::Connected => None,
                AccountState::Paused => Some("paused"),
                AccountState::NeedsReauth => Some("needs new credentials"),
            };
            view! {
                <label class="flex cursor-pointer items-center gap-3 rounded-lg px-3 py-2 ring-1 ring-slate-200 has-checked:bg-indigo-50 has-checked:ring-indigo-300">
                    <input type="hidden" name=format!("targets[{index}][account_id]") value=id.to_string() />
                    <input
                        type="checkbox"
                        name=format!("targets[{index}][selected]")
                        value="true"
                        class="h-4 w-4 rounded border-slate-300 text-indigo-600"
                        prop:checked=move || draft.is_selected(id)
                        on:change=move |event| draft.toggle(id, event_target_checked(&event))
                    />
                    <span class="h-2.5 w-2.5 shrink-0 rounded-full" style=format!("background-color: {}", account.colour) aria-hidden="true" />
                    <span class="min-w-0 flex-1">
                        <span class="block truncate text-sm font-medium text-slate-900">{account.display_name.clone()}</span>
                        <span class="block truncate text-xs text-slate-500">{account.platform.label()} " · " {account.handle.clone()}</span>
                    </span>
                    {unusable.map(|why| view! { <span class="text-xs text-amber-700">{why}</span> })}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset>
            <legend class="text-sm font-semibold text-slate-900">"Post to"</legend>
            <div class="mt-2 grid gap-2 sm:grid-cols-2" data-testid="account-picker">{rows}</div>
        </fieldset>
    }
    .into_any()
}
