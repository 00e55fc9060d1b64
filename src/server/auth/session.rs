//! What Herald keeps in a session: who is signed in and which workspace they are looking at.
use anyhow::Context;
use tower_sessions::Session;
use uuid::Uuid;

pub const COOKIE_NAME: &str = "herald_session";
const USER_ID: &str = "user_id";
const WORKSPACE_ID: &str = "workspace_id";

#[derive(Debug, Clone, Copy)]
pub struct SessionUser {
    pub user_id: Uuid,
    pub workspace_id: Uuid,
}

/// Signs a person in. The session id is replaced first, so an id planted before sign-in
/// (session fixation) is worthless afterwards.
pub async fn begin(session: &Session, user_id: Uuid, workspace_id: Uuid) -> anyhow::Result<()> {
    session
        .cycle_id()
        .await
        .context("could not rotate the session id")?;
    session
        .insert(USER_ID, user_id)
        .await
        .context("could not store the session")?;
    session
        .insert(WORKSPACE_ID, workspace_id)
        .await
        .context("could not store the session")?;
    Ok(())
}

pub async fn switch_workspace(session: &Session, workspace_id: Uuid) -> anyhow::Result<()> {
    session
        .insert(WORKSPACE_ID, workspace_id)
        .await
        .context("could not store the session")
}

/// Signs out: deletes the stored session and clears the cookie.
pub async fn end(session: &Session) -> anyhow::Result<()> {
    session.flush().await.context("could not delete the session")
}

pub async fn current(session: &Session) -> anyhow::Result<Option<SessionUser>> {
    let user_id = session
        .get::<Uuid>(USER_ID)
        .await
        .context("could not read the session")?;
    let workspace_id = session
        .get::<Uuid>(WORKSPACE_ID)
        .await
        .context("could not read the session")?;
    Ok(user_id
        .zip(workspace_id)
        .map(|(user_id, workspace_id)| SessionUser {
            user_id,
            workspace_id,
        }))
}
