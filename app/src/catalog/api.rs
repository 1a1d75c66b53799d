//! Storefront server functions: header data, home, category, product and search pages.

use leptos::prelude::*;

use super::{
    CategoryPageData, HomeData, Listing, ListingQuery, NavData, ProductDetail, ShopPageData,
    Suggestions,
};
use crate::error::AppError;

#[cfg(feature = "ssr")]
mod imp {
    use domain::{Currency, Lang, Money};
    use surrealdb::types::RecordId;

    use super::super::store::{self, CardRow, CategoryRow, CursorValue, ListingFilter, Sort};
    use super::super::{
        localized, CategoryLink, CategoryPageData, CategoryTree, DeliveryEstimate, DeliveryInfo,
        HomeData, Listing, ListingQuery, NavData, ProductCard, ProductDetail, PromotionCard,
        ShopPageData, Suggestions, VariantAxis, VariantLink,
    };
    use crate::error::AppError;
    use crate::prefs::Prefs;
    use crate::state::{app_state, key_of, AppState};

    fn link(c: &CategoryRow, lang: Lang) -> CategoryLink {
        CategoryLink {
            slug: c.slug.clone(),
            name: localized(lang, c.name_en.clone(), c.name_zh.clone()),
        }
    }

    fn tree(cats: &[CategoryRow], lang: Lang) -> Vec<CategoryTree> {
        cats.iter()
            .filter(|c| c.parent.is_none())
            .map(|top| CategoryTree {
                link: link(top, lang),
                children: cats
                    .iter()
                    .filter(|c| c.parent.as_ref() == Some(&top.id))
                    .map(|c| link(c, lang))
                    .collect(),
            })
            .collect()
    }

    pub(super) struct Ctx {
        prefs: Prefs,
        rates: domain::fx::RateTable,
    }

    impl Ctx {
        pub(super) async fn load() -> Result<(crate::state::AppState, Ctx), AppError> {
            let state = app_state()?;
            let rates = super::super::cache::usd_rates(&state).await?;
            Ok((
                state,
                Ctx {
                    prefs: Prefs::current(),
                    rates,
                },
            ))
        }

        fn card(&self, r: CardRow) -> Option<ProductCard> {
            let currency = Currency::parse(&r.currency)?;
            let charged = Money::new(r.price_minor, currency);
            Some(ProductCard {
                id: key_of(&r.id),
                slug: r.slug,
                title: localized(self.prefs.lang, r.title_en, r.title_zh),
                image: r.image_url,
                price: store::price_view(charged, self.prefs.currency, &self.rates),
                shop_name: r.shop_name.unwrap_or_default(),
                rating_x10: (r.rating_avg * 10.0).round().clamp(0.0, 50.0) as u16,
                rating_count: r.rating_count.clamp(0, i64::from(u32::MAX)) as u32,
            })
        }

        fn cards(&self, rows: Vec<CardRow>) -> Vec<ProductCard> {
            rows.into_iter().filter_map(|r| self.card(r)).collect()
        }
    }

    /// Ancestors of a category from the root down, including itself.
    fn crumbs(cats: &[CategoryRow], id: &RecordId, lang: Lang) -> Vec<CategoryLink> {
        let mut out = Vec::new();
        let mut cur = cats.iter().find(|c| &c.id == id);
        while let Some(c) = cur {
            out.push(link(c, lang));
            cur = c
                .parent
                .as_ref()
                .and_then(|p| cats.iter().find(|x| &x.id == p));
        }
        out.reverse();
        out
    }

    /// A category and all its descendants.
    fn subtree(cats: &[CategoryRow], root: &RecordId) -> Vec<RecordId> {
        let mut out = vec![root.clone()];
        let mut i = 0;
        while i < out.len() {
            let cur = out[i].clone();
            out.extend(
                cats.iter()
                    .filter(|c| c.parent.as_ref() == Some(&cur))
                    .map(|c| c.id.clone()),
            );
            i += 1;
        }
        out
    }

