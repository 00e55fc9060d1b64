//! After a queued post is deleted: its slot stays free unless the person asks the queue to
//! move the later posts up (never silently).
use crate::api::plan::ReflowQueue;
use crate::app::components::alert::action_error;
use crate::app::components::field::SECONDARY_BUTTON;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

const WEEK: &str = "/calendar?view=week";

#[component]
pub fn ReflowAsk(account_id: Uuid) -> impl IntoView {
    let reflow = ServerAction::<ReflowQueue>::new();
    Effect::new(move |_| {
        if matches!(reflow.value().get(), Some(Ok(_))) {
            use_navigate()(WEEK, Default::default());
        }
    });
    view! {
        <div role="status" class="rounded-xl bg-amber-50 p-4 text-sm text-amber-900" data-testid="reflow-ask">
            {action_error(reflow)}
            <p>"Deleted. Its posting slot is free now: move the account's later queued posts up into it?"</p>
            <ActionForm action=reflow attr:class="mt-3 flex items-center gap-3">
                <input type="hidden" name="account_id" value=account_id.to_string() />
                <button type="submit" class=SECONDARY_BUTTON>"Re-flow the queue"</button>
                <a href=WEEK class="font-medium text-amber-900 underline">"Leave the gap"</a>
            </ActionForm>
        </div>
    }
}
