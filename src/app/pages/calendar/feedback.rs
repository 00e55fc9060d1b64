//! What became of the last drag: moving, moved (to when), or the server's reason why not.
use super::drag::Drag;
use crate::app::components::alert::{Alert, Tone};
use crate::domain::schedule::{IanaZone, describe};
use leptos::prelude::*;

#[component]
pub fn MoveFeedback(drag: Drag, zone: IanaZone) -> impl IntoView {
    move || {
        if drag.action.pending().get() {
            return Some(view! { <Alert tone=Tone::Info message="Moving the post…" /> }.into_any());
        }
        drag.outcome.get().map(|outcome| match outcome {
            Ok(moved) => {
                let message = format!("Moved to {}.", describe(moved.scheduled_at, &zone));
                view! { <Alert tone=Tone::Success message /> }.into_any()
            }
            Err(error) => view! { <Alert tone=Tone::Error message=error.to_string() /> }.into_any(),
        })
    }
}
