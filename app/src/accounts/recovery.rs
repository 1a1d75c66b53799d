//! Getting back into an account and keeping it safe (server side): a reset link by
//! mail (the same answer whether or not the address has an account), setting the new
//! password with it once, changing the password, the list of sessions, and signing
//! out one or all of them. Setting a password ends the account's other sessions and
//! tells its owner by mail.

use backend::accounts::recovery_store as store;
use backend::db::{Audit, AuditAction, Refusal, Tx};
use backend::notify::Notice;
use chrono::Duration;
use domain::keys::SessionKey;
use domain::recovery::{self, RESET_LINK_MINUTES};
use domain::{Email, FieldErrorCode, Password};
use surrealdb::types::RecordId;

use super::imp::count_attempts;
use super::session::{self, SessionUser};
use super::{store as accounts, SessionView};
use crate::error::{internal, invalid, AppError};
use crate::request::Request;
use crate::state::{key_of, record, AppState};

/// Mails a reset link to the account at `email`, if there is one; the answer is the
/// same either way (and so is the throttle: unknown addresses are counted too).
pub async fn request_reset(state: &AppState, req: &Request, email: &str) -> Result<(), AppError> {
    let email = Email::parse(email).map_err(|c| invalid("email", c))?;
    count_attempts(
        state,
        &[
            ("reset_ip", req.client_ip(), recovery::RESET_PER_ADDRESS),
            ("reset", email.as_str(), recovery::RESET_PER_ACCOUNT),
        ],
    )
    .await?;
    let Some(user) = accounts::find_user(&state.db, &email).await? else {
        return Ok(());
    };
    let (token, hash) = session::new_token();
    let now = state.now();
    let mail = Notice::PasswordReset {
        token,
        minutes: RESET_LINK_MINUTES,
    }
    .render();
    store::create_link(
        &state.db,
        "reset",
        &user.id,
        &hash,
        (now, now + Duration::minutes(RESET_LINK_MINUTES)),
        mail,
    )
    .await?;
    Ok(())
}

/// Sets a new password with a reset link's secret: once, before it expires; every
/// session of the account ends.
pub async fn reset(state: &AppState, token: &str, password: &str) -> Result<(), AppError> {
    let password = Password::parse(password).map_err(|c| invalid("password", c))?;
    let bad_link = || invalid("token", FieldErrorCode::InvalidLink);
    if !session::is_token(token) {
        return Err(bad_link());
    }
    let hash = session::hash_token(token);
    let now = state.now();
    let user = store::link_user(&state.db, "reset", &hash, now)
        .await?
        .ok_or_else(bad_link)?;
    let password_hash = session::hash_password(password.expose().to_string()).await?;
    let mut tx = Tx::new();
    tx.bind("now", now)
        .add(store::use_link("reset", &hash, &user))
        .add(store::set_password(
            &user,
            password_hash,
            None,
            Notice::PasswordChanged.render(),
            Audit::on(Some(&user), AuditAction::AccountPasswordReset, &user, now),
        ));
    match tx.run(&state.db).await? {
        Ok(()) => {}
        Err(Refusal::NotFound) => return Err(bad_link()),
        Err(e) => return Err(internal("password reset", e)),
    }
    // the owner is back: failed log-ins before the reset no longer lock them out
    let email = key_of(&user);
    accounts::clear_login_failures(&state.db, "account", &email).await?;
    Ok(())
}

/// The session `req` carries, as a record.
pub(super) fn current_session(state: &AppState, req: &Request) -> Option<RecordId> {
    session::token_of(&state.settings, req).map(|t| accounts::session_id(&session::hash_token(t)))
}

/// Changes the signed-in owner's password (they give the current one); their other
/// sessions end.
pub async fn change_password(
    state: &AppState,
    req: &Request,
    user: &SessionUser,
    current: String,
    new: &str,
) -> Result<(), AppError> {
    let new = Password::parse(new).map_err(|c| invalid("new_password", c))?;
    // guessing the current password here counts like guessing it at log-in
    let key = user.email.trim().to_lowercase();
    let attempts = count_attempts(
        state,
        &[("account", &key, domain::throttle::ThrottlePolicy::ACCOUNT)],
    )
    .await?;
    let email = Email::parse(&user.email).map_err(|_| AppError::Unauthenticated)?;
    let stored = accounts::find_user(&state.db, &email)
        .await?
        .map(|u| u.password_hash);
    if !session::verify_password(current, stored).await? {
        return Err(invalid("current_password", FieldErrorCode::WrongPassword));
    }
    accounts::forget_attempts(&state.db, attempts).await?;
    let password_hash = session::hash_password(new.expose().to_string()).await?;
    let now = state.now();
    let mut tx = Tx::new();
    tx.bind("now", now).add(store::set_password(
        &user.id,
        password_hash,
        current_session(state, req),
        Notice::PasswordChanged.render(),
        Audit::on(
            Some(&user.id),
            AuditAction::AccountPasswordChanged,
            &user.id,
            now,
        ),
    ));
    tx.run(&state.db)
        .await?
        .map_err(|e| internal("password change", e))
}

/// Where the account is signed in, the newest first.
pub async fn sessions(
    state: &AppState,
    req: &Request,
    user: &SessionUser,
) -> Result<Vec<SessionView>, AppError> {
    let current = current_session(state, req);
    let rows = store::sessions(&state.db, &user.id, state.now()).await?;
    Ok(rows
        .into_iter()
        .map(|r| SessionView {
            key: key_of(&r.id),
            device: r.agent.as_deref().and_then(recovery::device_label),
            signed_in_at: r.created_at.timestamp(),
            current: Some(&r.id) == current.as_ref(),
        })
        .collect())
}

/// Ends one of the owner's sessions ("not found" for anyone else's); ending the
/// current one signs this browser out too.
pub async fn end_session(
    state: &AppState,
    req: &Request,
    user: &SessionUser,
    key: &SessionKey,
) -> Result<(), AppError> {
    let id = record(key);
    if !store::end_session(&state.db, &user.id, id.clone()).await? {
        return Err(AppError::NotFound);
    }
    if current_session(state, req) == Some(id) {
        req.set_cookie(&session::clear_session_cookie(&state.settings))?;
    }
    Ok(())
}

/// Ends every session of the account, this one included.
pub async fn sign_out_everywhere(
    state: &AppState,
    req: &Request,
    user: &SessionUser,
) -> Result<(), AppError> {
    let now = state.now();
    let mut tx = Tx::new();
    tx.bind("now", now).add(store::end_all_sessions(
        &user.id,
        Audit::on(
            Some(&user.id),
            AuditAction::AccountSignedOutEverywhere,
            &user.id,
            now,
        ),
    ));
    tx.run(&state.db)
        .await?
        .map_err(|e| internal("sign out everywhere", e))?;
    req.set_cookie(&session::clear_session_cookie(&state.settings))?;
    Ok(())
}
