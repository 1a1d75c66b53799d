//! The product page's reviews: rating summary with distribution bars, filters, sort
//! and the list (filters, sort and "more" are links, so they work before wasm loads).

use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::card::ReviewCard;
use super::StarRow;
use crate::codec::AsciiJson;
use crate::i18n::{t, K};
use crate::reviews::{product_reviews, ReviewPage, ReviewQuery};
use crate::ui::{ErrorBanner, LoadingBlock};

fn query_of(map: &leptos_router::params::ParamsMap) -> ReviewQuery {
    let get = |k: &str| map.get(k).unwrap_or_default();
    ReviewQuery {
        stars: get("stars"),
        photos: get("photos"),
        lang: get("lang"),
        sort: get("sort"),
        pages: get("pages"),
    }
}

/// The product page's reviews: summary with distribution bars, filters, sort, list.
#[component]
pub fn ReviewsSection(product: String, href: String) -> impl IntoView {
    let query = use_query_map();
    let q = Memo::new(move |_| query_of(&query.read()));
    let product_key = product.clone();
    let data = Resource::<_, AsciiJson>::new_with_options(
        move || (product_key.clone(), q.get()),
        |(p, q): (String, ReviewQuery)| async move { product_reviews(p.parse()?, q).await },
        false,
    );
    view! {
        <section
            id="reviews"
            class="mt-10 scroll-mt-24"
            data-testid="reviews"
            aria-labelledby="reviews-heading"
        >
            <h2 id="reviews-heading" class="mb-3 text-lg font-bold text-slate-900">
                {t(K::RvHeading)}
            </h2>
            <Transition fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || {
                    let href = href.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok(page) => {
                                Either::Left(
                                    view! {
                                        <ReviewsBody page=page q=q.get_untracked() href=href />
                                    },
                                )
                            }
                            Err(e) => Either::Right(view! { <ErrorBanner error=e /> }),
                        }
                    })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn ReviewsBody(page: ReviewPage, q: ReviewQuery, href: String) -> impl IntoView {
    let s = page.summary.clone();
    if s.count == 0 {
        return Either::Left(view! {
            <p
                class="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600"
                data-testid="no-reviews"
            >
                {t(K::RvNone)}
            </p>
        });
    }
    let chip = |active: bool| {
        if active {
            "rounded-full bg-teal-700 px-3 py-1 text-sm font-semibold text-white"
        } else {
            "rounded-full border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100"
        }
    };
    let avg = format!("{}.{}", s.avg_x10 / 10, s.avg_x10 % 10);
    let bars = (1..=5u8)
        .rev()
        .map(|n| {
            let count = s.dist[(n - 1) as usize];
            let pct = if s.count > 0 { count * 100 / s.count } else { 0 };
            let link = q.href(&href, ("stars", &n.to_string()));
            view! {
                <li>
                    <a
                        href=link
                        class="grid grid-cols-[3rem_1fr_3rem] items-center gap-2 text-sm hover:underline"
                        data-testid=format!("dist-{n}")
                    >
                        <span>{n} " ★"</span>
                        <span
                            class="h-2.5 overflow-hidden rounded-full bg-slate-200"
                            aria-hidden="true"
                        >
                            <span
                                class="block h-full rounded-full bg-amber-400"
                                style=format!("width:{pct}%")
                            ></span>
                        </span>
                        <span class="text-right tabular-nums text-slate-600">{count}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let stars_filter = q.stars();
    let star_chips = (1..=5u8)
        .rev()
        .map(|n| {
            let active = stars_filter == Some(n);
            let value = if active { String::new() } else { n.to_string() };
            let link = q.href(&href, ("stars", &value));
            view! {
                <a href=link class=chip(active) aria-current=active.then_some("true")>
                    {n}
                    " ★"
                </a>
            }
        })
        .collect_view();
    let photos_on = q.with_photos();
    let lang_en = q.lang() == Some("en");
    let lang_zh = q.lang() == Some("zh-Hant");
    let sort = q.sort();
    let filtered = stars_filter.is_some() || photos_on || q.lang().is_some();
    let more = page
        .has_more
        .then(|| q.href(&href, ("pages", &(q.pages() + 1).to_string())));
    Either::Right(view! {
        <div class="grid gap-6 md:grid-cols-[16rem_1fr]">
            <div
                class="space-y-3 self-start rounded-xl border border-slate-200 bg-white p-4"
                data-testid="rating-summary"
            >
                <p class="flex items-baseline gap-2">
                    <span class="text-4xl font-bold text-slate-900" data-testid="rating-avg">
                        {avg}
                    </span>
                    <span class="text-slate-600">"/ 5"</span>
                </p>
                <StarRow rating=((s.avg_x10 + 5) / 10) as u8 />
                <p class="text-sm text-slate-600">
                    <span data-testid="rating-count">{s.count}</span>
                    " "
                    {t(K::RatingsCount)}
                </p>
                <ul class="space-y-1.5" aria-label=t(K::RvDistribution)>
                    {bars}
                </ul>
            </div>
            <div class="min-w-0 space-y-4">
                <nav
                    class="flex flex-wrap gap-2"
                    aria-label=t(K::RvFilters)
                    data-testid="review-filters"
                >
                    <a
                        href=ReviewQuery {
                            sort: q.sort.clone(),
                            ..ReviewQuery::default()
                        }
                            .href(&href, ("", ""))
                        class=chip(!filtered)
                    >
                        {t(K::RvAll)}
                    </a>
                    {star_chips}
                    <a
                        href=q.href(&href, ("photos", if photos_on { "" } else { "1" }))
                        class=chip(photos_on)
                        aria-current=photos_on.then_some("true")
                    >
                        {t(K::RvWithPhotos)}
                        " ("
                        {s.with_photos}
                        ")"
                    </a>
                    <a
                        href=q.href(&href, ("lang", if lang_en { "" } else { "en" }))
                        class=chip(lang_en)
                        lang="en"
                    >
                        "English"
                    </a>
                    <a
                        href=q.href(&href, ("lang", if lang_zh { "" } else { "zh-Hant" }))
                        class=chip(lang_zh)
                        lang="zh-Hant"
                    >
                        "中文"
                    </a>
                </nav>
                <nav
                    class="flex flex-wrap items-center gap-3 text-sm"
                    aria-label=t(K::RvSort)
                    data-testid="review-sort"
                >
                    <span class="text-slate-600">{t(K::RvSort)} ":"</span>
                    {[
                        ("newest", K::RvNewest),
                        ("helpful", K::RvMostHelpful),
                        ("lowest", K::RvLowest),
                    ]
                        .into_iter()
                        .map(|(key, label)| {
                            let active = sort == key;
                            view! {
                                <a
                                    href=q
                                        .href(
                                            &href,
                                            ("sort", if key == "newest" { "" } else { key }),
                                        )
                                    class=if active {
                                        "font-semibold text-teal-800 underline"
                                    } else {
                                        "text-slate-700 hover:underline"
                                    }
                                    aria-current=active.then_some("true")
                                >
                                    {t(label)}
                                </a>
                            }
                        })
                        .collect_view()}
                </nav>
                {if page.reviews.is_empty() {
                    Either::Left(
                        view! {
                            <p
                                class="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600"
                                data-testid="no-matching-reviews"
                            >
                                {t(K::RvNoneMatch)}
                            </p>
                        },
                    )
                } else {
                    Either::Right(
                        view! {
                            <ol class="space-y-3" data-testid="review-list">
                                {page
                                    .reviews
                                    .into_iter()
                                    .map(|r| view! { <ReviewCard review=r /> })
                                    .collect_view()}
                            </ol>
                        },
                    )
                }}
                {more
                    .map(|m| {
                        view! {
                            <a
                                href=m
                                class="inline-block rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100"
                                data-testid="more-reviews"
                            >
                                {t(K::RvMore)}
                            </a>
                        }
                    })}
            </div>
        </div>
    })
}
