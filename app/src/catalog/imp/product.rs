//! A product page: detail, variants, delivery to the shopper's country and JSON-LD.

use domain::{Currency, Lang, Money};
use surrealdb::types::RecordId;

use super::{cached_categories, crumbs, Shopper};
use crate::catalog::store::{self, CardRow};
use crate::catalog::{
    localized, DealInfo, DeliveryEstimate, DeliveryInfo, MemberPrice, ProductCard, ProductDetail,
    VariantAxis, VariantLink,
};
use crate::ctx::Storefront;
use crate::error::AppError;
use crate::state::{key_of, AppState};

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
        backend::orders::store::shipping_methods(&state.db, vec![shop])
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

/// The promotions a product page shows: the running one that sets its price, a flash
/// sale of it that sold out, and its shop's vouchers to claim.
fn promotions_on(
    shopper: &Shopper,
    row: &CardRow,
    deal: Option<crate::promotions::book::Deal>,
) -> (
    Option<DealInfo>,
    Option<String>,
    Vec<crate::promotions::VoucherView>,
) {
    let (lang, now) = (shopper.prefs.lang, shopper.now);
    let deal = deal.and_then(|d| {
        let currency = Currency::parse(&row.currency)?;
        Some(DealInfo {
            title: localized(lang, d.title_en, d.title_zh),
            saving: Money::new(row.price_minor - d.unit_minor, currency),
            ends_at: d.ends.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            ends: d.ends.format("%Y-%m-%d %H:%M UTC").to_string(),
            seconds_left: (d.ends - now).num_seconds().max(0),
            flash_left: d.flash_left,
        })
    });
    let shop = key_of(&row.shop);
    let sold_out = shopper
        .book
        .sold_out(&shop, &key_of(&row.id), now)
        .map(|(en, zh)| localized(lang, en, zh));
    let vouchers = shopper
        .book
        .vouchers_of(&shop, now)
        .into_iter()
        .filter_map(|p| crate::promotions::imp::voucher_view(p, lang, now, None))
        .collect();
    (deal, sold_out, vouchers)
}

/// The shop's member price of `row`, when it is lower than `everyone` (the price a
/// unit is charged to all now).
fn member_price(shopper: &Shopper, row: &CardRow, everyone: i64) -> Option<MemberPrice> {
    let currency = Currency::parse(&row.currency)?;
    let d = shopper.book.deal(
        &key_of(&row.shop),
        &key_of(&row.id),
        &key_of(&row.category),
        (row.price_minor, row.promo_floor_minor.unwrap_or(0)),
        shopper.now,
        true,
    )?;
    (d.unit_minor < everyone).then(|| MemberPrice {
        title: localized(shopper.prefs.lang, d.title_en, d.title_zh),
        price: Money::new(d.unit_minor, currency),
    })
}

pub async fn product_page(
    sf: &Storefront,
    id: domain::keys::ProductKey,
) -> Result<ProductDetail, AppError> {
    let state = &sf.state;
    let shopper = Shopper::load(sf).await?;
    let rid = crate::state::record(&id);
    let id = String::from(id);
    let row = store::product(&state.db, rid.clone())
        .await?
        .ok_or(AppError::NotFound)?;
    state
        .listeners
        .shopper_did(crate::events::ShopperActivity::View, &id);
    let cats = cached_categories(state).await?;
    let lang = shopper.prefs.lang;
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
    let related: Vec<ProductCard> = shopper
        .cards(store::in_categories(&state.db, vec![row.category.clone()], 7).await?)
        .into_iter()
        .filter(|c| c.id != id)
        .take(6)
        .collect();
    let description = localized(lang, row.description_en.clone(), row.description_zh.clone());
    let ships_from = row.ships_from.clone().unwrap_or_default();
    let shop_href = format!("/s/{}", row.shop_slug.clone().unwrap_or_default());
    let brand = row.brand.clone();
    let card_row = CardRow {
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
        shop: row.shop,
        category: row.category.clone(),
        compare_at_minor: row.compare_at_minor,
        promo_floor_minor: row.promo_floor_minor,
    };
    let price_now = shopper.deal(&card_row);
    let unit = price_now.as_ref().map(|d| d.unit_minor);
    let member = member_price(&shopper, &card_row, unit.unwrap_or(card_row.price_minor));
    let (deal, sold_out, vouchers) = promotions_on(&shopper, &card_row, price_now);
    let card = shopper.card_at(card_row, unit).ok_or(AppError::NotFound)?;
    let delivery = delivery_info(
        state,
        row.shop_slug.as_deref().unwrap_or_default(),
        row.shop_country.clone().unwrap_or_else(|| "TW".into()),
        card.price.charged.currency,
        shopper.prefs.country,
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
        deal,
        sold_out,
        vouchers,
        member,
    })
}

/// The option pickers for the variant `current` of `group` (see [`domain::variant`]).
fn variant_axes(group: &[store::VariantRow], current: &RecordId, lang: Lang) -> Vec<VariantAxis> {
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
    script_safe(&product.to_string())
}

/// JSON that can sit inside a `<script>` element: `<`, `>` and `&` written as `\u`
/// escapes (the same JSON; they only occur inside strings), so no `</script>` or `<!--`
/// in a seller's text can end or confuse the element.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::script_safe;

    #[test]
    fn json_in_a_script_element_has_no_markup_characters() {
        let title = "</script><script>alert(1)</script><!-- & \"x\"";
        let json = serde_json::json!({ "name": title }).to_string();
        let safe = script_safe(&json);
        assert!(!safe.contains(['<', '>', '&']), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["name"], title);
    }
}
