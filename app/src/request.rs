//! What the areas' logic may know of the HTTP request: its cookies and the client's
//! address, read once where a server function builds its context, and a way to set
//! cookies on the reply. The logic receives a [`Request`] as part of its context and
//! never reads the request (or Leptos' response options) itself.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};

use crate::error::{internal, AppError};
use crate::prefs::cookie_value;

/// The script nonce of the page a request renders, minted by the router for each
/// request: the router names it in the response's Content-Security-Policy and the
/// page's hydration scripts carry it (the shell provides it to Leptos).
#[derive(Clone, Debug)]
pub struct PageNonce(pub String);

/// Where `Set-Cookie` values go: the server function's response.
type CookieSink = Arc<dyn Fn(HeaderValue) + Send + Sync>;

/// One request's cookies and client address, and its reply's cookies.
#[derive(Clone)]
pub struct Request {
    cookies: Arc<str>,
    ip: Arc<str>,
    /// The browser's `User-Agent` (at most 300 characters).
    agent: Arc<str>,
    reply: Option<CookieSink>,
}

/// The client's address as the router worked it out (see
/// `domain::origin::TrustedProxies::client`), kept in the request's extensions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub std::net::IpAddr);

impl Request {
    /// The request a server function is answering (read from Leptos' context).
    pub fn current() -> Request {
        use leptos::prelude::use_context;
        let parts = use_context::<Parts>();
        let mut req = parts
            .as_ref()
            .map_or_else(Request::none, Request::from_parts);
        if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
            req.reply = Some(Arc::new(move |v| {
                opts.append_header(header::SET_COOKIE, v);
            }));
        }
        req
    }

    /// A request read by a plain axum handler, whose reply sets no cookies.
    pub fn from_parts(parts: &Parts) -> Request {
        let cookies = parts
            .headers
            .get(header::COOKIE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        // the router puts the client's address there (a trusted proxy's
        // `X-Forwarded-For`, else the peer); a bare router gives the peer
        let ip = match parts.extensions.get::<ClientIp>() {
            Some(c) => c.0.to_string(),
            None => parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map_or_else(|| "unknown".to_string(), |c| c.0.ip().to_string()),
        };
        let agent: String = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .chars()
            .take(300)
            .collect();
        Request {
            cookies: cookies.into(),
            ip: ip.into(),
            agent: agent.into(),
            reply: None,
        }
    }

    /// No request at all (background work): no cookies, an unknown address.
    pub fn none() -> Request {
        Request {
            cookies: "".into(),
            ip: "unknown".into(),
            agent: "".into(),
            reply: None,
        }
    }

    /// A request carrying `cookie_header` (tests and handlers that read it themselves).
    pub fn with_cookies(cookie_header: &str) -> Request {
        Request {
            cookies: cookie_header.into(),
            ..Request::none()
        }
    }

    /// The browser's `User-Agent`, if it sent one.
    pub fn user_agent(&self) -> Option<&str> {
        (!self.agent.is_empty()).then_some(&*self.agent)
    }

    /// The `Cookie` header, if the browser sent one.
    pub fn cookie_header(&self) -> Option<&str> {
        (!self.cookies.is_empty()).then_some(&*self.cookies)
    }

    /// One cookie's value.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        cookie_value(&self.cookies, name)
    }

    /// The client's address, for per-address throttling (`unknown` when not known).
    pub fn client_ip(&self) -> &str {
        &self.ip
    }

    /// Adds a `Set-Cookie` header to the reply. A request without a reply (a plain
    /// handler, background work) refuses, rather than silently losing the cookie.
    pub fn set_cookie(&self, value: &str) -> Result<(), AppError> {
        let sink = self
            .reply
            .as_ref()
            .ok_or_else(|| internal("set cookie", "this request has no reply"))?;
        sink(HeaderValue::from_str(value).map_err(|e| internal("cookie header", e))?);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cookies_and_refuses_to_lose_a_set_cookie() {
        let req = Request::with_cookies("a=1; cart_token=xyz");
        assert_eq!(req.cookie("cart_token"), Some("xyz"));
        assert_eq!(req.cookie("missing"), None);
        assert_eq!(req.client_ip(), "unknown");
        assert!(req.set_cookie("a=2").is_err());
        assert_eq!(Request::none().cookie_header(), None);
    }
}
