//! Two-step sign-in with an authenticator app (RFC 6238, `domain::totp`): setting it
//! up (a QR code, confirmed by a first code), turning it off (with the password), and
//! the second step after a right password: a short challenge in an HttpOnly cookie
//! that a code completes. Wrong codes are limited per account (`totp::CODE_LIMIT`),
//! and a code is accepted once. Turning it on also makes ten recovery codes, shown
//! once: each completes the second step once in place of the app's code.

use chrono::Duration;
use domain::throttle::ThrottlePolicy;
use domain::totp;
use domain::{FieldErrorCode, SafeRedirect};
use rand::RngCore;
use surrealdb::types::RecordId;

use super::imp::{count_attempts, start_session};
use super::session::{self, SessionUser};
use super::store;
use super::{TotpSetup, TwoStepStatus};
use crate::error::{internal, invalid, AppError};
use crate::request::Request;
use crate::state::{key_of, AppState};
use backend::accounts::two_step_store as two;
use backend::db::{Audit, AuditAction, Refusal, Tx};
use backend::notify::Notice;

/// The second step's cookie (its challenge lives five minutes).
pub const CHALLENGE_COOKIE: &str = "hm_two_step";
const CHALLENGE_SECS: i64 = 5 * 60;

/// Whether the account signs in with a code too.
pub async fn is_on(state: &AppState, user: &SessionUser) -> Result<bool, AppError> {
    Ok(status(state, user).await?.on)
}

/// Whether the account signs in with a code too, and how many recovery codes are left.
pub async fn status(state: &AppState, user: &SessionUser) -> Result<TwoStepStatus, AppError> {
    let row = two::totp_of(&state.db, &user.id).await?;
    Ok(TwoStepStatus {
        on: row.secret.is_some(),
        recovery_left: row.recovery_left,
    })
}

/// A new set of recovery codes: as shown to the owner, and the hashes kept.
fn recovery_codes() -> (Vec<String>, Vec<String>) {
    let codes: Vec<String> = (0..totp::RECOVERY_CODES)
        .map(|_| {
            let mut random = [0u8; totp::RECOVERY_BYTES];
            rand::thread_rng().fill_bytes(&mut random);
            totp::recovery_code(random)
        })
        .collect();
    let hashes = codes
        .iter()
        .filter_map(|c| totp::recovery_form(c))
        .map(|f| session::hash_token(&f))
        .collect();
    (codes, hashes)
}

/// A new secret for the set-up (replacing an unconfirmed one): its QR code, the
/// secret to type by hand, and the address the QR code carries.
pub async fn begin(state: &AppState, user: &SessionUser) -> Result<TotpSetup, AppError> {
    if is_on(state, user).await? {
        return Err(invalid("code", FieldErrorCode::AlreadyDone));
    }
    let mut secret = [0u8; totp::SECRET_BYTES];
    rand::thread_rng().fill_bytes(&mut secret);
    let b32 = totp::base32(&secret);
    two::set_pending(&state.db, &user.id, &b32).await?;
    let uri = totp::otpauth_uri(&secret, "Harbour Market", &user.email);
    let qr_svg = qrcode::QrCode::new(uri.as_bytes())
        .map(|c| {
            c.render::<qrcode::render::svg::Color<'_>>()
                .min_dimensions(180, 180)
                .quiet_zone(true)
                .build()
        })
        .unwrap_or_default();
    Ok(TotpSetup {
        secret: b32,
        uri,
        qr_svg,
    })
}

/// The step a typed code was made for, if it is right for `secret` now and newer
/// than the last one used.
fn accepted(state: &AppState, secret: &str, code: &str, last: Option<i64>) -> Option<i64> {
    let bytes = totp::secret(secret)?;
    totp::check(&bytes, code, state.now().timestamp(), last)
}

/// Forgets counted attempts after a change that must not be reported as failed (it
/// committed); a failure here only leaves them to expire.
async fn forget_quietly(state: &AppState, attempts: Vec<RecordId>) {
    if let Err(e) = store::forget_attempts(&state.db, attempts).await {
        tracing::warn!(error = %e, "two-step: attempts not forgotten");
    }
}

