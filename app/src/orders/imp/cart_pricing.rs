//! The buyer's cart priced for checkout: each line with its product's current price and
//! stock, lines grouped by shop, the running promotions taken off each shop's part (by
//! the pricing engine, each line carrying its share), and the digest of what the
//! checkout page showed.

use domain::order::{fingerprint, PricedLine};
use domain::pricing::{price, Kind, Line, Promotion};
use domain::promotion::{budget_left, flash_units_left, voucher_usable};
use domain::{Currency, Money};
use surrealdb::types::RecordId;

use super::referral_pricing::PartReferral;
use crate::cart::store as carts;
use crate::catalog::localized;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::orders::AppliedPromotion;
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
    /// The lowest price promotions may take a unit to.
    pub(super) floor_minor: i64,
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
            floor_minor: p.promo_floor_minor.unwrap_or(0),
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
    /// A flash sale's promo units at its price.
    pub(super) flash_units: i64,
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

/// `buyer`'s claims of the promotions among `rows` that `pick` picks.
async fn claims_of(
    state: &AppState,
    of: promotions::Claims,
    buyer: &RecordId,
    rows: &[promotions::PromotionRow],
    pick: fn(&promotions::PromotionRow) -> bool,
) -> Result<Vec<promotions::ClaimRow>, AppError> {
    let ids: Vec<RecordId> = rows
        .iter()
        .filter(|r| pick(r))
        .map(|r| r.id.clone())
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(promotions::claims(&state.db, of, buyer, &ids).await?)
}

/// The running promotions of these shops as the engine runs them for `buyer`: a flash
/// sale covers only the promo units the buyer may still have (none once its promo stock
/// is gone); a voucher counts only from the buyer's wallet, within its limits (one for
/// new buyers not for an account linked by a browser to one that ordered from the shop);
/// a member price only for the shop's followers.
async fn offers_for(
    ctx: &Ctx,
    groups: &[(RecordId, Vec<&Priced>)],
) -> Result<Vec<(Promotion, promotions::PromotionRow)>, AppError> {
    use promotions::Claims;
    let (state, buyer) = (&ctx.state, &ctx.user.id);
    let shops: Vec<RecordId> = groups.iter().map(|(s, _)| s.clone()).collect();
    let rows = promotions::shop_promotions(&state.db, shops.clone(), state.now()).await?;
    let bought = claims_of(state, Claims::Flash, buyer, &rows, |r| r.flash().is_some()).await?;
    let wallet = claims_of(state, Claims::Voucher, buyer, &rows, |r| r.voucher).await?;
    let ordered_from = if rows.iter().any(|r| r.voucher && r.voucher_new_buyers) {
        let device = crate::accounts::session::device_of(&ctx.req);
        promotions::ordered_from_linked(&state.db, buyer, device, shops.clone()).await?
    } else {
        Vec::new()
    };
    let member_of = if rows.iter().any(|r| r.members_only) {
        crate::catalog::store::follows_among(&state.db, buyer, &shops).await?
    } else {
        Vec::new()
    };
    let mine = |claims: &[promotions::ClaimRow], row: &promotions::PromotionRow| {
        claims
            .iter()
            .find(|c| c.promotion == row.id)
            .map(|c| c.units)
    };
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let mut p = row.engine()?;
            if row.members_only && !row.shop.as_ref().is_some_and(|s| member_of.contains(s)) {
                return None;
            }
            if let Some(terms) = row.voucher() {
                let new = row.shop.as_ref().is_some_and(|s| !ordered_from.contains(s));
                if !voucher_usable(&terms, row.voucher_used, mine(&wallet, &row), new) {
                    return None;
                }
            }
            if let (Some(stock), Kind::Price { max_units, .. }) = (row.flash(), &mut p.kind) {
                let had = mine(&bought, &row).unwrap_or(0);
                *max_units = Some(flash_units_left(stock, row.flash_sold, had));
            }
            Some((p, row))
        })
        .collect())
}

