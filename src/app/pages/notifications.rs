//! The bell's page: what happened, newest first, with mark read; and which notices a person
//! wants in the app and by mail.
use super::header::PageHeader;
use crate::api::notifications::{
    MarkNotificationsRead, NoticeSetting, UpdateNotificationSetting, notification_settings, notifications,
};
use crate::app::components::alert::{Alert, Tone, action_error};
use crate::app::components::empty_state::EmptyState;
use crate::app::components::field::SECONDARY_BUTTON;
use crate::app::components::icons;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let mark = ServerAction::<MarkNotificationsRead>::new();
    let save = ServerAction::<UpdateNotificationSetting>::new();
    let list = Resource::new(move || mark.version().get(), |_| notifications());
    let settings = Resource::new(move || save.version().get(), |_| notification_settings());
    view! {
        <Title text="Notifications" />
        <PageHeader title="Notifications" description="Reviews, decisions, comments and publishing trouble that concern you." />
        {action_error(mark)}
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => view! {
                        <EmptyState icon=icons::bell title="Nothing new" message="You will hear here when a post needs you." />
                    }
                    .into_any(),
                    Ok(items) => {
                        let any_unread = items.iter().any(|n| !n.read);
                        view! {
                            {any_unread.then(|| view! {
                                <ActionForm action=mark attr:class="mb-3">
                                    <button type="submit" class=SECONDARY_BUTTON>"Mark all read"</button>
                                </ActionForm>
                            })}
                            <ul class="space-y-2" data-testid="notifications">
                                {items
                                    .into_iter()
                                    .map(|item| {
                                        let tone = if item.read { "bg-white" } else { "bg-indigo-50" };
                                        view! {
                                            <li class=format!("flex items-start gap-3 rounded-xl p-3 ring-1 ring-slate-200 {tone}")
                                                data-testid="notification" data-read=item.read.to_string() data-kind=item.kind.clone()>
                                                <a href=item.link.clone() class="min-w-0 flex-1">
                                                    <p class="text-sm font-medium text-slate-900">{item.title}</p>
                                                    <p class="mt-0.5 whitespace-pre-wrap break-words text-sm text-slate-700" data-testid="notification-body">{item.body}</p>
                                                    <p class="mt-1 text-xs text-slate-500">{item.created_at.format("%Y-%m-%d %H:%M UTC").to_string()}</p>
                                                </a>
                                                {(!item.read).then(|| view! {
                                                    <ActionForm action=mark>
                                                        <input type="hidden" name="id" value=item.id.to_string() />
                                                        <button type="submit" class="text-xs font-medium text-indigo-600 hover:text-indigo-500">"Mark read"</button>
                                                    </ActionForm>
                                                })}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <Alert tone=Tone::Error message=error.to_string() /> }.into_any(),
                }
            })}
        </Transition>
        <section class="mt-10 max-w-2xl rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
            <h2 class="text-base font-semibold text-slate-900">"What you hear about"</h2>
            <p class="mt-1 text-sm text-slate-500">"Mail goes out only when this Herald has an SMTP server."</p>
            {action_error(save)}
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    settings
                        .await
                        .map(|rows| rows.into_iter().map(|row| view! { <SettingRow row save /> }).collect_view())
                        .unwrap_or_default()
                })}
            </Transition>
        </section>
    }
}

#[component]
fn SettingRow(row: NoticeSetting, save: ServerAction<UpdateNotificationSetting>) -> impl IntoView {
    let kind = row.kind.as_str();
    view! {
        <ActionForm action=save attr:class="mt-4 flex flex-wrap items-center gap-4 border-t border-slate-100 pt-4">
            <input type="hidden" name="kind" value=kind />
            <span class="min-w-60 flex-1 text-sm text-slate-800">{row.kind.label()}</span>
            <label class="flex items-center gap-1.5 text-sm text-slate-700">
                <input type="checkbox" name="in_app" value="true" checked=row.in_app class="h-4 w-4 rounded border-slate-300" />
                "In the app"
            </label>
            <label class="flex items-center gap-1.5 text-sm text-slate-700">
                <input type="checkbox" name="email" value="true" checked=row.email class="h-4 w-4 rounded border-slate-300" />
                "By mail"
            </label>
            <button type="submit" class=SECONDARY_BUTTON>"Save"</button>
        </ActionForm>
    }
}
