//! The composer's state: what the person is writing, as signals.
use crate::api::accounts::AccountView;
use crate::api::posts::PostView;
use crate::domain::text::{TextCheck, check, rules_for};
use leptos::prelude::*;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub id: Uuid,
    pub alt_text: String,
    pub width: i32,
    pub height: i32,
}

#[derive(Clone, Copy)]
pub struct Draft {
    pub body: RwSignal<String>,
    pub selected: RwSignal<Vec<Uuid>>,
    pub overrides: RwSignal<HashMap<Uuid, String>>,
    pub images: RwSignal<Vec<Image>>,
    pub date: RwSignal<String>,
    pub time: RwSignal<String>,
    pub zone: RwSignal<String>,
    /// The override tab on show; `None` is the text for every network.
    pub tab: RwSignal<Option<Uuid>>,
    pub accounts: StoredValue<Vec<AccountView>>,
}

impl Draft {
    pub fn new(accounts: Vec<AccountView>, post: Option<&PostView>, home_zone: &str) -> Self {
        let (body, selected, overrides, images, date, time, zone) = match post {
            Some(post) => (
                post.body.clone(),
                post.targets.iter().map(|t| t.account_id).collect(),
                post.targets
                    .iter()
                    .filter_map(|t| t.body_override.clone().map(|text| (t.account_id, text)))
                    .collect(),
                post.media
                    .iter()
                    .map(|m| Image {
                        id: m.id,
                        alt_text: m.alt_text.clone(),
                        width: m.width,
                        height: m.height,
                    })
                    .collect(),
                post.local_date.clone(),
                post.local_time.clone(),
                post.timezone.clone(),
            ),
            None => (
                String::new(),
                Vec::new(),
                HashMap::new(),
                Vec::new(),
                String::new(),
                String::new(),
                home_zone.to_owned(),
            ),
        };
        Self {
            body: RwSignal::new(body),
            selected: RwSignal::new(selected),
            overrides: RwSignal::new(overrides),
            images: RwSignal::new(images),
            date: RwSignal::new(date),
            time: RwSignal::new(time),
            zone: RwSignal::new(zone),
            tab: RwSignal::new(None),
            accounts: StoredValue::new(accounts),
        }
    }

    pub fn is_selected(&self, id: Uuid) -> bool {
        self.selected.with(|selected| selected.contains(&id))
    }

    pub fn toggle(&self, id: Uuid, on: bool) {
        self.selected.update(|selected| {
            selected.retain(|s| *s != id);
            if on {
                selected.push(id);
            }
        });
        if !on && self.tab.get_untracked() == Some(id) {
            self.tab.set(None);
        }
    }

    /// What goes to this account: its own text if it has one, else the post's.
    pub fn text_for(&self, id: Uuid) -> String {
        let own = self
            .overrides
            .with(|o| o.get(&id).filter(|text| !text.trim().is_empty()).cloned());
        own.unwrap_or_else(|| self.body.get())
    }

    /// The chosen accounts in the order of the account list, each with its text checked.
    pub fn checks(&self) -> Vec<(AccountView, TextCheck)> {
        let images = self.images.with(Vec::len);
        self.accounts
            .get_value()
            .into_iter()
            .filter(|account| self.is_selected(account.id))
            .map(|account| {
                let rules = rules_for(account.platform, &account.text);
                let checked = check(&self.text_for(account.id), images, &rules);
                (account, checked)
            })
            .collect()
    }
}
