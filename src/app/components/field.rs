use leptos::prelude::*;

pub const INPUT_CLASS: &str = "block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 focus:ring-inset";
pub const PRIMARY_BUTTON: &str = "inline-flex w-full items-center justify-center gap-2 rounded-lg bg-indigo-600 px-3 py-2 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-wait disabled:opacity-60";
pub const SECONDARY_BUTTON: &str = "inline-flex items-center justify-center gap-2 rounded-lg bg-white px-3 py-2 text-sm font-semibold text-slate-700 shadow-xs ring-1 ring-slate-300 ring-inset hover:bg-slate-50";

/// A labelled text input.
#[component]
pub fn Field(
    #[prop(into)] label: String,
    #[prop(into)] name: String,
    #[prop(into, default = "text".to_owned())] kind: String,
    #[prop(into, optional)] autocomplete: Option<String>,
    #[prop(into, optional)] value: Option<String>,
    #[prop(into, optional)] placeholder: Option<String>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let id = format!("field-{name}");
    view! {
        <div>
            <label for=id.clone() class="block text-sm font-medium text-slate-700">{label}</label>
            <div class="mt-1.5">
                <input
                    id=id
                    name=name
                    type=kind
                    autocomplete=autocomplete
                    value=value
                    placeholder=placeholder
                    required=required
                    class=INPUT_CLASS
                />
            </div>
        </div>
    }
}

/// A checkbox with its label and a hint below (sends `true` when ticked; absent means off).
#[component]
pub fn CheckboxRow(
    name: &'static str,
    checked: bool,
    disabled: bool,
    label: &'static str,
    hint: &'static str,
) -> impl IntoView {
    view! {
        <label class="flex items-start gap-3">
            <input type="checkbox" name=name value="true" checked=checked disabled=disabled class="mt-0.5 h-4 w-4 rounded border-slate-300" />
            <span>
                <span class="block text-sm font-medium text-slate-800">{label}</span>
                <span class="block text-xs text-slate-500">{hint}</span>
            </span>
        </label>
    }
}
