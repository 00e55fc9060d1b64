use super::header::PageHeader;
use crate::app::components::empty_state::EmptyState;
use crate::app::components::icons;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CalendarPage() -> impl IntoView {
    view! {
        <Title text="Calendar" />
        <PageHeader title="Calendar" description="Your scheduled posts by month, week or list." />
        <EmptyState
            icon=icons::calendar
            title="Nothing on the calendar yet"
            message="Scheduling is not available in this version of Herald yet. Once it is, every scheduled post appears here at its time, in your time zone."
        />
    }
}
