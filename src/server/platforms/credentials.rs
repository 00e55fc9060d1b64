//! The secrets of a connected account, parsed from the connect form and sealed at rest.
use crate::domain::credentials::FieldKind;
use crate::domain::platform::Platform;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One variant per network; serialised to JSON, then sealed (see `crypto`).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "platform", rename_all = "snake_case")]
pub enum Credentials {
    Mastodon {
        instance_url: String,
        access_token: String,
    },
    Bluesky {
        pds_url: Option<String>,
        handle: String,
        app_password: String,
    },
    Discord {
        webhook_url: String,
    },
    Slack {
        webhook_url: String,
    },
    Telegram {
        bot_token: String,
        chat_id: String,
    },
    Webhook {
        url: String,
        secret: Option<String>,
    },
    #[serde(rename = "linkedin")]
    LinkedIn {
        access_token: String,
        author_urn: String,
    },
    X {
        access_token: String,
    },
    Threads {
        access_token: String,
        user_id: String,
    },
    Facebook {
        page_access_token: String,
        page_id: String,
    },
    Instagram {
        access_token: String,
        ig_user_id: String,
    },
}

/// Never print a secret, even by accident.
impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials::{}(..)", self.platform().label())
    }
}

/// A form field that is missing or malformed, with a message naming it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{label}: {problem}")]
pub struct CredentialsError {
    pub field: &'static str,
    pub label: &'static str,
    pub problem: String,
}

impl Credentials {
    /// Reads the connect form's fields for `platform` (see `Platform::credential_fields`).
    pub fn from_form(platform: Platform, form: &HashMap<String, String>) -> Result<Self, CredentialsError> {
        let mut values: HashMap<&'static str, String> = HashMap::new();
        for field in platform.credential_fields() {
            let value = form.get(field.name).map(|v| v.trim()).unwrap_or_default();
            let problem = |problem: &str| CredentialsError {
                field: field.name,
                label: field.label,
                problem: problem.to_owned(),
            };
            if value.is_empty() {
                if field.required {
                    return Err(problem("this is required."));
                }
                continue;
            }
            if value.chars().count() > 4096 || value.chars().any(char::is_control) {
                return Err(problem("this does not look right."));
            }
            let is_url = field.kind == FieldKind::Url || field.name.ends_with("url");
            let value = if is_url {
                normalise_url(value).map_err(|p| problem(&p))?
            } else {
                value.to_owned()
            };
            values.insert(field.name, value);
        }
        let mut take = |name: &str| values.remove(name).unwrap_or_default();
        Ok(match platform {
            Platform::Mastodon => Credentials::Mastodon {
                instance_url: take("instance_url"),
                access_token: take("access_token"),
            },
            Platform::Bluesky => Credentials::Bluesky {
                pds_url: Some(take("pds_url")).filter(|v| !v.is_empty()),
                handle: take("handle").trim_start_matches('@').to_owned(),
                app_password: take("app_password"),
            },
            Platform::Discord => Credentials::Discord {
                webhook_url: take("webhook_url"),
            },
            Platform::Slack => Credentials::Slack {
                webhook_url: take("webhook_url"),
            },
            Platform::Telegram => Credentials::Telegram {
                bot_token: take("bot_token"),
                chat_id: take("chat_id"),
            },
            Platform::Webhook => Credentials::Webhook {
                url: take("url"),
                secret: Some(take("secret")).filter(|v| !v.is_empty()),
            },
            Platform::LinkedIn => Credentials::LinkedIn {
                access_token: take("access_token"),
                author_urn: take("author_urn"),
            },
            Platform::X => Credentials::X {
                access_token: take("access_token"),
            },
            Platform::Threads => Credentials::Threads {
                access_token: take("access_token"),
                user_id: take("user_id"),
            },
            Platform::Facebook => Credentials::Facebook {
                page_access_token: take("page_access_token"),
                page_id: take("page_id"),
            },
            Platform::Instagram => Credentials::Instagram {
                access_token: take("access_token"),
                ig_user_id: take("ig_user_id"),
            },
        })
    }

    pub fn platform(&self) -> Platform {
        match self {
            Credentials::Mastodon { .. } => Platform::Mastodon,
            Credentials::Bluesky { .. } => Platform::Bluesky,
            Credentials::Discord { .. } => Platform::Discord,
            Credentials::Slack { .. } => Platform::Slack,
            Credentials::Telegram { .. } => Platform::Telegram,
            Credentials::Webhook { .. } => Platform::Webhook,
            Credentials::LinkedIn { .. } => Platform::LinkedIn,
            Credentials::X { .. } => Platform::X,
            Credentials::Threads { .. } => Platform::Threads,
            Credentials::Facebook { .. } => Platform::Facebook,
            Credentials::Instagram { .. } => Platform::Instagram,
        }
    }

    /// The server address that may be shown to people (never a secret URL).
    pub fn public_address(&self) -> Option<String> {
        match self {
            Credentials::Mastodon { instance_url, .. } => Some(instance_url.clone()),
            Credentials::Bluesky { pds_url, .. } => pds_url.clone(),
            Credentials::Webhook { url, .. } => url::Url::parse(url)
                .ok()
                .map(|u| u.origin().ascii_serialization()),
            _ => None,
        }
    }

