//! The header's search box and its suggestions.

use leptos::prelude::*;

use crate::i18n::{t, K};
use crate::prefs::encode_query_value;

/// The header's search form: a plain GET form (works without wasm) that, once
/// hydrated, suggests corrections, completions and products as the shopper types.
/// Requests are debounced (200 ms); a newer keystroke supersedes an older request.
// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
#[component]
pub(super) fn SearchBox() -> impl IntoView {
    use crate::catalog::api::search_suggestions;
    use crate::catalog::Suggestions;
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let pending = StoredValue::new(None::<leptos::leptos_dom::helpers::TimeoutHandle>);
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                query.set(value);
                open.set(true);
            },
            std::time::Duration::from_millis(200),
        )
        .ok();
        pending.set_value(handle);
    };
    let suggestions = LocalResource::new(move || {
        let q = query.get();
        async move {
            if q.trim().chars().count() < 2 {
                return Suggestions::default();
            }
            search_suggestions(q).await.unwrap_or_default()
        }
    });
    let link = "block truncate rounded px-3 py-1.5 hover:bg-slate-100";
    view! {
        <form
            method="get"
            action="/search"
            role="search"
            class="relative order-last flex w-full sm:order-none sm:w-auto sm:flex-1"
            on:focusout=move |_| {
                let _ = set_timeout_with_handle(
                    move || open.set(false),
                    std::time::Duration::from_millis(150),
                );
            }
        >
            <label for="q" class="sr-only">
                {t(K::SearchLabel)}
            </label>
            <input
                id="q"
                name="q"
                type="search"
                placeholder=t(K::SearchPlaceholder)
                autocomplete="off"
                aria-controls="search-suggestions"
                on:input=on_input
                on:focus=move |_| open.set(true)
                class="w-full rounded-l-lg border border-slate-300 px-3 py-2 focus:border-teal-600 focus:outline-none focus:ring-2 focus:ring-teal-600"
            />
            <button
                type="submit"
                class="shrink-0 whitespace-nowrap rounded-r-lg bg-teal-700 px-4 py-2 font-medium text-white hover:bg-teal-800"
            >
                {t(K::SearchButton)}
            </button>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let s = suggestions.await;
                    let empty = s.corrected.is_none() && s.words.is_empty()
                        && s.products.is_empty();
                    (open.get() && !empty)
                        .then(|| {
                            view! {
                                <div
                                    id="search-suggestions"
                                    data-testid="suggestions"
                                    aria-label=t(K::Suggestions)
                                    class="absolute left-0 right-0 top-full z-50 mt-1 rounded-xl border border-slate-200 bg-white p-2 text-sm shadow-lg"
                                >
                                    <ul>
                                        {s
                                            .corrected
                                            .map(|c| {
                                                view! {
                                                    <li>
                                                        <a
                                                            href=format!("/search?q={}", encode_query_value(&c))
                                                            class=link
                                                            data-testid="suggest-correction"
                                                        >
                                                            {t(K::DidYouMean)}
                                                            " "
                                                            <strong>{c.clone()}</strong>
                                                            "?"
                                                        </a>
                                                    </li>
                                                }
                                            })}
                                        {s
                                            .words
                                            .into_iter()
                                            .map(|w| {
                                                view! {
                                                    <li>
                                                        <a
                                                            href=format!("/search?q={}", encode_query_value(&w))
                                                            class=link
                                                        >
                                                            "🔍 "
                                                            {w.clone()}
                                                        </a>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                        {s
                                            .products
                                            .into_iter()
                                            .map(|(title, href)| {
                                                view! {
                                                    <li>
                                                        <a href=href class=format!("{link} text-slate-700")>
                                                            {title}
                                                        </a>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                </div>
                            }
                        })
                })}
            </Suspense>
        </form>
    }
}