/// Prices `lines` with `offers`, leaving out each promotion whose budget has less left
/// than it would give.
fn within_budgets(
    lines: &[Line],
    offers: &mut Vec<(Promotion, &promotions::PromotionRow)>,
) -> domain::pricing::Priced {
    loop {
        let engine: Vec<Promotion> = offers.iter().map(|(p, _)| p.clone()).collect();
        let priced = price(lines, &engine);
        let over: Vec<String> = priced
            .applied
            .iter()
            .filter(|a| {
                offers.iter().any(|(p, row)| {
                    p.id == a.promotion
                        && budget_left(row.budget_minor, row.spent_minor)
                            .is_some_and(|left| left < a.amount_minor)
                })
            })
            .map(|a| a.promotion.clone())
            .collect();
        if over.is_empty() {
            return priced;
        }
        offers.retain(|(p, _)| !over.contains(&p.id));
    }
}

/// The currencies of the cart's shops, in cart order.
fn currencies<'a>(groups: &[(RecordId, Vec<&'a Priced>)]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for (_, ls) in groups {
        let c = ls[0].unit.currency.code();
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Prices every shop's part of the cart with the running promotions: one pass of the
/// pricing engine per currency, so a promotion over several shops sees them all.
pub(super) async fn promotions_for(
    ctx: &Ctx,
    groups: &[(RecordId, Vec<&Priced>)],
) -> Result<Vec<Promo>, AppError> {
    let all = offers_for(ctx, groups).await?;
    let mut out: Vec<Promo> = groups
        .iter()
        .map(|(_, ls)| Promo {
            taken: Vec::new(),
            lines: vec![(0, 0); ls.len()],
        })
        .collect();
    for currency in currencies(groups) {
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
                    floor_minor: l.floor_minor,
                }
            })
            .collect();
        let mut offers: Vec<(Promotion, &promotions::PromotionRow)> = all
            .iter()
            .filter(|(_, r)| r.currency == currency)
            .map(|(p, r)| (p.clone(), r))
            .collect();
        let priced = within_budgets(&lines, &mut offers);
        for a in &priced.applied {
            if let Some((p, row)) = offers.iter().find(|(p, _)| p.id == a.promotion) {
                take(&mut out, &at, &lines, a, p, row);
            }
        }
    }
    Ok(out)
}

/// Records applied discount `a` of `p` on the shops' parts it touched: each line's
/// share, and per shop the amount, the platform's part and a flash sale's promo units.
fn take(
    out: &mut [Promo],
    at: &[(usize, usize)],
    lines: &[Line],
    a: &domain::pricing::Applied,
    p: &Promotion,
    row: &promotions::PromotionRow,
) {
    let mut by_group: Vec<(i64, i64, i64)> = vec![(0, 0, 0); out.len()];
    for (k, &(gi, li)) in at.iter().enumerate() {
        let (amount, platform) = (a.per_line[k], a.platform_per_line[k]);
        out[gi].lines[li].0 += amount;
        out[gi].lines[li].1 += platform;
        by_group[gi].0 += amount;
        by_group[gi].1 += platform;
        if let (
            true,
            Kind::Price {
                max_units: Some(n), ..
            },
        ) = (amount > 0, &p.kind)
        {
            by_group[gi].2 += lines[k].quantity.min(*n);
        }
    }
    for (gi, (amount, platform, flash_units)) in by_group.into_iter().enumerate() {
        if amount > 0 {
            out[gi].taken.push(Taken {
                row: row.clone(),
                rule: p.kind.clone(),
                amount,
                platform,
                flash_units,
            });
        }
    }
}

