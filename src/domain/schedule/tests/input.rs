//! Form fields, zone names, serde, the future check and display formatting.

use chrono::TimeDelta;
use serde::Deserialize;
use serde::de::{IntoDeserializer, value::StrDeserializer};

use super::*;

#[test]
fn parses_form_fields() {
    for (date, time, expected) in [
        ("2026-03-08", "02:30", "2026-03-08 02:30:00"),
        (" 2026-03-08 ", " 02:30:00 ", "2026-03-08 02:30:00"),
        ("2026-12-31", "23:59:15", "2026-12-31 23:59:15"),
        ("2026-12-31", "23:59:15.500", "2026-12-31 23:59:15.500"),
    ] {
        let parsed = parse_local(date, time).expect(time);
        assert_eq!(parsed.format("%Y-%m-%d %H:%M:%S%.f").to_string(), expected);
    }
}

#[test]
fn rejects_bad_form_fields() {
    for (date, time, message) in [
        ("", "02:30", "Enter a date as YYYY-MM-DD."),
        ("   ", "02:30", "Enter a date as YYYY-MM-DD."),
        (
            "2026-02-30",
            "02:30",
            "“2026-02-30” is not a date. Enter a date as YYYY-MM-DD.",
        ),
        (
            "08/03/2026",
            "02:30",
            "“08/03/2026” is not a date. Enter a date as YYYY-MM-DD.",
        ),
        (
            "2026-13-01",
            "02:30",
            "“2026-13-01” is not a date. Enter a date as YYYY-MM-DD.",
        ),
        (
            "2026-03-08T02:30",
            "02:30",
            "“2026-03-08T02:30” is not a date. Enter a date as YYYY-MM-DD.",
        ),
        ("2026-03-08", "", "Enter a time as HH:MM."),
        (
            "2026-03-08",
            "25:00",
            "“25:00” is not a time. Enter a time as HH:MM.",
        ),
        (
            "2026-03-08",
            "12:60",
            "“12:60” is not a time. Enter a time as HH:MM.",
        ),
        (
            "2026-03-08",
            "2:30 PM",
            "“2:30 PM” is not a time. Enter a time as HH:MM.",
        ),
        (
            "2026-03-08",
            "23:59:60",
            "“23:59:60” is not a time. Enter a time as HH:MM.",
        ),
        (
            "2026-03-08",
            "noon",
            "“noon” is not a time. Enter a time as HH:MM.",
        ),
    ] {
        let error = parse_local(date, time).expect_err(message);
        assert_eq!(error.to_string(), message, "{date:?} {time:?}");
    }
    let long = "x".repeat(500);
    let ScheduleError::InvalidDate(echoed) = parse_local(&long, "02:30").expect_err("too long") else {
        panic!("expected InvalidDate");
    };
    assert_eq!(echoed.chars().count(), 40);
}

#[test]
fn parses_zones() {
    for (input, name) in [
        ("Europe/Berlin", "Europe/Berlin"),
        ("  europe/berlin ", "Europe/Berlin"),
        ("AMERICA/NEW_YORK", "America/New_York"),
        ("UTC", "UTC"),
    ] {
        let parsed = zone(input);
        assert_eq!(parsed.name(), name);
        assert_eq!(parsed.to_string(), name);
    }
    for (input, message) in [
        ("", "Pick a time zone, such as Europe/Paris."),
        ("  ", "Pick a time zone, such as Europe/Paris."),
        (
            "Mars/Olympus",
            "“Mars/Olympus” is not a time zone; pick one such as Europe/Paris.",
        ),
        (
            "Europe/Berlinn",
            "“Europe/Berlinn” is not a time zone; pick one such as Europe/Paris.",
        ),
    ] {
        let error = IanaZone::parse(input).expect_err(input);
        assert_eq!(error.to_string(), message);
    }
}

#[test]
fn zone_travels_as_its_name() {
    let berlin = zone("Europe/Berlin");
    assert_eq!(
        serde_json::to_string(&berlin).expect("serializes"),
        "\"Europe/Berlin\""
    );
    let back: IanaZone = serde_json::from_str("\"Europe/Berlin\"").expect("deserializes");
    assert_eq!(back, berlin);
    let bad: StrDeserializer<serde::de::value::Error> = "Mars/Olympus".into_deserializer();
    let error = IanaZone::deserialize(bad).expect_err("unknown zone");
    assert!(error.to_string().contains("is not a time zone"), "{error}");

    let resolved = resolve(wall("2026-11-01 01:30"), &zone("America/New_York")).expect("resolves");
    let json = serde_json::to_string(&resolved).expect("serializes");
    assert_eq!(
        serde_json::from_str::<Resolved>(&json).expect("deserializes"),
        resolved
    );
    let error = resolve(wall("2026-03-08 02:30"), &zone("America/New_York")).expect_err("gap");
    let json = serde_json::to_string(&error).expect("serializes");
    assert_eq!(
        serde_json::from_str::<ScheduleError>(&json).expect("deserializes"),
        error
    );
}

#[test]
fn ensures_future_with_grace() {
    let now = utc("2026-01-01 12:00");
    for (offset_seconds, message) in [
        (1, None),
        (0, None),
        (-60, None),
        (
            -61,
            Some(
                "That time has already passed (1 minute ago); pick a time in the future or use Publish now.",
            ),
        ),
        (
            -3 * 3_600,
            Some("That time has already passed (3 hours ago); pick a time in the future or use Publish now."),
        ),
        (
            -3 * 86_400,
            Some("That time has already passed (3 days ago); pick a time in the future or use Publish now."),
        ),
    ] {
        let at = now + TimeDelta::seconds(offset_seconds);
        let result = ensure_future(at, now).map_err(|error| error.to_string());
        assert_eq!(result.err().as_deref(), message, "{offset_seconds} s");
    }
    assert_eq!(CLOCK_SKEW_GRACE, TimeDelta::seconds(60));
}

#[test]
fn describes_instants_in_their_zone() {
    for (at, name, expected) in [
        (
            "2026-11-24 08:30",
            "Europe/Berlin",
            "Tue 24 Nov 2026, 09:30 (Europe/Berlin, UTC+01:00)",
        ),
        (
            "2026-06-01 03:15",
            "Asia/Kathmandu",
            "Mon 1 Jun 2026, 09:00 (Asia/Kathmandu, UTC+05:45)",
        ),
        (
            "2026-11-01 05:30",
            "America/New_York",
            "Sun 1 Nov 2026, 01:30 (America/New_York, UTC−04:00)",
        ),
        (
            "2026-11-01 06:30",
            "America/New_York",
            "Sun 1 Nov 2026, 01:30 (America/New_York, UTC−05:00)",
        ),
    ] {
        assert_eq!(describe(utc(at), &zone(name)), expected);
    }
    let new_york = zone("America/New_York");
    let resolved = resolve(wall("2026-07-01 12:00"), &new_york).expect("resolves");
    assert_eq!(to_local(resolved.at, &new_york), wall("2026-07-01 12:00"));
}
