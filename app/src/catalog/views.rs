//! Storefront pages: home, category, product and search results.

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{category_page, get_home_data, product_page, search_products, shop_page};
use super::{CategoryLink, Listing, ListingQuery, PriceView, ProductCard, VariantAxis};
use crate::cart::views::AddToCartForm;
use crate::codec::AsciiJson;
use crate::error::AppError;
use crate::i18n::{t, use_lang, K};
use crate::prefs::{encode_query_value, Prefs};
use crate::shell::NotFound;
use crate::ui::{EmptyState, ErrorBanner, LoadingBlock};
use domain::Lang;

/// The page's preferences: each context lookup walks the owner tree, which showed in
/// listing profiles at 48 cards a page, so grids look them up once and pass them down.
fn page_prefs(prefs: Option<Prefs>) -> Prefs {
    prefs.unwrap_or_else(|| use_context::<Prefs>().unwrap_or_default())
}

#[component]
pub fn Price(
    price: PriceView,
    #[prop(optional)] large: bool,
    #[prop(optional)] prefs: Option<Prefs>,
) -> impl IntoView {
    let prefs = page_prefs(prefs);
    let (lang, style) = (prefs.lang, prefs.numbers);
    let main_class = if large {
        "text-2xl font-bold text-slate-900"
    } else {
        "price-main"
    };
    // `Either` rather than `into_any()`: erasing a view copies every static class
    // string into a fresh allocation, which showed in the listing pages' profile
    match price.display {
        Some(display) => Either::Left(view! {
            <p class="leading-tight" data-testid="price" title=K::ApproxNote.text(lang)>
                <span class=main_class>
                    <span class="price-note mr-1">{K::ApproxPrice.text(lang)}</span>
                    <span data-testid="price-display">{display.format_in(style)}</span>
                </span>
                <span class="price-note block">
                    {K::ChargedIn.text(lang)} " "
                    <span data-testid="price-charged">{price.charged.format_in(style)}</span>
                </span>
            </p>
        }),
        None => Either::Right(view! {
            <p data-testid="price">
                <span class=main_class data-testid="price-charged">
                    {price.charged.format_in(style)}
                </span>
            </p>
        }),
    }
}

