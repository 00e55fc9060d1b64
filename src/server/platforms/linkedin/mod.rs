//! LinkedIn: an OAuth access token and the member or organization posts are published as.
mod little;
mod publish;
#[cfg(test)]
mod tests;

use super::{Credentials, Network, NetworkContext, NetworkError, Outgoing, Published, Verified, response};
use crate::domain::text::AccountTextSettings;
use async_trait::async_trait;
use serde::Deserialize;

pub struct LinkedIn;

/// Versioned (`/rest`) calls must name a version; each is served for about a year, so this
/// needs raising now and then (an expired one answers HTTP 426).
pub const LINKEDIN_VERSION: &str = "202603";

#[derive(Debug, PartialEq)]
enum Author<'a> {
    Person(&'a str),
    Organization(&'a str),
}

/// OpenID Connect userinfo; `sub` is the member id in `urn:li:person:{sub}`.
#[derive(Deserialize)]
struct UserInfo {
    sub: String,
    name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Organization {
    localized_name: Option<String>,
}

#[async_trait]
impl Network for LinkedIn {
    async fn verify(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
    ) -> Result<Verified, NetworkError> {
        let Credentials::LinkedIn {
            access_token,
            author_urn,
        } = credentials
        else {
            return Err(NetworkError::Protocol("not LinkedIn credentials".into()));
        };
        let api = &ctx.endpoints.linkedin_api;
        let name = match author(author_urn)? {
            Author::Person(id) => {
                let me: UserInfo = response::json(
                    ctx.http
                        .get(format!("{api}/v2/userinfo"))
                        .bearer_auth(access_token),
                )
                .await?;
                // Posting as someone else would fail later, with a vaguer error.
                if me.sub != id {
                    return Err(NetworkError::Rejected {
                        status: 400,
                        message: format!("the token belongs to urn:li:person:{}, not {author_urn}", me.sub),
                    });
                }
                me.name
            }
            Author::Organization(id) => {
                let organization: Organization = response::json(
                    ctx.http
                        .get(format!("{api}/rest/organizations/{id}"))
                        .bearer_auth(access_token)
                        .header("LinkedIn-Version", LINKEDIN_VERSION)
                        .header("X-Restli-Protocol-Version", "2.0.0"),
                )
                .await?;
                organization.localized_name
            }
        };
        Ok(Verified {
            handle: name
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| author_urn.clone()),
            display_name: None,
            text: AccountTextSettings::default(),
        })
    }

    /// Images are uploaded first; there is no idempotency key, so a resend may post twice.
    async fn publish(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
        outgoing: &Outgoing,
    ) -> Result<Published, NetworkError> {
        let Credentials::LinkedIn {
            access_token,
            author_urn,
        } = credentials
        else {
            return Err(NetworkError::Protocol("not LinkedIn credentials".into()));
        };
        author(author_urn)?;
        publish::publish(ctx, access_token, author_urn, outgoing).await
    }
}

/// `urn:li:person:{id}` or `urn:li:organization:{numeric id}`; anything else is refused before
/// a request is made (the id ends up in a URL path).
fn author(urn: &str) -> Result<Author<'_>, NetworkError> {
    let valid_id = |id: &str, extra: fn(char) -> bool| !id.is_empty() && id.chars().all(extra);
    if let Some(id) = urn.strip_prefix("urn:li:person:")
        && valid_id(id, |c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Ok(Author::Person(id));
    }
    if let Some(id) = urn.strip_prefix("urn:li:organization:")
        && valid_id(id, |c| c.is_ascii_digit())
    {
        return Ok(Author::Organization(id));
    }
    Err(NetworkError::Rejected {
        status: 400,
        message: "the author must look like urn:li:person:… or urn:li:organization:…".into(),
    })
}
