//! Account input validated at the edge: email, password, display name, redirect target.

use serde::{Deserialize, Serialize};

/// Why one form field was refused; the UI translates the code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldErrorCode {
    Required,
    InvalidEmail,
    EmailTaken,
    PasswordTooShort,
    PasswordTooLong,
    PasswordTooCommon,
    TooLong,
    InvalidPhone,
    InvalidChoice,
    FileTooLarge,
    NotAnImage,
    TooMany,
    /// A shop address (slug) already used by another shop or application.
    SlugTaken,
    /// A shop address that is not 3–40 of `a-z`, `0-9` and inner hyphens.
    InvalidSlug,
    /// An upload that is not a PDF, JPEG, PNG or WebP file.
    NotADocument,
    /// A document the application needs has not been uploaded.
    MissingDocument,
    /// Not a whole number in the allowed range.
    InvalidNumber,
    /// An amount for a currency other than the shop's.
    WrongCurrency,
    /// Not one of the ISO 4217 currencies the marketplace knows.
    UnknownCurrency,
    /// Not a positive decimal exchange rate.
    InvalidRate,
    /// Not a positive amount (or a compare-at price not above the price).
    InvalidPrice,
    /// Not a date and time, or a delisting time not after the publishing time.
    InvalidDate,
    /// Someone decided this meanwhile (or it was already decided).
    AlreadyDecided,
    /// The window for this (a counter-notice, an appeal) has closed.
    WindowClosed,
    /// The moderator who made a decision cannot decide its appeal.
    SameModerator,
    /// Not allowed for this account (a rights owner naming their own listing).
    NotAllowed,
    /// Shorter than the least the field needs (a review's text).
    TooShort,
    /// Done once already (a helpful vote, a review of the same order line).
    AlreadyDone,
    /// Not possible before the order is delivered (a review).
    NotDelivered,
    /// A request whose form could not be read at all (a field missing or of the wrong
    /// kind): not something a person typing into the page can cause.
    Malformed,
    /// Kept down by a moderator's decision or a rights notice until they lift it (a
    /// seller publishing a locked listing).
    Locked,
    /// A brand that already has a verified rights owner (a second registration cannot
    /// take it over).
    BrandTaken,
    /// A link (a password reset's) that is unknown, used already or expired.
    InvalidLink,
    /// Not the account's current password.
    WrongPassword,
    /// The account's email address is not confirmed yet (opening a shop, reviewing).
    EmailNotVerified,
    /// A two-step sign-in code that is wrong, expired or already used.
    WrongCode,
    /// A time slot that meets another one it may not (two flash sales of one product).
    Overlaps,
    /// A voucher code another voucher has.
    CodeTaken,
    /// A price a promotion would take below the seller's lowest promotional price.
    BelowFloor,
}

/// A refused field: which one and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: FieldErrorCode,
}

impl FieldError {
    pub fn new(field: &str, code: FieldErrorCode) -> Self {
        Self {
            field: field.to_string(),
            code,
        }
    }
}

/// A syntactically valid, normalised (trimmed, lower-cased) email address.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, FieldErrorCode> {
        let s = raw.trim().to_lowercase();
        if s.is_empty() {
            return Err(FieldErrorCode::Required);
        }
        if s.len() > Self::MAX_LEN {
            return Err(FieldErrorCode::TooLong);
        }
        let Some((local, host)) = s.split_once('@') else {
            return Err(FieldErrorCode::InvalidEmail);
        };
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
        let host_ok = host.contains('.')
            && !host.starts_with('.')
            && !host.ends_with('.')
            && !host.contains("..")
            && host.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if local_ok && host_ok {
            Ok(Self(s))
        } else {
            Err(FieldErrorCode::InvalidEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password that meets the policy (length in characters, not bytes).
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password([redacted])")
    }
}

impl Password {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 128;
    const COMMON: &'static [&'static str] = &[
        "password123",
        "1234567890",
        "qwertyuiop",
        "password1234",
        "iloveyou123",
        "0123456789",
        "abcdefghij",
        "passw0rd123",
    ];

    pub fn parse(raw: &str) -> Result<Self, FieldErrorCode> {
        let n = raw.chars().count();
        if n == 0 {
            return Err(FieldErrorCode::Required);
        }
        if n < Self::MIN_CHARS {
            return Err(FieldErrorCode::PasswordTooShort);
        }
        if n > Self::MAX_CHARS {
            return Err(FieldErrorCode::PasswordTooLong);
        }
        let lower = raw.to_lowercase();
        if Self::COMMON.contains(&lower.as_str()) || raw.chars().all(|c| raw.starts_with(c)) {
            return Err(FieldErrorCode::PasswordTooCommon);
        }
        Ok(Self(raw.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// The name shown in the header and on reviews: trimmed, 1–60 characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_CHARS: usize = 60;

    pub fn parse(raw: &str) -> Result<Self, FieldErrorCode> {
        let s: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() {
            return Err(FieldErrorCode::Required);
        }
        if s.chars().count() > Self::MAX_CHARS || s.chars().any(char::is_control) {
            return Err(FieldErrorCode::TooLong);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A post-login redirect target that stays on this site (a path, never `//host` or a URL).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SafeRedirect(String);

impl SafeRedirect {
    pub fn parse_or_home(raw: Option<&str>) -> Self {
        match raw {
            Some(p)
                if p.starts_with('/')
                    && !p.starts_with("//")
                    && !p.starts_with("/\\")
                    && !p.chars().any(|c| c.is_control() || c == '\\')
                    && p.len() <= 512 =>
            {
                Self(p.to_string())
            }
            _ => Self("/".to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse("  Ann@Example.COM ").unwrap().as_str(),
            "ann@example.com"
        );
        for bad in [
            "",
            "ann",
            "ann@",
            "@x.com",
            "ann@x",
            "a..b@x.com",
            "ann@-x.com",
            "a b@x.com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} accepted");
        }
        assert_eq!(Email::parse("").unwrap_err(), FieldErrorCode::Required);
    }

    #[test]
    fn passwords() {
        assert_eq!(
            Password::parse("short").unwrap_err(),
            FieldErrorCode::PasswordTooShort
        );
        assert_eq!(
            Password::parse("aaaaaaaaaaaa").unwrap_err(),
            FieldErrorCode::PasswordTooCommon
        );
        assert_eq!(
            Password::parse("Password123").unwrap_err(),
            FieldErrorCode::PasswordTooCommon
        );
        assert!(Password::parse("correct horse battery").is_ok());
        assert!(
            Password::parse("密碼是很長的中文句子").is_ok(),
            "counts characters, not bytes"
        );
        assert_eq!(
            format!("{:?}", Password::parse("correct horse").unwrap()),
            "Password([redacted])"
        );
    }

    #[test]
    fn names() {
        assert_eq!(
            DisplayName::parse("  Ann   Lee ").unwrap().as_str(),
            "Ann Lee"
        );
        assert_eq!(
            DisplayName::parse("   ").unwrap_err(),
            FieldErrorCode::Required
        );
        assert!(DisplayName::parse(&"x".repeat(61)).is_err());
    }

    #[test]
    fn redirects_stay_on_site() {
        assert_eq!(
            SafeRedirect::parse_or_home(Some("/seller?x=1")).as_str(),
            "/seller?x=1"
        );
        for bad in ["//evil.com", "https://evil.com", "/\\evil.com", "evil", ""] {
            assert_eq!(
                SafeRedirect::parse_or_home(Some(bad)).as_str(),
                "/",
                "{bad}"
            );
        }
        assert_eq!(SafeRedirect::parse_or_home(None).as_str(), "/");
    }
}
