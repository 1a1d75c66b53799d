use chrono::Duration;
use domain::throttle::ThrottlePolicy;
use domain::{DisplayName, Email, FieldError, FieldErrorCode, Password, SafeRedirect};

use super::session::{self, SessionUser};
use super::store;
use crate::error::AppError;
use crate::request::Request;
use crate::state::AppState;

/// Starts a session for `user` and returns where to go next (the server function
/// redirects a plain form post there).
pub(super) async fn start_session(
    state: &AppState,
    req: &Request,
    user: &SessionUser,
    next: Option<String>,
) -> Result<String, AppError> {
    let (token, hash) = session::new_token();
    let now = state.now();
    let expires = now + Duration::seconds(state.settings.session_ttl_secs);
    store::create_session(
        &state.db,
        &hash,
        &user.id,
        now,
        expires,
        session::device_of(req).map(str::to_string),
        req.user_agent().map(str::to_string),
    )
    .await?;
    req.set_cookie(&session::session_cookie(&state.settings, &token))?;
    state.listeners.signed_in(state, req, user).await?;
    Ok(SafeRedirect::parse_or_home(next.as_deref())
        .as_str()
        .to_string())
}

/// A new account's email, name and password, each checked; every field's refusal at
/// once.
fn new_account(
    email: &str,
    display_name: &str,
    password: &str,
) -> Result<(Email, DisplayName, Password), AppError> {
    let mut errors = Vec::new();
    let email = Email::parse(email)
        .map_err(|c| errors.push(FieldError::new("email", c)))
        .ok();
    let name = DisplayName::parse(display_name)
        .map_err(|c| errors.push(FieldError::new("display_name", c)))
        .ok();
    let password = Password::parse(password)
        .map_err(|c| errors.push(FieldError::new("password", c)))
        .ok();
    match (email, name, password) {
        (Some(e), Some(n), Some(p)) => Ok((e, n, p)),
        _ => Err(AppError::Invalid(errors)),
    }
}

pub async fn sign_up(
    state: &AppState,
    req: &Request,
    email: String,
    display_name: String,
    password: String,
    next: Option<String>,
) -> Result<String, AppError> {
    let (email, name, password) = new_account(&email, &display_name, &password)?;
    // each new account costs a password hash: an address opens a few an hour
    count_attempts(
        state,
        &[("sign_up", req.client_ip(), ThrottlePolicy::SIGN_UP)],
    )
    .await?;
    let hash = session::hash_password(password.expose().to_string()).await?;
    let now = state.now();
    let created = store::create_user(
        &state.db,
        &email,
        name.as_str(),
        &hash,
        &["shopper"],
        now,
        false,
    )
    .await?;
    if !created {
        return Err(AppError::Invalid(vec![FieldError::new(
            "email",
            FieldErrorCode::EmailTaken,
        )]));
    }
    let id = store::user_id(&email);
    // mail is written in the language the account was opened in
    let lang = domain::Lang::from_tag(req.cookie(crate::prefs::LANG_COOKIE).unwrap_or_default())
        .unwrap_or_default();
    backend::notify::store::set_lang(&state.db, &id, lang.code()).await?;
    // the account exists now: a link that could not be written is asked for again from
    // the account page, rather than failing a sign-up whose retry would say "taken"
    if let Err(e) = super::verification::send_link(state, &id).await {
        tracing::warn!(error = %e, "sign-up: confirmation link not queued");
    }
    // other areas react (a friend's link opened before: who referred this account)
    state.listeners.signed_up(state, req, &id).await?;
    store::audit(
        &state.db,
        backend::db::Audit::new(
            Some(&id),
            backend::db::AuditAction::AccountSignUp,
            crate::state::ref_of(&id),
            now,
        ),
    )
    .await?;
    let user = SessionUser {
        id,
        email: email.as_str().to_string(),
        display_name: name.as_str().to_string(),
        roles: domain::Roles::new(vec![]),
        created_at: now,
        verified: false,
        admin_needs_two_step: false,
    };
    start_session(state, req, &user, next).await
}

