use super::header::PageHeader;
use crate::app::components::empty_state::EmptyState;
use crate::app::components::icons;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <Title text="Dashboard" />
        <PageHeader title="Dashboard" description="What is queued, what went out and what needs attention." />
        <EmptyState
            icon=icons::chart
            title="No activity yet"
            message="Publishing is not available in this version of Herald yet. The queue, failures and published links will show here once it is."
        />
    }
}
