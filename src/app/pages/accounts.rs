use super::upcoming::UpcomingPage;
use crate::app::components::icons;
use leptos::prelude::*;

#[component]
pub fn AccountsPage() -> impl IntoView {
    view! {
        <UpcomingPage
            title="Accounts"
            description="The social media accounts this workspace publishes to."
            icon=icons::link
            empty_title="No accounts connected"
            message="Connecting Mastodon, Bluesky and other networks is not available in this version of Herald yet."
        />
    }
}
