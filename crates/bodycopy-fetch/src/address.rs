//! Which IP addresses a fetch may connect to: the ranges that are not the public
//! internet (loopback, private, link-local, ...), named so a refusal can say why.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// One IPv4 range that is not the public internet: (network, prefix length, name).
const BLOCKED_V4: &[(Ipv4Addr, u8, &str)] = &[
    (Ipv4Addr::new(0, 0, 0, 0), 8, "\"this network\" (0.0.0.0/8)"),
    (Ipv4Addr::new(10, 0, 0, 0), 8, "private (10.0.0.0/8)"),
    (
        Ipv4Addr::new(100, 64, 0, 0),
        10,
        "carrier-grade NAT (100.64.0.0/10)",
    ),
    (Ipv4Addr::new(127, 0, 0, 0), 8, "loopback (127.0.0.0/8)"),
    (
        Ipv4Addr::new(169, 254, 0, 0),
        16,
        "link-local (169.254.0.0/16)",
    ),
    (Ipv4Addr::new(172, 16, 0, 0), 12, "private (172.16.0.0/12)"),
    (
        Ipv4Addr::new(192, 0, 0, 0),
        24,
        "IETF protocol assignments (192.0.0.0/24)",
    ),
    (
        Ipv4Addr::new(192, 168, 0, 0),
        16,
        "private (192.168.0.0/16)",
    ),
    (
        Ipv4Addr::new(198, 18, 0, 0),
        15,
        "benchmarking (198.18.0.0/15)",
    ),
    (Ipv4Addr::new(224, 0, 0, 0), 4, "multicast (224.0.0.0/4)"),
    (
        Ipv4Addr::new(240, 0, 0, 0),
        4,
        "reserved or broadcast (240.0.0.0/4)",
    ),
];

/// One IPv6 range that is not the public internet: (network, prefix length, name).
const BLOCKED_V6: &[(Ipv6Addr, u8, &str)] = &[
    (Ipv6Addr::UNSPECIFIED, 128, "unspecified (::)"),
    (Ipv6Addr::LOCALHOST, 128, "loopback (::1)"),
    (
        Ipv6Addr::new(0xfc00, 0, 0, 0, 0, 0, 0, 0),
        7,
        "unique local (fc00::/7)",
    ),
    (
        Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 0),
        10,
        "link-local (fe80::/10)",
    ),
    (
        Ipv6Addr::new(0xfec0, 0, 0, 0, 0, 0, 0, 0),
        10,
        "site-local (fec0::/10)",
    ),
    (
        Ipv6Addr::new(0xff00, 0, 0, 0, 0, 0, 0, 0),
        8,
        "multicast (ff00::/8)",
    ),
];

/// IPv6 prefixes that carry an IPv4 address in their last 32 bits, which is then
/// judged as IPv4: (network, prefix length).
const EMBEDS_V4: &[(Ipv6Addr, u8)] = &[
    // IPv4-mapped ::ffff:a.b.c.d
    (Ipv6Addr::new(0, 0, 0, 0, 0, 0xffff, 0, 0), 96),
    // IPv4-compatible ::a.b.c.d (deprecated, still routed by some stacks)
    (Ipv6Addr::new(0, 0, 0, 0, 0, 0, 0, 0), 96),
    // NAT64 well-known prefix 64:ff9b::/96
    (Ipv6Addr::new(0x64, 0xff9b, 0, 0, 0, 0, 0, 0), 96),
];

fn v4_in(ip: Ipv4Addr, net: Ipv4Addr, len: u8) -> bool {
    let mask = u32::MAX.checked_shl(32 - u32::from(len)).unwrap_or(0);
    u32::from(ip) & mask == u32::from(net) & mask
}

fn v6_in(ip: Ipv6Addr, net: Ipv6Addr, len: u8) -> bool {
    let mask = u128::MAX.checked_shl(128 - u32::from(len)).unwrap_or(0);
    u128::from(ip) & mask == u128::from(net) & mask
}

