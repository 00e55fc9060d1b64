//! The calendar's state lives in the URL query, so every view is a plain link that works without
//! JavaScript and survives a reload: `?view=month&date=2026-11-23&zone=Europe/Berlin&account=…&status=…`.
use crate::domain::plan::PostKind;
use crate::domain::post::PostStatus;
use crate::domain::schedule::{IanaZone, to_local};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use leptos_router::params::ParamsMap;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum View {
    Month,
    Week,
    List,
    /// The list of one day, where "+N more" leads.
    Day,
}

impl View {
    /// The views the switcher offers (a day is reached from the month and week views).
    pub const SWITCHABLE: [View; 3] = [View::Month, View::Week, View::List];

    pub fn as_str(self) -> &'static str {
        match self {
            View::Month => "month",
            View::Week => "week",
            View::List => "list",
            View::Day => "day",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            View::Month => "Month",
            View::Week => "Week",
            View::List => "List",
            View::Day => "Day",
        }
    }

    fn parse(input: &str) -> Option<View> {
        [View::Month, View::Week, View::List, View::Day]
            .into_iter()
            .find(|view| view.as_str() == input)
    }
}

/// The query as it arrived: the key the calendar's data is loaded by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawQuery {
    pub view: Option<String>,
    pub date: Option<String>,
    pub zone: Option<String>,
    pub account: Option<String>,
    pub status: Option<String>,
    pub kind: Option<String>,
}

impl RawQuery {
    pub fn from_params(params: &ParamsMap) -> Self {
        // The filter form sends empty values for "All"; they mean the same as absent ones.
        let get = |key: &str| params.get(key).filter(|value| !value.trim().is_empty());
        Self {
            view: get("view"),
            date: get("date"),
            zone: get("zone"),
            account: get("account"),
            status: get("status"),
            kind: get("kind"),
        }
    }

    /// Reads the query; anything unreadable falls back to its default, with a note saying so.
    pub fn resolve(&self, default_zone: &str, now: DateTime<Utc>) -> (CalendarQuery, Vec<String>) {
        let mut notices = Vec::new();
        let workspace_zone = IanaZone::parse(default_zone).unwrap_or(IanaZone::from(chrono_tz::UTC));
        let zone = match self.zone.as_deref().map(IanaZone::parse) {
            None => workspace_zone,
            Some(Ok(zone)) => zone,
            Some(Err(_)) => {
                notices.push(format!(
                    "“{}” is not a time zone; showing times in {workspace_zone}.",
                    echo(self.zone.as_deref())
                ));
                workspace_zone
            }
        };
        let view = match self.view.as_deref() {
            None => View::Month,
            Some(name) => View::parse(name).unwrap_or_else(|| {
                notices.push(format!(
                    "“{}” is not a view; showing the month.",
                    echo(Some(name))
                ));
                View::Month
            }),
        };
        let today = to_local(now, &zone).date();
        let date = match self.date.as_deref() {
            None => today,
            Some(text) => parse_date(text).unwrap_or_else(|| {
                notices.push(format!(
                    "“{}” is not a date (YYYY-MM-DD between 1900 and 2999); showing today.",
                    echo(Some(text))
                ));
                today
            }),
        };
        let account = self.account.as_deref().and_then(|text| {
            let parsed = Uuid::parse_str(text.trim()).ok();
            if parsed.is_none() {
                notices.push(format!(
                    "“{}” is not an account; showing all accounts.",
                    echo(Some(text))
                ));
            }
            parsed
        });
        let status = self.status.as_deref().and_then(|text| {
            let parsed = text.trim().parse::<PostStatus>().ok();
            if parsed.is_none() {
                notices.push(format!(
                    "“{}” is not a status; showing every status.",
                    echo(Some(text))
                ));
            }
            parsed
        });
        let kind = self.kind.as_deref().and_then(|text| {
            let parsed = PostKind::parse(text.trim());
            if parsed.is_none() {
                notices.push(format!(
                    "“{}” is not a kind of post; showing every kind.",
                    echo(Some(text))
                ));
            }
            parsed
        });
        let query = CalendarQuery {
            view,
            date,
            zone,
            account,
            status,
            kind,
        };
        (query, notices)
    }
}

/// Dates far outside any schedule are refused, which also keeps date arithmetic in range.
fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .filter(|date| (1900..=2999).contains(&date.year()))
}

/// User input quoted back in a note, cut short.
fn echo(text: Option<&str>) -> String {
    text.unwrap_or_default().trim().chars().take(40).collect()
}

/// What the calendar shows: a view of the period around `date`, with times in `zone`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarQuery {
    pub view: View,
    pub date: NaiveDate,
    pub zone: IanaZone,
    pub account: Option<Uuid>,
    pub status: Option<PostStatus>,
    /// Placed by hand, queued, recurring or evergreen.
    pub kind: Option<PostKind>,
}