    async fn cached_categories(
        state: &crate::state::AppState,
    ) -> Result<Vec<CategoryRow>, AppError> {
        Ok(state
            .catalog_cache
            .get_or_load("categories", store::categories(&state.db))
            .await?)
    }

    pub async fn nav_data() -> Result<NavData, AppError> {
        let state = app_state()?;
        let prefs = Prefs::current();
        let cats = cached_categories(&state).await?;
        let cart_count = crate::cart::api::imp::cart_item_count(&state).await?;
        Ok(NavData {
            categories: tree(&cats, prefs.lang),
            cart_count,
        })
    }

    pub async fn home_data() -> Result<HomeData, AppError> {
        let (state, ctx) = Ctx::load().await?;
        let cats = cached_categories(&state).await?;
        let new_arrivals = ctx.cards(
            state
                .catalog_cache
                .get_or_load("home_newest", store::newest(&state.db, 12))
                .await?,
        );
        let top_rated = ctx.cards(
            state
                .catalog_cache
                .get_or_load("home_top_rated", store::top_rated(&state.db, 8))
                .await?,
        );
        let promotions = state
            .catalog_cache
            .get_or_load(
                "home_promotions",
                store::running_promotions(&state.db, state.now(), 6),
            )
            .await?
            .into_iter()
            .filter_map(|p| {
                let currency = Currency::parse(&p.currency)?;
                Some(PromotionCard {
                    title: localized(ctx.prefs.lang, p.title_en, p.title_zh),
                    shop_name: p.shop_name.unwrap_or_default(),
                    spend: Money::new(p.threshold_minor, currency),
                    save: Money::new(p.discount_minor, currency),
                    ends: {
                        use chrono::Datelike;
                        let last = (p.ends_at - chrono::Duration::seconds(1)).date_naive();
                        domain::locale::format_date(
                            ctx.prefs.lang,
                            i64::from(last.year()),
                            last.month(),
                            last.day(),
                        )
                    },
                    href: format!(
                        "/c/{}?shop={}",
                        key_of(&p.browse),
                        p.shop_slug.unwrap_or_default()
                    ),
                })
            })
            .collect();
        let trending = ctx.cards(
            state
                .catalog_cache
                .get_or_load("home_trending", store::trending(&state.db))
                .await?,
        );
        Ok(HomeData {
            categories: tree(&cats, ctx.prefs.lang),
            new_arrivals,
            trending,
            promotions,
            top_rated,
        })
    }

    pub async fn category_page(
        slug: String,
        query: ListingQuery,
    ) -> Result<CategoryPageData, AppError> {
        let (state, ctx) = Ctx::load().await?;
        let cats = cached_categories(&state).await?;
        let cat = cats
            .iter()
            .find(|c| c.slug == slug)
            .ok_or(AppError::NotFound)?;
        let lang = ctx.prefs.lang;
        let listing = ctx
            .listing(&state, &query, Some(subtree(&cats, &cat.id)), None)
            .await?;
        Ok(CategoryPageData {
            crumbs: crumbs(&cats, &cat.id, lang),
            name: link(cat, lang).name,
            children: cats
                .iter()
                .filter(|c| c.parent.as_ref() == Some(&cat.id))
                .map(|c| link(c, lang))
                .collect(),
            listing,
        })
    }

    /// An approved shop's page: its name, rating and age, and its products (the listing
    /// filtered to the shop).
    pub async fn shop_page(
        slug: String,
        mut query: ListingQuery,
    ) -> Result<ShopPageData, AppError> {
        if !crate::state::is_record_key(&slug) {
            return Err(AppError::NotFound);
        }
        let (state, ctx) = Ctx::load().await?;
        let row = store::approved_shop(&state.db, RecordId::new("shop", slug.as_str()))
            .await?
            .ok_or(AppError::NotFound)?;
        query.shop = Some(slug.clone());
        let listing = ctx.listing(&state, &query, None, None).await?;
        let origin = state.settings.public_origin.clone();
        Ok(ShopPageData {
            canonical_url: format!("{origin}/s/{slug}"),
            share_image: format!("{origin}/share/card/s/{slug}.svg"),
            slug,
            name: row.name,
            ships_from: row.ships_from,
            rating_x10: (row.rating_avg * 10.0).round().clamp(0.0, 50.0) as u16,
            rating_count: row.rating_count,
            since: row.created_at.timestamp(),
            listing,
        })
    }

