use super::draft::Draft;
use crate::app::components::field::INPUT_CLASS;
use crate::domain::text::TextProblem;
use leptos::prelude::*;

const TEXTAREA: &str = "min-h-40 font-[inherit] leading-relaxed";

/// The post's text, a tab per chosen account for its own version, and live counters.
#[component]
pub fn Editor(draft: Draft) -> impl IntoView {
    let accounts = draft.accounts.get_value();
    let tabs = move || {
        let chosen: Vec<_> = draft
            .accounts
            .get_value()
            .into_iter()
            .filter(|a| draft.is_selected(a.id))
            .collect();
        chosen
            .into_iter()
            .map(|account| {
                let id = account.id;
                let has_own = move || draft.overrides.with(|o| o.get(&id).is_some_and(|t| !t.trim().is_empty()));
                view! {
                    <button
                        type="button"
                        role="tab"
                        id=format!("tab-{id}")
                        aria-controls=format!("panel-{id}")
                        aria-selected=move || (draft.tab.get() == Some(id)).to_string()
                        class="flex items-center gap-1.5 rounded-t-lg border-b-2 border-transparent px-3 py-2 text-sm text-slate-600 hover:text-slate-900 aria-selected:border-indigo-600 aria-selected:text-indigo-700"
                        on:click=move |_| draft.tab.set(Some(id))
                    >
                        <span class="h-2 w-2 rounded-full" style=format!("background-color: {}", account.colour) aria-hidden="true" />
                        {account.display_name.clone()}
                        {move || has_own().then(|| view! { <span class="text-xs text-slate-400">"(own text)"</span> })}
                    </button>
                }
            })
            .collect_view()
    };
    // Every account's own-text box stays in the form (hidden unless its tab is open), so the
    // form always sends them in the same order as the account picker.
    let override_panels = accounts
        .into_iter()
        .enumerate()
        .map(|(index, account)| {
            let id = account.id;
            let visible = move || draft.tab.get() == Some(id) && draft.is_selected(id);
            view! {
                <div role="tabpanel" id=format!("panel-{id}") aria-labelledby=format!("tab-{id}") hidden=move || !visible()>
                    <label for=format!("override-{id}") class="sr-only">{format!("Text for {}", account.display_name)}</label>
                    <textarea
                        id=format!("override-{id}")
                        name=format!("targets[{index}][body_override]")
                        rows="6"
                        placeholder="Leave empty to send the text for all networks"
                        class=format!("{INPUT_CLASS} {TEXTAREA}")
                        prop:value=move || draft.overrides.with(|o| o.get(&id).cloned().unwrap_or_default())
                        on:input=move |event| {
                            let text = event_target_value(&event);
                            draft.overrides.update(|o| { o.insert(id, text); });
                        }
                    >
                        {draft.overrides.with_untracked(|o| o.get(&id).cloned().unwrap_or_default())}
                    </textarea>
                    <p class="mt-1 text-xs text-slate-500">{format!("Only {} gets this text.", account.display_name)}</p>
                </div>
            }
        })
        .collect_view();
    view! {
        <div>
            <div role="tablist" aria-label="Text per network" class="flex flex-wrap gap-1 border-b border-slate-200">
                <button
                    type="button"
                    role="tab"
                    id="tab-all"
                    aria-controls="panel-all"
                    aria-selected=move || draft.tab.get().is_none().to_string()
                    class="rounded-t-lg border-b-2 border-transparent px-3 py-2 text-sm text-slate-600 hover:text-slate-900 aria-selected:border-indigo-600 aria-selected:text-indigo-700"
                    on:click=move |_| draft.tab.set(None)
                >
                    "All networks"
                </button>
                {tabs}
            </div>
            <div class="mt-3">
                <div role="tabpanel" id="panel-all" aria-labelledby="tab-all" hidden=move || draft.tab.get().is_some()>
                    <label for="post-body" class="sr-only">"Text"</label>
                    <textarea
                        id="post-body"
                        name="body"
                        rows="8"
                        placeholder="What do you want to say?"
                        class=format!("{INPUT_CLASS} {TEXTAREA}")
                        prop:value=move || draft.body.get()
                        on:input=move |event| draft.body.set(event_target_value(&event))
                    >
                        {draft.body.get_untracked()}
                    </textarea>
                </div>
                {override_panels}
            </div>
            <Counters draft />
        </div>
    }
}

/// One counter per chosen account: used / allowed, red when over, and what is wrong.
#[component]
fn Counters(draft: Draft) -> impl IntoView {
    view! {
        <div class="mt-3 space-y-2" aria-live="polite">
            <div class="flex flex-wrap gap-2">
                {move || {
                    draft
                        .checks()
                        .into_iter()
                        .map(|(account, checked)| {
                            let over = checked.remaining.is_some_and(|r| r < 0);
                            let colour = if over {
                                "bg-red-50 text-red-700 ring-red-300"
                            } else if checked.remaining.is_some_and(|r| r < 20) {
                                "bg-amber-50 text-amber-800 ring-amber-200"
                            } else {
                                "bg-slate-50 text-slate-600 ring-slate-200"
                            };
                            let amount = match checked.limit {
                                Some(limit) => format!("{} / {limit}", checked.count),
                                None => checked.count.to_string(),
                            };
                            view! {
                                <span
                                    class=format!("inline-flex items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-medium ring-1 {colour}")
                                    data-testid="counter"
                                    data-account=account.id.to_string()
                                    data-over=over.to_string()
                                >
                                    <span class="h-2 w-2 rounded-full" style=format!("background-color: {}", account.colour) aria-hidden="true" />
                                    {account.platform.label()} " " {amount}
                                </span>
                            }
                        })
                        .collect_view()
                }}
            </div>
            <ul class="space-y-1 text-sm text-red-700" data-testid="text-problems">
                {move || {
                    draft
                        .checks()
                        .into_iter()
                        .flat_map(|(account, checked)| {
                            // "Write something" would nag before the first keystroke; the
                            // server still refuses an empty post.
                            checked
                                .problems
                                .into_iter()
                                .filter(|problem| *problem != TextProblem::Empty)
                                .map(move |problem| view! { <li>{format!("{}: {problem}", account.display_name)}</li> })
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}
