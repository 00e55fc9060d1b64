//! Settings → Network apps: the person who runs this Herald enters its app at each network
//! once, so everyone can "Sign in with …" it. Hidden from everyone else.
use crate::api::oauth::{NetworkAppView, RemoveNetworkApp, SaveNetworkApp, list_network_apps};
use crate::app::components::alert::{Alert, Tone, action_error};
use crate::app::components::field::{INPUT_CLASS, SECONDARY_BUTTON};
use crate::domain::platform::Platform;
use leptos::prelude::*;

#[component]
pub fn NetworkApps() -> impl IntoView {
    let save = ServerAction::<SaveNetworkApp>::new();
    let remove = ServerAction::<RemoveNetworkApp>::new();
    let apps = Resource::new(
        move || (save.version().get(), remove.version().get()),
        |_| list_network_apps(),
    );
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                // Anyone but the instance's admin is refused; they see nothing here.
                apps.await.ok().map(|apps| view! {
                    <section class="mt-8 max-w-2xl rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200" aria-labelledby="network-apps-heading">
                        <h2 id="network-apps-heading" class="text-base font-semibold text-slate-900">"Network apps"</h2>
                        <p class="mt-1 text-sm text-slate-500">
                            "For networks without open sign-up, register Herald once at the network's developer portal and enter its app here. Everyone on this Herald can then connect with “Sign in with …”. Mastodon needs nothing here."
                        </p>
                        {action_error(save)}
                        {action_error(remove)}
                        {move || matches!(save.value().get(), Some(Ok(()))).then(|| view! { <Alert tone=Tone::Success message="App saved." /> })}
                        {apps.into_iter().map(|app| view! { <AppForm app save remove /> }).collect_view()}
                    </section>
                })
            })}
        </Transition>
    }
}

#[component]
fn AppForm(
    app: NetworkAppView,
    save: ServerAction<SaveNetworkApp>,
    remove: ServerAction<RemoveNetworkApp>,
) -> impl IntoView {
    let name = app.platform.label();
    let key = app.platform.as_str();
    let secret_hint = if app.has_secret {
        "Saved, never shown again. Leave empty to keep it."
    } else {
        "Leave empty for a public client (PKCE only)."
    };
    let configured = app.client_id.is_some();
    view! {
        <div class="mt-6 border-t border-slate-100 pt-5" data-testid=format!("network-app-{key}")>
            <h3 class="text-sm font-semibold text-slate-900">
                {name}
                <span class="ml-2 text-xs font-normal text-slate-500">{if configured { "set up" } else { "not set up" }}</span>
            </h3>
            <dl class="mt-3 space-y-2 text-sm">
                <div>
                    <dt class="font-medium text-slate-700">"Redirect URI (paste it into the portal)"</dt>
                    <dd><code class="break-all rounded bg-slate-50 px-1.5 py-0.5 text-slate-800" data-testid="redirect-uri">{app.redirect_uri.clone()}</code></dd>
                </div>
                <div>
                    <dt class="font-medium text-slate-700">"Scopes to allow"</dt>
                    <dd class="text-slate-600">{app.scopes.join(", ")}</dd>
                </div>
                <div>
                    <dt class="font-medium text-slate-700">"Developer portal"</dt>
                    <dd><a class="text-indigo-600 hover:underline" href=app.portal_url.clone() rel="noreferrer" target="_blank">{app.portal_url.clone()}</a></dd>
                </div>
            </dl>
            {app.warning.clone().map(|warning| view! { <div class="mt-3"><Alert tone=Tone::Info message=warning /></div> })}
            <ActionForm action=save attr:class="mt-4 grid gap-3 sm:grid-cols-2">
                <input type="hidden" name="platform" value=key />
                <label class="text-sm font-medium text-slate-700">
                    "Client ID"
                    <input name="client_id" value=app.client_id.clone().unwrap_or_default() autocomplete="off" class=format!("{INPUT_CLASS} mt-1.5") />
                </label>
                <label class="text-sm font-medium text-slate-700">
                    "Client secret"
                    <input name="client_secret" type="password" autocomplete="new-password" class=format!("{INPUT_CLASS} mt-1.5") />
                    <span class="mt-1 block text-xs font-normal text-slate-500">{secret_hint}</span>
                </label>
                {(app.platform == Platform::LinkedIn).then(|| view! {
                    <label class="flex items-start gap-2 text-sm text-slate-700 sm:col-span-2">
                        <input type="checkbox" name="organisations" value="true" checked=app.organisations class="mt-1" />
                        <span>"Organisation pages too: the app has LinkedIn's Community Management API, so people can connect the pages they administer"</span>
                    </label>
                })}
                <div class="sm:col-span-2">
                    <button type="submit" class="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500">
                        {format!("Save {name} app")}
                    </button>
                </div>
            </ActionForm>
            {configured.then(|| view! {
                <ActionForm action=remove attr:class="mt-2">
                    <input type="hidden" name="platform" value=key />
                    <button type="submit" class=SECONDARY_BUTTON>{format!("Remove {name} app")}</button>
                </ActionForm>
            })}
        </div>
    }
}
