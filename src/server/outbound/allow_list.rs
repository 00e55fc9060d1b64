//! Which addresses Herald may call: public ones, and the private ones an admin listed.
use ipnet::IpNet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Hosts by name, and addresses or ranges, allowed although they are not public.
#[derive(Debug, Clone, Default)]
pub struct AllowList {
    hosts: Vec<String>,
    ranges: Vec<IpNet>,
}

impl AllowList {
    /// Each entry is a host name (`mastodon.lan`), an address (`127.0.0.1`) or a range
    /// (`10.0.0.0/8`).
    pub fn parse(entries: &[String]) -> anyhow::Result<Self> {
        let mut list = Self::default();
        for entry in entries.iter().map(|e| e.trim()).filter(|e| !e.is_empty()) {
            list.add(entry)?;
        }
        Ok(list)
    }

    pub fn add(&mut self, entry: &str) -> anyhow::Result<()> {
        if let Ok(range) = entry.parse::<IpNet>() {
            self.ranges.push(range);
        } else if let Ok(address) = entry.trim_matches(['[', ']']).parse::<IpAddr>() {
            self.ranges.push(IpNet::from(address));
        } else {
            anyhow::ensure!(
                !entry.contains(['/', ':', ' ']),
                "{entry:?} is neither a host name, an IP address nor a range like 10.0.0.0/8"
            );
            self.hosts.push(entry.to_ascii_lowercase());
        }
        Ok(())
    }

    pub fn permits_host(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        self.hosts.contains(&host)
    }

    pub fn permits_address(&self, address: IpAddr) -> bool {
        is_public(address) || self.ranges.iter().any(|range| range.contains(&address))
    }
}

/// Reachable on the public internet: not loopback, private, link-local (cloud metadata
/// lives there), shared, multicast, reserved or unspecified — nor an IPv6 address that carries
/// such an IPv4 address inside it (mapped, compatible, NAT64, 6to4), which a gateway on the
/// way would deliver to that IPv4 address.
pub fn is_public(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_multicast()
                || a == 0
                || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
                || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
                || (a == 198 && (b == 18 || b == 19)) // benchmarking
                || a >= 240)
        }
        IpAddr::V6(v6) => match embedded_v4(v6) {
            Some(v4) => is_public(IpAddr::V4(v4)),
            None => {
                let [first, second, ..] = v6.segments();
                !(v6.is_loopback()
                    || v6.is_unspecified()
                    || v6.is_multicast()
                    || v6.is_unique_local()
                    || v6.is_unicast_link_local()
                    || (first & 0xffc0) == 0xfec0 // site-local (deprecated, still routed inside sites)
                    || (first == 0x2001 && second == 0x0db8) // documentation
                    || (first == 0x2001 && second == 0) // Teredo: an IPv4 address in disguise
                    || (first == 0x0064 && second == 0xff9b)) // local-use NAT64 (64:ff9b:1::/48)
            }
        },
    }
}

/// The IPv4 address inside an IPv6 one that stands for it: IPv4-mapped (::ffff:a.b.c.d),
/// IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::).
fn embedded_v4(v6: Ipv6Addr) -> Option<Ipv4Addr> {
    let octets = v6.octets();
    let last = Ipv4Addr::new(octets[12], octets[13], octets[14], octets[15]);
    let segments = v6.segments();
    if let Some(v4) = v6.to_ipv4_mapped() {
        return Some(v4);
    }
    if segments[..6] == [0; 6] && !v6.is_loopback() && !v6.is_unspecified() {
        return Some(last);
    }
    if segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return Some(last);
    }
    if segments[0] == 0x2002 {
        return Some(Ipv4Addr::new(octets[2], octets[3], octets[4], octets[5]));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn only_public_addresses_are_public() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "192.0.0.1",
            "192.0.0.170",
            // An IPv4 address inside an IPv6 one reaches that IPv4 address.
            "64:ff9b::a9fe:a9fe",
            "64:ff9b::7f00:1",
            "64:ff9b:1::1",
            "::127.0.0.1",
            "::10.0.0.1",
            "2002:7f00:1::",
            "2002:a9fe:a9fe::1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
            "fec0::1",
            "feff::1",
            "2001:db8::1",
        ] {
            assert!(!is_public(address(private)), "{private}");
        }
        for public in [
            "1.1.1.1",
            "93.184.216.34",
            "192.0.1.1",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "2002:808:808::1",
            "2a00:1450::1",
        ] {
            assert!(is_public(address(public)), "{public}");
        }
    }

    #[test]
    fn listed_hosts_addresses_and_ranges_are_permitted() {
        let list =
            AllowList::parse(&["Mastodon.LAN".into(), "127.0.0.1".into(), "10.0.0.0/8".into()]).unwrap();
        assert!(list.permits_host("mastodon.lan"));
        assert!(list.permits_host("mastodon.lan."));
        assert!(!list.permits_host("other.lan"));
        assert!(list.permits_address(address("127.0.0.1")));
        assert!(list.permits_address(address("10.9.8.7")));
        assert!(!list.permits_address(address("127.0.0.2")));
        assert!(!list.permits_address(address("192.168.0.1")));
    }

    #[test]
    fn a_malformed_entry_is_named() {
        let error = AllowList::parse(&["10.0.0.0/99".into()]).unwrap_err();
        assert!(error.to_string().contains("10.0.0.0/99"), "{error}");
    }
}
