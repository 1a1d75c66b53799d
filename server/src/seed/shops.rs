//! The demo sellers and their shops (three awaiting review), the approved shops'
//! shipping zones and their "spend X, save Y" promotions.

use chrono::{DateTime, Duration, Utc};
use domain::Currency;
use surrealdb::types::RecordId;

use app::state::Db;
use backend::db::{Audit, AuditAction};

use super::{create_user, price_in};
use crate::db::DbError;
use crate::seed_data::SHOPS;
use crate::store::seed::{
    create_promotion, create_seller_and_shop, create_shipping_method, NewPromotion, NewSellerShop,
    NewShippingMethod,
};

/// An approved shop: its id, currency, the top categories it sells in and its English
/// name.
pub(super) type Approved = (RecordId, Currency, &'static [&'static str], &'static str);

/// Creates the demo sellers (adding the first one's log-in to `logins`) and their
/// shops; returns the approved shops.
pub(super) async fn seed_shops(
    db: &Db,
    pw: &str,
    admin: &RecordId,
    now: DateTime<Utc>,
    logins: &mut Vec<(&'static str, String)>,
) -> Result<Vec<Approved>, DbError> {
    let mut approved: Vec<Approved> = Vec::new();
    for (i, (slug, name_en, name_zh, currency, ships_from, status, tops)) in
        SHOPS.iter().enumerate()
    {
        let email = format!("seller{}@demo.test", i + 1);
        let user = create_user(
            db,
            &email,
            &format!("{name_en} ({name_zh})"),
            &["shopper", "seller"],
            pw,
            now - Duration::days(200 - i as i64),
        )
        .await?;
        if i == 0 {
            logins.push(("seller", email.clone()));
        }
        let seller = RecordId::new("seller", email.as_str());
        let shop_status = if *status == "approved" {
            "approved"
        } else {
            status
        };
        create_seller_and_shop(
            db,
            NewSellerShop {
                seller: seller.clone(),
                user: user.clone(),
                business_type: if i % 3 == 0 { "individual" } else { "company" }.to_string(),
                legal_name: format!("{name_en} Ltd."),
                registration_number: Some(format!("{:08}", 24_000_000 + i * 7919)),
                country: country_code(ships_from).to_string(),
                email: email.clone(),
                status: shop_status.to_string(),
                at: now - Duration::days(190 - i as i64),
                shop: RecordId::new("shop", *slug),
                name: format!("{name_en} · {name_zh}"),
                slug: slug.to_string(),
                currency: currency.to_string(),
                ships_from: ships_from.to_string(),
            },
        )
        .await?;
        if *status == "approved" {
            app::accounts::store::audit(
                db,
                Audit::new(
                    Some(admin),
                    AuditAction::ShopApprove,
                    format!("shop:{slug}"),
                    now - Duration::days(180 - i as i64),
                )
                .detail(serde_json::json!({"reason": "documents verified"})),
            )
            .await?;
            let cur = Currency::parse(currency).unwrap_or_default();
            for (pos, zone) in demo_zones(slug, country_code(ships_from))
                .into_iter()
                .enumerate()
            {
                let DemoZone {
                    code,
                    en,
                    zh,
                    twd,
                    free_over_twd,
                    days,
                    countries,
                } = zone;
                create_shipping_method(
                    db,
                    NewShippingMethod {
                        id: RecordId::new("shipping_method", format!("{slug}/{code}")),
                        shop: RecordId::new("shop", *slug),
                        code: code.to_string(),
                        name_en: en.to_string(),
                        name_zh: zh.to_string(),
                        price_minor: price_in(twd, cur),
                        free_over_minor: free_over_twd.map(|t| price_in(t, cur)),
                        currency: cur.code().to_string(),
                        days_min: days.0,
                        days_max: days.1,
                        position: pos as i64,
                        countries,
                    },
                )
                .await?;
            }
            approved.push((RecordId::new("shop", *slug), cur, tops, name_en));
        }
    }
    Ok(approved)
}

/// "Spend X, save Y" promotions: three running for two weeks, one already over.
pub(super) async fn seed_promotions(
    db: &Db,
    approved: &[Approved],
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let offers: [(&str, &str, i64, i64, i64); 4] = [
        ("Year-end sale", "年終特賣", 1_500, 150, 14),
        ("Spend more, save more", "滿額折扣", 2_000, 250, 10),
        ("Weekend treat", "週末小確幸", 800, 80, 3),
        ("Autumn sale", "秋季特賣", 1_000, 100, -1),
    ];
    for ((shop, cur, tops, _), (en, zh, spend, save, days)) in approved.iter().zip(offers) {
        create_promotion(
            db,
            NewPromotion {
                id: RecordId::new("promotion", format!("{}-{days}", app::state::key_of(shop))),
                shop: shop.clone(),
                title_en: en.to_string(),
                title_zh: zh.to_string(),
                threshold_minor: price_in(spend, *cur),
                discount_minor: price_in(save, *cur),
                currency: cur.code().to_string(),
                browse: RecordId::new("category", tops[0]),
                starts_at: now - Duration::days(20),
                ends_at: now + Duration::days(days),
            },
        )
        .await?;
    }
    Ok(())
}

/// The ISO code of a demo shop's "City, Country".
fn country_code(ships_from: &str) -> &'static str {
    let country = ships_from.rsplit(", ").next().unwrap_or_default();
    let country = if country == "USA" {
        "United States"
    } else {
        country
    };
    domain::onboarding::COUNTRIES
        .iter()
        .find(|(_, en, _)| *en == country)
        .map(|(code, _, _)| *code)
        .unwrap_or("TW")
}

