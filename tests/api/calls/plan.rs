use super::Answer;
use crate::helpers::{Browser, TestApp};
use herald::api::plan::{
    AddToQueue, PostingSlots, QueueItem, Queued, ReflowQueue, SetPostingSlots, SlotPlan, SlotTime, SlotTimes,
};
use herald::domain::plan::slots::Slot;
use uuid::Uuid;

impl TestApp {
    pub async fn posting_slots(&self, who: &Browser, account_id: Uuid) -> Answer<SlotPlan> {
        self.send(who, &PostingSlots { account_id }).await
    }

    pub async fn set_posting_slots(
        &self,
        who: &Browser,
        account_id: Uuid,
        timezone: &str,
        slots: &[Slot],
    ) -> Answer<SlotPlan> {
        let form = SetPostingSlots {
            account_id,
            timezone: timezone.into(),
            slots: slots.to_vec(),
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
