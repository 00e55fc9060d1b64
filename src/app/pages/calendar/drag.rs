//! Drag a post to another day (month) or hour (week) to reschedule it. Only in the hydrated
//! page, and only for people who may edit; the chip stays a link to the composer's time fields.
use super::placement::{Chip, Slot};
use crate::api::calendar::{ReschedulePost, Rescheduled};
use crate::domain::schedule::IanaZone;
use crate::error::AppError;
use chrono::{NaiveDateTime, NaiveTime, Timelike};
use leptos::ev::DragEvent;
use leptos::prelude::*;
use uuid::Uuid;

/// Our own type, so a link or text dragged in from elsewhere is not taken for a post.
const PAYLOAD_TYPE: &str = "application/x-herald-post";

#[derive(Clone, Copy)]
pub struct Drag {
    /// The viewer may edit posts.
    pub enabled: bool,
    /// The slot a post is being dragged over, highlighted.
    over: RwSignal<Option<Slot>>,
    pub action: ServerAction<ReschedulePost>,
    /// The last move's result, until the person goes to another period.
    pub outcome: RwSignal<Option<Result<Rescheduled, AppError>>>,
}

impl Drag {
    pub fn new<T: Send + Sync + 'static>(enabled: bool, period: Memo<T>) -> Self {
        let action = ServerAction::<ReschedulePost>::new();
        let outcome = RwSignal::new(None);
        Effect::new(move |_| {
            if let Some(result) = action.value().get() {
                outcome.set(Some(result));
            }
        });
        Effect::new(move |_| {
            period.track();
            outcome.set(None);
        });
        Self {
            enabled,
            over: RwSignal::new(None),
            action,
            outcome,
        }
    }

    pub fn can_move(&self, chip: &Chip) -> bool {
        self.enabled && chip.status.can_reschedule()
    }

    pub fn start(&self, event: &DragEvent, chip: &Chip) {
        let Some(transfer) = event.data_transfer() else {
            return;
        };
        let payload = Payload {
            id: chip.id,
            version: chip.version,
            local: chip.local,
        };
        if transfer.set_data(PAYLOAD_TYPE, &payload.encode()).is_ok() {
            transfer.set_effect_allowed("move");
        }
    }

    pub fn end(&self) {
        self.over.set(None);
    }

    /// Accepting the drop means cancelling `dragover`, and only for our posts.
    pub fn over(&self, event: &DragEvent, slot: Slot) {
        let Some(transfer) = event.data_transfer().filter(|_| self.enabled) else {
            return;
        };
        let carries_post = transfer
            .types()
            .iter()
            .any(|kind| kind.as_string().as_deref() == Some(PAYLOAD_TYPE));
        if !carries_post {
            return;
        }
        event.prevent_default();
        transfer.set_drop_effect("move");
        if self.over.get_untracked() != Some(slot) {
            self.over.set(Some(slot));
        }
    }

    pub fn leave(&self, slot: Slot) {
        if self.over.get_untracked() == Some(slot) {
            self.over.set(None);
        }
    }

    pub fn is_over(&self, slot: Slot) -> bool {
        self.over.get() == Some(slot)
    }

    pub fn drop(&self, event: &DragEvent, slot: Slot, zone: IanaZone) {
        event.prevent_default();
        self.over.set(None);
        let Some(payload) = event
            .data_transfer()
            .and_then(|transfer| transfer.get_data(PAYLOAD_TYPE).ok())
            .and_then(|text| Payload::decode(&text))
        else {
            return;
        };
        let target = moved_to(payload.local, slot);
        if target == payload.local {
            return;
        }
        self.action.dispatch(ReschedulePost {
            id: payload.id,
            version: payload.version,
            date: target.format("%Y-%m-%d").to_string(),
            time: target.format("%H:%M").to_string(),
            timezone: zone.name().to_owned(),
        });
    }
}

/// The new wall-clock time: the same time on another day, or the same minutes in another hour.
pub fn moved_to(local: NaiveDateTime, slot: Slot) -> NaiveDateTime {
    let time = slot
        .hour
        .and_then(|hour| NaiveTime::from_hms_opt(hour, local.minute(), 0))
        .unwrap_or(local.time());
    slot.date.and_time(time)
}

/// What a dragged chip carries: `<id> <version> <local time>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Payload {
    id: Uuid,
    version: i32,
    local: NaiveDateTime,
}

impl Payload {
    fn encode(&self) -> String {
        format!(
            "{} {} {}",
            self.id,
            self.version,
            self.local.format("%Y-%m-%dT%H:%M")
        )
    }

    fn decode(text: &str) -> Option<Payload> {
        let mut parts = text.split(' ');
        let payload = Payload {
            id: parts.next()?.parse().ok()?,
            version: parts.next()?.parse().ok()?,
            local: NaiveDateTime::parse_from_str(parts.next()?, "%Y-%m-%dT%H:%M").ok()?,
        };
        parts.next().is_none().then_some(payload)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_drop_keeps_the_time_and_a_week_drop_keeps_the_minutes() {
        let local: NaiveDateTime = "2026-11-23T09:45:00".parse().unwrap();
        let date = "2026-11-26".parse().unwrap();
        let day = Slot { date, hour: None };
        assert_eq!(moved_to(local, day).to_string(), "2026-11-26 09:45:00");
        let hour = Slot { date, hour: Some(14) };
        assert_eq!(moved_to(local, hour).to_string(), "2026-11-26 14:45:00");
    }

    #[test]
    fn the_payload_round_trips_and_rejects_anything_else() {
        let payload = Payload {
            id: Uuid::new_v4(),
            version: 7,
            local: "2026-11-23T09:45:00".parse().unwrap(),
        };
        assert_eq!(Payload::decode(&payload.encode()), Some(payload));
        assert_eq!(Payload::decode("https://example.com/"), None);
        assert_eq!(Payload::decode(&format!("{} extra", payload.encode())), None);
    }
}
