//! Pure marketplace rules shared by the server and the browser: validated newtypes,
//! roles, money, locale negotiation, login throttling and the cross-origin policy.
//! Nothing here does I/O, so everything is unit- and property-tested directly.

pub mod account;
pub mod cart;
pub mod chat;
pub mod contact;
pub mod dispute;
pub mod fx;
pub mod keys;
pub mod ledger;
pub mod listing;
pub mod listing_csv;
pub mod locale;
pub mod media;
pub mod money;
pub mod notice;
pub mod onboarding;
pub mod order;
pub mod origin;
pub mod payment;
pub mod phash;
pub mod pricing;
pub mod promotion;
pub mod qa;
pub mod recovery;
pub mod referral;
pub mod review;
pub mod role;
pub mod screening;
pub mod search;
pub mod shipping;
pub mod slug;
pub mod strikes;
pub mod throttle;
pub mod totp;
pub mod variant;

pub use account::{DisplayName, Email, FieldError, FieldErrorCode, Password, SafeRedirect};
pub use locale::Lang;
pub use money::{Currency, Money};
pub use role::{Role, Roles};
