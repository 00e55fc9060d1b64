//! What a person types to name their Mastodon server: `mastodon.social`, a full URL, or their
//! address `@user@mastodon.social`. Read into the instance's https origin.
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceAddress(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InstanceAddressError {
    #[error("Type your server, such as mastodon.social or @you@mastodon.social.")]
    Empty,
    #[error("“{0}” is not a server address. Type it as mastodon.social or @you@mastodon.social.")]
    Malformed(String),
}

impl InstanceAddress {
    pub fn parse(input: &str) -> Result<Self, InstanceAddressError> {
        let typed = input.trim();
        if typed.is_empty() {
            return Err(InstanceAddressError::Empty);
        }
        let malformed = || InstanceAddressError::Malformed(typed.chars().take(80).collect());
        // `@user@host` or `user@host`: the server is after the last `@`. A URL may hold an
        // `@` in its path (a profile link), which names no user.
        let rest = match typed.strip_prefix('@').unwrap_or(typed).rsplit_once('@') {
            _ if typed.contains("://") => typed,
            Some((user, host)) if !user.is_empty() => host,
            Some(_) => return Err(malformed()),
            None => typed,
        };
        let (scheme, rest) = match rest.split_once("://") {
            Some((scheme, rest)) => (Some(scheme.to_ascii_lowercase()), rest),
            None => (None, rest),
        };
        // Only the origin matters: a pasted profile link (`…/@user`) names the same server.
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host_and_port = authority.to_ascii_lowercase();
        let host = host_and_port
            .rsplit_once(':')
            .filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit()) && !port.is_empty())
            .map_or(host_and_port.as_str(), |(host, _)| host);
        let label_ok = |label: &str| {
            !label.is_empty()
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        };
        let is_name = host.contains('.') && host.split('.').all(label_ok);
        let is_loopback = host == "localhost" || host.parse::<std::net::IpAddr>().is_ok();
        if !(is_name || is_loopback) || host.len() > 253 {
            return Err(malformed());
        }
        // Servers are https; a server on this very machine (a test or development one)
        // usually is not, so there plain http is assumed unless typed otherwise.
        let scheme = match scheme {
            Some(scheme) if scheme == "https" || scheme == "http" => scheme,
            Some(_) => return Err(malformed()),
            None if is_loopback => "http".to_owned(),
            None => "https".to_owned(),
        };
        Ok(Self(format!("{scheme}://{host_and_port}")))
    }

    /// `https://host[:port]`, without a trailing slash.
    pub fn origin(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for InstanceAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_ways_people_name_their_server() {
        for (typed, origin) in [
            ("mastodon.social", "https://mastodon.social"),
            ("  Mastodon.Social/ ", "https://mastodon.social"),
            ("https://fosstodon.org/@someone", "https://fosstodon.org"),
            ("@alice@hachyderm.io", "https://hachyderm.io"),
            ("alice@hachyderm.io", "https://hachyderm.io"),
            ("http://127.0.0.1:4000", "http://127.0.0.1:4000"),
            ("social.example.org:8443", "https://social.example.org:8443"),
            ("@dev@127.0.0.1:3000", "http://127.0.0.1:3000"),
            ("https://localhost:8443", "https://localhost:8443"),
        ] {
            assert_eq!(InstanceAddress::parse(typed).unwrap().origin(), origin, "{typed}");
        }
    }

    #[test]
    fn names_what_is_wrong() {
        assert_eq!(InstanceAddress::parse("  "), Err(InstanceAddressError::Empty));
        for bad in [
            "mastodon",
            "ftp://mastodon.social",
            "@@x",
            "exa mple.org",
            "-a.org",
            "@alice@",
            "a..b",
        ] {
            assert!(
                matches!(
                    InstanceAddress::parse(bad),
                    Err(InstanceAddressError::Malformed(_))
                ),
                "{bad}"
            );
        }
    }
}