/// Whether the product ships to the shopper's country: the estimate, the cheapest
/// rate and the duties note, or that it doesn't ship there; a country picker (a plain
/// GET form to `/prefs`, so it works before wasm) to change the country.
#[component]
fn DeliveryPanel(info: super::DeliveryInfo) -> impl IntoView {
    let prefs = page_prefs(None);
    let zh = prefs.lang == Lang::ZhHant;
    let name = |c: &str| domain::shipping::country_name(c, zh).to_string();
    let here = leptos_router::hooks::use_location();
    let (pathname, search) = (here.pathname, here.search);
    let next = move || crate::shell::path_with_query(pathname.get(), &search.get());
    let status = match (&info.country, &info.estimate) {
        (None, _) => Either::Left(view! {
            <p class="text-slate-700" data-testid="delivery-status">
                {t(K::ShShipsTo)}
                " "
                {domain::locale::join_list(
                    prefs.lang,
                    &info.ships_to.iter().map(|c| name(c)).collect::<Vec<_>>(),
                )}
            </p>
        }.into_any()),
        (Some(c), Some(e)) => Either::Left(view! {
            <div data-testid="delivery-status" data-ships="true">
                <p class="font-medium text-emerald-800">"✓ " {t(K::ShShipsHere)} " " {name(c)}</p>
                <p class="text-slate-700">
                    {t(K::ShEta)} {domain::locale::colon(prefs.lang)}
                    {format!("{}–{} {}", e.days_min, e.days_max, t(K::ShDaysUnit))} " · "
                    {t(K::ShShippingFrom)} " " {e.fee.format_in(prefs.numbers)}
                </p>
                {e
                    .duties
                    .then(|| {
                        view! {
                            <p class="mt-1 text-xs text-amber-800" data-testid="duties-note">
                                {t(K::ShDuties)}
                            </p>
                        }
                    })}
            </div>
        }.into_any()),
        (Some(c), None) => Either::Right(view! {
            <div data-testid="delivery-status" data-ships="false">
                <p class="font-medium text-red-700">"✗ " {t(K::ShNotShipped)} " " {name(c)}</p>
                <p class="text-xs text-slate-600">
                    {t(K::ShShipsTo)} " "
                    {domain::locale::join_list(
                        prefs.lang,
                        &info.ships_to.iter().map(|c| name(c)).collect::<Vec<_>>(),
                    )} " · " {t(K::ShNotShippedHint)}
                </p>
            </div>
        }),
    };
    let form = NodeRef::<leptos::html::Form>::new();
    let current = info.country.clone().unwrap_or_default();
    view! {
        <section
            class="space-y-2 rounded-xl border border-slate-200 bg-white p-4 text-sm"
            data-testid="delivery"
        >
            <form
                method="get"
                action="/prefs"
                node_ref=form
                class="flex flex-wrap items-center gap-2"
            >
                <label for="deliver-to" class="font-medium text-slate-800">
                    {t(K::ShDeliverTo)}
                </label>
                <input type="hidden" name="next" prop:value=next />
                <select
                    id="deliver-to"
                    name="country"
                    class="rounded border border-slate-300 bg-white px-2 py-1"
                    on:change=move |_| {
                        #[cfg(feature = "hydrate")]
                        if let Some(f) = form.get() {
                            let _ = f.submit();
                        }
                    }
                >
                    {current
                        .is_empty()
                        .then(|| {
                            view! {
                                <option value="" selected>
                                    "—"
                                </option>
                            }
                        })}
                    {domain::shipping::DESTINATIONS
                        .into_iter()
                        .map(|c| {
                            view! {
                                <option value=c selected={c == current}>
                                    {name(c)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <noscript>
                    <button type="submit" class="rounded border border-slate-300 px-2">
                        {t(K::ShChange)}
                    </button>
                </noscript>
            </form>
            {status}
        </section>
    }
}

#[component]
pub fn Stars(rating_x10: u16, count: u32, #[prop(optional)] lang: Option<Lang>) -> impl IntoView {
    let lang = lang.unwrap_or_else(use_lang);
    if count == 0 {
        return Either::Left(
            view! { <p class="text-xs text-slate-500">{K::NoRatings.text(lang)}</p> },
        );
    }
    let label = format!("{}.{} / 5", rating_x10 / 10, rating_x10 % 10);
    Either::Right(view! {
        <p class="stars">
            <span class="text-amber-500" aria-hidden="true">
                "★"
            </span>
            <span class="font-medium text-slate-800">{label}</span>
            <span>"(" {count} " " {K::RatingsCount.text(lang)} ")"</span>
        </p>
    })
}

#[component]
pub fn ProductCardView(
    card: ProductCard,
    /// Search terms to mark in the title.
    #[prop(optional)]
    highlight: Vec<String>,
    #[prop(optional)] prefs: Option<Prefs>,
) -> impl IntoView {
    let prefs = page_prefs(prefs);
    let lang = prefs.lang;
    let href = card.href();
    let terms: Vec<&str> = highlight.iter().map(String::as_str).collect();
    let title = domain::search::highlight(&card.title, &terms)
        .into_iter()
        .map(|(text, marked)| {
            if marked {
                Either::Left(
                    view! { <mark class="rounded bg-amber-100 px-0.5 text-inherit">{text}</mark> },
                )
            } else {
                Either::Right(text)
            }
        })
        .collect_view();
    view! {
        <li class="pcard">
            <a href=href class="pcard-link">
                <img
                    src=card.image
                    alt=card.title.clone()
                    loading="lazy"
                    width="400"
                    height="400"
                    class="pcard-img"
                />
                <div class="pcard-body">
                    <h3 class="pcard-title">{title}</h3>
                    <Price price=card.price prefs=prefs />
                    <Stars rating_x10=card.rating_x10 count=card.rating_count lang=lang />
                    <p class="pcard-shop">{card.shop_name}</p>
                </div>
            </a>
        </li>
    }
}

/// Every image of a product: a swipeable strip (scroll snap) with thumbnails that
/// jump to each picture. Works without wasm; images after the first load lazily.
#[component]
fn Gallery(images: Vec<String>, title: String) -> impl IntoView {
    let many = images.len() > 1;
    let thumbs = images.clone();
    view! {
        <div class="min-w-0 space-y-2" data-testid="gallery">
            <div class="flex snap-x snap-mandatory overflow-x-auto rounded-2xl border border-slate-200 bg-slate-100">
                {images
                    .into_iter()
                    .enumerate()
                    .map(|(i, src)| {
                        view! {
                            <img
                                id=format!("img-{i}")
                                src=src
                                alt=format!("{title} ({})", i + 1)
                                width="800"
                                height="800"
                                sizes="(min-width: 768px) 50vw, 100vw"
                                loading=if i == 0 { "eager" } else { "lazy" }
                                class="aspect-square w-full shrink-0 snap-center object-cover"
                            />
                        }
                    })
                    .collect_view()}
            </div>
            {many
                .then(|| {
                    view! {
                        <ul class="flex gap-2 overflow-x-auto" aria-label=t(K::MoreImages)>
                            {thumbs
                                .into_iter()
                                .enumerate()
                                .map(|(i, src)| {
                                    view! {
                                        <li class="shrink-0">
                                            <a
                                                href=format!("#img-{i}")
                                                class="block rounded-lg border border-slate-200 focus:outline-none focus:ring-2 focus:ring-teal-600"
                                            >
                                                <img
                                                    src=src
                                                    alt=""
                                                    width="64"
                                                    height="64"
                                                    loading="lazy"
                                                    class="h-16 w-16 rounded-lg object-cover"
                                                />
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        </div>
    }
}

/// Size, colour, ...: each value is a link to that variant's own page (own price, stock
/// and URL), so choosing works without wasm and can be shared.
#[component]
fn VariantPickers(axes: Vec<VariantAxis>) -> impl IntoView {
    let chip = "inline-block min-w-12 rounded-lg px-3 py-1.5 text-center text-sm focus:outline-none focus:ring-2 focus:ring-teal-600";
    view! {
        <div class="space-y-3" data-testid="variants">
            {axes
                .into_iter()
                .map(|axis| {
                    let current = axis
                        .choices
                        .iter()
                        .find(|c| c.selected)
                        .map(|c| c.label.clone())
                        .unwrap_or_default();
                    view! {
                        <div role="group" aria-label=axis.name.clone()>
                            <p class="mb-1 text-sm text-slate-600">
                                {axis.name.clone()} ": "
                                <span class="font-semibold text-slate-900">{current}</span>
                            </p>
                            <ul class="flex flex-wrap gap-2">
                                {axis
                                    .choices
                                    .into_iter()
                                    .map(|c| {
                                        let look = match (c.selected, c.available) {
                                            (true, _) => {
                                                "border-2 border-teal-700 bg-teal-50 font-semibold text-teal-900"
                                            }
                                            (false, true) => {
                                                "border border-slate-300 bg-white text-slate-900 hover:border-teal-600"
                                            }
                                            (false, false) => {
                                                "border border-dashed border-slate-300 bg-slate-50 text-slate-400 line-through hover:border-slate-400"
                                            }
                                        };
                                        view! {
                                            <li>
                                                <a
                                                    href=c.href
                                                    class=format!("{chip} {look}")
                                                    aria-current=c.selected.then_some("true")
                                                >
                                                    {c.label}
                                                    {(!c.available)
                                                        .then(|| {
                                                            view! {
                                                                <span class="sr-only">" (" {t(K::OutOfStock)} ")"</span>
                                                            }
                                                        })}
                                                </a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[component]
pub fn ProductGrid(
    cards: Vec<ProductCard>,
    #[prop(optional)] highlight: Vec<String>,
    #[prop(optional)] prefs: Option<Prefs>,
) -> impl IntoView {
    if cards.is_empty() {
        return Either::Left(view! { <EmptyState message=K::NoProducts /> });
    }
    let prefs = page_prefs(prefs);
    Either::Right(view! {
        <ul
            class="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-4 xl:grid-cols-6"
            data-testid="product-grid"
        >
            {cards
                .into_iter()
                .map(|c| {
                    view! { <ProductCardView card=c highlight=highlight.clone() prefs=prefs /> }
                })
                .collect_view()}
        </ul>
    })
}

#[component]
fn Crumbs(crumbs: Vec<CategoryLink>) -> impl IntoView {
    view! {
        <nav aria-label="Breadcrumb" class="text-sm text-slate-600">
            <ol class="flex flex-wrap items-center gap-1">
                <li>
                    <a href="/" class="hover:underline">
                        {t(K::Home)}
                    </a>
                </li>
                {crumbs
                    .into_iter()
                    .map(|c| {
                        view! {
                            <li aria-hidden="true">"›"</li>
                            <li>
                                <a href=format!("/c/{}", c.slug) class="hover:underline">
                                    {c.name}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

fn error_view(e: AppError) -> AnyView {
    if e == AppError::NotFound {
        view! { <NotFound /> }.into_any()
    } else {
        view! { <ErrorBanner error=e /> }.into_any()
    }
}

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
                                                            let offer = t(K::SpendSave)
                                                                .replace("{spend}", &p.spend.format())
                                                                .replace("{save}", &p.save.format());
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

#[component]
pub fn ProductPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = Resource::<_, AsciiJson>::new_with_options(id, product_page, false);
    view! {
        <Suspense fallback=|| {
            view! { <LoadingBlock /> }
        }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => {
                        Either::Left({
                            let (stock_class, stock_key) = if d.available <= 0 {
                                ("font-medium text-red-700", K::OutOfStock)
                            } else if d.available <= 5 {
                                ("font-medium text-amber-700", K::LowStock)
                            } else {
                                ("font-medium text-emerald-700", K::InStock)
                            };
                            let stock = view! { <span class=stock_class>{t(stock_key)}</span> };
                            let main_image = d
                                .images
                                .first()
                                .cloned()
                                .unwrap_or(d.card.image.clone());
                            let (reviews_of, reviews_href) = (d.card.id.clone(), d.card.href());
                            let share_text = format!(
                                "{} · {}",
                                d.card.title,
                                d.card.price.charged.format(),
                            );
                            let share_path = d.card.href();
                            view! {
                                <Title text=format!("{} · {}", d.card.title, t(K::Brand)) />
                                <Link rel="canonical" href=d.canonical_url.clone() />
                                <Meta property="og:type" content="product" />
                                <Meta property="og:title" content=d.card.title.clone() />
                                <Meta property="og:url" content=d.canonical_url.clone() />
                                <Meta property="og:image" content=d.share_image.clone() />
                                <Meta property="og:image:width" content="1200" />
                                <Meta property="og:image:height" content="630" />
                                <Meta property="og:description" content=d.description.clone() />
                                <Meta property="og:site_name" content=t(K::Brand) />
                                <Meta name="twitter:card" content="summary_large_image" />
                                <Meta name="twitter:title" content=share_text.clone() />
                                <Meta
                                    name="twitter:description"
                                    content={d.description.chars().take(200).collect::<String>()}
                                />
                                <Meta name="twitter:image" content=d.share_image.clone() />
                                <Meta
                                    property="product:price:amount"
                                    content=d.card.price.charged.decimal_string()
                                />
                                <Meta
                                    property="product:price:currency"
                                    content=d.card.price.charged.currency.code()
                                />
                                <script
                                    type="application/ld+json"
                                    inner_html=d.json_ld.clone()
                                ></script>
                                <Crumbs crumbs=d.crumbs />
                                <article class="mt-4 grid gap-8 md:grid-cols-2">
                                    <Gallery
                                        images=if d.images.is_empty() {
                                            vec![main_image]
                                        } else {
                                            d.images.clone()
                                        }
                                        title=d.card.title.clone()
                                    />
                                    <div class="space-y-4">
                                        <h1 class="text-2xl font-bold text-slate-900">
                                            {d.card.title}
                                        </h1>
                                        <Stars
                                            rating_x10=d.card.rating_x10
                                            count=d.card.rating_count
                                        />
                                        <Price price=d.card.price large=true />
                                        <crate::referrals::views::ShareButton
                                            path=share_path
                                            url=d.canonical_url.clone()
                                            text=share_text.clone()
                                        />
                                        {(!d.variants.is_empty())
                                            .then(|| {
                                                view! { <VariantPickers axes=d.variants.clone() /> }
                                            })}
                                        <p class="text-sm">{stock}</p>
                                        <AddToCartForm
                                            product_id=d.card.id.clone()
                                            available=d.available
                                        />
                                        <dl class="grid grid-cols-2 gap-2 rounded-xl border border-slate-200 bg-white p-4 text-sm">
                                            <dt class="text-slate-500">{t(K::SoldBy)}</dt>
                                            <dd class="font-medium" data-testid="sold-by">
                                                <a href=d.shop_href.clone() class="text-teal-800 underline">
                                                    {d.card.shop_name}
                                                </a>
                                            </dd>
                                            <dt class="text-slate-500">{t(K::ShipsFrom)}</dt>
                                            <dd class="font-medium">{d.ships_from}</dd>
                                        </dl>
                                        <DeliveryPanel info=d.delivery.clone() />
                                        <section>
                                            <h2 class="mb-1 font-semibold">{t(K::Description)}</h2>
                                            <p class="whitespace-pre-line text-slate-700">
                                                {d.description}
                                            </p>
                                        </section>
                                        <crate::moderation::reports::ReportListingForm product=d
                                            .card
                                            .id
                                            .clone() />
                                    </div>
                                </article>
                                <crate::reviews::views::ReviewsSection
                                    product=reviews_of
                                    href=reviews_href
                                />
                                {(!d.related.is_empty())
                                    .then(|| {
                                        view! {
                                            <section class="mt-10" data-testid="related">
                                                <h2 class="mb-3 text-lg font-bold text-slate-900">
                                                    {t(K::RelatedProducts)}
                                                </h2>
                                                <ProductGrid cards=d.related.clone() />
                                            </section>
                                        }
                                    })}
                            }
                        })
                    }
                    Err(e) => Either::Right(error_view(e)),
                }
            })}
        </Suspense>
    }
}

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
        |(s, lq)| shop_page(s, lq),
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
                                        <p class="mt-1 flex flex-wrap items-center gap-3 text-sm text-slate-600">
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
                                        </p>
                                    </div>
                                    <crate::referrals::views::ShareButton
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

/// The listing query in the page's URL.
fn listing_query(map: &leptos_router::params::ParamsMap) -> ListingQuery {
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
#[component]
fn ListingView(
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
