//! The pages a client sees: `/connect/:token` to connect one account by signing in to the
//! network, and `/connected` where the network sends them back.
use crate::api::connect_links::{StartLinkSignIn, connect_link, connect_link_result};
use crate::app::auth::card::AuthCard;
use crate::app::components::alert::{Alert, Tone, action_error};
use crate::app::components::field::{INPUT_CLASS, PRIMARY_BUTTON};
use crate::app::pages::accounts::choices::ChoicePicker;
use crate::domain::platform::Platform;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

#[component]
pub fn ConnectLinkPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token")).unwrap_or_default();
    let info = Resource::new(token, connect_link);
    view! {
        <Title text="Connect your account" />
        <Suspense>
            {move || Suspend::new(async move {
                match info.await {
                    Ok(info) => {
                        let title = format!("Connect your {} account", info.platform.label());
                        let subtitle = format!("{} asks you to let Herald publish to it.", info.workspace_name);
                        view! {
                            <AuthCard title subtitle>
                                <LinkSignIn token=token() platform=info.platform />
                            </AuthCard>
                        }
                        .into_any()
                    }
                    Err(error) => view! {
                        <AuthCard title="This link does not work" subtitle="Connect links work once and expire.">
                            <Alert tone=Tone::Error message=error.to_string() />
                        </AuthCard>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn LinkSignIn(token: String, platform: Platform) -> impl IntoView {
    let action = ServerAction::<StartLinkSignIn>::new();
    Effect::new(move |_| {
        if let Some(Ok(url)) = action.value().get() {
            let _ = window().location().set_href(&url);
        }
    });
    let instance = (platform == Platform::Mastodon).then(|| {
        view! {
            <label class="block text-sm font-medium text-slate-700">
                "Your server"
                <input name="instance" required placeholder="mastodon.social or @you@mastodon.social" class=format!("{INPUT_CLASS} mt-1.5") />
            </label>
        }
    });
    view! {
        <ActionForm action=action attr:class="space-y-4">
            {action_error(action)}
            <input type="hidden" name="token" value=token />
            {instance}
            <p class="text-sm text-slate-500">"You sign in on the network's own page; Herald never sees your password, and gets nothing else of yours."</p>
            <button type="submit" class=PRIMARY_BUTTON disabled=move || action.pending().get()>
                {format!("Continue to {}", platform.label())}
            </button>
        </ActionForm>
    }
}

#[component]
pub fn ConnectedPage() -> impl IntoView {
    let query = use_query_map();
    let flow = move || {
        query
            .with(|q| q.get("oauth"))
            .and_then(|id| id.parse::<Uuid>().ok())
    };
    let outcome = Resource::new(flow, |flow| async move {
        match flow {
            Some(flow) => connect_link_result(flow).await.ok().flatten(),
            None => None,
        }
    });
    view! {
        <Title text="Connected" />
        <Suspense>
            {move || Suspend::new(async move {
                let (title, tone, message) = match outcome.await {
                    Some(outcome) if !outcome.choices.is_empty() => {
                        let picker = flow().map(|flow| view! { <ChoicePicker flow choices=outcome.choices pick_one=true /> });
                        return view! {
                            <AuthCard title="Choose the account" subtitle="">
                                <div class="space-y-3" data-testid="link-outcome">
                                    <Alert tone=Tone::Info message=outcome.message />
                                    {picker}
                                </div>
                            </AuthCard>
                        }
                        .into_any();
                    }
                    Some(outcome) if outcome.ok => ("All set", Tone::Success, "Your account is connected. You can close this page.".to_owned()),
                    Some(outcome) => ("Not connected", Tone::Error, outcome.message),
                    None => ("Not connected", Tone::Error, "Herald does not know this sign-in. Open the link you were sent again.".to_owned()),
                };
                view! {
                    <AuthCard title subtitle="">
                        <div data-testid="link-outcome"><Alert tone message /></div>
                    </AuthCard>
                }
                .into_any()
            })}
        </Suspense>
    }
}
