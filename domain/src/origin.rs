//! Cross-site request forgery policy for state-changing requests.
//!
//! The same algorithm as Go's `http.CrossOriginProtection`: browsers always send
//! `Sec-Fetch-Site` (or at least `Origin`) on a cross-site POST, so a request is
//! refused when either says it came from another site. Requests with neither
//! header come from non-browser clients, which cannot carry a victim's cookies.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OriginVerdict {
    Allow,
    Reject,
}

/// Decides whether a request may change state.
/// `host` is the request's Host header; `trusted` are extra allowed origins
/// such as the configured public base URL (scheme://host[:port]).
pub fn check_request_origin(
    method: &str,
    sec_fetch_site: Option<&str>,
    origin: Option<&str>,
    host: Option<&str>,
    trusted: &[&str],
) -> OriginVerdict {
    if matches!(method, "GET" | "HEAD" | "OPTIONS") {
        return OriginVerdict::Allow;
    }
    if let Some(o) = origin {
        if trusted.iter().any(|t| t.eq_ignore_ascii_case(o)) {
            return OriginVerdict::Allow;
        }
    }
    if let Some(site) = sec_fetch_site {
        return match site {
            "same-origin" | "none" => OriginVerdict::Allow,
            _ => OriginVerdict::Reject,
        };
    }
    let Some(origin) = origin else {
        return OriginVerdict::Allow;
    };
    let origin_host = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    match (origin_host, host) {
        (Some(oh), Some(h)) if oh.eq_ignore_ascii_case(h) => OriginVerdict::Allow,
        _ => OriginVerdict::Reject,
    }
}

#[cfg(test)]
mod tests {
    use super::OriginVerdict::*;
    use super::*;

    #[test]
    fn table() {
        let h = Some("shop.test:3000");
        let cases: &[(&str, Option<&str>, Option<&str>, OriginVerdict)] = &[
            ("GET", Some("cross-site"), Some("https://evil.test"), Allow),
            ("POST", Some("same-origin"), None, Allow),
            ("POST", Some("none"), None, Allow),
            ("POST", Some("cross-site"), None, Reject),
            (
                "POST",
                Some("same-site"),
                Some("http://sub.shop.test:3000"),
                Reject,
            ),
            ("POST", None, None, Allow),
            ("POST", None, Some("http://shop.test:3000"), Allow),
            ("POST", None, Some("http://evil.test"), Reject),
            ("POST", None, Some("null"), Reject),
            ("DELETE", None, Some("https://evil.test"), Reject),
            (
                "POST",
                Some("cross-site"),
                Some("https://trusted.test"),
                Allow,
            ),
        ];
        for (m, site, origin, want) in cases {
            let got = check_request_origin(m, *site, *origin, h, &["https://trusted.test"]);
            assert_eq!(got, *want, "{m} {site:?} {origin:?}");
        }
    }
}

/// The Content-Security-Policy of a page: scripts only from this origin or carrying
/// this response's `nonce` (the hydration script), WebAssembly allowed, no plugins, no
/// framing by any site, forms only to this origin (and Stripe's payment page).
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; \
         connect-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self' https://checkout.stripe.com; frame-ancestors 'none'"
    )
}

/// The policy of every response that is not a page (media, files, data): nothing in
/// it runs, nothing frames it.
pub const RESOURCE_POLICY: &str =
    "default-src 'none'; img-src 'self'; style-src 'self'; frame-ancestors 'none'; sandbox";

#[cfg(test)]
mod policy_tests {
    use super::*;

