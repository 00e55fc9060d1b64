//! A series rule in words, for the composer and the calendar's repeat mark.
use chrono::Weekday;

use super::{End, Pattern, Repeat};

impl Repeat {
    /// "Every 2 weeks on Mon and Thu at 09:00 (Europe/Berlin), 10 times".
    pub fn describe(&self) -> String {
        let every = |unit: &str| match self.every {
            1 => format!("Every {unit}"),
            n => format!("Every {n} {unit}s"),
        };
        let what = match &self.pattern {
            Pattern::Daily => every("day"),
            Pattern::Weekly { days } => format!(
                "{} on {}",
                every("week"),
                list(days.iter().map(Weekday::to_string))
            ),
            Pattern::MonthlyOnDay { day: -1 } => format!("{} on the last day", every("month")),
            Pattern::MonthlyOnDay { day } => format!("{} on the {}", every("month"), ordinal(*day)),
            Pattern::MonthlyOnWeekday { nth, weekday } => {
                let nth = if *nth == -1 {
                    "last".to_string()
                } else {
                    ordinal(*nth)
                };
                format!("{} on the {nth} {}", every("month"), long(weekday))
            }
        };
        let end = match self.end {
            End::Never => String::new(),
            End::OnDate(last) => format!(", until {}", last.format("%-d %b %Y")),
            End::AfterCount(1) => ", once".to_string(),
            End::AfterCount(count) => format!(", {count} times"),
        };
        format!("{what} at {} ({}){end}", self.at.format("%H:%M"), self.zone)
    }
}

fn list(items: impl Iterator<Item = String>) -> String {
    let items: Vec<_> = items.collect();
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.concat(),
    }
}

fn ordinal(n: i8) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn long(day: &Weekday) -> &'static str {
    const NAMES: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    NAMES[day.num_days_from_monday() as usize]
}
