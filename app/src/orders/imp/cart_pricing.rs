//! The buyer's cart priced for checkout: each line with its product's current price and
//! stock, lines grouped by shop, the running promotions taken off each shop's part (by
//! the pricing engine, each line carrying its share), and the digest of what the
//! checkout page showed.

use domain::order::{fingerprint, PricedLine};
use domain::pricing::{price, Funding, Kind, Line, Promotion};
use domain::promotion::budget_left;
use domain::{Currency, Money};
use surrealdb::types::RecordId;

use super::referral_pricing::PartReferral;
use crate::cart::store as carts;
use crate::catalog::localized;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::promotions::store as promotions;
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
    pub(super) category: String,
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
            category: p.category.as_ref().map(key_of).unwrap_or_default(),
            available,
        });
    }
    Ok((cart, version, priced, blocked))
}

/// One promotion taken off a shop's part of the cart: what it took off there, and
/// the platform's part of that.
pub(super) struct Taken {
    pub(super) row: promotions::PromotionRow,
    pub(super) rule: Kind,
    pub(super) amount: i64,
    pub(super) platform: i64,
}

/// A shop's part of the cart priced: the promotions taken, and each line's share
/// (what came off it, and the platform's part of that), in the group's line order.
#[derive(Default)]
pub(super) struct Promo {
    pub(super) taken: Vec<Taken>,
    pub(super) lines: Vec<(i64, i64)>,
}

impl Promo {
    /// What the promotions take off the shop's goods.
    pub(super) fn saving(&self) -> i64 {
        self.taken.iter().map(|t| t.amount).sum()
    }

    /// The promotions' titles as the order keeps them (both languages).
    pub(super) fn title(&self) -> Option<String> {
        (!self.taken.is_empty()).then(|| {
            self.taken
                .iter()
                .map(|t| format!("{} · {}", t.row.title_en, t.row.title_zh))
                .collect::<Vec<_>>()
                .join(" + ")
        })
    }

    /// The platform's part of [`Promo::saving`].
    pub(super) fn platform(&self) -> i64 {
        self.taken.iter().map(|t| t.platform).sum()
    }
}

/// The promotion the engine runs for a stored one (`None`: a rule it cannot read).
fn engine_promotion(p: &promotions::PromotionRow) -> Option<Promotion> {
    Some(Promotion {
        id: key_of(&p.id),
        shop: p.shop.as_ref().map(key_of),
        kind: p.kind()?,
        funding: if p.shop.is_some() {
            Funding::Seller
        } else {
            Funding::Platform
        },
    })
}

/// Prices every shop's part of the cart with the running promotions: one pass of the
/// pricing engine per currency, so a promotion over several shops sees them all. A
/// promotion whose budget has less left than it would give is left out.
pub(super) async fn promotions_for(
    state: &AppState,
    groups: &[(RecordId, Vec<&Priced>)],
) -> Result<Vec<Promo>, AppError> {
    let rows = promotions::shop_promotions(
        &state.db,
        groups.iter().map(|(s, _)| s.clone()).collect(),
        state.now(),
    )
    .await?;
    let mut out: Vec<Promo> = groups
        .iter()
        .map(|(_, ls)| Promo {
            taken: Vec::new(),
            lines: vec![(0, 0); ls.len()],
        })
        .collect();
    let mut currencies: Vec<&str> = Vec::new();
    for (_, ls) in groups {
        let c = ls[0].unit.currency.code();
        if !currencies.contains(&c) {
            currencies.push(c);
        }
    }
    for currency in currencies {
        // (group, line) of each engine line
        let at: Vec<(usize, usize)> = groups
            .iter()
            .enumerate()
            .filter(|(_, (_, ls))| ls[0].unit.currency.code() == currency)
            .flat_map(|(gi, (_, ls))| (0..ls.len()).map(move |li| (gi, li)))
            .collect();
        let lines: Vec<Line> = at
            .iter()
            .map(|&(gi, li)| {
                let l = groups[gi].1[li];
                Line {
                    product: l.product.clone(),
                    shop: key_of(&l.shop),
                    category: l.category.clone(),
                    unit_minor: l.unit.amount_minor,
                    quantity: i64::from(l.quantity),
                    floor_minor: 0,
                }
            })
            .collect();
        let mut offers: Vec<(Promotion, &promotions::PromotionRow)> = rows
            .iter()
            .filter(|p| p.currency == currency)
            .filter_map(|p| Some((engine_promotion(p)?, p)))
            .collect();
        let priced = loop {
            let engine: Vec<Promotion> = offers.iter().map(|(p, _)| p.clone()).collect();
            let priced = price(&lines, &engine);
            let over: Vec<&str> = priced
                .applied
                .iter()
                .filter(|a| {
                    offers.iter().any(|(p, row)| {
                        p.id == a.promotion
                            && budget_left(row.budget_minor, row.spent_minor)
                                .is_some_and(|left| left < a.amount_minor)
                    })
                })
                .map(|a| a.promotion.as_str())
                .collect();
            if over.is_empty() {
                break priced;
            }
            let over: Vec<String> = over.into_iter().map(str::to_string).collect();
            offers.retain(|(p, _)| !over.contains(&p.id));
        };
        for a in &priced.applied {
            let Some((p, row)) = offers.iter().find(|(p, _)| p.id == a.promotion) else {
                continue;
            };
            let mut by_group: Vec<(i64, i64)> = vec![(0, 0); groups.len()];
            for (k, &(gi, li)) in at.iter().enumerate() {
                let (amount, platform) = (a.per_line[k], a.platform_per_line[k]);
                out[gi].lines[li].0 += amount;
                out[gi].lines[li].1 += platform;
                by_group[gi].0 += amount;
                by_group[gi].1 += platform;
            }
            for (gi, (amount, platform)) in by_group.into_iter().enumerate() {
                if amount > 0 {
                    out[gi].taken.push(Taken {
                        row: (*row).clone(),
                        rule: p.kind.clone(),
                        amount,
                        platform,
                    });
                }
            }
        }
    }
    Ok(out)
}

/// The statements that count what each promotion gave away on the placed orders, the
/// orders it was on and their goods after discounts (each refusing the checkout when
/// the promotion's budget would be overspent).
pub(super) fn spend_statements(
    groups: &[(RecordId, Vec<&Priced>)],
    promos: &[Promo],
) -> Vec<backend::db::Stmts> {
    let mut per: Vec<(RecordId, i64, i64, i64)> = Vec::new();
    for ((_, ls), p) in groups.iter().zip(promos) {
        let goods = subtotal(ls) - p.saving();
        for t in &p.taken {
            match per.iter_mut().find(|x| x.0 == t.row.id) {
                Some(x) => {
                    x.1 += t.amount;
                    x.2 += 1;
                    x.3 += goods;
                }
                None => per.push((t.row.id.clone(), t.amount, 1, goods)),
            }
        }
    }
    per.into_iter()
        .map(|(id, n, orders, revenue)| promotions::spend_stmts(&id, n, orders, revenue))
        .collect()
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
    for t in promos.iter().flat_map(|p| &p.taken) {
        let _ = write!(d, "-{}.{}", key_of(&t.row.id), t.amount);
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
