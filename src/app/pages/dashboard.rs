use super::upcoming::UpcomingPage;
use crate::app::components::icons;
use leptos::prelude::*;

#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <UpcomingPage
            title="Dashboard"
            description="What is queued, what went out and what needs attention."
            icon=icons::chart
            empty_title="No activity yet"
            message="Publishing is not available in this version of Herald yet. The queue, failures and published links will show here once it is."
        />
    }
}