    /// Most products on one listing page.
    const PAGE: i64 = 48;
    /// Relevance-sorted search pages by offset; deeper than this, refine the query.
    const MAX_SEARCH_OFFSET: i64 = PAGE * 10;

    impl Ctx {
        /// Reads a listing query: unreadable inputs are left out and reported.
        fn filter(&self, q: &ListingQuery, searching: bool) -> (ListingFilter, Sort, Vec<String>) {
            let mut ignored = Vec::new();
            let mut f = ListingFilter::default();
            let sort = Sort::parse(q.sort.as_deref(), searching);
            let mut bound = |name: &str, v: &Option<String>| -> Option<i64> {
                let v = v.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
                match Money::parse_major(v, self.prefs.currency)
                    .and_then(|m| store::to_reference(m.amount_minor, m.currency, &self.rates))
                {
                    Some(r) => Some(r),
                    None => {
                        ignored.push(name.to_string());
                        None
                    }
                }
            };
            f.min_ref = bound("min", &q.min);
            f.max_ref = bound("max", &q.max);
            f.in_stock = q
                .in_stock
                .as_deref()
                .is_some_and(|v| !v.is_empty() && v != "0");
            f.min_rating = match q.rating.as_deref().filter(|s| !s.is_empty()) {
                None => None,
                Some(r) => match r.parse::<f64>() {
                    Ok(x) if (1.0..=5.0).contains(&x) => Some(x),
                    _ => {
                        ignored.push("rating".into());
                        None
                    }
                },
            };
            if let Some(c) = q.after.as_deref().filter(|s| !s.is_empty()) {
                match decode_cursor(c, sort) {
                    Some(cur) => f.after = Some(cur),
                    None => ignored.push("after".into()),
                }
            }
            (f, sort, ignored)
        }

        pub(super) async fn listing(
            &self,
            state: &crate::state::AppState,
            q: &ListingQuery,
            categories: Option<Vec<RecordId>>,
            search: Option<String>,
        ) -> Result<Listing, AppError> {
            let (mut f, sort, mut ignored) = self.filter(q, search.is_some());
            f.categories = categories;
            f.search = search;
            let shops = state
                .catalog_cache
                .get_or_load("open_shops", store::open_shops(&state.db))
                .await?;
            if let Some(slug) = q.shop.as_deref().filter(|s| !s.is_empty()) {
                match shops.iter().find(|s| s.slug == slug) {
                    Some(s) => f.shop = Some(RecordId::new("shop", s.slug.as_str())),
                    None => ignored.push("shop".into()),
                }
            }
            // listing pages are cached (30 s, dropped on catalog writes): the stock
            // filter and stock boost may lag by that much; product pages, the cart
            // and checkout always read live stock
            let key = f.cache_key(sort);
            let mut rows: Vec<store::ListingRow> = state
                .catalog_cache
                .get_or_load_keyed(key, store::listing(&state.db, &f, sort, PAGE))
                .await?;
            let more = rows.len() as i64 > PAGE;
            rows.truncate(PAGE as usize);
            let next = match (more, rows.last()) {
                (true, Some(last)) => match sort {
                    Sort::Relevance => {
                        let offset = match &f.after {
                            Some((CursorValue::Offset(n), _)) => *n,
                            _ => 0,
                        } + PAGE;
                        (offset < MAX_SEARCH_OFFSET).then(|| format!("o{offset}~"))
                    }
                    Sort::Newest => Some(format!("i{}~{}", last.newest_key, key_of(&last.id))),
                    Sort::PriceAsc => {
                        Some(format!("i{}~{}", last.price_ref_minor, key_of(&last.id)))
                    }
                    Sort::PriceDesc => {
                        Some(format!("i{}~{}", last.price_desc_key, key_of(&last.id)))
                    }
                    Sort::Rating => Some(format!("f{}~{}", last.rating_key, key_of(&last.id))),
                },
                _ => None,
            };
            Ok(Listing {
                cards: self.cards(rows.into_iter().map(|r| r.card_row()).collect()),
                next,
                ignored,
                did_you_mean: None,
                sellers: shops
                    .iter()
                    .map(|s| CategoryLink {
                        slug: s.slug.clone(),
                        name: s.name.clone(),
                    })
                    .collect(),
            })
        }
    }