/// Checks the account's password, counted with the sign-in's failures for the account
/// (so a stolen session cannot guess it here without limit).
async fn password_ok(
    state: &AppState,
    user: &SessionUser,
    password: String,
) -> Result<(), AppError> {
    let account = user.email.trim().to_lowercase();
    let attempts = count_attempts(state, &[("account", &account, ThrottlePolicy::ACCOUNT)]).await?;
    let stored = two::user(&state.db, &user.id)
        .await?
        .map(|u| u.password_hash);
    if !session::verify_password(password, stored).await? {
        return Err(invalid("password", FieldErrorCode::WrongPassword));
    }
    store::forget_attempts(&state.db, attempts).await?;
    Ok(())
}

/// Confirms the set-up with the password and a code from the app: from now on a
/// password is not enough (and someone holding only a session cannot lock the owner out
/// with their own app). The account's other sessions end: none of them gave a code.
/// Gives the recovery codes, the one time they are shown.
pub async fn enable(
    state: &AppState,
    req: &Request,
    user: &SessionUser,
    password: String,
    code: &str,
) -> Result<Vec<String>, AppError> {
    password_ok(state, user, password).await?;
    let key = key_of(&user.id);
    let attempts = count_attempts(state, &[("totp", &key, totp::CODE_LIMIT)]).await?;
    let row = two::totp_of(&state.db, &user.id).await?;
    let Some(pending) = row.pending else {
        return Err(invalid("code", FieldErrorCode::WindowClosed));
    };
    let Some(step) = accepted(state, &pending, code, None) else {
        return Err(invalid("code", FieldErrorCode::WrongCode));
    };
    let now = state.now();
    let (codes, hashes) = recovery_codes();
    let mut tx = Tx::new();
    tx.bind("now", now).add(two::enable(
        &user.id,
        (&pending, step),
        hashes,
        super::recovery::current_session(state, req),
        Notice::TwoStepChanged { on: true }.render(),
        Audit::on(
            Some(&user.id),
            AuditAction::AccountTwoStep(true),
            &user.id,
            now,
        ),
    ));
    match tx.run(&state.db).await? {
        Ok(()) => {}
        Err(Refusal::Changed) => return Err(invalid("code", FieldErrorCode::WindowClosed)),
        Err(e) => return Err(internal("two-step on", e)),
    }
    // it is on: the codes must reach the owner even if the counter stays
    forget_quietly(state, attempts).await;
    Ok(codes)
}

/// New recovery codes in place of the old ones (with the password); gives them, the
/// one time they are shown.
pub async fn new_codes(
    state: &AppState,
    user: &SessionUser,
    password: String,
) -> Result<Vec<String>, AppError> {
    password_ok(state, user, password).await?;
    let now = state.now();
    let (codes, hashes) = recovery_codes();
    let left = hashes.len() as i64;
    let mut tx = Tx::new();
    tx.bind("now", now).add(two::replace_recovery(
        &user.id,
        hashes,
        Notice::RecoveryCodes { used: false, left }.render(),
        Audit::on(
            Some(&user.id),
            AuditAction::AccountRecoveryCode(false),
            &user.id,
            now,
        ),
    ));
    match tx.run(&state.db).await? {
        Ok(()) => Ok(codes),
        // two-step sign-in is off: there is nothing to make codes for
        Err(Refusal::WrongState) => Err(AppError::NotFound),
        Err(e) => Err(internal("new recovery codes", e)),
    }
}

