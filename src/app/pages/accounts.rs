use super::header::PageHeader;
use crate::app::components::empty_state::EmptyState;
use crate::app::components::icons;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountsPage() -> impl IntoView {
    view! {
        <Title text="Accounts" />
        <PageHeader title="Accounts" description="The social media accounts this workspace publishes to." />
        <EmptyState
            icon=icons::link
            title="No accounts connected"
            message="Connecting Mastodon, Bluesky and other networks is not available in this version of Herald yet."
        />
    }
}
