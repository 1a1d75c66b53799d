//! `/s/:slug`: a shop's page.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::listing::{listing_query, ListingView};
use super::{error_view, ShareButton, Stars};
use crate::catalog::api::shop_page;
use crate::catalog::ListingQuery;
use crate::codec::AsciiJson;
use crate::i18n::{t, use_lang, K};
use crate::ui::LoadingBlock;

/// `/s/:slug`: a shop's page (its products, with the listing's filters) and its share
/// dialog and card.
#[component]
pub fn ShopPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let listing_query = move || listing_query(&query.read());
    let data = Resource::<_, AsciiJson>::new_with_options(
        move || (slug(), listing_query()),
        |(s, lq): (String, ListingQuery)| async move { shop_page(s.parse()?, lq).await },
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
                                <Link rel="canonical" href=d.canonical_url.clone() />
                                <Meta property="og:type" content="website" />
                                <Meta property="og:title" content=d.name.clone() />
                                <Meta property="og:url" content=d.canonical_url.clone() />
                                <Meta property="og:image" content=d.share_image.clone() />
                                <Meta property="og:image:width" content="1200" />
                                <Meta property="og:image:height" content="630" />
                                <Meta property="og:site_name" content=t(K::Brand) />
                                <Meta name="twitter:card" content="summary_large_image" />
                                <Meta name="twitter:title" content=d.name.clone() />
                                <Meta name="twitter:image" content=d.share_image.clone() />
                                <header
                                    class="mb-6 flex flex-wrap items-end justify-between gap-4 rounded-xl border border-slate-200 bg-white p-5"
                                    data-testid="shop-header"
                                >
                                    <div>
                                        <h1 class="text-2xl font-bold text-slate-900">
                                            {d.name.clone()}
                                        </h1>
                                        // a div: the stars are a paragraph of their own, and a
                                        // paragraph inside another is split by the browser's
                                        // parser, which hydration then cannot follow
                                        <div class="mt-1 flex flex-wrap items-center gap-3 text-sm text-slate-600">
                                            <Stars
                                                rating_x10=d.rating_x10
                                                count=d.rating_count.clamp(0, u32::MAX as i64) as u32
                                            />
                                            <span>{t(K::ShipsFrom)} " " {d.ships_from.clone()}</span>
                                            <span>
                                                {t(K::ShopSince)} " "
                                                {
                                                    let (y, m, day, _) = domain::locale::civil_from_unix(
                                                        d.since,
                                                    );
                                                    domain::locale::format_date(use_lang(), y, m, day)
                                                }
                                            </span>
                                        </div>
                                        <div class="mt-3 flex flex-wrap items-center gap-3">
                                            <crate::catalog::follows::FollowButton shop=d
                                                .slug
                                                .clone() />
                                            <crate::chat::views::AskSeller shop=d.slug.clone() />
                                        </div>
                                    </div>
                                    <ShareButton
                                        path=format!("/s/{}", d.slug)
                                        url=d.canonical_url.clone()
                                        text=d.name.clone()
                                        right=true
                                    />
                                </header>
                                <ListingView
                                    listing=d.listing
                                    query=listing_query()
                                    base=format!("/s/{}", slug())
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