    #[test]
    fn a_page_runs_only_its_own_scripts_and_is_never_framed() {
        let p = page_policy("abc123");
        assert!(p.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"));
        assert!(!p.contains("unsafe-eval'") || p.contains("wasm-unsafe-eval"));
        assert!(!p.contains("script-src 'self' 'unsafe-inline'"));
        assert!(p.ends_with("frame-ancestors 'none'"));
        assert!(
            RESOURCE_POLICY.contains("sandbox")
                && RESOURCE_POLICY.contains("frame-ancestors 'none'")
        );
    }
}

/// The reverse proxies whose `X-Forwarded-For` is believed (addresses or CIDR ranges,
/// from configuration). Empty: the connecting peer is the client.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(std::net::IpAddr, u8)>);

impl TrustedProxies {
    /// Reads `10.0.0.0/8, 127.0.0.1, ::1`; `None` if any entry is not an address or a
    /// range.
    pub fn parse(list: &str) -> Option<TrustedProxies> {
        let mut out = Vec::new();
        for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (addr, bits) = match item.split_once('/') {
                Some((a, b)) => (a, Some(b.parse::<u8>().ok()?)),
                None => (item, None),
            };
            let ip: std::net::IpAddr = addr.parse().ok()?;
            let max = if ip.is_ipv4() { 32 } else { 128 };
            let bits = bits.unwrap_or(max);
            if bits > max {
                return None;
            }
            out.push((ip, bits));
        }
        Some(TrustedProxies(out))
    }

    pub fn contains(&self, ip: std::net::IpAddr) -> bool {
        use std::net::IpAddr;
        self.0.iter().any(|(net, bits)| match (net, ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(*bits)).unwrap_or(0);
                u32::from(*n) & mask == u32::from(a) & mask
            }
            (IpAddr::V6(n), IpAddr::V6(a)) => {
                let mask = u128::MAX.checked_shl(128 - u32::from(*bits)).unwrap_or(0);
                u128::from(*n) & mask == u128::from(a) & mask
            }
            _ => false,
        })
    }

    /// The client's address: the peer, unless the peer is a trusted proxy, in which
    /// case the right-most address of `X-Forwarded-For` that is not itself a trusted
    /// proxy (the left-most when all are). A client cannot choose its address by
    /// sending the header itself: only what trusted proxies appended is believed.
    pub fn client(&self, peer: std::net::IpAddr, forwarded_for: Option<&str>) -> std::net::IpAddr {
        if !self.contains(peer) {
            return peer;
        }
        let hops: Vec<std::net::IpAddr> = forwarded_for
            .unwrap_or_default()
            .split(',')
            .filter_map(|h| h.trim().parse().ok())
            .collect();
        hops.iter()
            .rev()
            .find(|ip| !self.contains(**ip))
            .or(hops.first())
            .copied()
            .unwrap_or(peer)
    }
}

#[cfg(test)]
mod proxy_tests {
    use super::*;
    use std::net::IpAddr;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn only_a_trusted_proxys_forwarded_address_is_believed() {
        let t = TrustedProxies::parse("10.0.0.0/8, 127.0.0.1").unwrap();
        // a client talking to us directly cannot pick its address
        assert_eq!(
            t.client(ip("203.0.113.9"), Some("1.2.3.4")),
            ip("203.0.113.9")
        );
        // behind the proxy: the address the proxy saw, not what the client claimed
        assert_eq!(
            t.client(ip("10.1.2.3"), Some("1.2.3.4, 198.51.100.7")),
            ip("198.51.100.7")
        );
        assert_eq!(
            t.client(ip("127.0.0.1"), Some("198.51.100.7, 10.0.0.5")),
            ip("198.51.100.7")
        );
        assert_eq!(t.client(ip("127.0.0.1"), None), ip("127.0.0.1"));
        assert!(TrustedProxies::parse("10.0.0.0/40").is_none());
        assert!(TrustedProxies::parse("proxy").is_none());
        assert_eq!(
            TrustedProxies::default().client(ip("10.1.2.3"), Some("1.2.3.4")),
            ip("10.1.2.3")
        );
        let v6 = TrustedProxies::parse("::1, fd00::/8").unwrap();
        assert_eq!(
            v6.client(ip("fd00::1"), Some("2001:db8::5")),
            ip("2001:db8::5")
        );
    }
}
