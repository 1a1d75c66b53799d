//! The listing shared by category, shop and search pages: filters, sort, the product
//! grid and the next-page link.

use leptos::either::Either;
use leptos::prelude::*;

use super::{page_prefs, ProductGrid};
use crate::catalog::{Listing, ListingQuery};
use crate::i18n::K;
use crate::prefs::encode_query_value;

/// The listing query in the page's URL.
pub(super) fn listing_query(map: &leptos_router::params::ParamsMap) -> ListingQuery {
    ListingQuery {
        sort: map.get("sort"),
        min: map.get("min"),
        max: map.get("max"),
        in_stock: map.get("in_stock"),
        rating: map.get("rating"),
        shop: map.get("shop"),
        after: map.get("after"),
    }
}

/// A URL for this listing with `after` set to the next page's cursor.
fn page_href(base: &str, search: Option<&str>, q: &ListingQuery, after: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(s) = search {
        parts.push(format!("q={}", encode_query_value(s)));
    }
    for (k, v) in [
        ("sort", &q.sort),
        ("min", &q.min),
        ("max", &q.max),
        ("in_stock", &q.in_stock),
        ("rating", &q.rating),
        ("shop", &q.shop),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            parts.push(format!("{k}={}", encode_query_value(v)));
        }
    }
    parts.push(format!("after={}", encode_query_value(after)));
    format!("{base}?{}", parts.join("&"))
}

/// Filters (price in the display currency, stock, rating), sort, the products and
/// a link to the next page. The form is a plain GET form: it works without wasm.
// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
#[component]
pub(super) fn ListingView(
    listing: Listing,
    query: ListingQuery,
    base: String,
    search: Option<String>,
) -> impl IntoView {
    let prefs = use_context::<crate::prefs::Prefs>().unwrap_or_default();
    // one language lookup for the ~20 strings below (see `Price`)
    let lang = prefs.lang;
    let t = move |k: K| k.text(lang);
    let sort = query.sort.clone().unwrap_or_default();
    let sorts: Vec<(&str, K)> = {
        let mut v = Vec::new();
        if search.is_some() {
            v.push(("", K::SortRelevance));
        } else {
            v.push(("", K::SortNewest));
        }
        if search.is_some() {
            v.push(("newest", K::SortNewest));
        }
        v.extend([
            ("price_asc", K::SortPriceAsc),
            ("price_desc", K::SortPriceDesc),
            ("rating", K::SortRating),
        ]);
        v
    };
    let next = listing
        .next
        .clone()
        .map(|c| page_href(&base, search.as_deref(), &query, &c));
    let ignored = !listing.ignored.is_empty();
    let input = "w-24 rounded-lg border border-slate-300 px-2 py-1.5 focus:border-teal-600 focus:outline-none focus:ring-2 focus:ring-teal-600";
    let rating = query.rating.clone().unwrap_or_default();
    let shop = query.shop.clone().unwrap_or_default();
    let sellers = listing.sellers.clone();
    view! {
        <form
            method="get"
            action=base.clone()
            class="mb-4 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-3 text-sm"
            data-testid="filters"
            aria-label=t(K::Filters)
        >
            {search.clone().map(|s| view! { <input type="hidden" name="q" value=s /> })}
            <div>
                <label for="f-sort" class="block text-xs text-slate-600">
                    {t(K::SortBy)}
                </label>
                <select
                    id="f-sort"
                    name="sort"
                    class="rounded-lg border border-slate-300 bg-white px-2 py-1.5"
                >
                    {sorts
                        .into_iter()
                        .map(|(v, k)| {
                            view! {
                                <option value=v selected=sort == v>
                                    {t(k)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div>
                <label for="f-min" class="block text-xs text-slate-600">
                    {t(K::PriceMin)}
                    " ("
                    {prefs.currency.code()}
                    ")"
                </label>
                <input
                    id="f-min"
                    name="min"
                    inputmode="decimal"
                    value=query.min.clone().unwrap_or_default()
                    class=input
                />
            </div>
            <div>
                <label for="f-max" class="block text-xs text-slate-600">
                    {t(K::PriceMax)}
                    " ("
                    {prefs.currency.code()}
                    ")"
                </label>
                <input
                    id="f-max"
                    name="max"
                    inputmode="decimal"
                    value=query.max.clone().unwrap_or_default()
                    class=input
                />
            </div>
            <div>
                <label for="f-rating" class="block text-xs text-slate-600">
                    {t(K::MinRating)}
                </label>
                <select
                    id="f-rating"
                    name="rating"
                    class="rounded-lg border border-slate-300 bg-white px-2 py-1.5"
                >
                    <option value="" selected=rating.is_empty()>
                        {t(K::AnyRating)}
                    </option>
                    {["4", "3"]
                        .into_iter()
                        .map(|r| {
                            view! {
                                <option value=r selected=rating == r>
                                    {r}
                                    "★ +"
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div>
                <label for="f-shop" class="block text-xs text-slate-600">
                    {t(K::Seller)}
                </label>
                <select
                    id="f-shop"
                    name="shop"
                    class="max-w-48 rounded-lg border border-slate-300 bg-white px-2 py-1.5"
                >
                    <option value="" selected=shop.is_empty()>
                        {t(K::AnySeller)}
                    </option>
                    {sellers
                        .into_iter()
                        .map(|s| {
                            let selected = s.slug == shop;
                            view! {
                                <option value=s.slug selected=selected>
                                    {s.name}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <label class="flex items-center gap-2 py-1.5">
                <input type="checkbox" name="in_stock" value="1" checked=query.in_stock.is_some() />
                {t(K::InStockOnly)}
            </label>
            <button
                type="submit"
                class="rounded-lg bg-teal-700 px-4 py-1.5 font-semibold text-white hover:bg-teal-800"
            >
                {t(K::Apply)}
            </button>
        </form>
        {ignored
            .then(|| {
                view! {
                    <p role="status" class="mb-3 text-sm text-amber-800">
                        {t(K::FilterIgnored)}
                    </p>
                }
            })}
        {listing
            .did_you_mean
            .clone()
            .map(|fixed| {
                view! {
                    <p class="mb-3 text-slate-800" data-testid="did-you-mean">
                        {t(K::DidYouMean)}
                        " "
                        <a
                            href=format!("/search?q={}", encode_query_value(&fixed))
                            class="font-semibold text-teal-800 underline"
                        >
                            {fixed.clone()}
                        </a>
                        "?"
                    </p>
                }
            })}
        {if listing.cards.is_empty() && search.is_some() {
            Either::Left(
                view! {
                    <div
                        class="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center"
                        data-testid="no-results"
                    >
                        <p class="font-medium text-slate-800">{t(K::NoResults)}</p>
                        <p class="mt-1 text-sm text-slate-600">{t(K::NoResultsHint)}</p>
                    </div>
                },
            )
        } else {
            let terms: Vec<String> = search
                .as_deref()
                .unwrap_or_default()
                .split_whitespace()
                .map(str::to_string)
                .collect();
            Either::Right(
                view! { <ProductGrid cards=listing.cards highlight=terms prefs=page_prefs(None) /> },
            )
        }}
        {next
            .map(|href| {
                view! {
                    <nav class="mt-6 flex justify-center" aria-label=t(K::Pagination)>
                        <a
                            href=href
                            class="rounded-lg border border-slate-300 bg-white px-4 py-2 font-medium hover:border-teal-600"
                            data-testid="next-page"
                            rel="next"
                        >
                            {t(K::NextPage)}
                        </a>
                    </nav>
                }
            })}
    }
}
