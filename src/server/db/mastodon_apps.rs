//! Herald's registration at each Mastodon server, shared by every account there.
use sqlx::PgPool;

pub struct MastodonAppRow {
    pub client_id: String,
    pub client_secret: Vec<u8>,
    pub scopes: String,
}

pub async fn find(
    pool: &PgPool,
    instance_url: &str,
    redirect_uri: &str,
) -> sqlx::Result<Option<MastodonAppRow>> {
    sqlx::query_as!(
        MastodonAppRow,
        "select client_id, client_secret, scopes from mastodon_apps where instance_url = $1 and redirect_uri = $2",
        instance_url,
        redirect_uri
    )
    .fetch_optional(pool)
    .await
}

pub async fn save(
    pool: &PgPool,
    instance_url: &str,
    redirect_uri: &str,
    app: &MastodonAppRow,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into mastodon_apps (instance_url, redirect_uri, client_id, client_secret, scopes)
         values ($1, $2, $3, $4, $5)
         on conflict (instance_url, redirect_uri) do update set client_id = excluded.client_id,
             client_secret = excluded.client_secret, scopes = excluded.scopes, created_at = now()",
        instance_url,
        redirect_uri,
        app.client_id,
        app.client_secret,
        app.scopes
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// The instance forgot Herald (it answered `invalid_client`): register again next time.
pub async fn forget(pool: &PgPool, instance_url: &str, redirect_uri: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "delete from mastodon_apps where instance_url = $1 and redirect_uri = $2",
        instance_url,
        redirect_uri
    )
    .execute(pool)
    .await?;
    Ok(())
}
