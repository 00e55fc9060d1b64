//! The workspace's accounts as the calendar shows them: a coloured dot each.
use crate::api::accounts::AccountView;
use leptos::prelude::*;
use std::sync::Arc;
use uuid::Uuid;

/// Loaded once per page; shared by every chip.
pub type Accounts = Arc<Vec<AccountView>>;

fn find(accounts: &Accounts, id: Uuid) -> Option<&AccountView> {
    accounts.iter().find(|account| account.id == id)
}

/// Dots in the accounts' colours, named on hover and (unless the names are written next to
/// them, `decorative`) to screen readers.
#[component]
pub fn AccountDots(ids: Vec<Uuid>, accounts: Accounts, #[prop(optional)] decorative: bool) -> impl IntoView {
    ids.into_iter()
        .map(|id| {
            let (colour, name) = find(&accounts, id)
                .map(|account| (account.colour.clone(), account.display_name.clone()))
                .unwrap_or_else(|| ("#94a3b8".to_owned(), "Removed account".to_owned()));
            let spoken = (!decorative).then(|| name.clone());
            view! {
                <span
                    class="h-2 w-2 shrink-0 rounded-full"
                    style=format!("background-color: {colour}")
                    title=name
                    aria-hidden=decorative.then_some("true")
                >
                    {spoken.map(|name| view! { <span class="sr-only">{name}</span> })}
                </span>
            }
        })
        .collect_view()
}

/// "Acme on Mastodon, Acme on Bluesky" for the list's rows.
pub fn names(ids: &[Uuid], accounts: &Accounts) -> String {
    ids.iter()
        .map(|id| find(accounts, *id).map_or("Removed account", |account| account.display_name.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}