    /// `i<int>~id`, `f<float>~id` or `o<offset>~`, matching `sort`.
    fn decode_cursor(c: &str, sort: Sort) -> Option<(CursorValue, String)> {
        let (value, id) = c.split_once('~')?;
        if !id.is_empty() && !crate::state::is_record_key(id) {
            return None;
        }
        let (kind, v) = value.split_at_checked(1)?;
        let cur = match (kind, sort) {
            ("i", Sort::Newest | Sort::PriceAsc | Sort::PriceDesc) => {
                CursorValue::Int(v.parse().ok()?)
            }
            ("f", Sort::Rating) => {
                CursorValue::Float(v.parse().ok().filter(|x: &f64| x.is_finite())?)
            }
            ("o", Sort::Relevance) => CursorValue::Offset(
                v.parse()
                    .ok()
                    .filter(|n| (0..MAX_SEARCH_OFFSET).contains(n))?,
            ),
            _ => return None,
        };
        if !matches!(cur, CursorValue::Offset(_)) && id.is_empty() {
            return None;
        }
        Some((cur, id.to_string()))
    }

    /// Where a shop delivers and what it means for a shopper in `country`.
    async fn delivery_info(
        state: &AppState,
        shop_slug: &str,
        ships_from: String,
        currency: Currency,
        country: Option<&'static str>,
    ) -> Result<DeliveryInfo, AppError> {
        let shop = RecordId::new("shop", shop_slug);
        let zones: Vec<domain::shipping::ZoneRate> =
            crate::orders::store::shipping_methods(&state.db, vec![shop])
                .await?
                .iter()
                .map(|m| m.zone())
                .collect();
        let estimate =
            country.and_then(
                |c| match domain::shipping::delivery_to(&zones, &ships_from, c) {
                    domain::shipping::Delivery::Ships {
                        days_min,
                        days_max,
                        from_minor,
                        duties,
                    } => Some(DeliveryEstimate {
                        days_min,
                        days_max,
                        fee: Money::new(from_minor, currency),
                        duties,
                    }),
                    domain::shipping::Delivery::NotShipped => None,
                },
            );
        Ok(DeliveryInfo {
            country: country.map(str::to_string),
            ships_to: domain::shipping::ships_to(&zones)
                .into_iter()
                .map(str::to_string)
                .collect(),
            ships_from,
            estimate,
        })
    }