/// How long until `key` of `kind` may try again under `policy`, if it is used up (read
/// after the atomic check refused, for the refusal's `Retry-After`).
async fn retry_after(
    state: &AppState,
    kind: &str,
    key: &str,
    policy: ThrottlePolicy,
) -> Result<Option<u64>, AppError> {
    let now = state.now();
    let since = now - Duration::seconds(policy.window_secs);
    let failures = store::recent_login_failures(&state.db, kind, key, since).await?;
    let times: Vec<i64> = failures.iter().map(|t| t.timestamp()).collect();
    Ok(policy.retry_after(now.timestamp(), &times))
}

/// Counts an attempt on each `(kind, key, policy)` before it is made, refusing when one
/// of them is used up (checked and counted at once, so parallel attempts cannot all
/// pass a count read before any of them). Returns the counted attempts.
pub(super) async fn count_attempts(
    state: &AppState,
    checks: &[(&str, &str, ThrottlePolicy)],
) -> Result<Vec<surrealdb::types::RecordId>, AppError> {
    let now = state.now();
    let attempts: Vec<store::Attempt> = checks
        .iter()
        .map(|(kind, key, policy)| store::Attempt {
            kind,
            key,
            max: policy.max_failures,
            since: now - Duration::seconds(policy.window_secs),
        })
        .collect();
    if let Ok(ids) = store::reserve_attempts(&state.db, &attempts, now).await? {
        return Ok(ids);
    }
    // the longest wait of the keys that are used up is the honest one (a minute if
    // none reads as used up any more)
    let mut wait = None;
    for (kind, key, policy) in checks {
        wait = wait.max(retry_after(state, kind, key, *policy).await?);
    }
    Err(AppError::Throttled {
        retry_after_secs: wait.unwrap_or(60),
    })
}

pub async fn log_in(
    state: &AppState,
    req: &Request,
    email: String,
    password: String,
    next: Option<String>,
) -> Result<String, AppError> {
    // Throttle keys exist for unknown emails too, so lock-outs reveal nothing. Each
    // attempt counts as a failure until the password is right.
    let account_key = email.trim().to_lowercase();
    let ip_key = req.client_ip().to_string();
    let attempts = count_attempts(
        state,
        &[
            ("account", &account_key, ThrottlePolicy::ACCOUNT),
            ("ip", &ip_key, ThrottlePolicy::ADDRESS),
        ],
    )
    .await?;
    let user = match Email::parse(&email) {
        Ok(e) => store::find_user(&state.db, &e).await?,
        Err(_) => None,
    };
    let ok =
        session::verify_password(password, user.as_ref().map(|u| u.password_hash.clone())).await?;
    match user {
        Some(user) if ok => {
            store::clear_login_failures(&state.db, "account", &account_key).await?;
            store::forget_attempts(&state.db, attempts).await?;
            let user = SessionUser::from(user);
            // an account with an authenticator signs in with a code too
            match super::two_step::challenge(state, req, &user, next.clone()).await? {
                Some(second_step) => Ok(second_step),
                None => start_session(state, req, &user, next).await,
            }
        }
        _ => Err(AppError::BadCredentials),
    }
}

pub async fn log_out(state: &AppState, req: &Request) -> Result<(), AppError> {
    if let Some(token) = session::token_of(&state.settings, req) {
        store::delete_session(&state.db, &session::hash_token(token)).await?;
    }
    req.set_cookie(&session::clear_session_cookie(&state.settings))?;
    Ok(())
}

/// The platform's first administrator, from the command line (`server create-admin`):
/// a new account with the admin role, audited. Refused when the email is taken or the
/// password is too weak.
pub async fn create_admin(
    state: &AppState,
    email: &str,
    display_name: &str,
    password: String,
) -> Result<(), AppError> {
    let (email, name, password) = new_account(email, display_name, &password)?;
    let hash = session::hash_password(password.expose().to_string()).await?;
    let now = state.now();
    let roles = [domain::Role::Shopper.as_str(), domain::Role::Admin.as_str()];
    if !store::create_user(&state.db, &email, name.as_str(), &hash, &roles, now, true).await? {
        return Err(AppError::Invalid(vec![FieldError::new(
            "email",
            FieldErrorCode::EmailTaken,
        )]));
    }
    let id = store::user_id(&email);
    store::audit(
        &state.db,
        backend::db::Audit::new(
            None,
            backend::db::AuditAction::AccountSignUp,
            crate::state::ref_of(&id),
            now,
        )
        .detail(serde_json::json!({ "roles": roles, "by": "command line" })),
    )
    .await?;
    Ok(())
}