impl CalendarQuery {
    pub fn has_filters(&self) -> bool {
        self.account.is_some() || self.status.is_some() || self.kind.is_some()
    }

    /// This calendar in `view` around `date` (today when `None`), keeping zone and filters.
    pub fn href(&self, view: View, date: Option<NaiveDate>) -> String {
        let mut href = format!("/calendar?view={}", view.as_str());
        if let Some(date) = date {
            href.push_str(&format!("&date={}", date.format("%Y-%m-%d")));
        }
        href.push_str(&format!("&zone={}", encode(self.zone.name())));
        if let Some(account) = self.account {
            href.push_str(&format!("&account={account}"));
        }
        if let Some(status) = self.status {
            href.push_str(&format!("&status={}", status.as_str()));
        }
        if let Some(kind) = self.kind {
            href.push_str(&format!("&kind={}", kind.as_str()));
        }
        href
    }

    /// The same view and period without filters.
    pub fn unfiltered_href(&self) -> String {
        let unfiltered = CalendarQuery {
            account: None,
            status: None,
            kind: None,
            ..self.clone()
        };
        unfiltered.href(self.view, Some(self.date))
    }
}

/// Percent-encodes a query value (zone names hold `+`, which would read as a space).
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                char::from(byte).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> RawQuery {
        let get = |key: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (*v).to_owned())
        };
        RawQuery {
            view: get("view"),
            date: get("date"),
            zone: get("zone"),
            account: get("account"),
            status: get("status"),
            kind: get("kind"),
        }
    }

    fn now() -> DateTime<Utc> {
        // 23:30 UTC on the 23rd is already the 24th in Berlin.
        "2026-11-23T23:30:00Z".parse().unwrap()
    }

    #[test]
    fn defaults_are_the_month_of_today_in_the_workspace_zone() {
        let (query, notices) = RawQuery::default().resolve("Europe/Berlin", now());
        assert_eq!(query.view, View::Month);
        assert_eq!(query.date, NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        assert_eq!(query.zone.name(), "Europe/Berlin");
        assert!(!query.has_filters());
        assert!(notices.is_empty());
    }

    #[test]
    fn reads_every_parameter() {
        let account = Uuid::new_v4();
        let account_text = account.to_string();
        let (query, notices) = raw(&[
            ("view", "week"),
            ("date", "2026-12-01"),
            ("zone", "America/New_York"),
            ("account", &account_text),
            ("status", "failed"),
            ("kind", "evergreen"),
        ])
        .resolve("Europe/Berlin", now());
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(query.view, View::Week);
        assert_eq!(query.date.to_string(), "2026-12-01");
        assert_eq!(query.zone.name(), "America/New_York");
        assert_eq!(query.account, Some(account));
        assert_eq!(query.status, Some(PostStatus::Failed));
        assert_eq!(query.kind, Some(PostKind::Evergreen));
        assert!(
            query
                .href(View::List, None)
                .ends_with("&status=failed&kind=evergreen")
        );
    }

    #[test]
    fn bad_values_fall_back_and_say_so() {
        let (query, notices) = raw(&[
            ("view", "year"),
            ("date", "2026-13-45"),
            ("zone", "Mars/Olympus"),
            ("account", "someone"),
            ("status", "lost"),
        ])
        .resolve("Europe/Berlin", now());
        assert_eq!(query.view, View::Month);
        assert_eq!(query.date.to_string(), "2026-11-24");
        assert_eq!(query.zone.name(), "Europe/Berlin");
        assert!(!query.has_filters());
        assert_eq!(notices.len(), 5, "{notices:?}");
        assert!(notices.iter().any(|n| n.contains("Mars/Olympus")));
        let (far, notices) = raw(&[("date", "+99999-01-01")]).resolve("UTC", now());
        assert_eq!(far.date.to_string(), "2026-11-23");
        assert_eq!(notices.len(), 1);
    }

    #[test]
    fn links_keep_zone_and_filters_and_encode_the_zone() {
        let (query, _) = raw(&[("zone", "Etc/GMT+5"), ("status", "draft")]).resolve("UTC", now());
        let date = NaiveDate::from_ymd_opt(2026, 12, 1);
        assert_eq!(
            query.href(View::Week, date),
            "/calendar?view=week&date=2026-12-01&zone=Etc/GMT%2B5&status=draft"
        );
        assert_eq!(
            query.href(View::Month, None),
            "/calendar?view=month&zone=Etc/GMT%2B5&status=draft"
        );
        assert!(!query.unfiltered_href().contains("status"));
    }
}
