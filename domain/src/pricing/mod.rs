//! The pricing engine: one cart (lines in one currency) and the promotions that may
//! apply to it give each line's price, every discount applied with its share of each
//! line, and who funds it. The server charges with it and the browser shows with it,
//! so what the cart shows is what is charged.
//!
//! Discounts stack in a fixed order ([`STACKING`]), each stage working on what the
//! stages before it left:
//! 1. item prices: the best discount or promo price of each line (they do not add up);
//! 2. bundles: buy enough units of a set together, save a percentage on them;
//! 3. the shop's spend-X-save-Y (滿減): the best tier the shop's goods reach;
//! 4. the shop's voucher: the best of those the buyer holds;
//! 5. the platform's spend-X-save-Y campaign: the best tier the whole cart reaches;
//! 6. a platform voucher: the best of those the buyer holds, over the whole cart.
//!
//! No discount takes a line below its floor (the seller's lowest price for the
//! product, per unit); each is allocated to lines in proportion to their amounts
//! ([`allocate()`]), and its funder's share is recorded, per line too. A shop's own
//! promotion is always the shop's to fund: only the platform's may charge the platform.

mod allocate;
#[cfg(test)]
mod tests;

pub use allocate::allocate;

use serde::{Deserialize, Serialize};

/// The most a unit may cost and the most units a line may hold for the engine (far
/// above what a cart accepts, and small enough that no sum of lines can overflow).
pub const MAX_UNIT_MINOR: i64 = 1_000_000_000_000;
pub const MAX_QUANTITY: i64 = 1_000;

/// One cart line, in the cart's currency (minor units).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub product: String,
    pub shop: String,
    pub category: String,
    pub unit_minor: i64,
    pub quantity: i64,
    /// The lowest price per unit the seller allows (0: none).
    pub floor_minor: i64,
}

impl Line {
    fn amount(&self) -> i64 {
        self.unit_minor * self.quantity
    }

    /// The lowest price per unit, never above the price.
    fn floor_unit(&self) -> i64 {
        self.floor_minor.clamp(0, self.unit_minor)
    }

    fn floor(&self) -> i64 {
        self.floor_unit() * self.quantity
    }

    /// The line as the engine prices it: a line outside the bounds (which a cart
    /// refuses before pricing) counts as empty.
    fn bounded(&self) -> Line {
        let ok = (0..=MAX_UNIT_MINOR).contains(&self.unit_minor)
            && (0..=MAX_QUANTITY).contains(&self.quantity);
        Line {
            unit_minor: if ok { self.unit_minor } else { 0 },
            quantity: if ok { self.quantity } else { 0 },
            ..self.clone()
        }
    }
}

/// How much a discount takes off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Off {
    /// Hundredths of a percent (1..=10,000).
    Percent(u32),
    /// A fixed amount (minor units).
    Amount(i64),
}

impl Off {
    /// What it takes off `amount` (rounded down: the buyer never gets a fraction).
    pub fn of(self, amount: i64) -> i64 {
        let amount = amount.max(0);
        match self {
            Off::Percent(bp) => (i128::from(amount) * i128::from(bp.min(10_000)) / 10_000) as i64,
            Off::Amount(a) => a.clamp(0, amount),
        }
    }
}

/// Which lines an item-level promotion covers (always within its shop, if it has one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    Products(Vec<String>),
    Category(String),
    WholeShop,
}

/// What a promotion does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// Off each unit of the target's lines (`Amount` is per unit).
    Discount { target: Target, off: Off },
    /// A set price per unit for the target's lines (a flash sale, a member price), for
    /// at most `max_units` units of a line (a flash sale's promo stock left for this
    /// buyer; `None`: every unit).
    Price {
        target: Target,
        unit_minor: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_units: Option<i64>,
    },
    /// Buy at least `min_quantity` units of the target together, save a share of them.
    Bundle {
        target: Target,
        min_quantity: i64,
        off_bp: u32,
    },
    /// Spend at least the first amount, save the second: the best tier reached.
    SpendSave { tiers: Vec<(i64, i64)> },
    /// A voucher the buyer holds: off the goods once they reach `min_spend`, at most
    /// `cap_minor` (a shop's voucher covers its shop's goods; a platform's, the cart).
    Voucher {
        min_spend: i64,
        off: Off,
        cap_minor: Option<i64>,
    },
}