/// The night-market shop sells perishable snacks: it delivers within Taiwan only, so
/// the demo has a shop whose products are refused abroad.
pub const DOMESTIC_ONLY_SHOP: &str = "night-market-snacks";

struct DemoZone {
    code: &'static str,
    en: &'static str,
    zh: &'static str,
    twd: i64,
    free_over_twd: Option<i64>,
    days: (i64, i64),
    countries: Vec<String>,
}

/// A demo shop's shipping zones: standard delivery at home and across East and
/// South-East Asia, express at home, and (every other shop) international delivery to
/// the US and Europe. Every shop reaches Taiwan with its first zone.
fn demo_zones(slug: &str, home: &'static str) -> Vec<DemoZone> {
    let asia = ["TW", "HK", "JP", "KR", "SG", "MY"];
    let west = ["US", "GB", "DE", "FR", "DK"];
    let list = |codes: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = vec![home.to_string()];
        v.extend(codes.iter().filter(|c| **c != home).map(|c| c.to_string()));
        v
    };
    if slug == DOMESTIC_ONLY_SHOP {
        return vec![
            DemoZone {
                code: "standard",
                en: "Standard delivery (Taiwan)",
                zh: "標準配送（台灣）",
                twd: 60,
                free_over_twd: Some(1_500),
                days: (2, 5),
                countries: vec!["TW".into()],
            },
            DemoZone {
                code: "express",
                en: "Express delivery (Taiwan)",
                zh: "快速到貨（台灣）",
                twd: 160,
                free_over_twd: None,
                days: (1, 2),
                countries: vec!["TW".into()],
            },
        ];
    }
    let abroad = home != "TW";
    let mut zones = vec![
        DemoZone {
            code: "standard",
            en: "Standard delivery",
            zh: "標準配送",
            twd: 60,
            free_over_twd: Some(1_500),
            days: if abroad { (4, 9) } else { (2, 5) },
            countries: list(&asia),
        },
        DemoZone {
            code: "express",
            en: "Express delivery",
            zh: "快速到貨",
            twd: 160,
            free_over_twd: None,
            days: (1, 2),
            countries: vec![home.to_string()],
        },
    ];
    if slug.len().is_multiple_of(2) || abroad {
        zones.push(DemoZone {
            code: "international",
            en: "International delivery",
            zh: "國際配送",
            twd: 650,
            free_over_twd: None,
            days: (7, 14),
            countries: list(&west),
        });
    }
    zones
}