    pub async fn product_page(id: String) -> Result<ProductDetail, AppError> {
        if !crate::state::is_record_key(&id) {
            return Err(AppError::NotFound);
        }
        let (state, ctx) = Ctx::load().await?;
        let rid = RecordId::new("product", id.as_str());
        let row = store::product(&state.db, rid.clone())
            .await?
            .ok_or(AppError::NotFound)?;
        crate::sellers::stats::record(crate::sellers::stats::Event::View, &id);
        let cats = cached_categories(&state).await?;
        let lang = ctx.prefs.lang;
        let images = store::product_images(&state.db, rid.clone()).await?;
        // most products are in no group: no query for them
        let listed = match (&row.variant_of, row.has_variants) {
            (Some(listed), _) => Some(listed.clone()),
            (None, true) => Some(rid.clone()),
            (None, false) => None,
        };
        let group = match listed {
            Some(listed) => store::variant_group(&state.db, listed).await?,
            None => Vec::new(),
        };
        let variants = variant_axes(&group, &rid, lang);
        let available = store::available_stock(&state.db, rid).await?;
        let crumbs = crumbs(&cats, &row.category, lang);
        let related: Vec<ProductCard> = ctx
            .cards(store::in_categories(&state.db, vec![row.category.clone()], 7).await?)
            .into_iter()
            .filter(|c| c.id != id)
            .take(6)
            .collect();
        let description = localized(lang, row.description_en.clone(), row.description_zh.clone());
        let ships_from = row.ships_from.clone().unwrap_or_default();
        let shop_href = format!("/s/{}", row.shop_slug.clone().unwrap_or_default());
        let brand = row.brand.clone();
        let card = ctx
            .card(CardRow {
                id: row.id,
                slug: row.slug,
                title_en: row.title_en,
                title_zh: row.title_zh,
                price_minor: row.price_minor,
                currency: row.currency,
                rating_avg: row.rating_avg,
                rating_count: row.rating_count,
                shop_name: row.shop_name,
                image_url: row.image_url,
            })
            .ok_or(AppError::NotFound)?;
        let delivery = delivery_info(
            &state,
            row.shop_slug.as_deref().unwrap_or_default(),
            row.shop_country.clone().unwrap_or_else(|| "TW".into()),
            card.price.charged.currency,
            ctx.prefs.country,
        )
        .await?;
        let origin = state.settings.public_origin.clone();
        let canonical_url = format!("{origin}{}", card.href());
        let image_url = format!("{origin}{}", images.first().unwrap_or(&card.image));
        let share_image = format!("{origin}/share/card/p/{}.svg", card.id);
        let json_ld = product_json_ld(
            &card,
            &description,
            brand.as_deref(),
            available,
            &canonical_url,
            &image_url,
        );
        Ok(ProductDetail {
            card,
            description,
            crumbs,
            images,
            available,
            ships_from,
            shop_href,
            canonical_url,
            image_url,
            share_image,
            json_ld,
            related,
            variants,
            delivery,
        })
    }

    /// The option pickers for the variant `current` of `group` (see [`domain::variant`]).
    fn variant_axes(
        group: &[store::VariantRow],
        current: &RecordId,
        lang: Lang,
    ) -> Vec<VariantAxis> {
        let Some(here) = group.iter().position(|v| &v.id == current) else {
            return Vec::new();
        };
        fn options(v: &store::VariantRow) -> &[store::OptionRow] {
            v.options.as_deref().unwrap_or_default()
        }
        // values are compared by their English text, shown in the page's language
        let values: Vec<Vec<String>> = group
            .iter()
            .map(|v| options(v).iter().map(|o| o.value_en.clone()).collect())
            .collect();
        let axes = options(&group[here]);
        domain::variant::pickers(&values, here)
            .into_iter()
            .zip(axes)
            .enumerate()
            .map(|(a, (choices, axis))| VariantAxis {
                name: localized(lang, axis.axis_en.clone(), axis.axis_zh.clone()),
                choices: choices
                    .into_iter()
                    .map(|c| {
                        let target = &group[c.target];
                        let label = options(target)
                            .get(a)
                            .map(|o| localized(lang, o.value_en.clone(), o.value_zh.clone()))
                            .unwrap_or(c.value);
                        VariantLink {
                            label,
                            href: format!("/p/{}/{}", key_of(&target.id), target.slug),
                            selected: c.selected,
                            available: target.available > 0,
                        }
                    })
                    .collect(),
            })
            .collect()
    }