    /// Every secret value, so logs and error messages can be scrubbed of them.
    /// `text` with every secret of these credentials blanked out, for errors and logs.
    pub fn redact(&self, mut text: String) -> String {
        for secret in self.secrets() {
            text = text.replace(secret, "[redacted]");
        }
        text
    }

    pub fn secrets(&self) -> Vec<&str> {
        let all: Vec<&str> = match self {
            Credentials::Mastodon { access_token, .. } => vec![access_token],
            Credentials::Bluesky { app_password, .. } => vec![app_password],
            Credentials::Discord { webhook_url } | Credentials::Slack { webhook_url } => vec![webhook_url],
            Credentials::Telegram { bot_token, .. } => vec![bot_token],
            Credentials::Webhook { secret, .. } => secret.iter().map(String::as_str).collect(),
            Credentials::LinkedIn { access_token, .. }
            | Credentials::X { access_token }
            | Credentials::Threads { access_token, .. }
            | Credentials::Instagram { access_token, .. } => vec![access_token],
            Credentials::Facebook {
                page_access_token, ..
            } => vec![page_access_token],
        };
        all.into_iter().filter(|s| !s.is_empty()).collect()
    }

    /// Addresses a person typed, which Herald will call (see `outbound::Guard`).
    pub fn user_urls(&self) -> Vec<&str> {
        match self {
            Credentials::Mastodon { instance_url, .. } => vec![instance_url],
            Credentials::Bluesky { pds_url, .. } => pds_url.iter().map(String::as_str).collect(),
            Credentials::Discord { webhook_url } | Credentials::Slack { webhook_url } => vec![webhook_url],
            Credentials::Webhook { url, .. } => vec![url],
            _ => Vec::new(),
        }
    }

    /// The same credentials with a renewed access token, for networks that issue them by
    /// OAuth (None for a webhook, a bot token, an app password).
    pub fn with_access_token(&self, renewed: String) -> Option<Self> {
        let mut copy = self.clone();
        match &mut copy {
            Credentials::Mastodon { access_token, .. }
            | Credentials::LinkedIn { access_token, .. }
            | Credentials::X { access_token }
            | Credentials::Threads { access_token, .. }
            | Credentials::Instagram { access_token, .. }
            | Credentials::Facebook {
                page_access_token: access_token,
                ..
            } => *access_token = renewed,
            _ => return None,
        }
        Some(copy)
    }

    /// The network's id for the account these credentials act as, where they carry one:
    /// how a reconnect finds the same Page among several.
    pub fn subject(&self) -> Option<&str> {
        match self {
            Credentials::Facebook { page_id, .. } => Some(page_id),
            Credentials::Instagram { ig_user_id, .. } => Some(ig_user_id),
            Credentials::Threads { user_id, .. } => Some(user_id),
            Credentials::LinkedIn { author_urn, .. } => Some(author_urn),
            _ => None,
        }
    }

    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("credentials serialise")
    }

    pub fn from_json(bytes: &[u8]) -> anyhow::Result<Self> {
        serde_json::from_slice(bytes).map_err(|e| anyhow::anyhow!("stored credentials do not parse: {e}"))
    }
}

/// An http(s) URL without a trailing slash.
fn normalise_url(value: &str) -> Result<String, String> {
    let with_scheme = if value.contains("://") {
        value.to_owned()
    } else {
        format!("https://{value}")
    };
    let url = url::Url::parse(&with_scheme)
        .map_err(|_| "enter a web address such as https://example.com.".to_owned())?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err("enter a web address starting with https://.".to_owned());
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn parses_each_network_and_names_missing_fields() {
        let mastodon = Credentials::from_form(
            Platform::Mastodon,
            &form(&[("instance_url", "mastodon.social/"), ("access_token", " abc ")]),
        )
        .unwrap();
        assert_eq!(
            mastodon,
            Credentials::Mastodon {
                instance_url: "https://mastodon.social".into(),
                access_token: "abc".into()
            }
        );
        let missing = Credentials::from_form(Platform::Telegram, &form(&[("bot_token", "1:a")])).unwrap_err();
        assert_eq!(missing.field, "chat_id");
        assert_eq!(missing.to_string(), "Chat id: this is required.");
        let bad_url =
            Credentials::from_form(Platform::Webhook, &form(&[("url", "ftp://x.example")])).unwrap_err();
        assert_eq!(bad_url.field, "url");
        for platform in Platform::ALL {
            let filled: HashMap<String, String> = platform
                .credential_fields()
                .iter()
                .map(|f| (f.name.to_owned(), format!("https://{}.example/value", f.name)))
                .collect();
            let credentials = Credentials::from_form(platform, &filled).unwrap();
            assert_eq!(credentials.platform(), platform);
            assert_eq!(
                Credentials::from_json(&credentials.to_json()).unwrap(),
                credentials
            );
            assert!(
                !format!("{credentials:?}").contains("value"),
                "Debug hides secrets"
            );
            assert!(!credentials.secrets().is_empty());
        }
    }
}
