//! Small shared view pieces: form fields, banners, loading and empty states.

use domain::FieldErrorCode;
use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{error_key, field_error_key, t, K};

/// A labelled input with its error message tied to it for screen readers.
#[component]
pub fn FormField(
    label: K,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<K>,
    #[prop(into)] error: Signal<Option<FieldErrorCode>>,
    /// What the field starts with (a setting's current value).
    #[prop(optional, into)]
    value: Option<String>,
    /// Tells the field's id apart from a same-named field of another form on the page.
    #[prop(optional)]
    scope: Option<&'static str>,
) -> impl IntoView {
    let id = match scope {
        Some(scope) => format!("field-{scope}-{name}"),
        None => format!("field-{name}"),
    };
    let msg_id = format!("{id}-msg");
    let described = msg_id.clone();
    view! {
        <div class="space-y-1">
            <label for=id.clone() class="block text-sm font-medium text-slate-800">
                {t(label)}
            </label>
            <input
                id=id
                name=name
                type=kind
                autocomplete=autocomplete
                value=value
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described
                class=move || {
                    if error.get().is_some() {
                        "block w-full rounded-lg border border-red-600 bg-white px-3 py-2 text-slate-900 focus:outline-none focus:ring-2 focus:ring-red-500"
                    } else {
                        "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-900 focus:border-teal-600 focus:outline-none focus:ring-2 focus:ring-teal-600"
                    }
                }
            />
            <p id=msg_id class="min-h-5 text-sm" data-field-error=name>
                {move || match error.get() {
                    Some(code) => {
                        view! { <span class="text-red-700">{t(field_error_key(code))}</span> }
                            .into_any()
                    }
                    None => {
                        view! { <span class="text-slate-500">{hint.map(t).unwrap_or("")}</span> }
                            .into_any()
                    }
                }}
            </p>
        </div>
    }
}

/// A message for an error that is not about one field.
#[component]
pub fn ErrorBanner(error: AppError) -> impl IntoView {
    // a page rendered on the server around this error answers with its status
    set_page_status(error.status());
    // lines that cannot ship are named, with the country
    let unshippable = match &error {
        AppError::Order(domain::order::OrderError::CannotShip { country, items }) => {
            Some((country.clone(), items.clone()))
        }
        _ => None,
    };
    let lang = crate::i18n::use_lang();
    view! {
        <div
            role="alert"
            class="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
        >
            {t(error_key(&error))}
            {unshippable
                .map(|(country, items)| {
                    view! {
                        <p class="mt-1 font-medium" data-testid="cannot-ship">
                            {t(K::ShCannotShipTo)}
                            " "
                            {domain::shipping::country_name(&country, lang == domain::Lang::ZhHant)
                                .to_string()}
                            {domain::locale::colon(lang)}
                            {domain::locale::join_list(lang, &items)}
                        </p>
                    }
                })}
        </div>
    }
}

#[component]
pub fn LoadingBlock() -> impl IntoView {
    view! {
        <div class="animate-pulse space-y-3 py-6" aria-busy="true" aria-live="polite">
            <span class="sr-only">{t(K::Loading)}</span>
            <div class="h-6 w-1/3 rounded bg-slate-200"></div>
            <div class="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4">
                <div class="h-48 rounded-xl bg-slate-200"></div>
                <div class="h-48 rounded-xl bg-slate-200"></div>
                <div class="h-48 rounded-xl bg-slate-200"></div>
                <div class="h-48 rounded-xl bg-slate-200"></div>
            </div>
        </div>
    }
}

#[component]
pub fn EmptyState(message: K) -> impl IntoView {
    view! {
        <div class="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center text-slate-600">
            {t(message)}
        </div>
    }
}

/// Sets the HTTP status of the page being rendered on the server.
pub fn set_page_status(_code: u16) {
    #[cfg(feature = "ssr")]
    crate::error::set_status(_code);
}

/// Full page load of `dest` (used after sign-in so every part of the page sees the new session).
pub fn navigate_full(_dest: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_href(_dest);
    }
}

/// Runs `then` with the value of every successful result of a form's server
/// function (typically: load the page that shows the change).
pub fn on_success<T: Clone + Send + Sync + 'static>(
    value: impl Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
    then: impl Fn(T) + Send + Sync + 'static,
) {
    Effect::new(move |_| {
        if let Some(Ok(v)) = value.get() {
            then(v);
        }
    });
}

/// False while the calling component is rendered on the server or hydrated, true from
/// the tick after: a part that shows state only the browser has (live counts, local
/// storage) reads it behind this, so its hydrated markup matches the server's.
pub fn mounted() -> ReadSignal<bool> {
    let (mounted, set) = signal(false);
    Effect::new(move |_| set.set(true));
    mounted
}

/// Loads the current page again (after a change the page shows).
pub fn reload_page() {
    #[cfg(feature = "hydrate")]
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// One labelled number on a dashboard.
#[component]
pub fn Stat(label: K, value: i64, testid: &'static str) -> impl IntoView {
    view! {
        <div class="rounded-xl border border-slate-200 bg-white p-4">
            <dt class="text-sm text-slate-500">{t(label)}</dt>
            <dd class="mt-1 text-2xl font-bold text-slate-900" data-testid=testid>
                {value}
            </dd>
        </div>
    }
}

/// A filter of a list as a link (the seller's reviews, the seller's inbox): a filled
/// pill when it is the one shown.
#[component]
pub fn FilterTab(href: String, #[prop(into)] active: Signal<bool>, label: K) -> impl IntoView {
    view! {
        <a
            href=href
            aria-current=move || active.get().then_some("page")
            class=move || {
                if active.get() {
                    "rounded-full bg-teal-700 px-3 py-1 text-sm font-semibold text-white"
                } else {
                    "rounded-full border border-slate-300 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-100"
                }
            }
        >
            {t(label)}
        </a>
    }
}

/// Unix seconds as a date and time (UTC) in the page's language, without a date
/// library in the browser.
pub fn utc_datetime(unix: i64) -> String {
    domain::locale::format_datetime(crate::i18n::use_lang(), unix)
}

/// Unix seconds as a date (UTC), `YYYY-MM-DD`.
pub fn utc_date(unix: i64) -> String {
    utc_datetime(unix).chars().take(10).collect()
}

/// A form's failure while its last result is one (`action.value()`), as [`ActionError`].
pub fn action_failure<T: Clone + Send + Sync + 'static>(
    value: impl Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
) -> impl Fn() -> Option<AnyView> + Send + Sync + 'static {
    move || {
        value
            .get()
            .and_then(Result::err)
            .map(|e| view! { <ActionError error=e /> }.into_any())
    }
}

/// What a form's failed action says: the first field's problem, or the error's banner.
#[component]
pub fn ActionError(error: AppError) -> impl IntoView {
    match error {
        AppError::Invalid(list) => view! {
            <p role="alert" class="text-sm text-red-700" data-testid="form-error">
                {list.first().map(|f| t(field_error_key(f.code))).unwrap_or_default()}
            </p>
        }
        .into_any(),
        other => view! { <ErrorBanner error=other /> }.into_any(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_utc() {
        // outside a page the language is English
        assert_eq!(super::utc_datetime(0), "1 Jan 1970, 00:00 UTC");
        assert_eq!(super::utc_datetime(1_795_651_200), "26 Nov 2026, 00:00 UTC");
        assert_eq!(
            super::utc_datetime(951_782_400 + 3_661),
            "29 Feb 2000, 01:01 UTC"
        );
    }
}
