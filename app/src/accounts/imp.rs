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
async fn start_session(
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
    )
    .await?;
    req.set_cookie(&session::session_cookie(&state.settings, &token))?;
    state.listeners.signed_in(state, req, user).await?;
    Ok(SafeRedirect::parse_or_home(next.as_deref())
        .as_str()
        .to_string())
}

pub async fn sign_up(
    state: &AppState,
    req: &Request,
    email: String,
    display_name: String,
    password: String,
    next: Option<String>,
) -> Result<String, AppError> {
    let mut errors = Vec::new();
    let email = Email::parse(&email)
        .map_err(|c| errors.push(FieldError::new("email", c)))
        .ok();
    let name = DisplayName::parse(&display_name)
        .map_err(|c| errors.push(FieldError::new("display_name", c)))
        .ok();
    let password = Password::parse(&password)
        .map_err(|c| errors.push(FieldError::new("password", c)))
        .ok();
    let (Some(email), Some(name), Some(password)) = (email, name, password) else {
        return Err(AppError::Invalid(errors));
    };
    let hash = session::hash_password(password.expose().to_string()).await?;
    let now = state.now();
    let created =
        store::create_user(&state.db, &email, name.as_str(), &hash, &["shopper"], now).await?;
    if !created {
        return Err(AppError::Invalid(vec![FieldError::new(
            "email",
            FieldErrorCode::EmailTaken,
        )]));
    }
    let id = store::user_id(&email);
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
    };
    start_session(state, req, &user, next).await
}

pub async fn log_in(
    state: &AppState,
    req: &Request,
    email: String,
    password: String,
    next: Option<String>,
) -> Result<String, AppError> {
    let now = state.now();
    // Throttle keys exist for unknown emails too, so lock-outs reveal nothing.
    let account_key = email.trim().to_lowercase();
    let ip_key = req.client_ip().to_string();
    let checks = [
        ("account", &account_key, ThrottlePolicy::ACCOUNT),
        ("ip", &ip_key, ThrottlePolicy::ADDRESS),
    ];
    for (kind, key, policy) in checks {
        let since = now - Duration::seconds(policy.window_secs);
        let failures = store::recent_login_failures(&state.db, kind, key, since).await?;
        let times: Vec<i64> = failures.iter().map(|t| t.timestamp()).collect();
        if let Some(retry_after_secs) = policy.retry_after(now.timestamp(), &times) {
            return Err(AppError::Throttled { retry_after_secs });
        }
    }
    let user = match Email::parse(&email) {
        Ok(e) => store::find_user(&state.db, &e).await?,
        Err(_) => None,
    };
    let ok =
        session::verify_password(password, user.as_ref().map(|u| u.password_hash.clone())).await?;
    match user {
        Some(user) if ok => {
            store::clear_login_failures(&state.db, "account", &account_key).await?;
            let user = SessionUser::from(user);
            start_session(state, req, &user, next).await
        }
        _ => {
            store::record_login_failure(&state.db, "account", &account_key, now).await?;
            store::record_login_failure(&state.db, "ip", &ip_key, now).await?;
            Err(AppError::BadCredentials)
        }
    }
}

pub async fn log_out(state: &AppState, req: &Request) -> Result<(), AppError> {
    if let Some(token) = session::token_of(&state.settings, req) {
        store::delete_session(&state.db, &session::hash_token(token)).await?;
    }
    req.set_cookie(&session::clear_session_cookie(&state.settings))?;
    Ok(())
}
