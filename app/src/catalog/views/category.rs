//! `/c/:slug`: a category's page, its subcategories and its listing.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::components::Crumbs;
use super::error_view;
use super::listing::{listing_query, ListingView};
use crate::catalog::api::category_page;
use crate::codec::AsciiJson;
use crate::i18n::{t, K};
use crate::ui::LoadingBlock;

#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let query = use_query_map();
    let listing_query = move || listing_query(&query.read());
    let data = Resource::<_, AsciiJson>::new_with_options(
        move || (slug(), listing_query()),
        |(slug, q)| category_page(slug, q),
        false,
    );
    view! {
        <Suspense fallback=|| {
            view! { <LoadingBlock /> }
        }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => {
                        Either::Left(
                            view! {
                                <Title text=format!("{} · {}", d.name, t(K::Brand)) />
                                <Crumbs crumbs=d.crumbs />
                                <h1 class="mt-2 mb-4 text-2xl font-bold text-slate-900">
                                    {d.name}
                                </h1>
                                {(!d.children.is_empty())
                                    .then(|| {
                                        view! {
                                            <nav aria-label=t(K::Subcategories) class="mb-6">
                                                <ul class="flex flex-wrap gap-2">
                                                    {d
                                                        .children
                                                        .into_iter()
                                                        .map(|c| {
                                                            view! {
                                                                <li>
                                                                    <a
                                                                        href=format!("/c/{}", c.slug)
                                                                        class="inline-block rounded-full border border-slate-300 bg-white px-3 py-1 text-sm hover:border-teal-600"
                                                                    >
                                                                        {c.name}
                                                                    </a>
                                                                </li>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </ul>
                                            </nav>
                                        }
                                    })}
                                <ListingView
                                    listing=d.listing
                                    query=listing_query()
                                    base=format!("/c/{}", slug())
                                    search=None
                                />
                            },
                        )
                    }
                    Err(e) => Either::Right(error_view(e)),
                }
            })}
        </Suspense>
    }
}
