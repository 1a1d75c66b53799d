//! Typed configuration from environment variables, validated once at start-up.
//! Secrets are wrapped so they never reach logs or `Debug` output.

use std::net::SocketAddr;

/// A value that must not be logged.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

/// A configuration variable that is present but unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("configuration error: {var} {reason}")]
pub struct ConfigError {
    pub var: &'static str,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatabaseConfig {
    /// `surrealkv://path`, `mem://`, or `ws://host:port` / `wss://...` for a server.
    pub url: String,
    pub user: Option<String>,
    pub pass: Option<Secret>,
    pub namespace: String,
    pub database: String,
}

impl DatabaseConfig {
    pub fn is_remote(&self) -> bool {
        self.url.starts_with("ws://") || self.url.starts_with("wss://")
    }

    /// The same settings with a fresh in-memory database (tests, e2e).
    pub fn memory() -> Self {
        Self {
            url: "mem://".into(),
            user: None,
            pass: None,
            namespace: "marketplace".into(),
            database: "main".into(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Config {
    pub database: DatabaseConfig,
    pub site_addr: SocketAddr,
    /// Where the built site (pkg/, assets) lives; cargo-leptos sets LEPTOS_SITE_ROOT.
    pub site_root: String,
    /// Where uploaded files are kept (`MEDIA_DIR`, default `data/media`).
    pub media_dir: std::path::PathBuf,
    /// The URL shoppers use, e.g. `https://shop.example`; decides cookie security.
    pub public_base_url: String,
    pub stripe_secret_key: Option<Secret>,
    pub stripe_webhook_secret: Option<Secret>,
    /// Reverse proxies (addresses or CIDR ranges, `TRUSTED_PROXIES`) whose
    /// `X-Forwarded-For` names the client for throttling; none by default.
    pub trusted_proxies: domain::origin::TrustedProxies,
    /// The mail server (`SMTP_URL`, e.g. `smtp://127.0.0.1:1025`); none: mail waits.
    pub smtp_url: Option<Secret>,
    /// The sender of the marketplace's mail (`MAIL_FROM`).
    pub mail_from: String,
}

/// Stripe's secret key (`sk_…`/`rk_…`) and webhook secret (`whsec_…`), each checked.
fn stripe_config(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<(Option<Secret>, Option<Secret>), ConfigError> {
    let stripe_secret_key = match get("STRIPE_SECRET_KEY") {
        Some(k) if k.starts_with("sk_") || k.starts_with("rk_") => Some(Secret(k)),
        Some(_) => {
            return Err(ConfigError {
                var: "STRIPE_SECRET_KEY",
                reason: "must start with sk_ or rk_".into(),
            })
        }
        None => None,
    };
    let stripe_webhook_secret = match get("STRIPE_WEBHOOK_SECRET") {
        Some(k) if k.starts_with("whsec_") => Some(Secret(k)),
        Some(_) => {
            return Err(ConfigError {
                var: "STRIPE_WEBHOOK_SECRET",
                reason: "must start with whsec_".into(),
            })
        }
        None => None,
    };
    Ok((stripe_secret_key, stripe_webhook_secret))
}

/// The mail server (`SMTP_URL`, checked to be an SMTP URL) and the sender
/// (`MAIL_FROM`).
fn mail_config(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<(Option<Secret>, String), ConfigError> {
    let smtp_url = match get("SMTP_URL") {
        Some(u) if u.starts_with("smtp://") || u.starts_with("smtps://") => Some(Secret(u)),
        Some(_) => {
            return Err(ConfigError {
                var: "SMTP_URL",
                reason: "must be an smtp:// or smtps:// URL like smtp://127.0.0.1:1025".into(),
            })
        }
        None => None,
    };
    let mail_from = get("MAIL_FROM")
        .unwrap_or_else(|| "Harbour Market <no-reply@harbour-market.example>".to_string());
    Ok((smtp_url, mail_from))
}

const DEFAULT_DATABASE_URL: &str = "surrealkv://data/marketplace.db";

fn identifier(var: &'static str, value: String) -> Result<String, ConfigError> {
    let ok = !value.is_empty()
        && value.len() <= 64
        && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !value.starts_with(|c: char| c.is_ascii_digit());
    if ok {
        Ok(value)
    } else {
        Err(ConfigError {
            var,
            reason: "must be letters, digits and underscores (not starting with a digit)".into(),
        })
    }
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
    }

    /// Reads configuration through `get`, so tests can supply variables.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let url = get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string());
        let known = ["surrealkv://", "mem://", "ws://", "wss://"];
        if !known.iter().any(|p| url.starts_with(p)) {
            return Err(ConfigError {
                var: "DATABASE_URL",
                reason: "must start with surrealkv://, mem://, ws:// or wss://".into(),
            });
        }
        if url.starts_with("surrealkv://") && url.len() == "surrealkv://".len() {
            return Err(ConfigError {
                var: "DATABASE_URL",
                reason: "needs a path after surrealkv://".into(),
            });
        }
        let database = DatabaseConfig {
            user: get("DATABASE_USER"),
            pass: get("DATABASE_PASS").map(Secret),
            namespace: identifier(
                "DATABASE_NS",
                get("DATABASE_NS").unwrap_or_else(|| "marketplace".into()),
            )?,
            database: identifier(
                "DATABASE_DB",
                get("DATABASE_DB").unwrap_or_else(|| "main".into()),
            )?,
            url,
        };
        if database.is_remote() && (database.user.is_none() || database.pass.is_none()) {
            return Err(ConfigError {
                var: "DATABASE_USER",
                reason: "and DATABASE_PASS are required with a ws:// or wss:// DATABASE_URL".into(),
            });
        }
        let addr_raw = get("SITE_ADDR")
            .or_else(|| get("LEPTOS_SITE_ADDR"))
            .unwrap_or_else(|| "127.0.0.1:3000".to_string());
        let site_addr: SocketAddr = addr_raw.parse().map_err(|_| ConfigError {
            var: "SITE_ADDR",
            reason: format!("must be host:port like 127.0.0.1:3000 (got {addr_raw:?})"),
        })?;
        let public_base_url = match get("PUBLIC_BASE_URL") {
            Some(u) => {
                let ok = (u.starts_with("http://") || u.starts_with("https://"))
                    && !u.contains(char::is_whitespace)
                    && u.split("://").nth(1).is_some_and(|rest| !rest.is_empty());
                if !ok {
                    return Err(ConfigError {
                        var: "PUBLIC_BASE_URL",
                        reason: "must be an http:// or https:// URL like https://shop.example"
                            .into(),
                    });
                }
                u.trim_end_matches('/').to_string()
            }
            None => format!("http://{site_addr}"),
        };
        let (stripe_secret_key, stripe_webhook_secret) = stripe_config(&get)?;
        let trusted_proxies = match get("TRUSTED_PROXIES") {
            None => domain::origin::TrustedProxies::default(),
            Some(list) => {
                domain::origin::TrustedProxies::parse(&list).ok_or_else(|| ConfigError {
                    var: "TRUSTED_PROXIES",
                    reason: "must be addresses or CIDR ranges separated by commas".into(),
                })?
            }
        };
        let (smtp_url, mail_from) = mail_config(&get)?;
        let site_root = get("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".to_string());
        let media_dir = get("MEDIA_DIR")
            .unwrap_or_else(|| "data/media".to_string())
            .into();
        Ok(Config {
            database,
            site_addr,
            site_root,
            media_dir,
            public_base_url,
            stripe_secret_key,
            stripe_webhook_secret,
            trusted_proxies,
            smtp_url,
            mail_from,
        })
    }

    /// The public origin (`scheme://host[:port]`) without any path.
    pub fn public_origin(&self) -> String {
        let (scheme, rest) = self
            .public_base_url
            .split_once("://")
            .unwrap_or(("http", ""));
        let host = rest.split('/').next().unwrap_or_default();
        format!("{scheme}://{host}")
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_base_url.starts_with("https://")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn cfg(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults() {
        let c = cfg(&[]).unwrap();
        assert_eq!(c.database.url, "surrealkv://data/marketplace.db");
        assert_eq!(c.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.public_base_url, "http://127.0.0.1:3000");
        assert!(!c.secure_cookies());
        assert!(c.stripe_secret_key.is_none());
    }

    #[test]
    fn bad_values_name_the_variable() {
        for (vars, var) in [
            (vec![("SITE_ADDR", "nonsense")], "SITE_ADDR"),
            (vec![("DATABASE_URL", "postgres://x")], "DATABASE_URL"),
            (vec![("DATABASE_URL", "ws://db:8000")], "DATABASE_USER"),
            (vec![("DATABASE_NS", "drop table;")], "DATABASE_NS"),
            (vec![("PUBLIC_BASE_URL", "shop.example")], "PUBLIC_BASE_URL"),
            (
                vec![("STRIPE_SECRET_KEY", "pk_test_123")],
                "STRIPE_SECRET_KEY",
            ),
            (
                vec![("STRIPE_WEBHOOK_SECRET", "nope")],
                "STRIPE_WEBHOOK_SECRET",
            ),
        ] {
            let err = cfg(&vars).unwrap_err();
            assert_eq!(err.var, var);
            assert!(err
                .to_string()
                .starts_with(&format!("configuration error: {var}")));
        }
    }

    #[test]
    fn secrets_are_redacted() {
        let c = cfg(&[
            ("STRIPE_SECRET_KEY", "sk_test_supersecret"),
            ("STRIPE_WEBHOOK_SECRET", "whsec_abc"),
            ("DATABASE_URL", "ws://db:8000"),
            ("DATABASE_USER", "root"),
            ("DATABASE_PASS", "hunter2hunter2"),
            ("PUBLIC_BASE_URL", "https://shop.example/"),
        ])
        .unwrap();
        let dbg = format!("{c:?}");
        assert!(
            !dbg.contains("supersecret") && !dbg.contains("hunter2") && !dbg.contains("whsec_abc")
        );
        assert!(c.secure_cookies());
        assert_eq!(c.public_origin(), "https://shop.example");
    }
}
