//! "What changed since the last review": the word diff of the text and of each account's own
//! text, and the old and new time.
use crate::api::review::{ChangesView, DiffKind, DiffPart};
use leptos::prelude::*;

fn parts(parts: Vec<DiffPart>) -> impl IntoView {
    parts
        .into_iter()
        .map(|part| match part.kind {
            DiffKind::Same => view! { <span>{part.text}</span> }.into_any(),
            DiffKind::Added => {
                view! { <ins class="bg-emerald-100 text-emerald-900 no-underline" data-testid="diff-added">{part.text}</ins> }
                    .into_any()
            }
            DiffKind::Removed => {
                view! { <del class="bg-rose-100 text-rose-900" data-testid="diff-removed">{part.text}</del> }.into_any()
            }
        })
        .collect_view()
}

#[component]
pub fn Changes(changes: ChangesView) -> impl IntoView {
    let decided = match changes.decision.as_str() {
        "approved" => "approved",
        _ => "asked for changes",
    };
    let nothing = !changes.body_changed && changes.targets.is_empty() && changes.time.is_none();
    view! {
        <section class="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label="What changed" data-testid="changes">
            <h2 class="text-sm font-semibold text-slate-900">"What changed since the last review"</h2>
            <p class="mt-1 text-xs text-slate-500">
                {changes.reviewer} " " {decided} " on " {changes.reviewed_at.format("%Y-%m-%d %H:%M UTC").to_string()}
                {changes.note.map(|note| view! { <span>": “" {note} "”"</span> })}
            </p>
            {nothing.then(|| view! { <p class="mt-3 text-sm text-slate-600">"Nothing: the text, accounts and time are as they were."</p> })}
            {changes.body_changed.then(|| view! {
                <div class="mt-3">
                    <h3 class="text-xs font-medium uppercase tracking-wide text-slate-500">"Text"</h3>
                    <p class="mt-1 whitespace-pre-wrap break-words text-sm leading-relaxed text-slate-800" data-testid="body-diff">{parts(changes.body)}</p>
                </div>
            })}
            {changes
                .targets
                .into_iter()
                .map(|target| view! {
                    <div class="mt-3">
                        <h3 class="text-xs font-medium uppercase tracking-wide text-slate-500">"Text for " {target.account}</h3>
                        <p class="mt-1 whitespace-pre-wrap break-words text-sm leading-relaxed text-slate-800">{parts(target.parts)}</p>
                    </div>
                })
                .collect_view()}
            {changes.time.map(|(old, new)| view! {
                <div class="mt-3" data-testid="time-diff">
                    <h3 class="text-xs font-medium uppercase tracking-wide text-slate-500">"Time"</h3>
                    <p class="mt-1 text-sm text-slate-800"><del class="bg-rose-100">{old}</del> " → " <ins class="bg-emerald-100 no-underline">{new}</ins></p>
                </div>
            })}
        </section>
    }
}
