//! Checks a composer submission before anything is written. Every message names the field.
use super::input::{PostInput, TargetInput};
use crate::domain::account::AccountState;
use crate::domain::post::Intent;
use crate::domain::schedule::{self, IanaZone, Resolved};
use crate::domain::text::{AccountTextSettings, check, rules_for};
use crate::error::AppError;
use crate::server::auth::guard::Member;
use crate::server::db::images;
use crate::server::db::posts::{self, TargetAccount};
use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use std::collections::HashSet;

pub const MAX_BODY_CHARS: usize = 65_536;
pub const MAX_IMAGES: usize = 4;
pub const MAX_ALT_TEXT_CHARS: usize = 1_500;

/// When the post goes out, as the person chose it.
pub struct When {
    pub at: Option<DateTime<Utc>>,
    pub zone: IanaZone,
    pub resolved: Option<Resolved>,
}

/// Everything a save checks before it takes any lock: the text, the time, the accounts and
/// the images (both must be this workspace's).
pub async fn submission(
    pool: &PgPool,
    member: &Member,
    input: &PostInput,
    now: DateTime<Utc>,
) -> Result<When, AppError> {
    body(input)?;
    let when = when(input, now)?;
    accounts_and_images(pool, member, input).await?;
    Ok(when)
}

/// As `submission`, but for a time chosen by the server (the queue's), not the form.
pub async fn content(pool: &PgPool, member: &Member, input: &PostInput) -> Result<(), AppError> {
    body(input)?;
    accounts_and_images(pool, member, input).await
}

async fn accounts_and_images(pool: &PgPool, member: &Member, input: &PostInput) -> Result<(), AppError> {
    let accounts = posts::target_accounts(pool, member.workspace_id, &input.account_ids())
        .await
        .context("loading the chosen accounts")?;
    targets(input, &accounts)?;
    let media_ids = input.media_ids();
    let owned = images::count_owned(pool, member.workspace_id, &media_ids)
        .await
        .context("checking the images belong to the workspace")?;
    if owned != media_ids.len() as i64 {
        return Err(AppError::NotFound(
            "Images: one of the images is not in this workspace.".into(),
        ));
    }
    Ok(())
}

pub fn when(input: &PostInput, now: DateTime<Utc>) -> Result<When, AppError> {
    let zone = IanaZone::parse(&input.timezone).map_err(|e| field("Time zone", e))?;
    if input.intent == Intent::PublishNow {
        return Ok(When {
            at: Some(now),
            zone,
            resolved: None,
        });
    }
    let has_date = !input.date.trim().is_empty() || !input.time.trim().is_empty();
    if !has_date {
        return match input.intent {
            Intent::Draft => Ok(When {
                at: None,
                zone,
                resolved: None,
            }),
            _ => Err(AppError::bad_request(
                "Date and time: pick when the post should go out.",
            )),
        };
    }
    let local = schedule::parse_local(&input.date, &input.time).map_err(|e| field("Date and time", e))?;
    let resolved = schedule::resolve(local, &zone).map_err(|e| field("Date and time", e))?;
    if matches!(input.intent, Intent::Schedule | Intent::Submit) {
        schedule::ensure_future(resolved.at, now).map_err(|e| field("Date and time", e))?;
    }
    Ok(When {
        at: Some(resolved.at),
        zone,
        resolved: Some(resolved),
    })
}

pub fn body(input: &PostInput) -> Result<(), AppError> {
    let too_long = |text: &str| text.chars().count() > MAX_BODY_CHARS;
    if too_long(&input.body)
        || input
            .targets
            .iter()
            .any(|t| t.body_override.as_deref().is_some_and(too_long))
    {
        return Err(AppError::bad_request(format!(
            "Text: keep it under {MAX_BODY_CHARS} characters."
        )));
    }
    if input.media.len() > MAX_IMAGES {
        return Err(AppError::bad_request(format!(
            "Images: attach at most {MAX_IMAGES}."
        )));
    }
    if input
        .media
        .iter()
        .any(|m| m.alt_text.chars().count() > MAX_ALT_TEXT_CHARS)
    {
        return Err(AppError::bad_request(format!(
            "Alt text: keep each description under {MAX_ALT_TEXT_CHARS} characters."
        )));
    }
    let mut seen = HashSet::new();
    if input.media.iter().any(|m| !seen.insert(m.media_id)) {
        return Err(AppError::bad_request("Images: each image can be attached once."));
    }
    Ok(())
}

/// The accounts must all be this workspace's; to go out they must be usable and every
/// target's text must fit its network.
pub fn targets(input: &PostInput, accounts: &[TargetAccount]) -> Result<(), AppError> {
    let mut seen = HashSet::new();
    if input.targets.iter().any(|t| !seen.insert(t.account_id)) {
        return Err(AppError::bad_request(
            "Accounts: each account can be chosen once.",
        ));
    }
    if accounts.len() != input.targets.len() {
        return Err(AppError::NotFound(
            "Accounts: one of the chosen accounts is not in this workspace.".into(),
        ));
    }
    if input.intent == Intent::Draft {
        return Ok(());
    }
    if input.targets.is_empty() {
        return Err(AppError::bad_request(
            "Accounts: choose at least one account to post to.",
        ));
    }
    let mut problems = Vec::new();
    for target in &input.targets {
        let account = accounts
            .iter()
            .find(|a| a.id == target.account_id)
            .expect("checked above");
        match account.state {
            AccountState::Paused => problems.push(format!(
                "{}: the account is paused; resume it or leave it out.",
                account.display_name
            )),
            AccountState::NeedsReauth => problems.push(format!(
                "{}: the account needs new credentials (see Accounts) before it can post.",
                account.display_name
            )),
            AccountState::Connected => {}
        }
        let rules = rules_for(account.platform, &text_settings(account));
        let checked = check(text_of(input, target), input.media.len(), &rules);
        problems.extend(
            checked
                .problems
                .iter()
                .map(|p| format!("{}: {p}", account.display_name)),
        );
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AppError::BadRequest(problems.join("\n")))
    }
}

/// What a target sends: its own text if it has one, else the post's.
pub fn text_of<'a>(input: &'a PostInput, target: &'a TargetInput) -> &'a str {
    target.body_override.as_deref().unwrap_or(&input.body)
}

pub fn text_settings(account: &TargetAccount) -> AccountTextSettings {
    AccountTextSettings {
        max_characters: account.max_characters.and_then(|v| u32::try_from(v).ok()),
        characters_reserved_per_url: account
            .characters_reserved_per_url
            .and_then(|v| u32::try_from(v).ok()),
    }
}

fn field(name: &str, error: impl std::fmt::Display) -> AppError {
    AppError::BadRequest(format!("{name}: {error}"))
}
