//! "What changed since the last review": a word diff of the text and of each account's own
//! text, and the old and new time.
//!
//! A word diff of two long, wholly different texts costs time that grows with the square of
//! their length, so it is bounded: the common start and end are set aside first (cheap), a
//! middle longer than `MAX_DIFFED_CHARS` is shown as removed and added whole, and the whole
//! comparison gives up on finer detail at a deadline. Callers run it off the async runtime.
use crate::domain::schedule::{IanaZone, describe};
use crate::server::db::reviews::Decision;
use crate::server::posts::snapshot::Snapshot;
use crate::views::review::{ChangesView, DiffKind, DiffPart, TargetChange};
use chrono::{DateTime, Utc};
use similar::{ChangeTag, TextDiff};
use std::time::{Duration, Instant};

/// The changed middle of a text pair compared word by word, at most (both texts together).
pub const MAX_DIFFED_CHARS: usize = 20_000;
/// Time one review page may spend on all its diffs before they turn coarse.
pub const TIME_BUDGET: Duration = Duration::from_millis(200);

/// CPU-bound (see above): call it from a blocking task.
pub fn since(decision: Decision, now: &Snapshot) -> ChangesView {
    let deadline = Instant::now() + TIME_BUDGET;
    let words = |old: &str, new: &str| words_by(old, new, deadline);
    let before: Snapshot = serde_json::from_value(decision.snapshot).unwrap_or_else(|_| Snapshot {
        body: String::new(),
        scheduled_at: None,
        timezone: now.timezone.clone(),
        targets: Vec::new(),
    });
    let mut targets = Vec::new();
    for target in &now.targets {
        let old = before
            .targets
            .iter()
            .find(|t| t.account_id == target.account_id)
            .and_then(|t| t.body_override.as_deref());
        let new = target.body_override.as_deref();
        if old != new {
            targets.push(TargetChange {
                account: target.account.clone(),
                parts: words(old.unwrap_or(""), new.unwrap_or("")),
            });
        }
    }
    for gone in before
        .targets
        .iter()
        .filter(|t| !now.targets.iter().any(|n| n.account_id == t.account_id))
    {
        targets.push(TargetChange {
            account: format!("{} (no longer chosen)", gone.account),
            parts: words(gone.body_override.as_deref().unwrap_or(""), ""),
        });
    }
    let time = (before.scheduled_at != now.scheduled_at || before.timezone != now.timezone).then(|| {
        (
            when(before.scheduled_at, &before.timezone),
            when(now.scheduled_at, &now.timezone),
        )
    });
    ChangesView {
        reviewer: decision.reviewer.unwrap_or_else(|| "A former member".into()),
        decision: decision.decision,
        note: decision.note,
        reviewed_at: decision.created_at,
        body_changed: before.body != now.body,
        body: words(&before.body, &now.body),
        targets,
        time,
    }
}

/// A word-level diff, with neighbouring parts of one kind merged; finer detail is given up at
/// `deadline` (the parts then still add up to both texts).
pub fn words_by(old: &str, new: &str, deadline: Instant) -> Vec<DiffPart> {
    let start = common_start(old, new);
    let end = common_end(&old[start..], &new[start..]);
    let (old_middle, new_middle) = (&old[start..old.len() - end], &new[start..new.len() - end]);
    let mut parts: Vec<DiffPart> = Vec::new();
    push(&mut parts, DiffKind::Same, &old[..start]);
    if old_middle.chars().count() + new_middle.chars().count() > MAX_DIFFED_CHARS {
        push(&mut parts, DiffKind::Removed, old_middle);
        push(&mut parts, DiffKind::Added, new_middle);
    } else {
        let diff = TextDiff::configure()
            .deadline(deadline)
            .diff_words(old_middle, new_middle);
        for change in diff.iter_all_changes() {
            let kind = match change.tag() {
                ChangeTag::Equal => DiffKind::Same,
                ChangeTag::Insert => DiffKind::Added,
                ChangeTag::Delete => DiffKind::Removed,
            };
            push(&mut parts, kind, change.value());
        }
    }
    push(&mut parts, DiffKind::Same, &old[old.len() - end..]);
    parts
}

