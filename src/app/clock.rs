//! The current instant on whichever side renders: the server's clock, or the browser's.
use chrono::{DateTime, Utc};

#[cfg(feature = "ssr")]
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

#[cfg(not(feature = "ssr"))]
pub fn now() -> DateTime<Utc> {
    let millis = js_sys::Date::now() as i64;
    DateTime::from_timestamp_millis(millis).unwrap_or_default()
}
