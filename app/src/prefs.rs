//! The shopper's display preferences (language and currency) for one page load.
//! The server derives them from cookies and headers and writes them onto `<html>`;
//! the browser reads them back from there, so hydration renders the same text.

use domain::money::NumberStyle;
use domain::{Currency, Lang};

pub const LANG_COOKIE: &str = "lang";
pub const CURRENCY_COOKIE: &str = "currency";
pub const COUNTRY_COOKIE: &str = "country";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Prefs {
    pub lang: Lang,
    pub currency: Currency,
    /// How amounts are written (the language's style, or a comma-decimal browser's).
    pub numbers: NumberStyle,
    /// Where the shopper wants things delivered (a destination code), if known: the
    /// `country` cookie, else the region of their browser's language.
    pub country: Option<&'static str>,
}

/// Finds a cookie's value in a `Cookie` header.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        (k == name).then_some(v.trim_matches('"'))
    })
}

/// Percent-encodes a query-string value, keeping `/` readable (for `next=/path`).
pub fn encode_query_value(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl Prefs {
    /// Default display currency for a language when the shopper has not picked one.
    pub fn default_currency(lang: Lang, accept_language: Option<&str>) -> Currency {
        let al = accept_language.unwrap_or_default().to_ascii_lowercase();
        let first = al.split(',').next().unwrap_or_default();
        if first.contains("-hk") {
            Currency::HKD
        } else if first.starts_with("ja") {
            Currency::JPY
        } else if first.contains("-gb") {
            Currency::GBP
        } else if ["de", "fr", "es", "it", "nl"]
            .iter()
            .any(|p| first.starts_with(p))
        {
            Currency::EUR
        } else if lang == Lang::ZhHant || first.contains("-tw") {
            Currency::TWD
        } else if first.starts_with("en") {
            Currency::USD
        } else {
            Currency::TWD
        }
    }

    /// Derives preferences from the request's cookie and Accept-Language headers.
    pub fn from_headers(cookie: Option<&str>, accept_language: Option<&str>) -> Prefs {
        Prefs::from_request(cookie, accept_language, None)
    }

    /// As [`Prefs::from_headers`], with a `lang=` in the query string winning over the
    /// cookie (the hreflang alternates link to `?lang=en` / `?lang=zh-Hant`).
    pub fn from_request(
        cookie: Option<&str>,
        accept_language: Option<&str>,
        query: Option<&str>,
    ) -> Prefs {
        let cookie = cookie.unwrap_or_default();
        let from_query = query.and_then(|q| {
            q.split('&')
                .find_map(|kv| kv.strip_prefix("lang="))
                .and_then(Lang::from_tag)
        });
        let lang = from_query
            .unwrap_or_else(|| Lang::negotiate(cookie_value(cookie, LANG_COOKIE), accept_language));
        let currency = cookie_value(cookie, CURRENCY_COOKIE)
            .and_then(Currency::parse)
            .unwrap_or_else(|| Prefs::default_currency(lang, accept_language));
        let country = cookie_value(cookie, COUNTRY_COOKIE)
            .and_then(domain::shipping::parse_country)
            .or_else(|| domain::shipping::country_from_accept_language(accept_language));
        Prefs {
            lang,
            currency,
            numbers: NumberStyle::negotiate(lang, accept_language),
            country,
        }
    }

    /// Preferences of the request being served (server) or of the loaded page (browser).
    pub fn current() -> Prefs {
        #[cfg(feature = "ssr")]
        {
            use leptos::prelude::use_context;
            if let Some(parts) = use_context::<axum::http::request::Parts>() {
                let header = |name| parts.headers.get(name).and_then(|v| v.to_str().ok());
                return Prefs::from_request(
                    header(axum::http::header::COOKIE),
                    header(axum::http::header::ACCEPT_LANGUAGE),
                    parts.uri.query(),
                );
            }
        }
        #[cfg(feature = "hydrate")]
        {
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let lang = root.get_attribute("lang").and_then(|l| Lang::from_tag(&l));
                let attr = |name: &str| root.get_attribute(name).unwrap_or_default();
                return Prefs {
                    lang: lang.unwrap_or_default(),
                    currency: Currency::parse(&attr("data-currency")).unwrap_or_default(),
                    numbers: NumberStyle::parse(&attr("data-numbers")).unwrap_or_default(),
                    country: domain::shipping::parse_country(&attr("data-country")),
                };
            }
        }
        Prefs::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(
            encode_query_value("/c/tea?x=1&y=中"),
            "/c/tea%3Fx%3D1%26y%3D%E4%B8%AD"
        );
    }

    #[test]
    fn cookies_win_and_bogus_values_fall_back() {
        let p = Prefs::from_headers(Some("a=b; lang=zh-Hant; currency=USD"), Some("en-US"));
        assert_eq!((p.lang, p.currency), (Lang::ZhHant, Currency::USD));
        assert_eq!(p.numbers, NumberStyle::ZhHant);
        assert_eq!(p.country, Some("US"));
        // a bogus currency cookie falls back to the language's default
        let p = Prefs::from_headers(Some("currency=XXX; country=ZZ"), Some("zh-TW"));
        assert_eq!(
            (p.lang, p.currency, p.country),
            (Lang::ZhHant, Currency::TWD, Some("TW"))
        );
        let p = Prefs::from_headers(None, Some("zh-HK,zh;q=0.8"));
        assert_eq!(
            (p.lang, p.currency, p.country),
            (Lang::ZhHant, Currency::HKD, Some("HK"))
        );
        let p = Prefs::from_headers(None, Some("en-US,en;q=0.9"));
        assert_eq!((p.lang, p.currency), (Lang::En, Currency::USD));
        let p = Prefs::from_headers(Some("country=jp"), Some("de-DE,de;q=0.9"));
        assert_eq!(
            (p.lang, p.currency, p.numbers, p.country),
            (Lang::En, Currency::EUR, NumberStyle::De, Some("JP"))
        );
        let p = Prefs::from_headers(None, Some("ja-JP"));
        assert_eq!((p.currency, p.country), (Currency::JPY, Some("JP")));
        // ?lang= wins over the cookie (hreflang alternates)
        let p = Prefs::from_request(Some("lang=en"), None, Some("x=1&lang=zh-Hant"));
        assert_eq!(p.lang, Lang::ZhHant);
        let p = Prefs::from_request(Some("lang=en"), None, Some("lang=klingon"));
        assert_eq!(p.lang, Lang::En);
    }
}