/// Who pays for a discount.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Funding {
    Seller,
    Platform,
    /// Co-funded: the platform's share in hundredths of a percent, the seller the rest.
    Shared {
        platform_bp: u32,
    },
}

impl Funding {
    /// (the seller's part, the platform's part) of `amount`.
    pub fn split(self, amount: i64) -> (i64, i64) {
        let platform = match self {
            Funding::Seller => 0,
            Funding::Platform => amount,
            Funding::Shared { platform_bp } => Off::Percent(platform_bp).of(amount),
        };
        (amount - platform, platform)
    }
}

/// A promotion that may apply: its shop (`None`: the platform's, over every shop), and
/// who funds it (a shop's own promotion is always the shop's, whatever it says).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promotion {
    pub id: String,
    pub shop: Option<String>,
    pub kind: Kind,
    pub funding: Funding,
}

/// The stages discounts are taken in, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stage {
    Item,
    Bundle,
    ShopSpend,
    ShopVoucher,
    PlatformSpend,
    PlatformVoucher,
}

/// How discounts combine: one stage after another, in this order.
pub const STACKING: [Stage; 6] = [
    Stage::Item,
    Stage::Bundle,
    Stage::ShopSpend,
    Stage::ShopVoucher,
    Stage::PlatformSpend,
    Stage::PlatformVoucher,
];

impl Promotion {
    pub fn stage(&self) -> Stage {
        match (&self.kind, &self.shop) {
            (Kind::Discount { .. } | Kind::Price { .. }, _) => Stage::Item,
            (Kind::Bundle { .. }, _) => Stage::Bundle,
            (Kind::SpendSave { .. }, Some(_)) => Stage::ShopSpend,
            (Kind::SpendSave { .. }, None) => Stage::PlatformSpend,
            (Kind::Voucher { .. }, Some(_)) => Stage::ShopVoucher,
            (Kind::Voucher { .. }, None) => Stage::PlatformVoucher,
        }
    }

    /// Who pays for it: a shop's promotion is the shop's own.
    pub fn funder(&self) -> Funding {
        match self.shop {
            Some(_) => Funding::Seller,
            None => self.funding,
        }
    }

    /// Whether it may touch `line` at all (its shop's lines, or any for the platform's).
    fn covers_shop(&self, line: &Line) -> bool {
        self.shop.as_ref().is_none_or(|s| *s == line.shop)
    }

    fn covers(&self, line: &Line) -> bool {
        let target = match &self.kind {
            Kind::Discount { target, .. }
            | Kind::Price { target, .. }
            | Kind::Bundle { target, .. } => Some(target),
            _ => None,
        };
        self.covers_shop(line)
            && match target {
                None | Some(Target::WholeShop) => true,
                Some(Target::Products(ps)) => ps.contains(&line.product),
                Some(Target::Category(c)) => *c == line.category,
            }
    }
}

/// A discount taken: how much, its share of each line (in the cart's line order), and
/// who funds it, in total and per line (what a partial refund of a line gives back to
/// each side).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied {
    pub promotion: String,
    pub stage: Stage,
    pub amount_minor: i64,
    pub per_line: Vec<i64>,
    pub seller_minor: i64,
    pub platform_minor: i64,
    pub platform_per_line: Vec<i64>,
}

/// A priced cart: each line's amount before and after discounts, and the discounts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Priced {
    pub before: Vec<i64>,
    pub after: Vec<i64>,
    pub applied: Vec<Applied>,
}

impl Priced {
    pub fn subtotal_minor(&self) -> i64 {
        self.before.iter().sum()
    }

    pub fn total_minor(&self) -> i64 {
        self.after.iter().sum()
    }
}

