//! The buyer's cart priced for checkout: each line with its product's current price and
//! stock, lines grouped by shop, each shop's best running promotion, and the digest of
//! what the checkout page showed.

use domain::order::{fingerprint, PricedLine};
use domain::{Currency, Money};
use surrealdb::types::RecordId;

use super::referral_pricing::PartReferral;
use crate::cart::store as carts;
use crate::catalog::{localized, store as catalog};
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::state::{key_of, AppState};

/// A cart line joined with its product's current state.
pub(super) struct Priced {
    pub(super) product: String,
    pub(super) title: String,
    pub(super) image: String,
    pub(super) quantity: u32,
    pub(super) unit: Money,
    pub(super) shop: RecordId,
    pub(super) shop_name: String,
    pub(super) available: i64,
}

/// The user's cart (its id and the version read), its lines priced, and the titles
/// of lines that cannot be bought now.
pub(super) async fn priced_cart(
    ctx: &Ctx,
) -> Result<(RecordId, Option<i64>, Vec<Priced>, Vec<String>), AppError> {
    let Ctx {
        state, user, prefs, ..
    } = ctx;
    let cart = carts::user_cart(&user.email);
    let loaded = carts::load_versioned(&state.db, &cart).await?;
    let (lines, version) = (loaded.lines, loaded.version);
    let keys: Vec<String> = lines.iter().map(|l| l.product.clone()).collect();
    let products = carts::products(&state.db, &keys).await?;
    let stock = carts::available(&state.db, &keys).await?;
    let lang = prefs.lang;
    let mut priced = Vec::new();
    let mut blocked = Vec::new();
    for line in lines {
        let Some(p) = products.iter().find(|p| key_of(&p.id) == line.product) else {
            continue;
        };
        let title = localized(lang, p.title_en.clone(), p.title_zh.clone());
        let available = stock
            .iter()
            .find(|(k, _)| *k == line.product)
            .map(|(_, a)| *a)
            .unwrap_or(0);
        let Some(currency) = Currency::parse(&p.currency) else {
            continue;
        };
        // a price above the ceiling (written before it existed) is not sold: every
        // sum below then stays far inside i64
        let priceable = (1..=domain::money::max_price_minor(currency)).contains(&p.price_minor)
            && line.quantity <= domain::cart::MAX_QUANTITY;
        if p.status != "active" || available < i64::from(line.quantity) || !priceable {
            blocked.push(title.clone());
        }
        priced.push(Priced {
            product: line.product,
            title,
            image: p.image_url.clone(),
            quantity: line.quantity,
            unit: Money::new(p.price_minor, currency),
            shop: p.shop.clone(),
            shop_name: p.shop_name.clone().unwrap_or_default(),
            available,
        });
    }
    Ok((cart, version, priced, blocked))
}

/// A running promotion that applies to one shop's part of the cart, and its saving.
pub(super) type Promo = Option<(catalog::PromotionRow, i64)>;

/// The best running promotion for each shop's part of the cart (in its currency), as
/// the pricing engine takes it.
pub(super) async fn promotions_for(
    state: &AppState,
    groups: &[(RecordId, Vec<&Priced>)],
) -> Result<Vec<Promo>, AppError> {
    use domain::pricing::{price, Funding, Kind, Line, Promotion};
    let rows = catalog::shop_promotions(
        &state.db,
        groups.iter().map(|(s, _)| s.clone()).collect(),
        state.now(),
    )
    .await?;
    Ok(groups
        .iter()
        .map(|(shop, ls)| {
            let currency = ls[0].unit.currency.code();
            let mine: Vec<&catalog::PromotionRow> = rows
                .iter()
                .filter(|p| p.shop == *shop && p.currency == currency)
                .collect();
            let offers: Vec<Promotion> = mine
                .iter()
                .filter_map(|p| {
                    let o = p.offer()?;
                    Some(Promotion {
                        id: key_of(&p.id),
                        shop: Some(key_of(shop)),
                        kind: Kind::SpendSave {
                            tiers: vec![(o.threshold_minor, o.discount_minor)],
                        },
                        funding: Funding::Seller,
                    })
                })
                .collect();
            let lines: Vec<Line> = ls
                .iter()
                .map(|l| Line {
                    product: l.product.clone(),
                    shop: key_of(shop),
                    category: String::new(),
                    unit_minor: l.unit.amount_minor,
                    quantity: i64::from(l.quantity),
                    floor_minor: 0,
                })
                .collect();
            let applied = price(&lines, &offers).applied.into_iter().next()?;
            let row = mine.iter().find(|p| key_of(&p.id) == applied.promotion)?;
            Some(((*row).clone(), applied.amount_minor))
        })
        .collect())
}

/// What the checkout page showed: every line's price and every promotion's saving.
pub(super) fn digest(lines: &[Priced], promos: &[Promo], referral: &[PartReferral]) -> String {
    use std::fmt::Write;
    let priced: Vec<PricedLine<'_>> = lines
        .iter()
        .map(|l| PricedLine {
            product: &l.product,
            quantity: l.quantity,
            unit_price_minor: l.unit.amount_minor,
            currency: l.unit.currency.code(),
        })
        .collect();
    let mut d = fingerprint(&priced);
    for (p, saving) in promos.iter().flatten() {
        let _ = write!(d, "-{}.{saving}", key_of(&p.id));
    }
    for r in referral.iter().filter(|r| r.welcome_minor > 0) {
        let _ = write!(d, "-w{}", r.welcome_minor);
    }
    d
}

/// Lines grouped by shop, in cart order.
pub(super) fn by_shop(lines: &[Priced]) -> Vec<(RecordId, Vec<&Priced>)> {
    let mut groups: Vec<(RecordId, Vec<&Priced>)> = Vec::new();
    for l in lines {
        match groups.iter_mut().find(|(s, _)| *s == l.shop) {
            Some((_, v)) => v.push(l),
            None => groups.push((l.shop.clone(), vec![l])),
        }
    }
    groups
}

/// The goods of one shop's lines. Lines are priced within the ceiling (see
/// [`priced_cart`]), so the checked sum only saturates on data written around it.
pub(super) fn subtotal(lines: &[&Priced]) -> i64 {
    use domain::order::money::{line_total, total};
    total(
        lines
            .iter()
            .map(|l| line_total(l.unit.amount_minor, i64::from(l.quantity)).unwrap_or(i64::MAX)),
    )
    .unwrap_or(i64::MAX)
}
