//! UI strings in English and Traditional Chinese.
//!
//! The catalogue is one table checked by the compiler: every key must have both
//! translations or the crate does not build, and `tests::catalogue_complete`
//! rejects empty or copied-over strings. The language is fixed for a page load
//! (switching reloads the page), so lookups are plain `&'static str`.

use domain::Lang;
use leptos::prelude::*;

mod catalogue;
mod error_keys;
mod reasons;

pub use self::catalogue::K;
pub use self::error_keys::{error_key, field_code_key, field_error_key};
pub use self::reasons::reason_text;

/// The current page's language, provided by the shell.
pub fn use_lang() -> Lang {
    use_context::<crate::prefs::Prefs>()
        .map(|p| p.lang)
        .unwrap_or_default()
}

/// Looks up a string in the current page's language.
pub fn t(key: K) -> &'static str {
    key.text(use_lang())
}

#[cfg(test)]
mod tests;
