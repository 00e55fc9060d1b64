//! Unit tests, split by what they exercise.

use chrono::{DateTime, NaiveDateTime, Utc};

use super::*;

mod input;
mod properties;
mod resolve;

fn zone(name: &str) -> IanaZone {
    IanaZone::parse(name).expect("test zone exists")
}

fn wall(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("test time is well-formed")
}

fn utc(text: &str) -> DateTime<Utc> {
    wall(text).and_utc()
}
