//! Display zone and filters: a plain GET form (Apply), which submits itself on change once
//! the page is hydrated.
use super::accounts::Accounts;
use super::query::CalendarQuery;
use crate::app::components::field::{INPUT_CLASS, SECONDARY_BUTTON};
use crate::domain::plan::PostKind;
use crate::domain::post::PostStatus;
use chrono_tz::TZ_VARIANTS;
use leptos::ev::Event;
use leptos::prelude::*;
use leptos::web_sys::HtmlSelectElement;
use leptos_router::components::Form;

fn submit_on_change(event: Event) {
    if let Some(form) = event_target::<HtmlSelectElement>(&event).form() {
        let _ = form.request_submit();
    }
}

#[component]
pub fn Filters(query: CalendarQuery, accounts: Accounts) -> impl IntoView {
    let select_class = format!("{INPUT_CLASS} mt-1 sm:w-auto");
    let zones = TZ_VARIANTS
        .iter()
        .map(|tz| view! { <option value=tz.name() selected=tz.name() == query.zone.name()>{tz.name()}</option> })
        .collect_view();
    let account_options = accounts
        .iter()
        .map(|account| {
            let label = format!("{} ({})", account.display_name, account.platform.label());
            view! { <option value=account.id.to_string() selected=Some(account.id) == query.account>{label}</option> }
        })
        .collect_view();
    let status_options = PostStatus::ALL
        .into_iter()
        .map(|status| view! { <option value=status.as_str() selected=Some(status) == query.status>{status.label()}</option> })
        .collect_view();
    let kind_options = PostKind::ALL
        .into_iter()
        .map(|kind| view! { <option value=kind.as_str() selected=Some(kind) == query.kind>{kind.label()}</option> })
        .collect_view();
    view! {
        <Form method="get" action="/calendar">
            <div class="flex flex-wrap items-end gap-3" data-testid="calendar-filters">
                <input type="hidden" name="view" value=query.view.as_str() />
                <input type="hidden" name="date" value=query.date.format("%Y-%m-%d").to_string() />
                <label class="w-full text-xs font-medium text-slate-600 sm:w-auto">
                    "Time zone"
                    <select name="zone" class=select_class.clone() on:change=submit_on_change>{zones}</select>
                </label>
                <label class="w-full text-xs font-medium text-slate-600 sm:w-auto">
                    "Account"
                    <select name="account" class=select_class.clone() on:change=submit_on_change>
                        <option value="">"All accounts"</option>
                        {account_options}
                    </select>
                </label>
                <label class="w-full text-xs font-medium text-slate-600 sm:w-auto">
                    "Status"
                    <select name="status" class=select_class.clone() on:change=submit_on_change>
                        <option value="">"Every status"</option>
                        {status_options}
                    </select>
                </label>
                <label class="w-full text-xs font-medium text-slate-600 sm:w-auto">
                    "Kind"
                    <select name="kind" class=select_class on:change=submit_on_change>
                        <option value="">"Every kind"</option>
                        {kind_options}
                    </select>
                </label>
                <button type="submit" class=SECONDARY_BUTTON>"Apply"</button>
            </div>
        </Form>
    }
}
