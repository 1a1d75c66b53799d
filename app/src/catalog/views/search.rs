//! `/search`: search results.

use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::error_view;
use super::listing::{listing_query, ListingView};
use crate::catalog::api::search_products;
use crate::codec::AsciiJson;
use crate::i18n::{t, K};
use crate::ui::{EmptyState, LoadingBlock};

#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let listing_query = move || listing_query(&query.read());
    let data = Resource::<_, AsciiJson>::new_with_options(
        move || (q(), listing_query()),
        |(q, lq)| search_products(q, lq),
        false,
    );
    view! {
        <Suspense fallback=|| {
            view! { <LoadingBlock /> }
        }>
            {move || Suspend::new(async move {
                let term = q();
                match data.await {
                    Ok(_) if term.trim().is_empty() => {
                        EitherOf3::A(view! { <EmptyState message=K::EmptyQuery /> })
                    }
                    Ok(listing) => {
                        EitherOf3::B(
                            view! {
                                <Title text=format!(
                                    "{} “{}” · {}",
                                    t(K::SearchResultsFor),
                                    term,
                                    t(K::Brand),
                                ) />
                                <h1 class="mb-4 text-xl font-bold">
                                    {t(K::SearchResultsFor)} " “" {term.clone()} "”"
                                </h1>
                                <ListingView
                                    listing=listing
                                    query=listing_query()
                                    base="/search".to_string()
                                    search=Some(term)
                                />
                            },
                        )
                    }
                    Err(e) => EitherOf3::C(error_view(e)),
                }
            })}
        </Suspense>
    }
}