/// The name of the non-public range `ip` falls in, or `None` for a public address.
///
/// IPv4: 0/8, 10/8, 100.64/10 (CGNAT), 127/8, 169.254/16, 172.16/12, 192.0.0/24,
/// 192.168/16, 198.18/15, 224/4 (multicast), 240/4 (reserved, broadcast).
/// IPv6: `::`, `::1`, fc00::/7, fe80::/10, fec0::/10, ff00::/8, and any IPv4 address
/// embedded as IPv4-mapped, IPv4-compatible or NAT64 (judged as IPv4).
pub fn blocked_range(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => BLOCKED_V4
            .iter()
            .find(|(net, len, _)| v4_in(v4, *net, *len))
            .map(|(_, _, name)| *name),
        IpAddr::V6(v6) => {
            if let Some((_, _, name)) = BLOCKED_V6
                .iter()
                .find(|(net, len, _)| v6_in(v6, *net, *len))
            {
                return Some(name);
            }
            if EMBEDS_V4.iter().any(|(net, len)| v6_in(v6, *net, *len)) {
                let [.., a, b, c, d] = v6.octets();
                return blocked_range(IpAddr::V4(Ipv4Addr::new(a, b, c, d)));
            }
            None
        }
    }
}

/// Which addresses a fetch may connect to, checked after DNS resolution for the
/// first request and for every redirect.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddressPolicy {
    /// Allow every address, private ones included. Default: `false` (public addresses only).
    pub allow_private: bool,
    /// Exact socket addresses (IP and port) allowed even though their IP is not
    /// public. A hook for tests that run servers on 127.0.0.1 and check that only
    /// those are reachable. Default: empty.
    pub allowed: Vec<SocketAddr>,
}

impl AddressPolicy {
    /// Every address allowed (a local command fetching what its user asks for).
    pub fn allow_all() -> Self {
        AddressPolicy {
            allow_private: true,
            allowed: Vec::new(),
        }
    }

    /// Public addresses only (a service fetching what a client asks for).
    pub fn public_only() -> Self {
        AddressPolicy::default()
    }

    /// `Ok` when `addr` may be connected to, else the name of its range.
    pub fn check(&self, addr: SocketAddr) -> Result<(), &'static str> {
        if self.allow_private || self.allowed.contains(&addr) {
            return Ok(());
        }
        match blocked_range(addr.ip()) {
            Some(range) => Err(range),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocked(s: &str) -> bool {
        blocked_range(s.parse().unwrap()).is_some()
    }

    #[test]
    fn names_non_public_ranges() {
        for ip in [
            "127.0.0.1",
            "127.255.0.9",
            "10.0.0.1",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.255",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "::",
            "::1",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.1.2.3",
            "::ffff:169.254.169.254",
            "::127.0.0.1",
            "64:ff9b::a00:1",
        ] {
            assert!(blocked(ip), "{ip} should be blocked");
        }
        for ip in [
            "8.8.8.8",
            "93.184.216.34",
            "172.32.0.1",
            "100.128.0.1",
            "11.0.0.1",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
        ] {
            assert!(!blocked(ip), "{ip} should be allowed");
        }
        assert_eq!(
            blocked_range("169.254.169.254".parse().unwrap()),
            Some("link-local (169.254.0.0/16)")
        );
    }

    #[test]
    fn policy_allows_exact_addresses_and_everything_when_asked() {
        let local: SocketAddr = "127.0.0.1:4000".parse().unwrap();
        let other: SocketAddr = "127.0.0.1:4001".parse().unwrap();
        let policy = AddressPolicy {
            allow_private: false,
            allowed: vec![local],
        };
        assert!(policy.check(local).is_ok());
        assert!(policy.check(other).is_err());
        assert!(AddressPolicy::allow_all().check(other).is_ok());
        assert!(AddressPolicy::public_only()
            .check("1.1.1.1:443".parse().unwrap())
            .is_ok());
    }
}
