//! Checks an address a person gave (a Mastodon instance, a webhook) before Herald calls it.
use super::AllowList;
use crate::server::config::Settings;
use std::net::IpAddr;
use url::{Host, Url};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("{0} is not a web address (http:// or https://).")]
    NotWeb(String),
    #[error(
        "Herald does not call {0}: it is on a loopback, private or link-local network. \
         An admin can allow it with the outbound.allow_private setting."
    )]
    Private(String),
}

#[derive(Debug, Clone)]
pub struct Guard {
    allow: AllowList,
}

impl Guard {
    /// The admin's allow-list, plus the hosts of the networks' configured addresses (an
    /// admin chose those, e.g. a local Bluesky PDS).
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Self> {
        let mut allow = AllowList::parse(&settings.outbound.allow_private)?;
        for endpoint in settings.networks.all() {
            if let Some(host) = Url::parse(endpoint)
                .ok()
                .and_then(|u| u.host_str().map(str::to_owned))
            {
                allow.add(host.trim_matches(['[', ']']))?;
            }
        }
        Ok(Self { allow })
    }

    pub fn allow_list(&self) -> &AllowList {
        &self.allow
    }

    /// Every address in a set of credentials that a person typed.
    pub async fn check_all(&self, urls: impl IntoIterator<Item = &str>) -> Result<(), Refused> {
        for url in urls {
            self.check(url).await?;
        }
        Ok(())
    }

    /// Refuses a URL whose host is, or resolves to, an address that is not public and not
    /// allowed. A name that does not resolve passes: the call itself will then fail, with
    /// the network's usual explanation.
    pub async fn check(&self, url: &str) -> Result<(), Refused> {
        let parsed = Url::parse(url).map_err(|_| Refused::NotWeb(url.to_owned()))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(Refused::NotWeb(url.to_owned()));
        }
        let port = parsed.port_or_known_default().unwrap_or(443);
        let refused = |host: &str| Refused::Private(host.to_owned());
        match parsed.host() {
            None => Err(Refused::NotWeb(url.to_owned())),
            Some(Host::Ipv4(v4)) => self
                .permit(IpAddr::V4(v4))
                .then_some(())
                .ok_or_else(|| refused(&v4.to_string())),
            Some(Host::Ipv6(v6)) => self
                .permit(IpAddr::V6(v6))
                .then_some(())
                .ok_or_else(|| refused(&v6.to_string())),
            Some(Host::Domain(name)) => {
                if self.allow.permits_host(name) {
                    return Ok(());
                }
                let Ok(addresses) = tokio::net::lookup_host((name, port)).await else {
                    return Ok(());
                };
                let mut addresses = addresses.map(|a| a.ip()).peekable();
                if addresses.peek().is_some() && addresses.all(|a| self.permit(a)) {
                    Ok(())
                } else {
                    Err(refused(name))
                }
            }
        }
    }

    fn permit(&self, address: IpAddr) -> bool {
        self.allow.permits_address(address)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard(allowed: &[&str]) -> Guard {
        Guard {
            allow: AllowList::parse(&allowed.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap(),
        }
    }

    #[tokio::test]
    async fn private_targets_are_refused_unless_allowed() {
        let strict = guard(&[]);
        for url in [
            "http://127.0.0.1:8080/hook",
            "http://localhost/hook",
            "http://169.254.169.254/latest/meta-data",
            "http://[::1]/",
            "http://10.0.0.5/",
            "http://0x7f000001/",
        ] {
            assert!(
                matches!(strict.check(url).await, Err(Refused::Private(_))),
                "{url}"
            );
        }
        assert!(matches!(
            strict.check("file:///etc/passwd").await,
            Err(Refused::NotWeb(_))
        ));
        assert!(matches!(
            strict.check("gopher://x").await,
            Err(Refused::NotWeb(_))
        ));
        let relaxed = guard(&["127.0.0.1", "localhost"]);
        assert_eq!(relaxed.check("http://127.0.0.1:8080/hook").await, Ok(()));
        assert_eq!(relaxed.check("http://localhost:9/").await, Ok(()));
        assert!(relaxed.check("http://10.0.0.5/").await.is_err());
    }

    #[tokio::test]
    async fn public_addresses_pass() {
        assert_eq!(guard(&[]).check("https://93.184.216.34/api").await, Ok(()));
    }
}
