//! Test support: start the real router on port 0 with a fresh database, and a small
//! HTTP client that calls server functions the way a browser form does.

use std::net::SocketAddr;
use std::path::Path;

use std::sync::{Arc, Mutex};

use app::state::{AppState, Clock};
use chrono::{DateTime, Utc};
use reqwest::header::{HeaderMap, HeaderValue, COOKIE, SET_COOKIE};
use server::config::{Config, DatabaseConfig};

pub struct TestApp {
    pub addr: SocketAddr,
    pub state: AppState,
    /// The app's clock: real time plus an offset tests can move forward.
    pub clock: Arc<TestClock>,
    /// Uploaded files of this app (removed when the app is dropped).
    pub media_dir: tempfile::TempDir,
    server: tokio::task::JoinHandle<()>,
}

/// Wall-clock time shifted by an adjustable offset (for deadlines and expiry).
#[derive(Default)]
pub struct TestClock {
    offset: Mutex<chrono::Duration>,
}

impl TestClock {
    pub fn advance(&self, by: chrono::Duration) {
        *self.offset.lock().expect("clock") += by;
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + *self.offset.lock().expect("clock")
    }
}

/// Webhook signing secret used when a test app has Stripe configured.
pub const WEBHOOK_SECRET: &str = "whsec_integration_tests";

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}

fn config_for(db_url: &str, stripe: bool) -> Config {
    let mut config = Config::from_lookup(|k| match k {
        "SITE_ADDR" => Some("127.0.0.1:0".into()),
        "STRIPE_SECRET_KEY" if stripe => Some("sk_test_integration".into()),
        "STRIPE_WEBHOOK_SECRET" if stripe => Some(WEBHOOK_SECRET.into()),
        "LEPTOS_SITE_ROOT" => Some(env!("CARGO_MANIFEST_DIR").to_string() + "/../target/site"),
        _ => None,
    })
    .expect("test config");
    config.database = DatabaseConfig {
        url: db_url.to_string(),
        ..DatabaseConfig::memory()
    };
    config
}

impl TestApp {
    /// A fresh in-memory database, migrated, no data.
    pub async fn spawn() -> TestApp {
        Self::spawn_with("mem://").await
    }

    /// A server on the database at `url` (e.g. `surrealkv://...` for restart tests).
    pub async fn spawn_with(url: &str) -> TestApp {
        Self::start(config_for(url, false), None, None).await
    }

    /// A fresh in-memory database with one more order listener after the marketplace's
    /// own (to watch or disturb what order changes publish).
    pub async fn spawn_with_order_listener(
        listener: Arc<dyn app::events::OrderListener>,
    ) -> TestApp {
        Self::start(config_for("mem://", false), None, Some(listener)).await
    }

    /// A fresh in-memory database with Stripe configured; its API calls go to
    /// `stripe_api` (a local stand-in) when given.
    pub async fn spawn_with_stripe(stripe_api: Option<String>) -> TestApp {
        Self::start(config_for("mem://", true), stripe_api, None).await
    }

