//! The app a self-hoster registers at a network so people can "Sign in with …" it: what
//! each network's developer portal hands out, checked before it is saved.
use crate::domain::platform::Platform;

/// Where the self-hoster registers the app, and the scopes Herald asks for.
pub fn portal(platform: Platform) -> Option<(&'static str, &'static [&'static str])> {
    match platform {
        Platform::X => Some((
            "https://developer.x.com/en/portal/dashboard",
            &[
                "tweet.read",
                "tweet.write",
                "users.read",
                "media.write",
                "offline.access",
            ],
        )),
        // OpenID Connect for who signed in; w_member_social to post as them.
        Platform::LinkedIn => Some((
            "https://www.linkedin.com/developers/apps",
            &["openid", "profile", "w_member_social"],
        )),
        // A Meta app with the Threads use case; its Threads app id, not the Meta app id.
        Platform::Threads => Some((
            "https://developers.facebook.com/apps",
            &["threads_basic", "threads_content_publish"],
        )),
        // A Meta app with Facebook Login for Business.
        Platform::Facebook => Some((
            "https://developers.facebook.com/apps",
            &[
                "pages_show_list",
                "pages_read_engagement",
                "pages_manage_posts",
                "business_management",
            ],
        )),
        Platform::Instagram => Some((
            "https://developers.facebook.com/apps",
            &[
                "instagram_basic",
                "instagram_content_publish",
                "pages_show_list",
                "pages_read_engagement",
                "business_management",
            ],
        )),
        _ => None,
    }
}

/// Whether Herald connects this network by "Sign in with …" (the pasted-token form stays,
/// under Advanced).
pub fn signs_in(platform: Platform) -> bool {
    platform == Platform::Mastodon || portal(platform).is_some()
}

/// A client id as the network's portal shows it, or what is wrong with it.
pub fn check_client_id(platform: Platform, typed: &str) -> Result<String, String> {
    let id = typed.trim();
    if id.is_empty() {
        return Err(format!(
            "Client ID: paste the {} app's client ID.",
            platform.label()
        ));
    }
    let fits = match platform {
        // OAuth 2.0 Client ID under "Keys and tokens" (base64url, about 34 characters); not
        // the API key of OAuth 1.0a, which is 25 characters of letters and digits.
        Platform::X => {
            (26..=100).contains(&id.len())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        }
        // "Client ID" on the app's Auth tab: letters and digits, 14 of them today.
        Platform::LinkedIn => (8..=40).contains(&id.len()) && id.chars().all(|c| c.is_ascii_alphanumeric()),
        // Meta's app ids (and Threads app ids) are numbers, 15 or 16 digits today.
        Platform::Threads | Platform::Facebook | Platform::Instagram => {
            (10..=20).contains(&id.len()) && id.chars().all(|c| c.is_ascii_digit())
        }
        _ => id.len() <= 200 && !id.chars().any(char::is_whitespace),
    };
    if fits {
        Ok(id.to_owned())
    } else if platform == Platform::X && id.len() == 25 {
        Err("Client ID: this looks like X's API key (OAuth 1.0a). Paste the OAuth 2.0 Client ID from \"Keys and tokens\".".into())
    } else {
        Err(format!(
            "Client ID: “{}” is not a {} client ID. Copy it again from the developer portal.",
            id.chars().take(40).collect::<String>(),
            platform.label()
        ))
    }
}

/// Networks take an https redirect URI, or http only on loopback.
pub fn redirect_warning(redirect_uri: &str) -> Option<String> {
    let loopback = ["http://localhost", "http://127.0.0.1", "http://[::1]"];
    if redirect_uri.starts_with("https://") || loopback.iter().any(|start| redirect_uri.starts_with(start)) {
        None
    } else {
        Some(format!(
            "Networks refuse a redirect URI that is not https ({redirect_uri}). Serve Herald over https and set server.base_url to that address."
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_ids() {
        let real = "M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ";
        assert_eq!(check_client_id(Platform::X, &format!("  {real} ")).unwrap(), real);
        let api_key = check_client_id(Platform::X, "abcdefghij0123456789ABCDE").unwrap_err();
        assert!(api_key.contains("OAuth 1.0a"), "{api_key}");
        assert!(check_client_id(Platform::X, "").unwrap_err().contains("paste"));
        assert!(check_client_id(Platform::X, "has spaces in the middle of it okay").is_err());
        assert_eq!(
            check_client_id(Platform::LinkedIn, "86abcdefgh1234").unwrap(),
            "86abcdefgh1234"
        );
        assert!(check_client_id(Platform::LinkedIn, "86abc-defgh").is_err());
        assert_eq!(
            check_client_id(Platform::Threads, "990602627938098").unwrap(),
            "990602627938098"
        );
        assert!(check_client_id(Platform::Facebook, "app-990602627938098").is_err());
    }

    #[test]
    fn redirect_uris() {
        assert_eq!(redirect_warning("https://herald.example/oauth/callback"), None);
        assert_eq!(redirect_warning("http://127.0.0.1:3000/oauth/callback"), None);
        assert!(redirect_warning("http://herald.lan/oauth/callback").is_some());
    }
}
