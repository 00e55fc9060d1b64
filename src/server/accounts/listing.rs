//! The Accounts page's view of each account: its state, last connection test and text limits.
use crate::domain::text::AccountTextSettings;
use crate::error::AppError;
use crate::server::db::accounts;
use crate::views::accounts::{AccountView, ConnectionTest, TokenHealth};
use anyhow::Context;
use sqlx::PgPool;
use uuid::Uuid;

pub async fn list(pool: &PgPool, workspace_id: Uuid) -> Result<Vec<AccountView>, AppError> {
    let rows = accounts::list(pool, workspace_id)
        .await
        .context("listing the workspace's accounts")?;
    Ok(rows
        .into_iter()
        .map(|row| AccountView {
            id: row.id,
            platform: row.platform,
            display_name: row.display_name,
            handle: row.handle,
            instance_url: row.instance_url,
            colour: row.colour,
            state: row.state,
            state_reason: row.state_reason,
            last_test: row.last_test_ok.map(|ok| ConnectionTest {
                ok,
                message: row.last_test_message.unwrap_or_default(),
                at: row.last_tested_at.map(|at| at.to_rfc3339()),
            }),
            text: AccountTextSettings {
                max_characters: row.max_characters.and_then(|v| u32::try_from(v).ok()),
                characters_reserved_per_url: row
                    .characters_reserved_per_url
                    .and_then(|v| u32::try_from(v).ok()),
            },
            signs_in: crate::domain::network_app::signs_in(row.platform),
            token: TokenHealth {
                renews_itself: row.renews_itself,
                expires_at: row.token_expires_at.map(|at| at.to_rfc3339()),
                refreshed_at: row.token_refreshed_at.map(|at| at.to_rfc3339()),
                error: row.token_error,
            },
        })
        .collect())
}