    async fn start(
        config: Config,
        stripe_api: Option<String>,
        order_listener: Option<Arc<dyn app::events::OrderListener>>,
    ) -> TestApp {
        // internal errors are logged, so a failing test shows their cause
        static LOGS: std::sync::Once = std::sync::Once::new();
        LOGS.call_once(|| {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(
                    tracing_subscriber::EnvFilter::try_from_default_env()
                        .unwrap_or_else(|_| "error".into()),
                )
                .with_test_writer()
                .try_init();
        });
        let mut state = server::build_state(&config).await.expect("state");
        let clock = Arc::new(TestClock::default());
        state.clock = clock.clone();
        if let Some(extra) = order_listener {
            let mut listeners = (*state.listeners).clone();
            listeners.order.push(extra);
            state.listeners = Arc::new(listeners);
        }
        let media_dir = tempfile::tempdir().expect("media dir");
        state.media = Arc::new(app::media::LocalMedia::new(media_dir.path()));
        if let (Some(api), Some(stripe)) = (stripe_api, state.settings.stripe.clone()) {
            let mut settings = (*state.settings).clone();
            settings.stripe = Some(app::state::StripeSettings {
                api_base: api,
                ..stripe
            });
            state.settings = Arc::new(settings);
        }
        let listener = server::bind_listener(([127, 0, 0, 1], 0).into())
            .await
            .expect("bind");
        let addr = axum::serve::Listener::local_addr(&listener).expect("addr");
        let router = server::router::build_router(state.clone(), server::leptos_options(&config));
        let server = tokio::spawn(async move {
            let _ = axum::serve(
                listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await;
        });
        TestApp {
            addr,
            state,
            clock,
            media_dir,
            server,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// A browser-like client with its own cookie jar.
    pub fn client(&self) -> Client {
        Client {
            base: self.url(""),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                // a hung request fails its test instead of stalling the whole run
                .timeout(std::time::Duration::from_secs(30))
                .no_proxy()
                .build()
                .expect("client"),
            cookies: Vec::new(),
        }
    }

    /// Seeds the demo marketplace with `products` products.
    pub async fn seed(&self, products: usize) {
        server::seed::seed(
            &self.state.db,
            &server::seed::SeedOptions {
                products,
                progress: false,
            },
        )
        .await
        .expect("seed");
    }

    pub async fn row_counts(&self) -> Vec<(String, i64)> {
        server::db::row_counts(&self.state.db)
            .await
            .expect("counts")
    }
}

/// Exports a database to `path`.
pub async fn export(app: &TestApp, path: &Path) {
    server::transfer::export(&app.state.db, path)
        .await
        .expect("export");
}

pub struct Client {
    base: String,
    http: reqwest::Client,
    cookies: Vec<(String, String)>,
}

pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// The refused fields of an `Invalid` answer, as `field.Code`, in order.
    pub fn field_errors(&self) -> Vec<String> {
        self.json()["Invalid"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| {
                        format!(
                            "{}.{}",
                            e["field"].as_str().unwrap(),
                            e["code"].as_str().unwrap()
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Client {
    fn cookie_header(&self) -> Option<HeaderValue> {
        if self.cookies.is_empty() {
            return None;
        }
        let s = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        HeaderValue::from_str(&s).ok()
    }

    fn absorb(&mut self, headers: &HeaderMap) {
        for v in headers.get_all(SET_COOKIE) {
            let Ok(s) = v.to_str() else { continue };
            let first = s.split(';').next().unwrap_or_default();
            let Some((k, val)) = first.split_once('=') else {
                continue;
            };
            let expired = s.contains("Max-Age=0");
            self.cookies.retain(|(name, _)| name != k);
            if !expired && !val.is_empty() {
                self.cookies.push((k.to_string(), val.to_string()));
            }
        }
    }

    pub fn set_cookie(&mut self, name: &str, value: &str) {
        self.cookies.retain(|(n, _)| n != name);
        self.cookies.push((name.to_string(), value.to_string()));
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }

    /// Calls a server function with form-encoded arguments, as `ActionForm` does.
    pub async fn call(&mut self, func: &str, form: &[(&str, &str)]) -> Reply {
        self.call_with(func, form, &[]).await
    }

    pub async fn call_with(
        &mut self,
        func: &str,
        form: &[(&str, &str)],
        extra: &[(&str, &str)],
    ) -> Reply {
        let body: String = form
            .iter()
            .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let mut req = self
            .http
            .post(format!("{}/api/{func}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body(body);
        if let Some(c) = self.cookie_header() {
            req = req.header(COOKIE, c);
        }
        for (k, v) in extra {
            req = req.header(*k, *v);
        }
        let res = req.send().await.expect("request");
        self.finish(res).await
    }

    /// Posts a `multipart/form-data` form (text fields, then files as
    /// (field, file name, bytes)), as a browser form with a file input does.
    pub async fn post_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, Vec<u8>)],
    ) -> Reply {
        let boundary = "----harbour-test-boundary-7MA4YWxkTrZu0gW";
        let mut body: Vec<u8> = Vec::new();
        for (k, v) in fields {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
                )
                .as_bytes(),
            );
        }
        for (k, name, bytes) in files {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let mut req = self
            .http
            .post(format!("{}{path}", self.base))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(body);
        if let Some(c) = self.cookie_header() {
            req = req.header(COOKIE, c);
        }
        let res = req.send().await.expect("request");
        self.finish(res).await
    }

    pub async fn get(&mut self, path: &str) -> Reply {
        self.get_with(path, &[]).await
    }

    pub async fn get_with(&mut self, path: &str, extra: &[(&str, &str)]) -> Reply {
        let mut req = self.http.get(format!("{}{path}", self.base));
        if let Some(c) = self.cookie_header() {
            req = req.header(COOKIE, c);
        }
        for (k, v) in extra {
            req = req.header(*k, *v);
        }
        let res = req.send().await.expect("request");
        self.finish(res).await
    }

    async fn finish(&mut self, res: reqwest::Response) -> Reply {
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        self.absorb(&headers);
        let body = res.text().await.unwrap_or_default();
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn sign_up(&mut self, email: &str, name: &str, password: &str) -> Reply {
        self.call(
            "sign_up",
            &[
                ("email", email),
                ("display_name", name),
                ("password", password),
                ("next", "/"),
            ],
        )
        .await
    }

    pub async fn log_in(&mut self, email: &str, password: &str) -> Reply {
        self.call(
            "log_in",
            &[("email", email), ("password", password), ("next", "/")],
        )
        .await
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Gives a user extra roles directly in the database (test fixture builder).
pub async fn grant_roles(app: &TestApp, email: &str, roles: &[&str]) {
    let email = domain::Email::parse(email).expect("email");
    let mut all = vec!["shopper".to_string()];
    all.extend(roles.iter().map(|r| r.to_string()));
    app.state
        .db
        .query("UPDATE $id SET roles = $roles")
        .bind(("id", app::accounts::store::user_id(&email)))
        .bind(("roles", all))
        .await
        .expect("grant")
        .check()
        .expect("grant ok");
}