    /// schema.org `Product` with its `Offer` (in the charged currency) and rating,
    /// escaped so it can sit inside a `<script>` element.
    fn product_json_ld(
        card: &ProductCard,
        description: &str,
        brand: Option<&str>,
        available: i64,
        url: &str,
        image: &str,
    ) -> String {
        let mut product = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "Product",
            "name": card.title,
            "image": [image],
            "description": description,
            "offers": {
                "@type": "Offer",
                "url": url,
                "priceCurrency": card.price.charged.currency.code(),
                "price": card.price.charged.decimal_string(),
                "availability": if available > 0 { "https://schema.org/InStock" } else { "https://schema.org/OutOfStock" },
                "seller": { "@type": "Organization", "name": card.shop_name },
            },
        });
        if let Some(b) = brand {
            product["brand"] = serde_json::json!({ "@type": "Brand", "name": b });
        }
        if card.rating_count > 0 {
            product["aggregateRating"] = serde_json::json!({
                "@type": "AggregateRating",
                "ratingValue": format!("{}.{}", card.rating_x10 / 10, card.rating_x10 % 10),
                "reviewCount": card.rating_count,
            });
        }
        product.to_string().replace("</", "<\\/")
    }

    pub async fn search(q: String, query: ListingQuery) -> Result<Listing, AppError> {
        let q = q.trim();
        if q.is_empty() {
            return Ok(Listing::default());
        }
        let q: String = q.chars().take(100).collect();
        let (state, ctx) = Ctx::load().await?;
        let mut listing = ctx.listing(&state, &query, None, Some(q.clone())).await?;
        if listing.cards.len() < 4 && query.after.is_none() {
            let words = vocabulary(&state).await?;
            listing.did_you_mean = domain::search::correct(&q, &words);
        }
        Ok(listing)
    }

    async fn vocabulary(
        state: &crate::state::AppState,
    ) -> Result<std::sync::Arc<Vec<String>>, AppError> {
        Ok(state
            .catalog_cache
            .get_or_load("vocabulary", store::vocabulary(&state.db))
            .await?)
    }

    /// Typo-corrected query, completions of the last word, and the best few products.
    pub async fn suggestions(q: String) -> Result<Suggestions, AppError> {
        let q: String = q.trim().chars().take(100).collect();
        if q.chars().count() < 2 {
            return Ok(Suggestions::default());
        }
        let (state, ctx) = Ctx::load().await?;
        let words = vocabulary(&state).await?;
        let corrected = domain::search::correct(&q, &words);
        let last = q.split_whitespace().last().unwrap_or_default();
        let head = q[..q.len() - last.len()].to_string();
        let completions = domain::search::completions(last, &words, 4)
            .into_iter()
            .filter(|w| *w != last.to_lowercase())
            .map(|w| format!("{head}{w}"))
            .collect();
        let needle = corrected.clone().unwrap_or_else(|| q.clone());
        let products = ctx
            .cards(store::search(&state.db, &needle, 5).await?)
            .into_iter()
            .map(|c| (c.title.clone(), c.href()))
            .collect();
        Ok(Suggestions {
            corrected,
            words: completions,
            products,
        })
    }
}

#[server(endpoint = "nav_data")]
pub async fn get_nav_data() -> Result<NavData, AppError> {
    crate::error::respond(imp::nav_data().await)
}

#[server(endpoint = "home_data")]
pub async fn get_home_data() -> Result<HomeData, AppError> {
    crate::error::respond(imp::home_data().await)
}

#[server(endpoint = "category_page")]
pub async fn category_page(
    slug: String,
    #[server(default)] query: ListingQuery,
) -> Result<CategoryPageData, AppError> {
    crate::error::respond(imp::category_page(slug, query).await)
}

#[server(endpoint = "shop_page")]
pub async fn shop_page(
    slug: String,
    #[server(default)] query: ListingQuery,
) -> Result<ShopPageData, AppError> {
    crate::error::respond(imp::shop_page(slug, query).await)
}

#[server(endpoint = "product_page")]
pub async fn product_page(id: String) -> Result<ProductDetail, AppError> {
    crate::error::respond(imp::product_page(id).await)
}

#[server(endpoint = "search_products")]
pub async fn search_products(
    q: String,
    #[server(default)] query: ListingQuery,
) -> Result<Listing, AppError> {
    crate::error::respond(imp::search(q, query).await)
}

/// Suggestions for the search box (debounced by the caller).
#[server(endpoint = "search_suggestions")]
pub async fn search_suggestions(q: String) -> Result<Suggestions, AppError> {
    crate::error::respond(imp::suggestions(q).await)
}
