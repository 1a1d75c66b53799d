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
