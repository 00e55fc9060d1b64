//! Unit and property tests of the planning rules, split by rule.
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};

use crate::domain::schedule::IanaZone;

mod evergreen;
mod properties;
mod queue;
#[cfg(feature = "ssr")]
mod repeat;
mod slots;

fn zone(name: &str) -> IanaZone {
    IanaZone::parse(name).expect("test zone exists")
}

fn utc(text: &str) -> DateTime<Utc> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
        .expect("test time is well-formed")
        .and_utc()
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date is well-formed")
}

fn time(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").expect("test time is well-formed")
}

fn slot(day: Weekday, at: &str) -> crate::domain::plan::slots::Slot {
    crate::domain::plan::slots::Slot { day, time: time(at) }
}
