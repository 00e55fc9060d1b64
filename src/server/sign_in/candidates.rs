//! What one sign-in can connect: the account that signed in, or, on Facebook and Instagram,
//! each Page (or Instagram professional account linked to one) the person let Herald manage.
use super::linkedin_pages::administered;
use super::network_read::read_json;
use super::who_signed_in::linkedin_person;
use crate::domain::platform::Platform;
use crate::server::db::oauth_flows::FlowRow;
use crate::server::oauth::{Problem, TokenError, Tokens};
use crate::server::platforms::Credentials;
use crate::server::state::AppState;
use serde::{Deserialize, Serialize};

/// One account the person may connect, with the credentials it would be connected with.
#[derive(Serialize, Deserialize)]
pub struct Candidate {
    /// The network's id for it.
    pub key: String,
    pub label: String,
    pub detail: String,
    pub credentials: Credentials,
}

/// Pages the person manages, followed across Graph's pages of results.
const MAX_PAGES_OF_RESULTS: usize = 20;

#[derive(Deserialize)]
struct Listed {
    data: Vec<Page>,
    paging: Option<Paging>,
}

#[derive(Deserialize)]
struct Paging {
    next: Option<String>,
}

#[derive(Deserialize)]
struct Page {
    id: String,
    name: String,
    access_token: Option<String>,
    instagram_business_account: Option<LinkedInstagram>,
}

#[derive(Deserialize)]
struct LinkedInstagram {
    id: String,
    username: Option<String>,
}

pub async fn list(state: &AppState, flow: &FlowRow, tokens: &Tokens) -> Result<Vec<Candidate>, Problem> {
    let access_token = tokens.access_token.clone();
    let only = |credentials: Credentials| {
        Ok(vec![Candidate {
            key: credentials.subject().unwrap_or_default().to_owned(),
            label: flow.platform.label().to_owned(),
            detail: String::new(),
            credentials,
        }])
    };
    match flow.platform {
        // The person who signed in, and the organisation pages they administer where the
        // app may post to them.
        Platform::LinkedIn => {
            let person = linkedin_person(state, &access_token).await?;
            let author_urn = format!("urn:li:person:{}", person.sub);
            let mut listed = vec![Candidate {
                key: author_urn.clone(),
                label: person.name.unwrap_or_else(|| "Your profile".into()),
                detail: "your LinkedIn profile".into(),
                credentials: Credentials::LinkedIn {
                    access_token: access_token.clone(),
                    author_urn,
                },
            }];
            for page in administered(state, &access_token).await? {
                listed.push(Candidate {
                    key: page.urn.clone(),
                    label: page.name,
                    detail: "LinkedIn Page".into(),
                    credentials: Credentials::LinkedIn {
                        access_token: access_token.clone(),
                        author_urn: page.urn,
                    },
                });
            }
            Ok(listed)
        }
        Platform::Mastodon => only(Credentials::Mastodon {
            instance_url: flow.instance_url.clone().unwrap_or_default(),
            access_token,
        }),
        Platform::X => only(Credentials::X { access_token }),
        Platform::Threads => {
            let user_id = tokens.subject.clone().ok_or_else(|| {
                Problem::Network(
                    Platform::Threads,
                    TokenError::Protocol("Threads did not say who signed in".into()),
                )
            })?;
            only(Credentials::Threads {
                access_token,
                user_id,
            })
        }
        Platform::Facebook => Ok(pages(state, &access_token)
            .await?
            .into_iter()
            .filter_map(|page| {
                Some(Candidate {
                    key: page.id.clone(),
                    label: page.name,
                    detail: "Facebook Page".into(),
                    credentials: Credentials::Facebook {
                        page_access_token: page.access_token?,
                        page_id: page.id,
                    },
                })
            })
            .collect()),
        // Published through the Page's token, which does not run out.
        Platform::Instagram => Ok(pages(state, &access_token)
            .await?
            .into_iter()
            .filter_map(|page| {
                let linked = page.instagram_business_account?;
                Some(Candidate {
                    key: linked.id.clone(),
                    label: linked
                        .username
                        .map_or_else(|| linked.id.clone(), |name| format!("@{name}")),
                    detail: format!("linked to the Page {}", page.name),
                    credentials: Credentials::Instagram {
                        access_token: page.access_token?,
                        ig_user_id: linked.id,
                    },
                })
            })
            .collect()),
        other => Err(Problem::NoSignIn(other)),
    }
}

/// The Pages the person granted, each with its own Page token.
async fn pages(state: &AppState, user_token: &str) -> Result<Vec<Page>, Problem> {
    let graph = &state.settings.networks.facebook_graph;
    let mut next = Some(format!(
        "{graph}/me/accounts?fields=id,name,access_token,instagram_business_account%7Bid,username%7D&limit=100"
    ));
    let mut pages = Vec::new();
    for _ in 0..MAX_PAGES_OF_RESULTS {
        // Only Graph's own addresses are followed, whatever `next` says.
        let Some(url) = next.take().filter(|url| url.starts_with(graph.as_str())) else {
            break;
        };
        let request = state.http.get(url).bearer_auth(user_token);
        let refused = |status| {
            format!(
                "it would not list your Pages (HTTP {status}); the app may lack the pages_show_list permission"
            )
        };
        let listed: Listed = read_json(
            Platform::Facebook,
            request,
            refused,
            "the list of Pages is not JSON".into(),
        )
        .await?;
        pages.extend(listed.data);
        next = listed.paging.and_then(|paging| paging.next);
    }
    Ok(pages)
}
