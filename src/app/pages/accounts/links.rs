//! Connect links for clients: made here, sent by the manager, opened by someone without a
//! Herald login who connects one account of the chosen network into this workspace.
use crate::api::connect_links::{CreateConnectLink, WithdrawConnectLink, list_connect_links};
use crate::app::components::alert::{Alert, Tone, action_error};
use crate::app::components::field::{INPUT_CLASS, SECONDARY_BUTTON};
use crate::domain::network_app::signs_in;
use crate::domain::platform::Platform;
use leptos::prelude::*;

#[component]
pub fn ConnectLinks() -> impl IntoView {
    let create = ServerAction::<CreateConnectLink>::new();
    let withdraw = ServerAction::<WithdrawConnectLink>::new();
    let links = Resource::new(
        move || (create.version().get(), withdraw.version().get()),
        |_| list_connect_links(),
    );
    let networks = Platform::ALL
        .into_iter()
        .filter(|platform| signs_in(*platform))
        .map(|platform| view! { <option value=platform.as_str()>{platform.label()}</option> })
        .collect_view();
    let made = move || match create.value().get() {
        Some(Ok(url)) => Some(view! {
            <div class="mt-3 rounded-lg bg-emerald-50 p-3 text-sm text-emerald-800" data-testid="connect-link">
                <p>"Send this link; it is shown only now and works once."</p>
                <input readonly value=url class=format!("{INPUT_CLASS} mt-2 font-mono text-xs") aria-label="Connect link" />
            </div>
        }),
        _ => None,
    };
    view! {
        <section aria-labelledby="links-heading" class="mt-6 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <h2 id="links-heading" class="text-base font-semibold text-slate-900">"Link for a client"</h2>
            <p class="mt-1 text-sm text-slate-500">"Someone without a Herald login connects their own account into this workspace, and nothing else."</p>
            <ActionForm action=create attr:class="mt-4 space-y-3">
                {action_error(create)}
                <label class="block text-sm font-medium text-slate-700">
                    "Network"
                    <select name="platform" class=format!("{INPUT_CLASS} mt-1.5")>{networks}</select>
                </label>
                <label class="block text-sm font-medium text-slate-700">
                    "Who it is for"
                    <input name="note" placeholder="Acme's social team" class=format!("{INPUT_CLASS} mt-1.5") />
                </label>
                <label class="block text-sm font-medium text-slate-700">
                    "Works for"
                    <select name="valid_hours" class=format!("{INPUT_CLASS} mt-1.5")>
                        <option value="24">"1 day"</option>
                        <option value="72" selected>"3 days"</option>
                        <option value="168">"7 days"</option>
                    </select>
                </label>
                <button type="submit" class=SECONDARY_BUTTON>"Make link"</button>
            </ActionForm>
            {made}
            {action_error(withdraw)}
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match links.await {
                        Ok(list) => list.into_iter().map(|link| {
                            let who = if link.note.is_empty() { "a client".to_owned() } else { link.note.clone() };
                            let waiting = link.state == "waiting";
                            view! {
                                <div class="mt-3 flex items-center gap-2 border-t border-slate-100 pt-3 text-sm" data-testid="connect-link-row" data-state=link.state.clone()>
                                    <span class="flex-1 text-slate-700">{format!("{} · {who} · {}", link.platform.label(), link.state)}</span>
                                    {waiting.then(|| view! {
                                        <ActionForm action=withdraw>
                                            <input type="hidden" name="id" value=link.id.to_string() />
                                            <button type="submit" class="text-sm font-semibold text-red-600 hover:underline">"Withdraw"</button>
                                        </ActionForm>
                                    })}
                                </div>
                            }
                        }).collect_view().into_any(),
                        Err(error) => view! { <Alert tone=Tone::Error message=error.to_string() /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
