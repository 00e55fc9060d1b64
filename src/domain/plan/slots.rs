//! Posting slots: the wall-clock times on weekdays when an account posts from its queue.
use chrono::{DateTime, Datelike, Days, NaiveTime, Timelike, Utc, Weekday};
use serde::{Deserialize, Serialize};

use super::wall::fire_at;
use crate::domain::schedule::{IanaZone, to_local};

/// Enough for a slot every half hour of every day; more is a mistake, not a plan.
pub const MAX_SLOTS: usize = 7 * 48;

/// One weekly slot, such as Monday 09:00, in the zone of its [`WeeklySlots`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Slot {
    pub day: Weekday,
    pub time: NaiveTime,
}

impl Slot {
    fn key(&self) -> (u32, NaiveTime) {
        (self.day.num_days_from_monday(), self.time)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum SlotsError {
    #[error("An account can have at most {MAX_SLOTS} posting slots a week.")]
    TooMany,
    #[error("{day}: “{input}” is not a time; write times as HH:MM, such as 09:00, 12:30.")]
    NotATime { day: Weekday, input: String },
}

/// The same times on each working day, Monday to Friday.
pub fn weekdays(times: &[NaiveTime]) -> Vec<Slot> {
    const WORKING: [Weekday; 5] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];
    WORKING
        .iter()
        .flat_map(|&day| times.iter().map(move |&time| Slot { day, time }))
        .collect()
}

/// One day's times as a person types them ("09:00, 12:30 17:00"), as slots.
pub fn parse_times(day: Weekday, text: &str) -> Result<Vec<Slot>, SlotsError> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|piece| !piece.is_empty())
        .map(|piece| {
            NaiveTime::parse_from_str(piece, "%H:%M")
                .map(|time| Slot { day, time })
                .map_err(|_| SlotsError::NotATime {
                    day,
                    input: piece.chars().take(20).collect(),
                })
        })
        .collect()
}

/// An account's week of slots in one zone: sorted, whole minutes, each once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklySlots {
    zone: IanaZone,
    slots: Vec<Slot>,
}

impl WeeklySlots {
    pub fn new(zone: IanaZone, slots: impl IntoIterator<Item = Slot>) -> Result<Self, SlotsError> {
        let mut slots: Vec<Slot> = slots
            .into_iter()
            .map(|slot| Slot {
                time: slot
                    .time
                    .with_second(0)
                    .and_then(|t| t.with_nanosecond(0))
                    .unwrap_or(slot.time),
                ..slot
            })
            .collect();
        slots.sort_by_key(Slot::key);
        slots.dedup();
        if slots.len() > MAX_SLOTS {
            return Err(SlotsError::TooMany);
        }
        Ok(Self { zone, slots })
    }

    pub fn zone(&self) -> IanaZone {
        self.zone
    }

    pub fn slots(&self) -> &[Slot] {
        &self.slots
    }

    /// Every slot instant from `from` on, in order, each instant once (two slots in one
    /// spring-forward gap fire at the same minute, so they are one slot that day). Endless
    /// unless there are no slots.
    pub fn from(&self, from: DateTime<Utc>) -> impl Iterator<Item = DateTime<Utc>> + '_ {
        // A day early: the zone's date at `from` may be behind the slot's.
        let first_day = to_local(from, &self.zone).date() - Days::new(1);
        let days = (!self.slots.is_empty())
            .then(|| first_day.iter_days())
            .into_iter()
            .flatten();
        let mut last = None;
        days.flat_map(move |date| {
            self.slots
                .iter()
                .filter(move |slot| slot.day == date.weekday())
                .map(move |slot| fire_at(date.and_time(slot.time), &self.zone))
        })
        .filter(move |at| *at >= from)
        // The gap and overlap rules keep instants in order, so repeats are neighbours.
        .filter(move |at| last.replace(*at) != Some(*at))
    }

    /// The slot instants in `[from, to)`.
    pub fn between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        self.from(from).take_while(|at| *at < to).collect()
    }
}
