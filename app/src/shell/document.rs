//! The HTML document around the app, rendered on the server only.

#[cfg(feature = "ssr")]
use domain::Lang;
use leptos::prelude::*;
use leptos_meta::MetaTags;

use super::App;
use crate::prefs::Prefs;

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let prefs = Prefs::current();
    provide_context(prefs);
    page_nonce();
    let alternates = alternates();
    view! {
        <!DOCTYPE html>
        <html
            lang=prefs.lang.code()
            data-currency=prefs.currency.code()
            data-numbers=prefs.numbers.code()
            data-country=prefs.country.unwrap_or_default()
        >
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                {alternates
                    .into_iter()
                    .map(|(lang, href)| view! { <link rel="alternate" hreflang=lang href=href /> })
                    .collect_view()}
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body class="min-h-screen bg-slate-50 text-slate-900 antialiased">
                <App />
            </body>
        </html>
    }
}

/// The script nonce the router minted for this request (see
/// [`crate::request::PageNonce`]), given to Leptos so the hydration scripts carry the
/// nonce the response's Content-Security-Policy names.
fn page_nonce() {
    #[cfg(feature = "ssr")]
    if let Some(n) = use_context::<axum::http::request::Parts>()
        .and_then(|p| p.extensions.get::<crate::request::PageNonce>().cloned())
    {
        provide_context(leptos::nonce::Nonce::from_value(n.0));
    }
}

/// The page in each language (`?lang=en`, `?lang=zh-Hant`) and `x-default` (no
/// parameter: the shopper's own choice), as absolute URLs for `<link rel="alternate">`.
fn alternates() -> Vec<(&'static str, String)> {
    #[cfg(feature = "ssr")]
    {
        let Some(parts) = use_context::<axum::http::request::Parts>() else {
            return Vec::new();
        };
        let origin = use_context::<crate::state::AppState>()
            .map(|s| s.settings.public_origin.clone())
            .unwrap_or_default();
        let path = parts.uri.path();
        let rest: Vec<&str> = parts
            .uri
            .query()
            .unwrap_or_default()
            .split('&')
            .filter(|kv| !kv.is_empty() && !kv.starts_with("lang="))
            .collect();
        let with = |extra: Option<String>| {
            let mut q = rest.clone();
            let extra = extra.unwrap_or_default();
            if !extra.is_empty() {
                q.push(&extra);
            }
            if q.is_empty() {
                format!("{origin}{path}")
            } else {
                format!("{origin}{path}?{}", q.join("&"))
            }
        };
        let mut out: Vec<(&'static str, String)> = Lang::ALL
            .into_iter()
            .map(|l| (l.code(), with(Some(format!("lang={}", l.code())))))
            .collect();
        out.push(("x-default", with(None)));
        out
    }
    #[cfg(not(feature = "ssr"))]
    Vec::new()
}
