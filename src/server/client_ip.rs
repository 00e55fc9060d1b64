//! The client's address, for throttling and the audit log.
//!
//! Behind reverse proxies every request comes from a proxy, so the client is read from
//! X-Forwarded-For: right to left (each proxy appends the address it saw), past the proxies
//! Herald was told to trust, to the first address it was not. A header from anyone else is
//! ignored, so a client cannot pick its own address.
use crate::server::config::ServerSettings;
use axum::extract::ConnectInfo;
use http::request::Parts;
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};

#[derive(Debug, Clone, Default)]
pub struct Proxies {
    /// `server.trust_proxy_headers`: whatever connects is a proxy (one hop).
    any_peer: bool,
    ranges: Vec<IpNet>,
}

impl Proxies {
    pub fn parse(settings: &ServerSettings) -> anyhow::Result<Self> {
        let ranges = settings
            .trusted_proxies
            .iter()
            .map(|entry| entry.trim())
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| {
                        anyhow::anyhow!("{entry:?} is neither an IP address nor a range like 10.0.0.0/8")
                    })
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(Self {
            any_peer: settings.trust_proxy_headers,
            ranges,
        })
    }

    fn listed(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.ranges.iter().any(|range| range.contains(&address))
    }

    /// The client's address for a request that came from `peer` with these forwarded-for
    /// values (in header order).
    pub fn client(&self, peer: IpAddr, forwarded_for: &[&str]) -> IpAddr {
        if !(self.any_peer || self.listed(peer)) {
            return peer;
        }
        let hops = forwarded_for
            .iter()
            .flat_map(|value| value.split(','))
            .map(str::trim)
            .rev();
        let mut client = peer;
        for hop in hops {
            // A hop that is not an address is something a client made up: stop there.
            let Some(address) = parse_hop(hop) else {
                break;
            };
            client = address;
            if !self.listed(address) {
                break;
            }
        }
        client
    }
}

/// `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1` or `[2001:db8::1]:5678`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

pub fn from_parts(parts: &Parts, proxies: &Proxies) -> String {
    let Some(ConnectInfo(peer)) = parts.extensions.get::<ConnectInfo<SocketAddr>>() else {
        return "unknown".to_owned();
    };
    let forwarded: Vec<&str> = parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect();
    proxies.client(peer.ip(), &forwarded).to_canonical().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(any_peer: bool, ranges: &[&str]) -> Proxies {
        Proxies {
            any_peer,
            ranges: ranges.iter().map(|r| r.parse().unwrap()).collect(),
        }
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        let none = Proxies::default();
        assert_eq!(none.client(ip("203.0.113.9"), &["1.2.3.4"]), ip("203.0.113.9"));
    }

    #[test]
    fn the_client_is_the_first_address_past_the_trusted_proxies() {
        let cdn_and_lb = proxies(false, &["10.0.0.0/8", "198.51.100.0/24"]);
        // client → CDN (198.51.100.7) → load balancer (10.0.0.2) → Herald
        let seen = cdn_and_lb.client(ip("10.0.0.2"), &["203.0.113.5, 198.51.100.7"]);
        assert_eq!(seen, ip("203.0.113.5"));
        // Whatever a client wrote in front of that is not believed.
        let spoofed = cdn_and_lb.client(ip("10.0.0.2"), &["1.1.1.1", "203.0.113.5, 198.51.100.7"]);
        assert_eq!(spoofed, ip("203.0.113.5"));
        // Two clients behind the same proxies are told apart.
        let other = cdn_and_lb.client(ip("10.0.0.2"), &["192.0.2.44, 198.51.100.7"]);
        assert_eq!(other, ip("192.0.2.44"));
        // A request that did not come through a listed proxy keeps its own address.
        assert_eq!(
            cdn_and_lb.client(ip("203.0.113.66"), &["1.1.1.1"]),
            ip("203.0.113.66")
        );
    }

    #[test]
    fn one_proxy_hop_when_any_peer_is_trusted() {
        let one_hop = proxies(true, &[]);
        assert_eq!(
            one_hop.client(ip("127.0.0.1"), &["1.1.1.1, 203.0.113.5"]),
            ip("203.0.113.5")
        );
        assert_eq!(
            one_hop.client(ip("127.0.0.1"), &["203.0.113.5:4711"]),
            ip("203.0.113.5")
        );
        assert_eq!(one_hop.client(ip("127.0.0.1"), &["garbage"]), ip("127.0.0.1"));
    }
}
