//! Components every storefront page shows: prices, stars, product cards and grids,
//! breadcrumbs.

use leptos::either::Either;
use leptos::prelude::*;

use super::page_prefs;
use crate::catalog::{CategoryLink, PriceView, ProductCard};
use crate::i18n::{t, use_lang, K};
use crate::prefs::Prefs;
use crate::ui::EmptyState;
use domain::Lang;

#[component]
pub fn Price(
    price: PriceView,
    #[prop(optional)] large: bool,
    #[prop(optional)] prefs: Option<Prefs>,
    /// The price crossed out beside it (before a promotion, or "compare at").
    #[prop(default = None)]
    was: Option<PriceView>,
) -> impl IntoView {
    let prefs = page_prefs(prefs);
    let (lang, style) = (prefs.lang, prefs.numbers);
    let main_class = match (large, was.is_some()) {
        (true, false) => "text-2xl font-bold text-slate-900",
        (true, true) => "text-2xl font-bold text-rose-700",
        (false, false) => "price-main",
        (false, true) => "price-deal",
    };
    let was = was.map(|w| {
        let shown = w.display.unwrap_or(w.charged);
        view! {
            <s class="price-was" data-testid="price-was">
                <span class="sr-only">{K::WasPrice.text(lang)} " "</span>
                {shown.format_in(style)}
            </s>
        }
    });
    // `Either` rather than `into_any()`: erasing a view copies every static class
    // string into a fresh allocation, which showed in the listing pages' profile
    match price.display {
        Some(display) => Either::Left(view! {
            <p class="leading-tight" data-testid="price" title=K::ApproxNote.text(lang)>
                <span class=main_class>
                    <span class="price-note mr-1">{K::ApproxPrice.text(lang)}</span>
                    <span data-testid="price-display">{display.format_in(style)}</span>
                </span>
                {was}
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
                {was}
            </p>
        }),
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
    // a running promotion's saving as a share of the crossed-out price ("−20%")
    let badge = card
        .was
        .as_ref()
        .map(|w| (w.charged, card.price.charged))
        .filter(|(was, now)| was.currency == now.currency && was.amount_minor > now.amount_minor)
        .map(|(was, now)| (was.amount_minor - now.amount_minor) * 100 / was.amount_minor)
        .filter(|pct| *pct >= 1)
        .map(|pct| {
            view! {
                <span class="pcard-badge" data-testid="deal-badge">
                    "−"
                    {pct}
                    "%"
                </span>
            }
        });
    view! {
        <li class="pcard">
            {badge} <a href=href class="pcard-link">
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
                    <Price price=card.price prefs=prefs was=card.was />
                    <Stars rating_x10=card.rating_x10 count=card.rating_count lang=lang />
                    <p class="pcard-shop">{card.shop_name}</p>
                </div>
            </a>
        </li>
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
pub(super) fn Crumbs(crumbs: Vec<CategoryLink>) -> impl IntoView {
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
