use super::header::PageHeader;
use crate::app::components::empty_state::EmptyState;
use crate::app::components::icons;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ComposePage() -> impl IntoView {
    view! {
        <Title text="Compose" />
        <PageHeader title="Compose" description="Write a post once and adapt it for each network." />
        <EmptyState
            icon=icons::pencil
            title="The composer is not available yet"
            message="Writing posts arrives with connected accounts in an upcoming version of Herald. Nothing can be posted from this version yet."
        />
    }
}
