//! The home page: categories, promotions, new arrivals, trending and top rated.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

use super::{error_view, ProductGrid};
use crate::catalog::api::get_home_data;
use crate::codec::AsciiJson;
use crate::i18n::{t, K};
use crate::ui::LoadingBlock;

// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
#[component]
pub fn HomePage() -> impl IntoView {
    let data = Resource::<_, AsciiJson>::new_with_options(|| (), |_| get_home_data(), false);
    view! {
        <Title text=t(K::Brand) />
        <section class="mb-8 overflow-hidden rounded-2xl bg-gradient-to-br from-teal-700 to-cyan-600 px-6 py-10 text-white sm:px-10 sm:py-14">
            <h1 class="max-w-2xl text-3xl font-bold tracking-tight sm:text-4xl">
                {t(K::HeroTitle)}
            </h1>
            <p class="mt-3 max-w-xl text-teal-50 sm:text-lg">{t(K::HeroSubtitle)}</p>
            <div class="mt-6 flex flex-wrap gap-3">
                <a
                    href="#new"
                    class="rounded-lg bg-white px-4 py-2 font-semibold text-teal-800 hover:bg-teal-50"
                >
                    {t(K::BrowseAll)}
                </a>
                <a
                    href="/seller"
                    class="rounded-lg border border-white/70 px-4 py-2 font-semibold text-white hover:bg-white/10"
                >
                    {t(K::StartSelling)}
                </a>
            </div>
        </section>
        <Suspense fallback=|| {
            view! { <LoadingBlock /> }
        }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => {
                        Either::Left(
                            view! {
                                <section class="mb-10" aria-labelledby="cats-h">
                                    <h2 id="cats-h" class="mb-4 text-xl font-bold text-slate-900">
                                        {t(K::ShopByCategory)}
                                    </h2>
                                    <ul class="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
                                        {d
                                            .categories
                                            .into_iter()
                                            .map(|c| {
                                                view! {
                                                    <li>
                                                        <a
                                                            href=format!("/c/{}", c.link.slug)
                                                            class="block h-full rounded-xl border border-slate-200 bg-white p-4 hover:border-teal-600 hover:shadow-sm"
                                                        >
                                                            <span class="block font-semibold text-slate-900">
                                                                {c.link.name}
                                                            </span>
                                                            <span class="mt-1 block text-xs text-slate-500">
                                                                {c
                                                                    .children
                                                                    .into_iter()
                                                                    .map(|x| x.name)
                                                                    .collect::<Vec<_>>()
                                                                    .join(" · ")}
                                                            </span>
                                                        </a>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                </section>
                                {(!d.promotions.is_empty())
                                    .then(|| {
                                        view! {
                                            <section
                                                class="mb-10"
                                                aria-labelledby="promo-h"
                                                data-testid="promotions"
                                            >
                                                <h2
                                                    id="promo-h"
                                                    class="mb-4 text-xl font-bold text-slate-900"
                                                >
                                                    {t(K::ActivePromotions)}
                                                </h2>
                                                <ul class="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
                                                    {d
                                                        .promotions
                                                        .clone()
                                                        .into_iter()
                                                        .map(|p| {
                                                            let offer = p.offer;
                                                            view! {
                                                                <li>
                                                                    <a
                                                                        href=p.href
                                                                        class="block h-full rounded-xl border border-amber-200 bg-amber-50 p-4 hover:border-amber-400 hover:shadow-sm"
                                                                    >
                                                                        <span class="block text-lg font-bold text-amber-900">
                                                                            {offer}
                                                                        </span>
                                                                        <span class="mt-1 block font-medium text-slate-900">
                                                                            {p.title}
                                                                        </span>
                                                                        <span class="mt-1 block text-xs text-slate-600">
                                                                            <span data-testid="promo-shop">{p.shop_name}</span>
                                                                            " · "
                                                                            {t(K::EndsOn)}
                                                                            " "
                                                                            {p.ends}
                                                                        </span>
                                                                    </a>
                                                                </li>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </ul>
                                            </section>
                                        }
                                    })}
                                <section id="new" class="mb-10" aria-labelledby="new-h">
                                    <h2 id="new-h" class="mb-4 text-xl font-bold text-slate-900">
                                        {t(K::NewArrivals)}
                                    </h2>
                                    <ProductGrid cards=d.new_arrivals />
                                </section>
                                {(!d.trending.is_empty())
                                    .then(|| {
                                        view! {
                                            <section
                                                class="mb-10"
                                                aria-labelledby="trending-h"
                                                data-testid="trending"
                                            >
                                                <h2
                                                    id="trending-h"
                                                    class="mb-4 text-xl font-bold text-slate-900"
                                                >
                                                    {t(K::Trending)}
                                                </h2>
                                                <ProductGrid cards=d.trending />
                                            </section>
                                        }
                                    })}
                                <section class="mb-10" aria-labelledby="top-h">
                                    <h2 id="top-h" class="mb-4 text-xl font-bold text-slate-900">
                                        {t(K::TopRated)}
                                    </h2>
                                    <ProductGrid cards=d.top_rated />
                                </section>
                            },
                        )
                    }
                    Err(e) => Either::Right(error_view(e)),
                }
            })}
        </Suspense>
    }
}
