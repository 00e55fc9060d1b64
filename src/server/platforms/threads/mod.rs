//! Threads: a Threads user access token and the profile's numeric id.
#[cfg(test)]
mod tests;

use super::meta_graph::{Containers, Graph, StatusFields, numeric_id};
use super::{Credentials, Network, NetworkContext, NetworkError, Outgoing, Published, Verified};
use async_trait::async_trait;
use serde::Deserialize;

pub struct Threads;

const CONTAINERS: Containers = Containers {
    create_edge: "threads",
    publish_edge: "threads_publish",
    text_field: "text",
    image_media_type: Some("IMAGE"),
    status: StatusFields {
        state: "status",
        detail: "error_message",
    },
};

#[derive(Deserialize)]
struct Me {
    id: String,
    username: String,
}

#[async_trait]
impl Network for Threads {
    async fn verify(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
    ) -> Result<Verified, NetworkError> {
        let (graph, user_id) = profile(ctx, credentials)?;
        let me: Me = graph.fields("me", "id,username").await?;
        // Publishing goes to /{user_id}; a token for another profile would fail there.
        if me.id != user_id {
            return Err(NetworkError::Rejected {
                status: 400,
                message: format!(
                    "the token belongs to Threads user id {} (@{}), not {user_id}",
                    me.id, me.username
                ),
            });
        }
        Ok(Verified::handle_only(format!("@{}", me.username)))
    }

    /// A text post, or images Threads fetches from `public_url` itself.
    async fn publish(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
        outgoing: &Outgoing,
    ) -> Result<Published, NetworkError> {
        let (graph, user_id) = profile(ctx, credentials)?;
        numeric_id(user_id, "Threads user id")?;
        CONTAINERS.publish(&graph, user_id, outgoing).await
    }
}

/// The profile's Graph, and its Threads user id.
fn profile<'a>(
    ctx: &NetworkContext<'a>,
    credentials: &'a Credentials,
) -> Result<(Graph<'a>, &'a str), NetworkError> {
    let Credentials::Threads {
        access_token,
        user_id,
    } = credentials
    else {
        return Err(NetworkError::Protocol("not Threads credentials".into()));
    };
    let graph = Graph::new(ctx.http, &ctx.endpoints.threads_api, access_token);
    Ok((graph, user_id))
}
