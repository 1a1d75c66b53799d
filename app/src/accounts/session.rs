//! Sessions behind an HttpOnly cookie, password hashing, and the role gate that
//! every server function goes through (server only).

use std::sync::OnceLock;

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use axum::http::header;
use chrono::{DateTime, Utc};
use domain::Roles;
use leptos::prelude::use_context;
use rand::RngCore;
use sha2::{Digest, Sha256};
use surrealdb::types::RecordId;

use super::store::{self, UserRow};
use super::CurrentUser;
use crate::error::{internal, AppError};
use crate::prefs::cookie_value;
use crate::request::Request;
use crate::state::{AppState, Settings};

/// The signed-in user as the server sees it.
#[derive(Clone, Debug)]
pub struct SessionUser {
    pub id: RecordId,
    pub email: String,
    pub display_name: String,
    pub roles: Roles,
    pub created_at: DateTime<Utc>,
    /// The address was confirmed by the mailed link.
    pub verified: bool,
    /// The account holds the admin role but cannot use it until two-step sign-in is on
    /// (see [`Roles::in_session`]).
    pub admin_needs_two_step: bool,
}

impl From<UserRow> for SessionUser {
    fn from(row: UserRow) -> Self {
        let held = Roles::from_strs(row.roles.iter().map(String::as_str));
        let (roles, admin_needs_two_step) = held.in_session(row.totp_secret.is_some());
        Self {
            id: row.id,
            email: row.email,
            display_name: row.display_name,
            roles,
            created_at: row.created_at,
            verified: row.email_verified_at.is_some(),
            admin_needs_two_step,
        }
    }
}

impl SessionUser {
    pub fn to_view(&self) -> CurrentUser {
        CurrentUser {
            email: self.email.clone(),
            display_name: self.display_name.clone(),
            roles: self.roles.clone(),
            member_since: self.created_at.timestamp(),
            verified: self.verified,
            admin_needs_two_step: self.admin_needs_two_step,
        }
    }
}

/// `__Host-session` (Secure, no Domain, Path=/) over https; plain `session` over http,
/// where browsers refuse `__Host-` cookies.
pub fn cookie_name(settings: &Settings) -> &'static str {
    if settings.secure_cookies {
        "__Host-session"
    } else {
        "session"
    }
}

/// A `Set-Cookie` value for an HttpOnly, SameSite=Lax, site-wide cookie (Secure over https).
pub fn cookie_header(settings: &Settings, name: &str, value: &str, max_age_secs: i64) -> String {
    let secure = if settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}")
}

pub fn session_cookie(settings: &Settings, token: &str) -> String {
    cookie_header(
        settings,
        cookie_name(settings),
        token,
        settings.session_ttl_secs,
    )
}

pub fn clear_session_cookie(settings: &Settings) -> String {
    cookie_header(settings, cookie_name(settings), "", 0)
}

/// 256 random bits as 64 hex digits (session and cart tokens).
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Whether a cookie value has the shape of a token we issue; anything else is
/// ignored without a database lookup.
pub fn is_token(value: &str) -> bool {
    value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A new random session token (sent to the browser) and its hash (stored).
pub fn new_token() -> (String, String) {
    let token = random_token();
    let hash = hash_token(&token);
    (token, hash)
}

/// Sessions are stored by the SHA-256 of their token, so a leaked database
/// export cannot be replayed as cookies.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The long-lived device cookie (a random token set on a browser's first visit by the
/// server's middleware): two accounts used from one browser share it, which the
/// review checks use to spot one person behind several accounts.
pub const DEVICE_COOKIE: &str = "hm_device";
/// Two years.
pub const DEVICE_COOKIE_MAX_AGE: i64 = 2 * 365 * 86_400;

/// The device token in a `Cookie` header, when it has the shape of one we issue.
pub fn device_from_cookie_header(cookie_header: &str) -> Option<&str> {
    cookie_value(cookie_header, DEVICE_COOKIE).filter(|v| is_token(v))
}

fn token_from_cookie_header<'a>(settings: &Settings, cookie_header: &'a str) -> Option<&'a str> {
    let token = cookie_value(cookie_header, cookie_name(settings))?;
    is_token(token).then_some(token)
}

