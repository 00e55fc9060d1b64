use super::Answer;
use crate::helpers::{Browser, TestApp};
use herald::api::series::{EditSeries, PostSeries, RepeatForm, RepeatPost, SeriesView, StopSeries};
use uuid::Uuid;

/// The "Repeat" form with one choice made: `weekly` on no day yet, every 1, never ending.
pub fn repeating(frequency: &str) -> RepeatForm {
    RepeatForm {
        frequency: frequency.into(),
        ..RepeatForm::default()
    }
}

impl TestApp {
    pub async fn repeat_post(
        &self,
        who: &Browser,
        (id, version): (Uuid, i32),
        repeat: &RepeatForm,
    ) -> Answer<SeriesView> {
        let form = RepeatPost {
            id,
            version,
            repeat: repeat.clone(),
        };
        self.send(who, &form).await
    }

    pub async fn edit_series(&self, who: &Browser, form: &EditSeries) -> Answer<SeriesView> {
        self.send(who, form).await
    }

    pub async fn stop_series(&self, who: &Browser, series: &SeriesView) -> Answer<SeriesView> {
        let form = StopSeries {
            id: series.id,
            version: series.version,
        };
        self.send(who, &form).await
    }

    pub async fn post_series(&self, who: &Browser, post_id: Uuid) -> Answer<Option<SeriesView>> {
        self.send(who, &PostSeries { post_id }).await
    }
}
