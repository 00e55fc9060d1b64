//! The calendar colours an account can take, as a radio group.
use crate::domain::account::PALETTE;
use leptos::prelude::*;

/// The palette as radio buttons named `colour`, the first chosen.
#[component]
pub fn ColourChoices() -> impl IntoView {
    PALETTE
        .iter()
        .enumerate()
        .map(|(index, colour)| {
            view! {
                <label class="cursor-pointer">
                    <input type="radio" name="colour" value=*colour checked=index == 0 class="peer sr-only" />
                    <span class="sr-only">{format!("Colour {colour}")}</span>
                    <span
                        class="block h-7 w-7 rounded-full ring-2 ring-transparent ring-offset-2 peer-checked:ring-slate-900 peer-focus-visible:ring-indigo-500"
                        style=format!("background-color: {colour}")
                    />
                </label>
            }
        })
        .collect_view()
}