/// Whether a typed code (an app's, or a recovery code in `recovery` form) signs
/// `user` in now, spending it: an app code's step is recorded, a recovery code is
/// removed from the account's list (and the owner told).
async fn spend(
    state: &AppState,
    user: &RecordId,
    code: &str,
    row: two::TotpRow,
) -> Result<bool, AppError> {
    let Some(form) = totp::recovery_form(code) else {
        let secret = row.secret.as_deref().unwrap_or_default();
        return match accepted(state, secret, code, row.last_step) {
            Some(step) => Ok(two::use_step(&state.db, user, step).await?),
            None => Ok(false),
        };
    };
    let now = state.now();
    let left = (row.recovery_left - 1).max(0);
    let mut tx = Tx::new();
    tx.bind("now", now).add(two::use_recovery(
        user,
        &session::hash_token(&form),
        Notice::RecoveryCodes { used: true, left }.render(),
        Audit::on(
            Some(user),
            AuditAction::AccountRecoveryCode(true),
            user,
            now,
        ),
    ));
    match tx.run(&state.db).await? {
        Ok(()) => Ok(true),
        Err(Refusal::NotFound) => Ok(false),
        Err(e) => Err(internal("recovery code", e)),
    }
}

/// Turns the second step off, with the account's password.
pub async fn disable(
    state: &AppState,
    user: &SessionUser,
    password: String,
) -> Result<(), AppError> {
    password_ok(state, user, password).await?;
    let now = state.now();
    let mut tx = Tx::new();
    tx.bind("now", now).add(two::disable(
        &user.id,
        Notice::TwoStepChanged { on: false }.render(),
        Audit::on(
            Some(&user.id),
            AuditAction::AccountTwoStep(false),
            &user.id,
            now,
        ),
    ));
    tx.run(&state.db)
        .await?
        .map_err(|e| internal("two-step off", e))
}

/// After a right password: when the account uses a code too, opens the second step
/// and gives where it is (`/login/code`); else `None` (the session starts now).
pub async fn challenge(
    state: &AppState,
    req: &Request,
    user: &SessionUser,
    next: Option<String>,
) -> Result<Option<String>, AppError> {
    if !is_on(state, user).await? {
        return Ok(None);
    }
    let (token, hash) = session::new_token();
    let now = state.now();
    let next = next.map(|n| {
        SafeRedirect::parse_or_home(Some(n.as_str()))
            .as_str()
            .to_string()
    });
    let window = (now, now + Duration::seconds(CHALLENGE_SECS));
    two::create_challenge(&state.db, &hash, &user.id, next, window).await?;
    req.set_cookie(&session::cookie_header(
        &state.settings,
        CHALLENGE_COOKIE,
        &token,
        CHALLENGE_SECS,
    ))?;
    Ok(Some("/login/code".to_string()))
}

/// The second step: the code from the app (or a recovery code) completes the challenge
/// this browser holds and starts the session; gives where to go next.
pub async fn complete(state: &AppState, req: &Request, code: &str) -> Result<String, AppError> {
    // no challenge (or an expired one): the password step must be done again
    let expired = || invalid("code", FieldErrorCode::WindowClosed);
    let token = req
        .cookie(CHALLENGE_COOKIE)
        .filter(|t| session::is_token(t))
        .ok_or_else(expired)?;
    let hash = session::hash_token(token);
    let now = state.now();
    let c = two::challenge(&state.db, &hash, now)
        .await?
        .ok_or_else(expired)?;
    let key = key_of(&c.user);
    let attempts = count_attempts(state, &[("totp", &key, totp::CODE_LIMIT)]).await?;
    let row = two::totp_of(&state.db, &c.user).await?;
    if row.secret.is_none() {
        return Err(expired());
    }
    if !spend(state, &c.user, code, row).await? {
        return Err(invalid("code", FieldErrorCode::WrongCode));
    }
    // the code is spent: the session must start even if the counter stays
    forget_quietly(state, attempts).await;
    two::end_challenge(&state.db, &hash).await?;
    req.set_cookie(&session::cookie_header(
        &state.settings,
        CHALLENGE_COOKIE,
        "",
        0,
    ))?;
    let user = two::user(&state.db, &c.user)
        .await?
        .map(SessionUser::from)
        .ok_or(AppError::Unauthenticated)?;
    start_session(state, req, &user, c.next).await
}
