use super::Answer;
use crate::helpers::{Browser, TestApp};
use herald::api::evergreen::{EvergreenPool, PoolView, SetEvergreen, UpdateEvergreenPool};
use herald::domain::plan::evergreen::PoolSettings;
use uuid::Uuid;

impl TestApp {
    pub async fn set_evergreen(&self, who: &Browser, id: Uuid, evergreen: bool) -> Answer<()> {
        self.send(who, &SetEvergreen { id, evergreen }).await
    }

    pub async fn evergreen_pool(&self, who: &Browser) -> Answer<PoolView> {
        self.send(who, &EvergreenPool {}).await
    }

    pub async fn update_evergreen_pool(&self, who: &Browser, settings: PoolSettings) -> Answer<()> {
        let form = UpdateEvergreenPool {
            cooldown_days: settings.cooldown_days,
            lead_hours: settings.lead_hours,
            no_two_in_a_row: settings.no_two_in_a_row,
            paused: settings.paused,
        };
        self.send(who, &form).await
    }
}
