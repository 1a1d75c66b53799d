//! A small HTTP client that calls server functions the way a browser form does.
//!
//! The cookie jar and the `multipart/form-data` encoding are written by hand here, once,
//! instead of enabling reqwest's `cookies` and `multipart` features: surrealdb-core
//! depends on reqwest too (through object_store), so turning features on in this crate
//! would unify them into the test build only and compile a second surrealdb-core,
//! separate from the one the served binary uses. Test files use this client and never
//! write `Cookie` headers or multipart boundaries themselves.

use reqwest::header::{HeaderMap, HeaderValue, COOKIE, SET_COOKIE};

#[derive(Clone)]
pub struct Client {
    base: String,
    http: reqwest::Client,
    cookies: Vec<(String, String)>,
    /// The app, to read the link a sign-up mails (see [`Client::sign_up`]) and the key
    /// and time a two-step code is made from (see [`Client::log_in`]).
    app: Option<app::state::AppState>,
    /// The app's clock, moved to the next code's time rather than waiting for it.
    clock: Option<std::sync::Arc<crate::TestClock>>,
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
    /// A client of the server at `base`, with an empty cookie jar.
    pub(crate) fn new(
        base: String,
        app: Option<app::state::AppState>,
        clock: Option<std::sync::Arc<crate::TestClock>>,
    ) -> Client {
        Client {
            base,
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                // a hung request fails its test instead of stalling the whole run
                .timeout(std::time::Duration::from_secs(30))
                .no_proxy()
                .build()
                .expect("client"),
            cookies: Vec::new(),
            app,
            clock,
        }
    }

    /// The `Cookie` header this client sends (its whole jar), if it holds any cookie.
    pub fn cookie_header(&self) -> Option<String> {
        if self.cookies.is_empty() {
            return None;
        }
        Some(
            self.cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; "),
        )
    }

    fn cookie_value(&self) -> Option<HeaderValue> {
        HeaderValue::from_str(&self.cookie_header()?).ok()
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
        if let Some(c) = self.cookie_value() {
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
        if let Some(c) = self.cookie_value() {
            req = req.header(COOKIE, c);
        }
        let res = req.send().await.expect("request");
        self.finish(res).await
    }

    /// Posts `body` as `content_type` with extra headers, as a webhook sender does.
    pub async fn post_body(
        &mut self,
        path: &str,
        content_type: &str,
        body: &str,
        extra: &[(&str, &str)],
    ) -> Reply {
        let mut req = self
            .http
            .post(format!("{}{path}", self.base))
            .header("content-type", content_type)
            .body(body.to_string());
        if let Some(c) = self.cookie_value() {
            req = req.header(COOKIE, c);
        }
        for (k, v) in extra {
            req = req.header(*k, *v);
        }
        let res = req.send().await.expect("request");
        self.finish(res).await
    }

    pub async fn get(&mut self, path: &str) -> Reply {
        self.get_with(path, &[]).await
    }

    pub async fn get_with(&mut self, path: &str, extra: &[(&str, &str)]) -> Reply {
        let mut req = self.http.get(format!("{}{path}", self.base));
        if let Some(c) = self.cookie_value() {
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
        let html = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
        if html {
            let bad = crate::html_check::misnested(&body);
            assert!(
                bad.is_empty(),
                "a page the browser's parser would rearrange, so hydration would panic: {bad:#?}"
            );
        }
        Reply {
            status,
            headers,
            body,
        }
    }

    /// Opens an account and confirms its address with the link the sign-up mailed, as
    /// its owner would (most tests go on to review or sell, which need it).
    pub async fn sign_up(&mut self, email: &str, name: &str, password: &str) -> Reply {
        let r = self.sign_up_unverified(email, name, password).await;
        if r.status == 200 {
            let token = self
                .mailed_token(email, "verify_email")
                .await
                .expect("the sign-up mailed a link");
            let v = self.call("verify_email", &[("token", &token)]).await;
            assert_eq!(v.status, 200, "confirming {email}: {}", v.body);
        }
        r
    }

    /// The secret of the newest link of `kind` mailed to `email` (read from the app's
    /// outbox, where the mail waits to be sent), if there is one.
    pub async fn mailed_token(&self, email: &str, kind: &str) -> Option<String> {
        let app = self.app.as_ref().expect("a client of a test app");
        let mut res = app
            .db
            .query(
                "SELECT VALUE link FROM outbox WHERE recipient = type::record('user', $e) AND kind = $k \
                 ORDER BY created_at DESC LIMIT 1",
            )
            .bind(("e", email.trim().to_lowercase()))
            .bind(("k", kind.to_string()))
            .await
            .expect("outbox");
        let links: Vec<Option<String>> = res.take(0).expect("links");
        let link = links.into_iter().flatten().next()?;
        Some(link.rsplit("token=").next()?.to_string())
    }

    /// Opens an account without confirming its address.
    pub async fn sign_up_unverified(&mut self, email: &str, name: &str, password: &str) -> Reply {
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

    /// Signs in as a person would: the password, then, when the account uses two-step
    /// sign-in, the code its authenticator shows (made from the key in the app's
    /// database at the app's time). Returns the last step's reply.
    pub async fn log_in(&mut self, email: &str, password: &str) -> Reply {
        let r = self.log_in_password(email, password).await;
        if r.status != 200 || r.json() != "/login/code" {
            return r;
        }
        let code = self.authenticator_code(email).await;
        self.call("log_in_code", &[("code", &code)]).await
    }

    /// The password step alone (the reply names `/login/code` when a code must follow).
    pub async fn log_in_password(&mut self, email: &str, password: &str) -> Reply {
        self.call(
            "log_in",
            &[("email", email), ("password", password), ("next", "/")],
        )
        .await
    }

    /// A code the account's authenticator would show now that the app has not accepted
    /// yet (a code is accepted once: after three sign-ins in one half-minute the app's
    /// clock moves on to the next code's time).
    async fn authenticator_code(&self, email: &str) -> String {
        use domain::totp;
        let app = self.app.as_ref().expect("a client of a test app");
        loop {
            let mut res = app
                .db
                .query("SELECT totp_secret AS key, totp_last_step ?? -1 AS last FROM ONLY type::record('user', $e)")
                .bind(("e", email.trim().to_lowercase()))
                .await
                .expect("authenticator");
            let key: Option<String> = res.take((0, "key")).expect("key");
            let last: Option<i64> = res.take((0, "last")).expect("last step");
            let last = last.filter(|l| *l >= 0);
            let key = totp::from_base32(&key.expect("two-step sign-in is on")).expect("key");
            let now = app.now().timestamp();
            let step = totp::step_of(now);
            if let Some(s) = (step - 1..=step + 1).find(|s| last.is_none_or(|l| *s > l)) {
                return totp::format(totp::code_at(&key, s));
            }
            let wait = totp::STEP_SECS - now.rem_euclid(totp::STEP_SECS) + 1;
            match &self.clock {
                Some(clock) => clock.advance(chrono::Duration::seconds(wait)),
                None => tokio::time::sleep(std::time::Duration::from_secs(wait as u64)).await,
            }
        }
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
