//! Each account's queue and state, with pause and resume.
use super::Board;
use crate::api::dashboard::AccountQueue;
use crate::app::components::field::SECONDARY_BUTTON;
use crate::domain::account::AccountState;
use leptos::prelude::*;

#[component]
pub fn AccountQueues(board: Board) -> impl IntoView {
    let accounts = move || board.overview.with(|o| o.accounts.clone());
    view! {
        <section class="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200" data-testid="section-accounts" aria-label="Accounts">
            <h2 class="text-base font-semibold text-slate-900">"Accounts"</h2>
            <Show
                when=move || board.overview.with(|o| !o.accounts.is_empty())
                fallback=|| view! {
                    <p class="mt-3 text-sm text-slate-500">
                        "No accounts yet. " <a href="/accounts" class="font-semibold text-indigo-600 hover:text-indigo-500">"Connect one"</a>
                    </p>
                }
            >
                <ul class="mt-3 divide-y divide-slate-100" role="list">
                    <For each=accounts key=|a| (a.id, a.state, a.queued, a.state_reason.clone()) let:account>
                        <AccountLine account board />
                    </For>
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn AccountLine(account: AccountQueue, board: Board) -> impl IntoView {
    let tone = match account.state {
        AccountState::Connected => "text-emerald-700",
        AccountState::NeedsReauth => "text-amber-800",
        AccountState::Paused => "text-slate-600",
    };
    let paused = account.state == AccountState::Paused;
    let toggle = (board.can_manage_accounts && account.state != AccountState::NeedsReauth).then(|| {
        view! {
            <ActionForm action=board.actions.pause_account>
                <input type="hidden" name="id" value=account.id.to_string() />
                <input type="hidden" name="paused" value=(!paused).to_string() />
                <button type="submit" class=SECONDARY_BUTTON>{if paused { "Resume" } else { "Pause" }}</button>
            </ActionForm>
        }
    });
    let reason = account
        .state_reason
        .clone()
        .filter(|_| account.state == AccountState::NeedsReauth)
        .map(|reason| view! { <p class="mt-1 text-xs text-amber-800">{reason} " " <a href="/accounts" class="font-semibold underline">"Reconnect"</a></p> });
    view! {
        <li class="flex items-start gap-3 py-3" data-testid="account-queue" data-account-id=account.id.to_string() data-state=account.state.as_str()>
            <span class="mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full" style=format!("background-color: {}", account.colour) aria-hidden="true"></span>
            <div class="min-w-0 flex-1 text-sm">
                <p class="truncate font-semibold text-slate-900">{account.display_name.clone()}</p>
                <p class="text-slate-500">
                    {account.platform.label()} " · " <span class=tone>{account.state.label()}</span>
                    " · " {format!("{} queued", account.queued)}
                </p>
                {reason}
            </div>
            {toggle}
        </li>
    }
}
