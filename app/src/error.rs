//! The error every server function returns: what the user may read, serialised to the
//! client, with the HTTP status it maps to. Causes are logged on the server only.

use domain::order::OrderError;
use domain::FieldError;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("please sign in")]
    Unauthenticated,
    #[error("you do not have access to this")]
    Forbidden,
    #[error("admin pages need two-step sign-in")]
    TwoStepRequired,
    #[error("not found")]
    NotFound,
    #[error("some fields need attention")]
    Invalid(Vec<FieldError>),
    #[error("invalid email or password")]
    BadCredentials,
    #[error("too many attempts; try again in {retry_after_secs} s")]
    Throttled { retry_after_secs: u64 },
    #[error("cart: {0}")]
    Cart(domain::cart::CartError),
    #[error("order: {0}")]
    Order(domain::order::OrderError),
    #[error("something went wrong on our side")]
    Internal,
    #[error("could not reach the server: {0}")]
    Transport(String),
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated | AppError::BadCredentials => 401,
            AppError::Forbidden | AppError::TwoStepRequired => 403,
            AppError::NotFound => 404,
            AppError::Invalid(_) | AppError::Cart(_) => 422,
            AppError::Order(e) => match e {
                OrderError::EmptyCart
                | OrderError::ShippingMissing
                | OrderError::MixedCurrencies
                | OrderError::CannotShip { .. }
                | OrderError::UnpaidLimit { .. } => 422,
                OrderError::PricesChanged
                | OrderError::OutOfStock { .. }
                | OrderError::WrongState
                | OrderError::ReturnExists
                | OrderError::ReturnWindowClosed
                | OrderError::CreditChanged => 409,
            },
            AppError::Throttled { .. } => 429,
            AppError::Internal => 500,
            AppError::Transport(_) => 502,
        }
    }

    /// Errors for one field, for showing next to that input.
    pub fn field(&self, name: &str) -> Option<domain::FieldErrorCode> {
        match self {
            AppError::Invalid(errs) => errs.iter().find(|e| e.field == name).map(|e| e.code),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// Errors raised by the server function machinery rather than by our code. A
    /// request whose arguments cannot be read is the caller's fault, never the
    /// network's: a key that cannot name a record is "not found" (as a key naming no
    /// record is), anything else malformed is refused as such.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(e) if e.contains(domain::keys::KEY_ERROR) => AppError::NotFound,
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                invalid("request", domain::FieldErrorCode::Malformed)
            }
            other => AppError::Transport(other.to_string()),
        }
    }

    /// Encodes the error a server function returns over HTTP, and gives the response
    /// the matching status: the one place every server function's error passes.
    fn ser(&self) -> server_fn::Bytes {
        #[cfg(feature = "ssr")]
        ssr::set_status(self.status());
        <JsonEncoding as server_fn::Encodes<Self>>::encode(self).unwrap_or_else(|_| {
            <JsonEncoding as server_fn::Encodes<Self>>::encode(&AppError::Internal)
                .unwrap_or_default()
        })
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::AppError;

    /// Logs an internal failure with its cause and returns the user-facing error.
    pub fn internal(context: &str, cause: impl std::fmt::Display) -> AppError {
        tracing::error!(%cause, "{context}");
        AppError::Internal
    }

    impl From<surrealdb::Error> for AppError {
        fn from(e: surrealdb::Error) -> Self {
            internal("database error", e)
        }
    }

    /// Sets the status of the response being built (a server function's, or the page
    /// being rendered on the server).
    pub fn set_status(code: u16) {
        if let (Some(opts), Ok(code)) = (
            leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
            axum::http::StatusCode::from_u16(code),
        ) {
            opts.set_status(code);
        }
    }

    /// Refuses a person who already did something (at the times `done`) as often as
    /// `policy` allows within its window at `now`, saying how long to wait.
    pub fn within_limit(
        policy: domain::throttle::ThrottlePolicy,
        now: chrono::DateTime<chrono::Utc>,
        done: &[chrono::DateTime<chrono::Utc>],
    ) -> Result<(), AppError> {
        let times: Vec<i64> = done.iter().map(|t| t.timestamp()).collect();
        match policy.retry_after(now.timestamp(), &times) {
            Some(secs) => Err(AppError::Throttled {
                retry_after_secs: secs,
            }),
            None => Ok(()),
        }
    }
}

#[cfg(feature = "ssr")]
pub use ssr::{internal, set_status, within_limit};

/// A key that cannot name a record names nothing: "not found", like a key of a record
/// that does not exist.
impl From<domain::keys::KeyError> for AppError {
    fn from(_: domain::keys::KeyError) -> Self {
        AppError::NotFound
    }
}

/// One refused field.
pub fn invalid(field: &str, code: domain::FieldErrorCode) -> AppError {
    AppError::Invalid(vec![domain::FieldError::new(field, code)])
}

/// A trimmed text field of `min..=max` characters: shorter is `Required`, longer
/// `TooLong` (pushed to `errs`); the trimmed text either way.
pub fn bounded_text(
    v: &str,
    field: &str,
    min: usize,
    max: usize,
    errs: &mut Vec<domain::FieldError>,
) -> String {
    let v = v.trim();
    let n = v.chars().count();
    if n < min {
        errs.push(domain::FieldError::new(
            field,
            domain::FieldErrorCode::Required,
        ));
    } else if n > max {
        errs.push(domain::FieldError::new(
            field,
            domain::FieldErrorCode::TooLong,
        ));
    }
    v.to_string()
}

/// A two-way choice posted by a form button (`yes` → true, `no` → false); anything else
/// is refused on `field`.
pub fn choice(field: &str, value: &str, yes: &str, no: &str) -> Result<bool, AppError> {
    if value == yes {
        Ok(true)
    } else if value == no {
        Ok(false)
    } else {
        Err(invalid(field, domain::FieldErrorCode::InvalidChoice))
    }
}