/// Prices `lines` (one currency) with the `promotions` that may apply (running ones;
/// vouchers only those the buyer holds).
pub fn price(lines: &[Line], promotions: &[Promotion]) -> Priced {
    let lines: Vec<Line> = lines.iter().map(Line::bounded).collect();
    let lines = &lines[..];
    let before: Vec<i64> = lines.iter().map(Line::amount).collect();
    let mut cart = Cart {
        lines,
        after: before.clone(),
        applied: Vec::new(),
    };
    for stage in STACKING {
        let mine: Vec<&Promotion> = promotions.iter().filter(|p| p.stage() == stage).collect();
        match stage {
            Stage::Item => cart.item_prices(&mine),
            Stage::Bundle => cart.bundles(&mine),
            Stage::ShopSpend | Stage::ShopVoucher => {
                for shop in shops(lines) {
                    let on = |l: &Line| l.shop == shop;
                    cart.best_of(&mine, &on);
                }
            }
            Stage::PlatformSpend | Stage::PlatformVoucher => cart.best_of(&mine, &|_: &Line| true),
        }
    }
    Priced {
        before,
        after: cart.after,
        applied: cart.applied,
    }
}

/// What an item promotion takes off one unit of `line` (0 when it does not cover it),
/// within the line's floor.
fn unit_saving(p: &Promotion, line: &Line) -> i64 {
    if !p.covers(line) {
        return 0;
    }
    match p.kind {
        Kind::Discount { off, .. } => off.of(line.unit_minor),
        Kind::Price {
            max_units: Some(n), ..
        } if n <= 0 => 0,
        Kind::Price { unit_minor, .. } => line.unit_minor - unit_minor.max(0),
        _ => 0,
    }
    .clamp(0, line.unit_minor - line.floor_unit())
}

/// What an item rule (a discount or a promo price) charges one unit priced
/// `unit_minor`, before any floor (`None` for basket-wide rules): the seller's form
/// refuses a rule on chosen products that would go below a product's floor.
pub fn item_unit_price(kind: &Kind, unit_minor: i64) -> Option<i64> {
    match *kind {
        Kind::Discount { off, .. } => Some(unit_minor - off.of(unit_minor)),
        Kind::Price { unit_minor: p, .. } => Some(p.clamp(0, unit_minor.max(0))),
        _ => None,
    }
}

/// How many units of a line of `quantity` an item promotion covers (a flash sale's
/// promo stock left, else all of them).
fn units_covered(p: &Promotion, quantity: i64) -> i64 {
    match p.kind {
        Kind::Price {
            max_units: Some(n), ..
        } => quantity.min(n.max(0)),
        _ => quantity,
    }
}

/// The lowest price of one unit of `line` that the item promotions among `promotions`
/// give (the cards' and product pages' price: what a cart of that one unit is charged
/// before its basket-wide discounts), and the promotion giving it (the first of
/// equals); `None` when none lowers it.
pub fn best_unit_price<'a>(
    line: &Line,
    promotions: impl IntoIterator<Item = &'a Promotion>,
) -> Option<(&'a Promotion, i64)> {
    let line = line.bounded();
    let mut best: Option<(&Promotion, i64)> = None;
    for p in promotions.into_iter().filter(|p| p.stage() == Stage::Item) {
        let saving = unit_saving(p, &line);
        if saving > best.map_or(0, |b| b.1) {
            best = Some((p, saving));
        }
    }
    best.map(|(p, saving)| (p, line.unit_minor - saving))
}

/// The cart's shops, in line order.
fn shops(lines: &[Line]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for l in lines {
        if !out.contains(&l.shop.as_str()) {
            out.push(&l.shop);
        }
    }
    out
}

struct Cart<'a> {
    lines: &'a [Line],
    after: Vec<i64>,
    applied: Vec<Applied>,
}

