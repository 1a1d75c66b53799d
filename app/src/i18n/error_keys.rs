//! Which UI string explains a field error code or an application error.

use domain::order::OrderError;
use domain::FieldErrorCode;

use super::K;
use crate::error::AppError;

pub fn field_error_key(code: FieldErrorCode) -> K {
    match code {
        FieldErrorCode::Required => K::ErrRequired,
        FieldErrorCode::InvalidEmail => K::ErrInvalidEmail,
        FieldErrorCode::EmailTaken => K::ErrEmailTaken,
        FieldErrorCode::PasswordTooShort => K::ErrPasswordTooShort,
        FieldErrorCode::PasswordTooLong => K::ErrPasswordTooLong,
        FieldErrorCode::PasswordTooCommon => K::ErrPasswordTooCommon,
        FieldErrorCode::TooLong => K::ErrTooLong,
        FieldErrorCode::InvalidPhone => K::ErrInvalidPhone,
        FieldErrorCode::InvalidChoice => K::ErrInvalidChoice,
        FieldErrorCode::FileTooLarge => K::ErrFileTooLarge,
        FieldErrorCode::NotAnImage => K::ErrNotAnImage,
        FieldErrorCode::TooMany => K::ErrTooManyPhotos,
        FieldErrorCode::SlugTaken => K::ErrSlugTaken,
        FieldErrorCode::InvalidSlug => K::ErrInvalidSlug,
        FieldErrorCode::NotADocument => K::ErrNotADocument,
        FieldErrorCode::MissingDocument => K::ErrMissingDocument,
        FieldErrorCode::InvalidNumber => K::ErrInvalidNumber,
        FieldErrorCode::WrongCurrency => K::ErrWrongCurrency,
        FieldErrorCode::UnknownCurrency => K::ErrUnknownCurrency,
        FieldErrorCode::InvalidRate => K::ErrInvalidRate,
        FieldErrorCode::InvalidPrice => K::ErrInvalidPrice,
        FieldErrorCode::InvalidDate => K::ErrInvalidDate,
        FieldErrorCode::AlreadyDecided => K::ErrAlreadyDecided,
        FieldErrorCode::WindowClosed => K::ErrWindowClosed,
        FieldErrorCode::SameModerator => K::ErrSameModerator,
        FieldErrorCode::NotAllowed => K::ErrNotAllowed,
        FieldErrorCode::TooShort => K::ErrTooShort,
        FieldErrorCode::AlreadyDone => K::ErrAlreadyDone,
        FieldErrorCode::NotDelivered => K::ErrNotDelivered,
        FieldErrorCode::Malformed => K::ErrMalformed,
        FieldErrorCode::Locked => K::ErrLocked,
        FieldErrorCode::BrandTaken => K::ErrBrandTaken,
        FieldErrorCode::InvalidLink => K::ErrInvalidLink,
        FieldErrorCode::WrongPassword => K::ErrWrongPassword,
        FieldErrorCode::EmailNotVerified => K::ErrEmailNotVerified,
        FieldErrorCode::WrongCode => K::ErrWrongCode,
        FieldErrorCode::Overlaps => K::ErrOverlaps,
        FieldErrorCode::CodeTaken => K::ErrCodeTaken,
        FieldErrorCode::BelowFloor => K::ErrBelowFloor,
    }
}

/// The message for a field error code stored as text (`{:?}` of `FieldErrorCode`).
pub fn field_code_key(code: &str) -> K {
    use FieldErrorCode as C;
    let all = [
        C::Required,
        C::InvalidEmail,
        C::EmailTaken,
        C::PasswordTooShort,
        C::PasswordTooLong,
        C::PasswordTooCommon,
        C::TooLong,
        C::InvalidPhone,
        C::InvalidChoice,
        C::FileTooLarge,
        C::NotAnImage,
        C::TooMany,
        C::SlugTaken,
        C::InvalidSlug,
        C::NotADocument,
        C::MissingDocument,
        C::InvalidNumber,
        C::WrongCurrency,
        C::UnknownCurrency,
        C::InvalidRate,
        C::InvalidPrice,
        C::InvalidDate,
        C::AlreadyDecided,
        C::WindowClosed,
        C::SameModerator,
        C::NotAllowed,
        C::TooShort,
        C::AlreadyDone,
        C::NotDelivered,
        C::Malformed,
        C::Locked,
        C::BrandTaken,
        C::InvalidLink,
        C::WrongPassword,
        C::EmailNotVerified,
    ];
    all.into_iter()
        .find(|c| format!("{c:?}") == code)
        .map(field_error_key)
        .unwrap_or(K::ErrInvalidChoice)
}

pub fn error_key(err: &AppError) -> K {
    match err {
        AppError::Unauthenticated => K::ErrUnauthenticated,
        AppError::Forbidden => K::ErrForbidden,
        AppError::TwoStepRequired => K::ErrTwoStepRequired,
        AppError::NotFound => K::ErrNotFound,
        AppError::Invalid(_) => K::FormHasErrors,
        AppError::Cart(domain::cart::CartError::BadQuantity) => K::ErrBadQuantity,
        AppError::Cart(domain::cart::CartError::NotEnoughStock { .. }) => K::ErrNotEnoughStock,
        AppError::Cart(domain::cart::CartError::Unavailable) => K::ErrUnavailable,
        AppError::Order(e) => match e {
            OrderError::EmptyCart => K::ErrEmptyCart,
            OrderError::PricesChanged => K::ErrPricesChanged,
            OrderError::OutOfStock { .. } => K::ErrNotEnoughStock,
            OrderError::ShippingMissing => K::ErrShippingMissing,
            OrderError::WrongState => K::ErrOrderState,
            OrderError::ReturnExists => K::ErrReturnExists,
            OrderError::ReturnWindowClosed => K::ErrReturnWindowClosed,
            OrderError::MixedCurrencies => K::ErrMixedCurrencies,
            OrderError::CreditChanged => K::ErrCreditChanged,
            OrderError::CannotShip { .. } => K::ErrCannotShip,
            OrderError::UnpaidLimit { .. } => K::ErrUnpaidLimit,
        },
        AppError::BadCredentials => K::ErrBadCredentials,
        AppError::Throttled { .. } => K::ErrThrottled,
        AppError::Internal => K::ErrInternal,
        AppError::Transport(_) => K::ErrTransport,
    }
}
