use super::upcoming::UpcomingPage;
use crate::app::components::icons;
use leptos::prelude::*;

#[component]
pub fn CalendarPage() -> impl IntoView {
    view! {
        <UpcomingPage
            title="Calendar"
            description="Your scheduled posts by month, week or list."
            icon=icons::calendar
            empty_title="Nothing on the calendar yet"
            message="Scheduling is not available in this version of Herald yet. Once it is, every scheduled post appears here at its time, in your time zone."
        />
    }
}