impl Cart<'_> {
    /// What line `i` can still lose before its floor.
    fn room(&self, i: usize) -> i64 {
        (self.after[i] - self.lines[i].floor()).max(0)
    }

    fn take(&mut self, p: &Promotion, per_line: Vec<i64>) {
        let amount: i64 = per_line.iter().sum();
        if amount <= 0 {
            return;
        }
        for (a, part) in self.after.iter_mut().zip(&per_line) {
            *a -= part;
        }
        let (seller_minor, platform_minor) = p.funder().split(amount);
        // the platform's part spread like the discount, so each line's parts add up
        let platform_per_line = allocate(platform_minor, &per_line, &per_line)
            .unwrap_or_else(|| vec![0; per_line.len()]);
        self.applied.push(Applied {
            promotion: p.id.clone(),
            stage: p.stage(),
            amount_minor: amount,
            per_line,
            seller_minor,
            platform_minor,
            platform_per_line,
        });
    }

    /// Each line's best item discount or promo price (per unit, within the floor).
    fn item_prices(&mut self, promos: &[&Promotion]) {
        let mut best: Vec<Option<(usize, i64)>> = vec![None; self.lines.len()];
        for (i, line) in self.lines.iter().enumerate() {
            for (k, p) in promos.iter().enumerate() {
                let per_unit = unit_saving(p, line);
                let units = units_covered(p, line.quantity);
                let saving = per_unit.saturating_mul(units).min(self.room(i));
                if saving > best[i].map_or(0, |b| b.1) {
                    best[i] = Some((k, saving));
                }
            }
        }
        for (k, p) in promos.iter().enumerate() {
            let per_line: Vec<i64> = best
                .iter()
                .map(|b| b.filter(|b| b.0 == k).map_or(0, |b| b.1))
                .collect();
            self.take(p, per_line);
        }
    }

    /// Bundles whose set is bought in quantity, the one saving most first; a line is in
    /// one bundle at most.
    fn bundles(&mut self, promos: &[&Promotion]) {
        let mut used = vec![false; self.lines.len()];
        loop {
            let mut best: Option<(&Promotion, Vec<usize>, i64)> = None;
            for &p in promos {
                let Kind::Bundle {
                    min_quantity,
                    off_bp,
                    ..
                } = p.kind
                else {
                    continue;
                };
                let set: Vec<usize> = (0..self.lines.len())
                    .filter(|&i| !used[i] && p.covers(&self.lines[i]))
                    .collect();
                let units: i64 = set.iter().map(|&i| self.lines[i].quantity).sum();
                let goods: i64 = set.iter().map(|&i| self.after[i]).sum();
                let room: i64 = set.iter().map(|&i| self.room(i)).sum();
                let saving = Off::Percent(off_bp).of(goods).min(room);
                if units >= min_quantity.max(1) && saving > best.as_ref().map_or(0, |b| b.2) {
                    best = Some((p, set, saving));
                }
            }
            let Some((p, set, saving)) = best else {
                return;
            };
            self.spread(p, saving, &|i| set.contains(&i));
            set.iter().for_each(|&i| used[i] = true);
        }
    }

    /// The promotion among `promos` that saves most on the lines `on` picks (the first
    /// of equals), applied there.
    fn best_of(&mut self, promos: &[&Promotion], on: &dyn Fn(&Line) -> bool) {
        let mut best: Option<(&Promotion, i64)> = None;
        for &p in promos {
            let pick = |i: usize| on(&self.lines[i]) && p.covers_shop(&self.lines[i]);
            let goods: i64 = (0..self.lines.len())
                .filter(|&i| pick(i))
                .map(|i| self.after[i])
                .sum();
            let room: i64 = (0..self.lines.len())
                .filter(|&i| pick(i))
                .map(|i| self.room(i))
                .sum();
            let saving = match &p.kind {
                Kind::SpendSave { tiers } => tiers
                    .iter()
                    .filter(|(at, save)| *at > 0 && *save > 0 && goods >= *at)
                    .map(|(_, save)| *save)
                    .max()
                    .unwrap_or(0),
                Kind::Voucher {
                    min_spend,
                    off,
                    cap_minor,
                } if goods > 0 && goods >= *min_spend => {
                    off.of(goods).min(cap_minor.unwrap_or(i64::MAX))
                }
                _ => 0,
            }
            .min(room);
            if saving > best.map_or(0, |b| b.1) {
                best = Some((p, saving));
            }
        }
        if let Some((p, saving)) = best {
            let lines = self.lines;
            self.spread(p, saving, &|i| on(&lines[i]) && p.covers_shop(&lines[i]));
        }
    }

    /// Takes `amount` of `p` from the lines `on` picks, in proportion to what they
    /// come to now, within their floors.
    fn spread(&mut self, p: &Promotion, amount: i64, on: &dyn Fn(usize) -> bool) {
        let n = self.lines.len();
        let weights: Vec<i64> = (0..n)
            .map(|i| if on(i) { self.after[i] } else { 0 })
            .collect();
        let caps: Vec<i64> = (0..n)
            .map(|i| if on(i) { self.room(i) } else { 0 })
            .collect();
        let amount = amount.min(caps.iter().sum::<i64>());
        if let Some(per_line) = allocate(amount, &weights, &caps) {
            self.take(p, per_line);
        }
    }
}
