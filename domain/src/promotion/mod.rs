//! A shop's promotions as the seller sets them up in the marketing area: what each
//! does (a rule the pricing engine runs, `crate::pricing::Kind`), when it runs, and
//! its budget. [`validate`] checks the form; [`status`] tells where one stands.

mod duplicate;
mod margin;
pub mod report;
mod terms;
#[cfg(test)]
mod tests;

pub use duplicate::form_of;
pub use margin::{margin, simulate, Margin};
pub use terms::{flash_units_left, voucher_code, voucher_usable, FlashStock, VoucherTerms};

use serde::{Deserialize, Serialize};

use crate::listing::parse_datetime_local;
use crate::pricing::{Kind, Off, Target};
use crate::{Currency, FieldError, FieldErrorCode, Money};

/// The most tiers a spend-X-save-Y promotion has, and products one may name.
pub const MAX_TIERS: usize = 3;
pub const MAX_PRODUCTS: usize = 50;
/// The longest a promotion may run (days), and a flash sale's slot.
pub const MAX_DAYS: i64 = 92;
pub const MAX_FLASH_DAYS: i64 = 7;
/// The most promo units a flash sale may reserve.
pub const MAX_FLASH_UNITS: i64 = 100_000;

/// The marketing form as posted (every field as typed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotionForm {
    pub title_en: String,
    pub title_zh: String,
    /// `percent`, `amount` (off each unit), `spend_save` (滿減), `bundle` or `flash`.
    pub kind: String,
    /// `shop`, `category` or `products` (for the item kinds and bundles).
    pub target: String,
    pub category: String,
    /// Product keys, separated by commas, spaces or new lines.
    pub products: String,
    /// Percent off (`percent`, `bundle`), e.g. `15` or `12.5`.
    pub percent: String,
    /// Amount off each unit (`amount`), in the shop's currency.
    pub amount: String,
    /// Up to [`MAX_TIERS`] spend and save pairs (`spend_save`), in the shop's currency.
    pub spend: [String; MAX_TIERS],
    pub save: [String; MAX_TIERS],
    /// Units bought together for a bundle.
    pub min_quantity: String,
    /// A flash sale's promo price, its promo stock and how many units one buyer may
    /// have at that price (its one product is named in `products`).
    pub price: String,
    pub units: String,
    /// Units per buyer (flash sale) or times one buyer may use a voucher.
    pub per_buyer: String,
    /// A voucher's least spend, its cap (a percentage off), its code (blank: claimed
    /// from the product pages only), how many times it may be used in all (blank: no
    /// limit), and whether only buyers new to the shop may use it (`on`).
    pub min_spend: String,
    pub cap: String,
    pub code: String,
    pub total: String,
    pub new_buyers: String,
    /// `on`: a member price — a percentage or amount off that only the shop's
    /// followers get.
    #[serde(default)]
    pub members: String,
    /// `YYYY-MM-DDTHH:MM`, UTC.
    pub starts_at: String,
    pub ends_at: String,
    /// The most the promotion may give away in total (blank: no limit).
    pub budget: String,
}

/// A checked promotion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub title_en: String,
    pub title_zh: String,
    pub rule: Kind,
    /// Unix seconds.
    pub starts_at: i64,
    pub ends_at: i64,
    pub budget_minor: Option<i64>,
    /// A flash sale's promo stock (its rule is a promo price on one product).
    pub flash: Option<FlashStock>,
    /// A voucher's terms (its rule is the voucher's discount).
    pub voucher: Option<VoucherTerms>,
    /// Only the shop's followers get it (a member price).
    #[serde(default)]
    pub members_only: bool,
}

/// Where a promotion stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Scheduled,
    Running,
    Paused,
    /// Its budget is given away.
    Spent,
    Ended,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Scheduled => "scheduled",
            Status::Running => "running",
            Status::Paused => "paused",
            Status::Spent => "spent",
            Status::Ended => "ended",
        }
    }
}

