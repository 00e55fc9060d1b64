use super::header::PageHeader;
use crate::app::components::empty_state::EmptyState;
use leptos::prelude::*;
use leptos_meta::Title;

/// A page whose feature is not in this version yet: it says so plainly.
#[component]
pub fn UpcomingPage(
    title: &'static str,
    description: &'static str,
    icon: fn() -> AnyView,
    empty_title: &'static str,
    message: &'static str,
) -> impl IntoView {
    view! {
        <Title text=title />
        <PageHeader title=title description=description />
        <EmptyState icon=icon title=empty_title message=message />
    }
}
