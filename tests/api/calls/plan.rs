use super::Answer;
use crate::helpers::{Browser, TestApp};
use herald::api::plan::{
    AddToQueue, DayTimes, PostingSlots, QueueItem, Queued, ReflowQueue, SetPostingSlots, SlotPlan, SlotTime,
    SlotTimes, WorkspacePostingSlots,
};
use herald::domain::plan::slots::Slot;
use uuid::Uuid;

impl TestApp {
    pub async fn posting_slots(&self, who: &Browser, account_id: Uuid) -> Answer<SlotPlan> {
        self.send(who, &PostingSlots { account_id }).await
    }

    pub async fn workspace_posting_slots(&self, who: &Browser) -> Answer<Vec<SlotPlan>> {
        self.send(who, &WorkspacePostingSlots {}).await
    }

    /// Sends `slots` as the form does: each weekday's times typed in one field.
    pub async fn set_posting_slots(
        &self,
        who: &Browser,
        account_id: Uuid,
        timezone: &str,
        slots: &[Slot],
    ) -> Answer<SlotPlan> {
        let mut days: Vec<DayTimes> = Vec::new();
        for slot in slots {
            let time = slot.time.format("%H:%M").to_string();
            match days.iter_mut().find(|d| d.day == slot.day) {
                Some(day) => day.times = format!("{}, {time}", day.times),
                None => days.push(DayTimes {
                    day: slot.day,
                    times: time,
                }),
            }
        }
        let form = SetPostingSlots {
            account_id,
            timezone: timezone.into(),
            days,
        };
        self.send(who, &form).await
    }

    pub async fn slot_times(&self, who: &Browser, range: &SlotTimes) -> Answer<Vec<SlotTime>> {
        self.send(who, range).await
    }

    pub async fn add_to_queue(
        &self,
        who: &Browser,
        posts: &[QueueItem],
        share_next: bool,
    ) -> Answer<Vec<Queued>> {
        self.send(
            who,
            &AddToQueue {
                posts: posts.to_vec(),
                share_next,
            },
        )
        .await
    }

    pub async fn reflow_queue(&self, who: &Browser, account_id: Uuid) -> Answer<Vec<Queued>> {
        self.send(who, &ReflowQueue { account_id }).await
    }
}