/// Where a promotion running from `starts` to `ends` (unix seconds) stands at `now`.
pub fn status(
    starts: i64,
    ends: i64,
    paused: bool,
    budget: Option<i64>,
    spent: i64,
    now: i64,
) -> Status {
    if now >= ends {
        Status::Ended
    } else if budget.is_some_and(|b| spent >= b) {
        Status::Spent
    } else if paused {
        Status::Paused
    } else if now < starts {
        Status::Scheduled
    } else {
        Status::Running
    }
}

/// What is left of a budget (`None`: no limit).
pub fn budget_left(budget: Option<i64>, spent: i64) -> Option<i64> {
    budget.map(|b| (b - spent).max(0))
}

/// A percentage as typed (`15`, `12.5`) in hundredths of a percent, 0.01..=100 %.
pub fn parse_percent(raw: &str) -> Option<u32> {
    let raw = raw.trim().trim_end_matches('%').trim();
    let (whole, frac) = raw.split_once('.').unwrap_or((raw, ""));
    if whole.is_empty() && frac.is_empty()
        || whole.len() > 3
        || frac.len() > 2
        || !whole
            .chars()
            .chain(frac.chars())
            .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: u32 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let frac: u32 = format!("{frac:0<2}").parse().ok()?;
    Some(whole * 100 + frac).filter(|bp| (1..=10_000).contains(bp))
}

/// The product keys named in the form (duplicates dropped, in order).
pub fn product_keys(raw: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for k in raw.split(|c: char| c == ',' || c.is_whitespace()) {
        let k = k.trim();
        if !k.is_empty() && !out.iter().any(|o| o == k) {
            out.push(k.to_string());
        }
    }
    out
}

struct Check<'a> {
    errors: Vec<FieldError>,
    currency: Currency,
    form: &'a PromotionForm,
    /// A flash sale's promo stock, once read.
    flash: Option<FlashStock>,
    /// A voucher's terms, once read.
    voucher: Option<VoucherTerms>,
}

