//! The LinkedIn organisation pages a person administers, where the instance's app has the
//! Community Management API (an instance admin says so under Network apps).
use super::network_read::read_json;
use crate::domain::platform::Platform;
use crate::server::db::network_apps;
use crate::server::oauth::Problem;
use crate::server::platforms::LINKEDIN_VERSION;
use crate::server::state::AppState;
use anyhow::Context;
use serde::Deserialize;

/// Roles that may post as the page.
const POSTING_ROLES: [&str; 2] = ["ADMINISTRATOR", "CONTENT_ADMINISTRATOR"];
/// Beyond this many, a person picks among the first ones LinkedIn lists.
const MOST_PAGES: usize = 50;

pub struct Page {
    pub urn: String,
    pub name: String,
}

#[derive(Deserialize)]
struct Acls {
    elements: Vec<Acl>,
}

#[derive(Deserialize)]
struct Acl {
    organization: String,
    role: String,
    state: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Organization {
    localized_name: Option<String>,
}

/// None unless the app may post to organisation pages.
pub async fn administered(state: &AppState, access_token: &str) -> Result<Vec<Page>, Problem> {
    let app = network_apps::find(&state.pool, Platform::LinkedIn)
        .await
        .context("loading the LinkedIn app")?;
    if !app.is_some_and(|app| app.organisations) {
        return Ok(Vec::new());
    }
    let api = &state.settings.networks.linkedin_api;
    let acls: Acls = get(
        state,
        access_token,
        &format!("{api}/rest/organizationAcls?q=roleAssignee&state=APPROVED&count=100"),
        "list the pages you administer",
    )
    .await?;
    let mut pages = Vec::new();
    for acl in acls.elements.into_iter().take(MOST_PAGES) {
        let approved = acl.state.as_deref().is_none_or(|state| state == "APPROVED");
        let Some(id) = acl.organization.strip_prefix("urn:li:organization:") else {
            continue;
        };
        if !approved
            || !POSTING_ROLES.contains(&acl.role.as_str())
            || pages.iter().any(|p: &Page| p.urn == acl.organization)
        {
            continue;
        }
        let organization: Organization = get(
            state,
            access_token,
            &format!("{api}/rest/organizations/{id}"),
            "name a page you administer",
        )
        .await?;
        pages.push(Page {
            name: organization
                .localized_name
                .unwrap_or_else(|| acl.organization.clone()),
            urn: acl.organization,
        });
    }
    Ok(pages)
}

async fn get<T: serde::de::DeserializeOwned>(
    state: &AppState,
    access_token: &str,
    url: &str,
    what: &str,
) -> Result<T, Problem> {
    let request = state
        .http
        .get(url)
        .bearer_auth(access_token)
        .header("LinkedIn-Version", LINKEDIN_VERSION)
        .header("X-Restli-Protocol-Version", "2.0.0");
    let refused = |status| {
        format!(
            "it would not {what} (HTTP {status}); the app may lack the Community Management API, or untick organisation pages under Settings → Network apps"
        )
    };
    read_json(
        Platform::LinkedIn,
        request,
        refused,
        format!("LinkedIn's answer to {what} is not JSON"),
    )
    .await
}
