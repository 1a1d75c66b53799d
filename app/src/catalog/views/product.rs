//! `/p/:id/:slug`: a product's page, with its gallery, variant pickers, delivery panel,
//! reviews and related products.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_params_map;

use super::components::Crumbs;
use super::{error_view, page_prefs, Price, ProductGrid, Stars};
use super::{AddToCartForm, ReportListingForm, ReviewsSection, ShareButton};
use crate::catalog::api::product_page;
use crate::catalog::{DeliveryInfo, VariantAxis};
use crate::codec::AsciiJson;
use crate::i18n::{t, K};
use crate::ui::LoadingBlock;
use domain::Lang;

// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
#[component]
pub fn ProductPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = Resource::<_, AsciiJson>::new_with_options(
        id,
        |id: String| async move { product_page(id.parse()?).await },
        false,
    );
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
                                    // min-w-0: a long line (a voucher's title) truncates
                                    // instead of widening the column past a phone's width
                                    <div class="min-w-0 space-y-4">
                                        <h1 class="text-2xl font-bold text-slate-900">
                                            {d.card.title}
                                        </h1>
                                        <Stars
                                            rating_x10=d.card.rating_x10
                                            count=d.card.rating_count
                                        />
                                        <Price price=d.card.price large=true was=d.card.was />
                                        {d.deal.map(|deal| view! { <DealPanel deal=deal /> })}
                                        {d
                                            .member
                                            .map(|m| {
                                                view! {
                                                    <p
                                                        class="rounded-lg border border-teal-200 bg-teal-50 px-3 py-2 text-sm text-teal-900"
                                                        data-testid="member-price"
                                                    >
                                                        <span class="font-semibold">
                                                            {t(K::FwMemberPrice)} " " {m.price.format()}
                                                        </span>
                                                        " · "
                                                        {m.title}
                                                        " · "
                                                        {t(K::FwMemberHint)}
                                                    </p>
                                                }
                                            })}
                                        {(!d.vouchers.is_empty())
                                            .then(|| {
                                                view! {
                                                    <crate::promotions::wallet::VoucherStrip vouchers=d
                                                        .vouchers
                                                        .clone() />
                                                }
                                            })}
                                        {d
                                            .sold_out
                                            .map(|title| {
                                                view! {
                                                    <p
                                                        class="rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700"
                                                        data-testid="flash-sold-out"
                                                    >
                                                        {title}
                                                        " · "
                                                        {t(K::PmFlashSoldOut)}
                                                    </p>
                                                }
                                            })}
                                        <ShareButton
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
                                        <div class="flex flex-wrap items-center gap-3">
                                            <crate::catalog::follows::FollowButton shop=d
                                                .shop_href
                                                .trim_start_matches("/s/")
                                                .to_string() />
                                            <crate::chat::views::AskSeller
                                                shop=d.shop_href.trim_start_matches("/s/").to_string()
                                                product=d.card.id.clone()
                                            />
                                        </div>
                                        <DeliveryPanel info=d.delivery.clone() />
                                        <section>
                                            <h2 class="mb-1 font-semibold">{t(K::Description)}</h2>
                                            <p class="whitespace-pre-line text-slate-700">
                                                {d.description}
                                            </p>
                                        </section>
                                        <ReportListingForm product=d.card.id.clone() />
                                    </div>
                                </article>
                                <ReviewsSection
                                    product=reviews_of.clone()
                                    href=reviews_href.clone()
                                />
                                <crate::qa::views::QuestionsSection
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

/// Whether the product ships to the shopper's country: the estimate, the cheapest
/// rate and the duties note, or that it doesn't ship there; a country picker (a plain
/// GET form to `/prefs`, so it works before wasm) to change the country.
#[component]
fn DeliveryPanel(info: DeliveryInfo) -> impl IntoView {
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

/// The running promotion that sets a product's price: its title, the saving on a unit
/// and a countdown to its end (the end time itself until the page is live).
#[component]
fn DealPanel(deal: crate::catalog::DealInfo) -> impl IntoView {
    let mounted = crate::ui::mounted();
    let (left, set_left) = signal(deal.seconds_left);
    Effect::new(move |_| {
        if mounted.get() {
            if let Ok(h) = set_interval_with_handle(
                move || set_left.update(|s| *s = (*s - 1).max(0)),
                std::time::Duration::from_secs(1),
            ) {
                on_cleanup(move || h.clear());
            }
        }
    });
    let ends = deal.ends.clone();
    view! {
        <div
            class="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-900"
            data-testid="deal"
        >
            <p class="font-semibold">
                {deal.title} " · " {t(K::PmDealSave).replace("{save}", &deal.saving.format())}
            </p>
            {deal
                .flash_left
                .map(|left| {
                    view! {
                        <p data-testid="flash-left">
                            {t(K::PmFlashLeft).replace("{left}", &left.to_string())}
                        </p>
                    }
                })}
            <p>
                {t(K::PmDealEndsIn)} " "
                <time datetime=deal.ends_at data-testid="deal-countdown" class="font-mono">
                    {move || {
                        if mounted.get() {
                            crate::promotions::countdown(left.get())
                        } else {
                            ends.clone()
                        }
                    }}
                </time>
            </p>
        </div>
    }
}
