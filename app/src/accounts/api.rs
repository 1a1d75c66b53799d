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