impl Check<'_> {
    fn fail(&mut self, field: &str, code: FieldErrorCode) {
        self.errors.push(FieldError::new(field, code));
    }

    fn text(&mut self, field: &str, raw: &str) -> String {
        let t = raw.trim().to_string();
        if t.chars().count() > 80 {
            self.fail(field, FieldErrorCode::TooLong);
        }
        t
    }

    fn amount(&mut self, field: &str, raw: &str) -> Option<i64> {
        let m = Money::parse_price(raw, self.currency).map(|m| m.amount_minor);
        if m.is_none() {
            let code = if raw.trim().is_empty() {
                FieldErrorCode::Required
            } else {
                FieldErrorCode::InvalidPrice
            };
            self.fail(field, code);
        }
        m
    }

    fn percent(&mut self) -> Option<u32> {
        let p = parse_percent(&self.form.percent.clone());
        if p.is_none() {
            self.fail("percent", FieldErrorCode::InvalidNumber);
        }
        p
    }

    fn target(&mut self) -> Option<Target> {
        let form = self.form;
        match form.target.trim() {
            "shop" => Some(Target::WholeShop),
            "category" if !form.category.trim().is_empty() => {
                Some(Target::Category(form.category.trim().to_string()))
            }
            "category" => {
                self.fail("category", FieldErrorCode::Required);
                None
            }
            "products" => {
                let keys = product_keys(&form.products);
                if keys.is_empty() {
                    self.fail("products", FieldErrorCode::Required);
                } else if keys.len() > MAX_PRODUCTS {
                    self.fail("products", FieldErrorCode::TooMany);
                }
                Some(Target::Products(keys))
            }
            _ => {
                self.fail("target", FieldErrorCode::InvalidChoice);
                None
            }
        }
    }

    /// Spend-and-save tiers: at least one, each saving less than it asks, higher
    /// tiers asking and saving more.
    fn tiers(&mut self) -> Vec<(i64, i64)> {
        let form = self.form;
        let mut tiers = Vec::new();
        let mut typed = false;
        for i in 0..MAX_TIERS {
            let (spend, save) = (form.spend[i].trim(), form.save[i].trim());
            if spend.is_empty() && save.is_empty() {
                continue;
            }
            typed = true;
            let (sf, vf) = (format!("spend_{i}"), format!("save_{i}"));
            let (at, off) = (self.amount(&sf, spend), self.amount(&vf, save));
            let (Some(at), Some(off)) = (at, off) else {
                continue;
            };
            if off >= at {
                self.fail(&vf, FieldErrorCode::InvalidPrice);
            } else if tiers.last().is_some_and(|&(a, o)| at <= a || off <= o) {
                self.fail(&sf, FieldErrorCode::InvalidChoice);
            } else {
                tiers.push((at, off));
            }
        }
        if !typed {
            self.fail("spend_0", FieldErrorCode::Required);
        }
        tiers
    }

    fn rule(&mut self) -> Option<Kind> {
        let form = self.form;
        match form.kind.trim() {
            "percent" => {
                let (target, bp) = (self.target(), self.percent());
                Some(Kind::Discount {
                    target: target?,
                    off: Off::Percent(bp?),
                })
            }
            "amount" => {
                let target = self.target();
                let off = self.amount("amount", &form.amount);
                Some(Kind::Discount {
                    target: target?,
                    off: Off::Amount(off?),
                })
            }
            "spend_save" => {
                let tiers = self.tiers();
                (!tiers.is_empty()).then_some(Kind::SpendSave { tiers })
            }
            "flash" => {
                let keys = product_keys(&form.products);
                if keys.len() != 1 {
                    let code = if keys.is_empty() {
                        FieldErrorCode::Required
                    } else {
                        FieldErrorCode::TooMany
                    };
                    self.fail("products", code);
                }
                let price = self.amount("price", &form.price);
                self.flash = self.flash_stock();
                Some(Kind::Price {
                    target: Target::Products(keys),
                    unit_minor: price?,
                    max_units: None,
                })
            }
            "voucher" => {
                let off = self.voucher_off();
                let min_spend = match form.min_spend.trim() {
                    "" => Some(0),
                    raw => self.amount("min_spend", raw),
                };
                let cap = match form.cap.trim() {
                    "" => Some(None),
                    raw => self.amount("cap", raw).map(Some),
                };
                self.voucher = self.voucher_terms();
                Some(Kind::Voucher {
                    min_spend: min_spend?,
                    off: off?,
                    cap_minor: cap?,
                })
            }
            "bundle" => {
                let (target, bp) = (self.target(), self.percent());
                let min = form
                    .min_quantity
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|n| (2..=100).contains(n));
                if min.is_none() {
                    self.fail("min_quantity", FieldErrorCode::InvalidNumber);
                }
                Some(Kind::Bundle {
                    target: target?,
                    min_quantity: min?,
                    off_bp: bp?,
                })
            }
            _ => {
                self.fail("kind", FieldErrorCode::InvalidChoice);
                None
            }
        }
    }

    /// A flash sale's promo units (1..=[`MAX_FLASH_UNITS`]) and its limit per buyer
    /// (1..=units).
    fn flash_stock(&mut self) -> Option<FlashStock> {
        let form = self.form;
        let int = |raw: &str| raw.trim().parse::<i64>().ok();
        let units = int(&form.units).filter(|n| (1..=MAX_FLASH_UNITS).contains(n));
        if units.is_none() {
            self.fail("units", FieldErrorCode::InvalidNumber);
        }
        let per_buyer = int(&form.per_buyer).filter(|n| *n >= 1 && *n <= units.unwrap_or(1));
        if per_buyer.is_none() {
            self.fail("per_buyer", FieldErrorCode::InvalidNumber);
        }
        Some(FlashStock {
            units: units?,
            per_buyer: per_buyer?,
        })
    }

    /// A voucher's discount: a percentage or an amount off the order (one of them).
    fn voucher_off(&mut self) -> Option<Off> {
        let form = self.form;
        match (
            form.percent.trim().is_empty(),
            form.amount.trim().is_empty(),
        ) {
            (false, true) => self.percent().map(Off::Percent),
            (true, false) => self.amount("amount", &form.amount).map(Off::Amount),
            _ => {
                self.fail("percent", FieldErrorCode::Required);
                None
            }
        }
    }

    /// A voucher's code, limits and audience.
    fn voucher_terms(&mut self) -> Option<VoucherTerms> {
        let form = self.form;
        let code = match form.code.trim() {
            "" => Some(None),
            raw => {
                let c = voucher_code(raw);
                if c.is_none() {
                    self.fail("code", FieldErrorCode::InvalidChoice);
                }
                c.map(Some)
            }
        };
        let count = |raw: &str| {
            raw.trim()
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=1_000_000).contains(n))
        };
        let total = match form.total.trim() {
            "" => Some(None),
            raw => count(raw).map(Some),
        };
        if total.is_none() {
            self.fail("total", FieldErrorCode::InvalidNumber);
        }
        let per_buyer = match form.per_buyer.trim() {
            "" => Some(1),
            raw => count(raw),
        };
        if per_buyer.is_none() {
            self.fail("per_buyer", FieldErrorCode::InvalidNumber);
        }
        Some(VoucherTerms {
            code: code?,
            total: total?,
            per_buyer: per_buyer?,
            new_buyers: form.new_buyers.trim() == "on",
        })
    }

    /// Start and end: both given, the end after the start and after `now`, at most
    /// [`MAX_DAYS`] apart.
    fn window(&mut self, now: i64) -> Option<(i64, i64)> {
        let form = self.form;
        let mut when = |field: &str, raw: &str| {
            let t = parse_datetime_local(raw);
            if t.is_none() {
                let code = if raw.trim().is_empty() {
                    FieldErrorCode::Required
                } else {
                    FieldErrorCode::InvalidDate
                };
                self.fail(field, code);
            }
            t
        };
        let starts = when("starts_at", &form.starts_at);
        let ends = when("ends_at", &form.ends_at);
        let (s, e) = (starts?, ends?);
        let longest = if form.kind.trim() == "flash" {
            MAX_FLASH_DAYS
        } else {
            MAX_DAYS
        };
        if e <= s || e <= now || e - s > longest * 86_400 {
            self.fail("ends_at", FieldErrorCode::InvalidDate);
            return None;
        }
        Some((s, e))
    }
}