/// The statements that count what each promotion gave away on the placed orders, the
/// orders it was on and their goods after discounts (each refusing the checkout when
/// the promotion's budget would be overspent).
pub(super) fn spend_statements(
    groups: &[(RecordId, Vec<&Priced>)],
    promos: &[Promo],
    buyer: &RecordId,
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
    let mut out: Vec<backend::db::Stmts> = per
        .into_iter()
        .map(|(id, n, orders, revenue)| promotions::spend_stmts(&id, n, orders, revenue))
        .collect();
    // a flash sale's promo units, within its stock and the buyer's limit; a voucher's
    // use, within its uses in all and the buyer's own: what the orders record they took
    for (p, uses) in promos.iter().zip(promotion_uses(promos, buyer)) {
        for (t, u) in p.taken.iter().zip(uses) {
            if let (Some(stock), Some(_)) = (t.row.flash(), &u.flash_claim) {
                out.push(promotions::take_flash_stmts(
                    &t.row.id,
                    buyer,
                    u.flash_units,
                    stock.per_buyer,
                ));
            }
            if let (Some(terms), Some(_)) = (t.row.voucher(), &u.voucher_claim) {
                out.push(promotions::take_voucher_stmts(
                    &t.row.id,
                    buyer,
                    terms.per_buyer,
                ));
            }
        }
    }
    out
}

/// What each promotion gave on each group's order (a cancellation gives it back): a
/// voucher's use is named on the first order it took money off, as it is counted once.
pub(super) fn promotion_uses(
    promos: &[Promo],
    buyer: &RecordId,
) -> Vec<Vec<promotions::PromotionUse>> {
    let mut voucher_seen: Vec<&RecordId> = Vec::new();
    promos
        .iter()
        .map(|p| {
            p.taken
                .iter()
                .map(|t| {
                    let flash = t.row.flash().is_some() && t.flash_units > 0;
                    let voucher = t.row.voucher().is_some() && !voucher_seen.contains(&&t.row.id);
                    if voucher {
                        voucher_seen.push(&t.row.id);
                    }
                    promotions::PromotionUse {
                        promotion: t.row.id.clone(),
                        minor: t.amount,
                        flash_units: if flash { t.flash_units } else { 0 },
                        flash_claim: flash.then(|| {
                            promotions::claim_id(promotions::Claims::Flash, &t.row.id, buyer)
                        }),
                        voucher_claim: voucher.then(|| {
                            promotions::claim_id(promotions::Claims::Voucher, &t.row.id, buyer)
                        }),
                    }
                })
                .collect()
        })
        .collect()
}

impl Promo {
    /// The promotions taken, as the cart and checkout pages explain them.
    pub(super) fn applied(&self, currency: Currency, lang: domain::Lang) -> Vec<AppliedPromotion> {
        self.taken
            .iter()
            .map(|t| AppliedPromotion {
                title: localized(lang, t.row.title_en.clone(), t.row.title_zh.clone()),
                detail: crate::promotions::describe(&t.rule, currency, lang),
                saving: Money::new(t.amount, currency),
            })
            .collect()
    }
}

/// A signed-in shopper's cart as the cart page explains it: for each shop, the
/// promotions checkout would take (in stacking order) and the goods after them.
pub async fn cart_promotions(
    ctx: &Ctx,
) -> Result<Vec<(RecordId, Vec<AppliedPromotion>, Money)>, AppError> {
    let (_, _, lines, _) = priced_cart(ctx).await?;
    let groups = by_shop(&lines);
    let promos = promotions_for(ctx, &groups).await?;
    Ok(groups
        .iter()
        .zip(&promos)
        .map(|((shop, ls), promo)| {
            let currency = ls[0].unit.currency;
            let after = Money::new(subtotal(ls) - promo.saving(), currency);
            (shop.clone(), promo.applied(currency, ctx.prefs.lang), after)
        })
        .collect())
}

/// Once a checkout took promo units of a flash sale, the storefront's pages show what
/// is left (or the sale sold out) from the next view.
pub(super) fn after_flash_sales(state: &AppState, promos: &[Promo]) {
    if promos
        .iter()
        .flat_map(|p| &p.taken)
        .any(|t| t.flash_units > 0)
    {
        state.catalog_cache.forget("promo_book");
    }
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
