use super::AccountActions;
use super::connect::CredentialInput;
use super::sign_in::ReconnectButton;
use super::slots::PostingSlots;
use crate::api::accounts::AccountView;
use crate::api::plan::SlotPlan;
use crate::app::components::field::{INPUT_CLASS, SECONDARY_BUTTON};
use crate::domain::account::AccountState;
use crate::domain::token_health::summary;
use crate::views::accounts::TokenHealth;
use leptos::prelude::*;

#[component]
pub fn AccountCard(
    account: AccountView,
    /// `None` when the slots could not be read; the card shows the rest.
    plan: Option<SlotPlan>,
    actions: AccountActions,
    can_edit: bool,
    can_plan: bool,
) -> impl IntoView {
    let id = account.id.to_string();
    let (badge, badge_class) = match account.state {
        AccountState::Connected => ("Connected", "bg-emerald-50 text-emerald-700 ring-emerald-200"),
        AccountState::NeedsReauth => (
            "Needs re-authentication",
            "bg-amber-50 text-amber-800 ring-amber-200",
        ),
        AccountState::Paused => ("Paused", "bg-slate-100 text-slate-600 ring-slate-200"),
    };
    let last_test = account.last_test.clone().map(|test| {
        let class = if test.ok {
            "text-emerald-700"
        } else {
            "text-red-700"
        };
        view! { <p class=format!("mt-2 text-sm {class}") data-testid="last-test">{test.message}</p> }
    });
    let reason = account
        .state_reason
        .clone()
        .filter(|_| account.state == AccountState::NeedsReauth)
        .map(|reason| view! { <p class="mt-1 text-sm text-amber-800">{reason}</p> });
    let token = account.signs_in.then(|| token_line(&account.token));
    let controls =
        can_edit.then(|| view! { <AccountControls account=account.clone() id=id.clone() actions /> });
    view! {
        <article
            class="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
            data-testid="account-card"
            data-handle=account.handle.clone()
        >
            <div class="flex items-start gap-3">
                <span class="mt-1.5 h-3 w-3 shrink-0 rounded-full" style=format!("background-color: {}", account.colour) aria-hidden="true" />
                <div class="min-w-0 flex-1">
                    <div class="flex flex-wrap items-center gap-2">
                        <h3 class="truncate text-base font-semibold text-slate-900">{account.display_name.clone()}</h3>
                        <span class=format!("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 {badge_class}") data-testid="account-state">
                            {badge}
                        </span>
                    </div>
                    <p class="truncate text-sm text-slate-500">
                        {account.platform.label()} " · " {account.handle.clone()}
                        {account.instance_url.clone().map(|url| view! { <span class="text-slate-400">" · " {url}</span> })}
                    </p>
                    {reason}
                    {last_test}
                    {token}
                </div>
            </div>
            {plan.map(|plan| view! { <PostingSlots plan actions can_plan /> })}
            {controls}
        </article>
    }
}

fn token_line(token: &TokenHealth) -> impl IntoView + use<> {
    let parse = |at: &Option<String>| {
        at.as_deref()
            .and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok())
            .map(|at| at.with_timezone(&chrono::Utc))
    };
    let line = summary(
        parse(&token.expires_at),
        token.renews_itself,
        parse(&token.refreshed_at),
        crate::app::clock::now(),
    );
    let error = token
        .error
        .clone()
        .map(|error| view! { <p class="mt-1 text-sm text-amber-800" data-testid="token-error">{error}</p> });
    view! {
        <p class="mt-2 text-xs text-slate-500" data-testid="token-health">{line}</p>
        {error}
    }
}

#[component]
fn AccountControls(account: AccountView, id: String, actions: AccountActions) -> impl IntoView {
    let paused = account.state == AccountState::Paused;
    let testing = move || actions.test.pending().get();
    let reconnect_fields = account
        .platform
        .credential_fields()
        .iter()
        .copied()
        .map(|field| view! { <CredentialInput field scope=format!("reconnect-{id}") /> })
        .collect_view();
    let (test_id, pause_id, edit_id, reconnect_id, sign_in_id, remove_id) =
        (id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id);
    let sign_in_again = account.signs_in.then(|| {
        view! { <ReconnectButton platform=account.platform id=sign_in_id colour=account.colour.clone() /> }
    });
    view! {
        <div class="mt-4 flex flex-wrap items-center gap-2 border-t border-slate-100 pt-4">
            <ActionForm action=actions.test>
                <input type="hidden" name="id" value=test_id />
                <button type="submit" class=SECONDARY_BUTTON disabled=testing>
                    {move || if testing() { "Testing…" } else { "Test connection" }}
                </button>
            </ActionForm>
            <ActionForm action=actions.pause>
                <input type="hidden" name="id" value=pause_id />
                <input type="hidden" name="paused" value=(!paused).to_string() />
                <button type="submit" class=SECONDARY_BUTTON>{if paused { "Resume" } else { "Pause" }}</button>
            </ActionForm>
            <details class="group">
                <summary class=format!("{SECONDARY_BUTTON} cursor-pointer list-none")>"Edit"</summary>
                <ActionForm action=actions.update attr:class="mt-3 flex flex-wrap items-end gap-2">
                    <input type="hidden" name="id" value=edit_id />
                    <label class="text-sm text-slate-700">
                        "Display name"
                        <input name="display_name" value=account.display_name.clone() class=format!("{INPUT_CLASS} mt-1") />
                    </label>
                    <label class="text-sm text-slate-700">
                        "Colour"
                        <input name="colour" type="color" value=account.colour.clone() class="mt-1 block h-9 w-14 rounded-md" />
                    </label>
                    <button type="submit" class=SECONDARY_BUTTON>"Save"</button>
                </ActionForm>
            </details>
            {sign_in_again}
            <details class="group" open=account.state == AccountState::NeedsReauth && !account.signs_in>
                <summary class=format!("{SECONDARY_BUTTON} cursor-pointer list-none")>
                    {if account.signs_in { "Paste a token" } else { "New credentials" }}
                </summary>
                <ActionForm action=actions.reconnect attr:class="mt-3 space-y-3">
                    <input type="hidden" name="id" value=reconnect_id />
                    {reconnect_fields}
                    <button type="submit" class=SECONDARY_BUTTON>"Check and save"</button>
                </ActionForm>
            </details>
            <details class="relative ml-auto">
                <summary class="cursor-pointer list-none rounded-lg px-3 py-2 text-sm font-semibold text-red-600 hover:bg-red-50">"Remove"</summary>
                <div class="absolute right-0 z-20 mt-2 w-64 rounded-xl bg-white p-4 shadow-lg ring-1 ring-slate-200">
                    <p class="text-sm text-slate-600">"Remove this account from Herald? Its credentials are deleted."</p>
                    <ActionForm action=actions.remove attr:class="mt-3">
                        <input type="hidden" name="id" value=remove_id />
                        <button type="submit" class="w-full rounded-lg bg-red-600 px-3 py-2 text-sm font-semibold text-white hover:bg-red-500">"Remove account"</button>
                    </ActionForm>
                </div>
            </details>
        </div>
    }
}
