//! Audit: who did what and when, filtered by kind, person and days; exported as CSV. The
//! filter is a plain GET form, so the address holds it and the export link repeats it.
use super::header::PageHeader;
use crate::api::audit::{ACTION_GROUPS, AuditQuery, audit_log};
use crate::app::components::alert::{Alert, Tone};
use crate::app::components::empty_state::EmptyState;
use crate::app::components::field::{INPUT_CLASS, SECONDARY_BUTTON};
use crate::app::components::icons;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

#[component]
pub fn AuditPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|q| AuditQuery {
            action: q.get("action").unwrap_or_default(),
            actor: q.get("actor").unwrap_or_default(),
            from: q.get("from").unwrap_or_default(),
            to: q.get("to").unwrap_or_default(),
        })
    });
    let before = Memo::new(move |_| {
        params
            .with(|q| q.get("before"))
            .and_then(|b| b.parse::<i64>().ok())
    });
    let page = Resource::new(
        move || (query.get(), before.get()),
        |(query, before)| audit_log(query, before),
    );
    view! {
        <Title text="Audit" />
        <PageHeader title="Audit" description="Everything people and Herald did in this workspace. Nothing here can be changed." />
        <Transition fallback=|| view! { <p class="text-sm text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let query = query.get_untracked();
                match page.await {
                    Ok(page) => {
                        let export = format!("/audit.csv?{}", encode(&query));
                        let older = page.next.map(|next| format!("/audit?{}&before={next}", encode(&query)));
                        view! {
                            <Filters query=query.clone() actors=page.actors.clone() />
                            <div class="mb-3 flex items-center justify-between">
                                <p class="text-sm text-slate-500">{format!("{} entries", page.entries.len())}</p>
                                <a href=export class=SECONDARY_BUTTON rel="external" data-testid="export-csv">"Export CSV"</a>
                            </div>
                            {if page.entries.is_empty() {
                                view! { <EmptyState icon=icons::lock title="Nothing matches" message="Try other filters." /> }.into_any()
                            } else {
                                view! {
                                    <div class="overflow-x-auto rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">
                                        <table class="min-w-full divide-y divide-slate-200 text-sm" data-testid="audit-table">
                                            <thead class="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                                                <tr><th class="px-3 py-2">"When (UTC)"</th><th class="px-3 py-2">"Who"</th><th class="px-3 py-2">"What"</th><th class="px-3 py-2">"Details"</th></tr>
                                            </thead>
                                            <tbody class="divide-y divide-slate-100">
                                                {page.entries.into_iter().map(|entry| view! {
                                                    <tr data-testid="audit-row" data-action=entry.action.clone() data-subject=entry.subject_id.clone().unwrap_or_default()>
                                                        <td class="whitespace-nowrap px-3 py-2 text-slate-500">{entry.at.format("%Y-%m-%d %H:%M:%S").to_string()}</td>
                                                        <td class="px-3 py-2 text-slate-900">{entry.actor}</td>
                                                        <td class="whitespace-nowrap px-3 py-2 font-mono text-xs text-slate-600">{entry.action.clone()}</td>
                                                        <td class="px-3 py-2 text-slate-800">{entry.summary}</td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                }
                                .into_any()
                            }}
                            {older.map(|href| view! { <a href=href class=format!("{SECONDARY_BUTTON} mt-4")>"Older entries"</a> })}
                        }
                        .into_any()
                    }
                    Err(AppError::Forbidden(message)) => view! {
                        <EmptyState icon=icons::lock title="Only owners and admins read the audit log" message=message />
                    }
                    .into_any(),
                    Err(error) => view! {
                        <Filters query actors=Vec::new() />
                        <Alert tone=Tone::Error message=error.to_string() />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Filters(query: AuditQuery, actors: Vec<(uuid::Uuid, String)>) -> impl IntoView {
    let groups = ACTION_GROUPS
        .iter()
        .map(
            |(value, label)| view! { <option value=*value selected=query.action == *value>{*label}</option> },
        )
        .collect_view();
    let people = actors
        .into_iter()
        .map(|(id, name)| {
            let id = id.to_string();
            let selected = query.actor == id;
            view! { <option value=id selected=selected>{name}</option> }
        })
        .collect_view();
    view! {
        <form method="get" action="/audit" class="mb-6 grid gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-5">
            <div>
                <label for="audit-action" class="block text-xs font-medium text-slate-700">"What"</label>
                <select id="audit-action" name="action" class=format!("{INPUT_CLASS} mt-1")>
                    <option value="">"Everything"</option>
                    {groups}
                </select>
            </div>
            <div>
                <label for="audit-actor" class="block text-xs font-medium text-slate-700">"Who"</label>
                <select id="audit-actor" name="actor" class=format!("{INPUT_CLASS} mt-1")>
                    <option value="">"Anyone"</option>
                    {people}
                </select>
            </div>
            <div>
                <label for="audit-from" class="block text-xs font-medium text-slate-700">"From"</label>
                <input id="audit-from" name="from" type="date" value=query.from.clone() class=format!("{INPUT_CLASS} mt-1") />
            </div>
            <div>
                <label for="audit-to" class="block text-xs font-medium text-slate-700">"To"</label>
                <input id="audit-to" name="to" type="date" value=query.to.clone() class=format!("{INPUT_CLASS} mt-1") />
            </div>
            <div class="flex items-end">
                <button type="submit" class=SECONDARY_BUTTON>"Filter"</button>
            </div>
        </form>
    }
}

/// The filter as a query string (without the `?`).
fn encode(query: &AuditQuery) -> String {
    let params: ParamsMap = [
        ("action", &query.action),
        ("actor", &query.actor),
        ("from", &query.from),
        ("to", &query.to),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| (k, v.clone()))
    .collect();
    params.to_query_string().trim_start_matches('?').to_owned()
}
