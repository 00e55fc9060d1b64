use super::upcoming::UpcomingPage;
use crate::app::components::icons;
use leptos::prelude::*;

#[component]
pub fn ComposePage() -> impl IntoView {
    view! {
        <UpcomingPage
            title="Compose"
            description="Write a post once and adapt it for each network."
            icon=icons::pencil
            empty_title="The composer is not available yet"
            message="Writing posts arrives with connected accounts in an upcoming version of Herald. Nothing can be posted from this version yet."
        />
    }
}
