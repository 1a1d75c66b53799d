//! Account server functions. Each parses its input into domain types, checks who
//! may call it, then persists through `store`.

use leptos::prelude::*;

use super::CurrentUser;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use {
    super::imp, super::session::redirect_form_post, crate::ctx::Ctx, crate::request::Request,
    crate::state::app_state,
};

/// Creates an account (as a shopper) and signs it in. Returns where to go next.
#[server(endpoint = "sign_up")]
pub async fn sign_up(
    email: String,
    display_name: String,
    password: String,
    next: Option<String>,
) -> Result<String, AppError> {
    let dest = imp::sign_up(
        &app_state()?,
        &Request::current(),
        email,
        display_name,
        password,
        next,
    )
    .await?;
    redirect_form_post(&dest);
    Ok(dest)
}

/// Signs in with email and password. Wrong email and wrong password give the same error.
#[server(endpoint = "log_in")]
pub async fn log_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<String, AppError> {
    let dest = imp::log_in(&app_state()?, &Request::current(), email, password, next).await?;
    redirect_form_post(&dest);
    Ok(dest)
}

/// Ends the current session (if any) and clears the cookie.
#[server(endpoint = "log_out")]
pub async fn log_out() -> Result<(), AppError> {
    imp::log_out(&app_state()?, &Request::current()).await?;
    redirect_form_post("/");
    Ok(())
}

/// The signed-in user, or `None`.
#[server(endpoint = "current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    Ok(Ctx::visitor().await?.user.map(|u| u.to_view()))
}

/// Mails a link to set a new password to the account at `email`, if there is one (the
/// answer is the same either way).
#[server(endpoint = "request_password_reset")]
pub async fn request_password_reset(#[server(default)] email: String) -> Result<(), AppError> {
    let state = app_state()?;
    super::recovery::request_reset(&state, &Request::current(), &email).await
}

/// Sets a new password with a reset link's secret (once, within the hour); every
/// session of the account ends.
#[server(endpoint = "reset_password")]
pub async fn reset_password(
    #[server(default)] token: String,
    #[server(default)] password: String,
) -> Result<(), AppError> {
    super::recovery::reset(&app_state()?, &token, &password).await
}

/// Changes the caller's password; their other sessions end.
#[server(endpoint = "change_password")]
pub async fn change_password(
    #[server(default)] current_password: String,
    #[server(default)] new_password: String,
) -> Result<(), AppError> {
    let Ctx {
        state, user, req, ..
    } = Ctx::user().await?;
    super::recovery::change_password(&state, &req, &user, current_password, &new_password).await
}

/// Where the caller's account is signed in.
#[server(endpoint = "my_sessions")]
pub async fn my_sessions() -> Result<Vec<super::SessionView>, AppError> {
    let Ctx {
        state, user, req, ..
    } = Ctx::user().await?;
    super::recovery::sessions(&state, &req, &user).await
}

/// Ends one of the caller's sessions.
#[server(endpoint = "end_session")]
pub async fn end_session(session: domain::keys::SessionKey) -> Result<(), AppError> {
    let Ctx {
        state, user, req, ..
    } = Ctx::user().await?;
    super::recovery::end_session(&state, &req, &user, &session).await
}

/// Ends every session of the caller's account, this one included.
#[server(endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    let Ctx {
        state, user, req, ..
    } = Ctx::user().await?;
    super::recovery::sign_out_everywhere(&state, &req, &user).await
}

/// Confirms the email address whose mailed link carries `token` (once, before it
/// expires): the link's secret, not a session, says whose.
#[server(endpoint = "verify_email")]
pub async fn verify_email(#[server(default)] token: String) -> Result<(), AppError> {
    super::verification::verify(&app_state()?, &token).await
}

/// Mails the caller a new link to confirm their address (a few an hour).
#[server(endpoint = "resend_verification")]
pub async fn resend_verification() -> Result<(), AppError> {
    let Ctx { state, user, .. } = Ctx::user().await?;
    super::verification::resend(&state, &user).await
}

/// Whether the caller's account signs in with an authenticator code too, and how many
/// recovery codes it has left.
#[server(endpoint = "two_step_status")]
pub async fn two_step_status() -> Result<super::TwoStepStatus, AppError> {
    let Ctx { state, user, .. } = Ctx::user().await?;
    super::two_step::status(&state, &user).await
}

/// Starts setting up two-step sign-in: a new secret and its QR code.
#[server(endpoint = "two_step_begin")]
pub async fn two_step_begin() -> Result<super::TotpSetup, AppError> {
    let Ctx { state, user, .. } = Ctx::user().await?;
    super::two_step::begin(&state, &user).await
}

/// Confirms the set-up with the password and a first code from the app; gives the
/// recovery codes (shown once).
#[server(endpoint = "two_step_enable")]
pub async fn two_step_enable(
    #[server(default)] password: String,
    #[server(default)] code: String,
) -> Result<Vec<String>, AppError> {
    let Ctx {
        state, user, req, ..
    } = Ctx::user().await?;
    super::two_step::enable(&state, &req, &user, password, &code).await
}

/// New recovery codes in place of the old ones (with the password); gives them (shown
/// once).
#[server(endpoint = "two_step_new_codes")]
pub async fn two_step_new_codes(
    #[server(default)] password: String,
) -> Result<Vec<String>, AppError> {
    let Ctx { state, user, .. } = Ctx::user().await?;
    super::two_step::new_codes(&state, &user, password).await
}

/// Turns two-step sign-in off (with the password).
#[server(endpoint = "two_step_disable")]
pub async fn two_step_disable(#[server(default)] password: String) -> Result<(), AppError> {
    let Ctx { state, user, .. } = Ctx::user().await?;
    super::two_step::disable(&state, &user, password).await
}

/// The second step of signing in: the code from the authenticator app. Returns where
/// to go next.
#[server(endpoint = "log_in_code")]
pub async fn log_in_code(#[server(default)] code: String) -> Result<String, AppError> {
    let dest = super::two_step::complete(&app_state()?, &Request::current(), &code).await?;
    redirect_form_post(&dest);
    Ok(dest)
}