/// Checks a promotion form for a shop selling in `currency` at `now` (unix seconds).
/// Every refused field is named; amounts are read in the shop's currency. Whether the
/// named products and category are the shop's own is the caller's to check.
pub fn validate(
    form: &PromotionForm,
    currency: Currency,
    now: i64,
) -> Result<Draft, Vec<FieldError>> {
    let mut c = Check {
        errors: Vec::new(),
        currency,
        form,
        flash: None,
        voucher: None,
    };
    let title_en = c.text("title_en", &form.title_en);
    let title_zh = c.text("title_zh", &form.title_zh);
    if title_en.is_empty() && title_zh.is_empty() {
        c.fail("title_en", FieldErrorCode::Required);
    }
    let rule = c.rule();
    let window = c.window(now);
    let budget = if form.budget.trim().is_empty() {
        None
    } else {
        let b = Money::parse_major(&form.budget, currency)
            .map(|m| m.amount_minor)
            .filter(|b| (1..=crate::pricing::MAX_UNIT_MINOR).contains(b));
        if b.is_none() {
            c.fail("budget", FieldErrorCode::InvalidPrice);
        }
        b
    };
    let (flash, voucher) = (c.flash, c.voucher.clone());
    // a member price is an item discount: the other kinds have their own audiences
    let members_only = form.members.trim() == "on";
    if members_only && !matches!(form.kind.trim(), "percent" | "amount") {
        c.fail("members", FieldErrorCode::InvalidChoice);
    }
    match (rule, window) {
        (Some(rule), Some((starts_at, ends_at))) if c.errors.is_empty() => Ok(Draft {
            title_en,
            title_zh,
            rule,
            starts_at,
            ends_at,
            budget_minor: budget,
            flash,
            voucher,
            members_only,
        }),
        _ => Err(c.errors),
    }
}
