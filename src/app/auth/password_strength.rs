use crate::app::components::field::INPUT_CLASS;
use crate::domain::password::{Strength, strength};
use leptos::prelude::*;

/// A password input with a live strength hint. The hint is computed in the browser on every
/// keystroke; without JavaScript the form still works and the server enforces the rules.
#[component]
pub fn PasswordWithStrength(#[prop(into)] label: String) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let level = Memo::new(move |_| password.with(|p| strength(p)));
    let bar_colour = move |segment: usize| {
        let level = level.get();
        if segment >= level.segments() {
            "bg-slate-200"
        } else {
            match level {
                Strength::TooShort | Strength::Weak => "bg-red-500",
                Strength::Fair => "bg-amber-500",
                Strength::Strong => "bg-emerald-500",
            }
        }
    };
    view! {
        <div>
            <label for="field-password" class="block text-sm font-medium text-slate-700">{label}</label>
            <div class="mt-1.5">
                <input
                    id="field-password"
                    name="password"
                    type="password"
                    autocomplete="new-password"
                    required
                    minlength="10"
                    aria-describedby="password-strength"
                    class=INPUT_CLASS
                    on:input=move |event| password.set(event_target_value(&event))
                />
            </div>
            <div class="mt-2 grid grid-cols-4 gap-1" aria-hidden="true">
                {(0..4).map(|segment| view! { <div class=move || format!("h-1 rounded-full {}", bar_colour(segment)) /> }).collect_view()}
            </div>
            <p id="password-strength" data-testid="password-strength" aria-live="polite" class="mt-1.5 text-xs text-slate-500">
                <span class="font-medium text-slate-700" data-strength=move || level.get().label()>{move || level.get().label()}</span>
                " · "
                {move || level.get().advice()}
            </p>
        </div>
    }
}