/// The user for a `Cookie` header; forged, malformed or expired sessions are logged out.
pub async fn user_for_cookie_header(
    state: &AppState,
    cookie_header: Option<&str>,
) -> Result<Option<SessionUser>, AppError> {
    let Some(token) = cookie_header.and_then(|h| token_from_cookie_header(&state.settings, h))
    else {
        return Ok(None);
    };
    let row = store::session_user(&state.db, &hash_token(token), state.now()).await?;
    Ok(row.map(SessionUser::from))
}

/// The signed-in user of `req`, if any.
pub async fn user_of(state: &AppState, req: &Request) -> Result<Option<SessionUser>, AppError> {
    user_for_cookie_header(state, req.cookie_header()).await
}

/// The session's token in `req`, if any.
pub fn token_of<'a>(settings: &Settings, req: &'a Request) -> Option<&'a str> {
    req.cookie_header()
        .and_then(|h| token_from_cookie_header(settings, h))
}

/// The browser's device token in `req`, if it has one.
pub fn device_of(req: &Request) -> Option<&str> {
    req.cookie(DEVICE_COOKIE).filter(|v| is_token(v))
}

/// Sends a plain form post (no wasm: the browser asked for HTML) on to `dest` once its
/// server function has succeeded; the hydrated app navigates itself.
pub fn redirect_form_post(dest: &str) {
    let wants_html = use_context::<axum::http::request::Parts>()
        .and_then(|p| p.headers.get(header::ACCEPT).cloned())
        .and_then(|v| v.to_str().ok().map(|s| s.contains("text/html")))
        .unwrap_or(false);
    if wants_html {
        leptos_axum::redirect(dest);
    }
}

/// Hashes a password with Argon2id (default parameters) off the async runtime.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|e| internal("hash task", e))?
    .map_err(|e| internal("hash password", e))
}

/// Verifies a password against a stored hash. With no stored hash (unknown
/// email) it verifies against a dummy so both cases take the same time.
pub async fn verify_password(password: String, stored: Option<String>) -> Result<bool, AppError> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let hash = stored.unwrap_or_else(|| {
            DUMMY
                .get_or_init(|| {
                    let salt = SaltString::generate(&mut OsRng);
                    Argon2::default()
                        .hash_password(b"not-a-real-password", &salt)
                        .map(|h| h.to_string())
                        .unwrap_or_default()
                })
                .clone()
        });
        let ok = PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        known && ok
    })
    .await
    .map_err(|e| internal("verify task", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(secure: bool) -> Settings {
        Settings {
            secure_cookies: secure,
            public_origin: "https://shop.example".into(),
            session_ttl_secs: 60,
            stripe: None,
            trusted_proxies: Default::default(),
            mail: None,
        }
    }

    #[test]
    fn cookie_is_host_prefixed_and_secure_over_https() {
        let c = session_cookie(&settings(true), "abc");
        assert_eq!(
            c,
            "__Host-session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure"
        );
        let c = session_cookie(&settings(false), "abc");
        assert_eq!(c, "session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=60");
        assert!(clear_session_cookie(&settings(true)).contains("Max-Age=0"));
    }

    #[test]
    fn only_well_formed_tokens_are_looked_up() {
        let s = settings(false);
        let good = "a".repeat(64);
        assert_eq!(
            token_from_cookie_header(&s, &format!("x=1; session={good}")),
            Some(good.as_str())
        );
        assert_eq!(token_from_cookie_header(&s, "session=short"), None);
        assert_eq!(
            token_from_cookie_header(&s, &format!("session={}", "z".repeat(64))),
            None
        );
        // the https cookie name is not accepted over http and vice versa
        assert_eq!(
            token_from_cookie_header(&settings(true), &format!("session={good}")),
            None
        );
    }

    #[test]
    fn stored_hash_is_not_the_token() {
        let (token, hash) = new_token();
        assert_eq!(token.len(), 64);
        assert_ne!(token, hash);
        assert_eq!(hash, hash_token(&token));
    }
}
