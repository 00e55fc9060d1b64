//! A series' rule as form fields (`repeat[…]`), filled in from `initial`: shared by "Repeat…"
//! on a post and the series' edit form.
use crate::api::series::RepeatForm;
use crate::app::components::field::INPUT_CLASS;
use chrono::Weekday;
use leptos::prelude::*;

const DAYS: [(&str, &str, Weekday); 7] = [
    ("mon", "Mon", Weekday::Mon),
    ("tue", "Tue", Weekday::Tue),
    ("wed", "Wed", Weekday::Wed),
    ("thu", "Thu", Weekday::Thu),
    ("fri", "Fri", Weekday::Fri),
    ("sat", "Sat", Weekday::Sat),
    ("sun", "Sun", Weekday::Sun),
];

const FREQUENCIES: [(&str, &str); 4] = [
    ("daily", "day(s)"),
    ("weekly", "week(s), on the days ticked"),
    ("monthly_day", "month(s), on a day of the month"),
    ("monthly_weekday", "month(s), on a weekday of the month"),
];

const NTH: [(i8, &str); 5] = [
    (1, "first"),
    (2, "second"),
    (3, "third"),
    (4, "fourth"),
    (-1, "last"),
];

#[component]
pub fn RuleFields(initial: RepeatForm) -> impl IntoView {
    let select = format!("{INPUT_CLASS} w-auto");
    let frequencies = FREQUENCIES
        .iter()
        .map(|(value, label)| view! { <option value=*value selected=initial.frequency == *value>{*label}</option> })
        .collect_view();
    let days = DAYS
        .iter()
        .map(|(name, label, day)| {
            view! {
                <label class="inline-flex items-center gap-1">
                    <input type="checkbox" name=format!("repeat[{name}]") value="true" checked=initial.day(*day) class="rounded border-slate-300" />
                    {*label}
                </label>
            }
        })
        .collect_view();
    let month_days = (1..=31)
        .map(|d| view! { <option value=d.to_string() selected=initial.month_day == d>{d.to_string()}</option> })
        .collect_view();
    let nths = NTH
        .iter()
        .map(|(n, label)| view! { <option value=n.to_string() selected=initial.nth == *n>{*label}</option> })
        .collect_view();
    let weekdays = DAYS
        .iter()
        .map(|(_, label, day)| view! { <option value=*label selected=initial.weekday == *day>{*label}</option> })
        .collect_view();
    let ends = |value: &'static str, label: &'static str| {
        view! {
            <label class="inline-flex items-center gap-1">
                <input type="radio" name="repeat[ends]" value=value checked=initial.ends == value />{label}
            </label>
        }
    };
    view! {
        <div class="flex flex-wrap items-center gap-2">
            <label class="inline-flex items-center gap-2">"Every"
                <input type="number" name="repeat[every]" value=initial.every.to_string() min="1" max="99" class=format!("{INPUT_CLASS} w-20") />
            </label>
            <select name="repeat[frequency]" class=select.clone() aria-label="Repeat">{frequencies}</select>
        </div>
        <fieldset class="flex flex-wrap gap-3">
            <legend class="sr-only">"Days of the week"</legend>
            {days}
        </fieldset>
        <div class="flex flex-wrap items-center gap-2">
            <label class="inline-flex items-center gap-2">"Day of the month"
                <select name="repeat[month_day]" class=select.clone()>
                    {month_days}
                    <option value="-1" selected=initial.month_day == -1>"last"</option>
                </select>
            </label>
            <label class="inline-flex items-center gap-2">"or the"
                <select name="repeat[nth]" class=select.clone()>{nths}</select>
            </label>
            <select name="repeat[weekday]" class=select.clone() aria-label="Weekday of the month">{weekdays}</select>
        </div>
        <fieldset class="flex flex-wrap items-center gap-3">
            <legend class="mb-1 font-medium">"Ends"</legend>
            {ends("never", "never")}
            {ends("on", "on")}
            <input type="date" name="repeat[end_date]" value=initial.end_date.clone() class=select.clone() aria-label="Repeat until" />
            {ends("after", "after")}
            <input type="number" name="repeat[count]" min="1" max="1000" value=initial.count.to_string() class=format!("{INPUT_CLASS} w-24") aria-label="Number of posts" />
            "posts"
        </fieldset>
    }
}
