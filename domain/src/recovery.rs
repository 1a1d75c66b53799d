//! Getting back into an account and keeping it safe: how long a password-reset link
//! lives, how often one may be asked for, and how a session is named in the list of
//! where the account is signed in.

use crate::throttle::ThrottlePolicy;

/// A password-reset link works once, for an hour.
pub const RESET_LINK_MINUTES: i64 = 60;

/// How long a link confirming an email address works (hours).
pub const VERIFY_LINK_HOURS: i64 = 48;

/// Per account: 3 confirmation mails an hour (the one sent at sign-up counts).
pub const VERIFY_PER_ACCOUNT: ThrottlePolicy = ThrottlePolicy {
    max_failures: 3,
    window_secs: 3600,
};

/// Per client address: 10 reset requests an hour.
pub const RESET_PER_ADDRESS: ThrottlePolicy = ThrottlePolicy {
    max_failures: 10,
    window_secs: 3600,
};

/// Per email address (known or not): 3 reset mails an hour.
pub const RESET_PER_ACCOUNT: ThrottlePolicy = ThrottlePolicy {
    max_failures: 3,
    window_secs: 3600,
};

/// The browser and system a `User-Agent` names ("Chrome · Android", "Safari · iPhone"),
/// or `None` when it names neither.
pub fn device_label(agent: &str) -> Option<String> {
    // order matters: Edge and Opera say "Chrome", Chrome says "Safari"
    const BROWSERS: [(&str, &str); 6] = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Chromium/", "Chromium"),
        ("Safari/", "Safari"),
    ];
    const SYSTEMS: [(&str, &str); 7] = [
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Android", "Android"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ];
    let browser = BROWSERS
        .iter()
        .find(|(k, _)| agent.contains(k))
        .map(|(_, v)| *v);
    let system = SYSTEMS
        .iter()
        .find(|(k, _)| agent.contains(k))
        .map(|(_, v)| *v);
    match (browser, system) {
        (Some(b), Some(s)) => Some(format!("{b} · {s}")),
        (Some(x), None) | (None, Some(x)) => Some(x.to_string()),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_are_named_by_browser_and_system() {
        let chrome_android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";
        assert_eq!(
            device_label(chrome_android).as_deref(),
            Some("Chrome · Android")
        );
        let safari_iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        assert_eq!(
            device_label(safari_iphone).as_deref(),
            Some("Safari · iPhone")
        );
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0";
        assert_eq!(device_label(edge).as_deref(), Some("Edge · Windows"));
        assert_eq!(device_label("curl/8.5"), None);
        assert_eq!(device_label(""), None);
    }
}
