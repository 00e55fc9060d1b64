//! Instagram professional accounts, through the Facebook Graph API.
#[cfg(test)]
mod tests;

use super::meta_graph::{Containers, Graph, StatusFields, numeric_id};
use super::{Credentials, Network, NetworkContext, NetworkError, Outgoing, Published, Verified};
use async_trait::async_trait;
use serde::Deserialize;

pub struct Instagram;

const CONTAINERS: Containers = Containers {
    create_edge: "media",
    publish_edge: "media_publish",
    text_field: "caption",
    image_media_type: None,
    status: StatusFields {
        state: "status_code",
        detail: "status",
    },
};

#[derive(Deserialize)]
struct Account {
    username: String,
}

#[async_trait]
impl Network for Instagram {
    async fn verify(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
    ) -> Result<Verified, NetworkError> {
        let (graph, ig_user_id) = account(ctx, credentials)?;
        let account: Account = graph.fields(ig_user_id, "id,username").await?;
        Ok(Verified::handle_only(format!("@{}", account.username)))
    }

    /// A container per image (Instagram fetches `public_url` itself), a carousel container
    /// around several, a wait until Instagram has processed them, then the publish call.
    async fn publish(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
        outgoing: &Outgoing,
    ) -> Result<Published, NetworkError> {
        let (graph, ig_user_id) = account(ctx, credentials)?;
        if outgoing.images.is_empty() {
            return Err(NetworkError::Rejected {
                status: 400,
                message: "Instagram posts need at least one image".into(),
            });
        }
        CONTAINERS.publish(&graph, ig_user_id, outgoing).await
    }
}

/// The account's Graph, and its Instagram user id.
fn account<'a>(
    ctx: &NetworkContext<'a>,
    credentials: &'a Credentials,
) -> Result<(Graph<'a>, &'a str), NetworkError> {
    let Credentials::Instagram {
        access_token,
        ig_user_id,
    } = credentials
    else {
        return Err(NetworkError::Protocol("not Instagram credentials".into()));
    };
    numeric_id(ig_user_id, "Instagram user id")?;
    let graph = Graph::new(ctx.http, &ctx.endpoints.facebook_graph, access_token);
    Ok((graph, ig_user_id))
}
