//! "What changed since the last review": a word diff of the text and of each account's own
//! text, and the old and new time.
use super::snapshot::Snapshot;
use crate::api::review::{ChangesView, DiffKind, DiffPart, TargetChange};
use crate::domain::schedule::{IanaZone, describe};
use crate::server::db::reviews::Decision;
use chrono::{DateTime, Utc};
use similar::{ChangeTag, TextDiff};

pub fn since(decision: Decision, now: &Snapshot) -> ChangesView {
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

/// A word-level diff, with neighbouring parts of one kind merged.
pub fn words(old: &str, new: &str) -> Vec<DiffPart> {
    let mut parts: Vec<DiffPart> = Vec::new();
    for change in TextDiff::from_words(old, new).iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => DiffKind::Same,
            ChangeTag::Insert => DiffKind::Added,
            ChangeTag::Delete => DiffKind::Removed,
        };
        match parts.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(change.value()),
            _ => parts.push(DiffPart {
                kind,
                text: change.value().to_owned(),
            }),
        }
    }
    parts
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
    }
}