fn push(parts: &mut Vec<DiffPart>, kind: DiffKind, text: &str) {
    if text.is_empty() {
        return;
    }
    match parts.last_mut() {
        Some(last) if last.kind == kind => last.text.push_str(text),
        _ => parts.push(DiffPart {
            kind,
            text: text.to_owned(),
        }),
    }
}

/// Bytes both texts start with, ending after whitespace (so no word is cut), or all of both.
fn common_start(old: &str, new: &str) -> usize {
    let mut boundary = 0;
    let mut a = old.char_indices();
    let mut b = new.chars();
    loop {
        match (a.next(), b.next()) {
            (Some((at, x)), Some(y)) if x == y => {
                if x.is_whitespace() {
                    boundary = at + x.len_utf8();
                }
            }
            (None, None) => return old.len(),
            _ => return boundary,
        }
    }
}

/// Bytes both texts end with, starting after whitespace (or at the start of both).
fn common_end(old: &str, new: &str) -> usize {
    let mut boundary = 0;
    let mut a = old.char_indices().rev();
    let mut b = new.chars().rev();
    loop {
        match (a.next(), b.next()) {
            (Some((at, x)), Some(y)) if x == y => {
                if x.is_whitespace() {
                    boundary = old.len() - at;
                }
            }
            (None, None) => return old.len(),
            _ => return boundary,
        }
    }
}

pub fn when(at: Option<DateTime<Utc>>, zone: &str) -> String {
    match (at, IanaZone::parse(zone)) {
        (Some(at), Ok(zone)) => describe(at, &zone),
        (Some(at), Err(_)) => at.to_rfc3339(),
        (None, _) => "no time".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(old: &str, new: &str) -> Vec<DiffPart> {
        words_by(old, new, Instant::now() + TIME_BUDGET)
    }

    /// Same + removed gives the old text, same + added the new one.
    fn tells_the_whole_story(parts: &[DiffPart], old: &str, new: &str) {
        let joined = |keep: DiffKind| -> String {
            parts
                .iter()
                .filter(|p| p.kind == DiffKind::Same || p.kind == keep)
                .map(|p| p.text.as_str())
                .collect()
        };
        assert_eq!(joined(DiffKind::Removed), old);
        assert_eq!(joined(DiffKind::Added), new);
    }

    #[test]
    fn a_word_diff_marks_what_was_added_and_removed() {
        let parts = words("Launch on Monday", "Launch on Tuesday");
        let removed: Vec<&str> = parts
            .iter()
            .filter(|p| p.kind == DiffKind::Removed)
            .map(|p| p.text.as_str())
            .collect();
        let added: Vec<&str> = parts
            .iter()
            .filter(|p| p.kind == DiffKind::Added)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!((removed, added), (vec!["Monday"], vec!["Tuesday"]));
        assert!(words("same", "same").iter().all(|p| p.kind == DiffKind::Same));
        tells_the_whole_story(&parts, "Launch on Monday", "Launch on Tuesday");
    }

    #[test]
    fn a_pair_past_the_deadline_is_still_a_true_diff_only_coarser() {
        let old: String = (0..3_000).map(|i| format!("a{i} ")).collect();
        let new: String = (0..3_000).map(|i| format!("b{i} ")).collect();
        let started = Instant::now();
        let parts = words_by(&old, &new, Instant::now());
        println!("an expired deadline took {:?}", started.elapsed());
        tells_the_whole_story(&parts, &old, &new);
    }

    #[test]
    fn a_long_changed_middle_is_shown_whole_and_the_common_ends_kept() {
        let middle_old = "x ".repeat(MAX_DIFFED_CHARS);
        let old = format!("Dear team, {middle_old}Best, Olive");
        let new = "Dear team, y Best, Olive".to_owned();
        let parts = words(&old, &new);
        assert_eq!(
            parts.first().map(|p| (p.kind, p.text.as_str())),
            Some((DiffKind::Same, "Dear team, "))
        );
        assert_eq!(
            parts.last().map(|p| (p.kind, p.text.as_str())),
            Some((DiffKind::Same, " Best, Olive"))
        );
        tells_the_whole_story(&parts, &old, &new);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn any_pair_is_told_whole(old in "[ab é\\n]{0,40}", new in "[ab é\\n]{0,40}") {
                let parts = words(&old, &new);
                tells_the_whole_story(&parts, &old, &new);
            }
        }
    }
}
