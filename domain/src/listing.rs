//! A seller's listing as typed into the seller centre, checked field by field, and
//! where a listing is in its life (draft → screened → live, scheduled, held or
//! delisted) — including the times it is scheduled to go live and come down.

use serde::{Deserialize, Serialize};

use crate::{Currency, FieldError, FieldErrorCode, Money};

/// Most photos on one listing.
pub const MAX_LISTING_IMAGES: usize = 8;
/// Largest stock count a form accepts.
pub const MAX_STOCK: i64 = 1_000_000;
/// Heaviest listing, in grams.
pub const MAX_WEIGHT_G: i64 = 100_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Condition {
    New,
    Used,
    Refurbished,
}

impl Condition {
    pub const ALL: [Condition; 3] = [Condition::New, Condition::Used, Condition::Refurbished];

    pub fn as_str(self) -> &'static str {
        match self {
            Condition::New => "new",
            Condition::Used => "used",
            Condition::Refurbished => "refurbished",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Where a listing is. Only `Active` listings are shown to shoppers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ListingStatus {
    Draft,
    /// Passed screening, waiting for its publish time.
    Scheduled,
    Active,
    /// Live but queued for a moderator (medium risk).
    PendingReview,
    /// Kept off the storefront until a moderator decides (high risk).
    Held,
    Delisted,
    /// Out of stock in a shop that hides sold-out listings; back when restocked.
    SoldOut,
}

impl ListingStatus {
    pub const ALL: [ListingStatus; 7] = [
        ListingStatus::Draft,
        ListingStatus::Scheduled,
        ListingStatus::Active,
        ListingStatus::PendingReview,
        ListingStatus::Held,
        ListingStatus::Delisted,
        ListingStatus::SoldOut,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ListingStatus::Draft => "draft",
            ListingStatus::Scheduled => "scheduled",
            ListingStatus::Active => "active",
            ListingStatus::PendingReview => "pending_review",
            ListingStatus::Held => "held",
            ListingStatus::Delisted => "delisted",
            ListingStatus::SoldOut => "sold_out",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Whether shoppers see it. A medium-risk listing stays live while queued; the
    /// storefront shows `active` rows, so it is stored as active with a queued
    /// screening record rather than as `PendingReview`.
    pub fn live(self) -> bool {
        self == ListingStatus::Active
    }

    /// Whether a listing may be in this status while a [`Lock`] is on it: only the
    /// statuses in which shoppers cannot see it and nothing puts it back on sale by
    /// itself (a scheduled listing goes live on time, a sold-out one on restock).
    pub fn allowed_while_locked(self) -> bool {
        matches!(
            self,
            ListingStatus::Draft | ListingStatus::Held | ListingStatus::Delisted
        )
    }

    /// Whether an edit of a listing in this status is screened before it shows: it is
    /// on sale, will be (scheduled, or sold out until restocked), or is held by
    /// screening. A draft is screened when it is published.
    pub fn screened_on_edit(self) -> bool {
        matches!(
            self,
            ListingStatus::Active
                | ListingStatus::Scheduled
                | ListingStatus::SoldOut
                | ListingStatus::Held
        )
    }
}

/// Why a listing is kept off sale, and who may lift it. A lock is put on by a
/// moderator or the rights-notice workflow and lifted only by them, never by the
/// seller: while any lock is on a listing it is never live (the database refuses it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lock {
    /// A moderator rejected it; lifted by an approval or a granted appeal.
    Moderation,
    /// Held after shoppers' reports until a moderator decides.
    Report,
    /// Taken down under a rights notice; lifted only when the notice workflow
    /// reinstates it (or an appeal against an upheld notice is granted).
    Notice,
    /// Its shop is suspended, terminated or closed; lifted when the shop is reinstated.
    Shop,
}

impl Lock {
    pub const ALL: [Lock; 4] = [Lock::Moderation, Lock::Report, Lock::Notice, Lock::Shop];

    pub fn as_str(self) -> &'static str {
        match self {
            Lock::Moderation => "moderation",
            Lock::Report => "report",
            Lock::Notice => "notice",
            Lock::Shop => "shop",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// The listing form, as typed. Amounts are in major units of the shop's currency.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingForm {
    pub title_en: String,
    pub title_zh: String,
    pub description_en: String,
    pub description_zh: String,
    pub category: String,
    pub brand: String,
    pub condition: String,
    pub currency: String,
    pub price: String,
    pub compare_at: String,
    /// The lowest price any promotion may take a unit to (blank: none).
    #[serde(default)]
    pub floor: String,
    pub sku: String,
    pub stock: String,
    pub low_stock: String,
    pub weight_g: String,
    /// `YYYY-MM-DDTHH:MM` (a `datetime-local` input), UTC; blank for none.
    pub publish_at: String,
    pub delist_at: String,
}

/// A checked listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listing {
    pub title_en: String,
    pub title_zh: String,
    pub description_en: String,
    pub description_zh: String,
    pub category: String,
    pub brand: Option<String>,
    pub condition: Condition,
    pub price: Money,
    pub compare_at: Option<Money>,
    /// The lowest price promotions may take a unit to.
    pub floor: Option<Money>,
    pub sku: Option<String>,
    pub stock: i64,
    pub low_stock: i64,
    pub weight_g: Option<i64>,
    /// Unix seconds.
    pub publish_at: Option<i64>,
    pub delist_at: Option<i64>,
}

impl Listing {
    /// The titles in both languages, as shown: one left empty shows the other.
    pub fn titles(&self) -> (String, String) {
        let pick = |own: &str, other: &str| if own.is_empty() { other } else { own }.to_string();
        (
            pick(&self.title_en, &self.title_zh),
            pick(&self.title_zh, &self.title_en),
        )
    }
}

fn text(errors: &mut Vec<FieldError>, field: &str, raw: &str, max: usize) -> String {
    let v = raw.trim();
    if v.chars().count() > max {
        errors.push(FieldError::new(field, FieldErrorCode::TooLong));
    }
    v.to_string()
}

fn count(
    errors: &mut Vec<FieldError>,
    field: &str,
    raw: &str,
    max: i64,
    default: Option<i64>,
) -> i64 {
    let v = raw.trim();
    if v.is_empty() {
        if default.is_none() {
            errors.push(FieldError::new(field, FieldErrorCode::Required));
        }
        return default.unwrap_or(0);
    }
    match v.parse::<i64>() {
        Ok(n) if (0..=max).contains(&n) => n,
        _ => {
            errors.push(FieldError::new(field, FieldErrorCode::InvalidNumber));
            0
        }
    }
}

/// `YYYY-MM-DDTHH:MM[:SS]` as unix seconds (UTC), or `None` if it is not one.
pub fn parse_datetime_local(raw: &str) -> Option<i64> {
    let raw = raw.trim();
    let (date, time) = raw.split_once('T')?;
    let mut d = date.split('-');
    let (y, mo, da) = (
        d.next()?.parse::<i64>().ok()?,
        d.next()?.parse::<i64>().ok()?,
        d.next()?.parse::<i64>().ok()?,
    );
    if d.next().is_some() || !(1970..=9999).contains(&y) || !(1..=12).contains(&mo) {
        return None;
    }
    let mut t = time.split(':');
    let (h, mi) = (
        t.next()?.parse::<i64>().ok()?,
        t.next()?.parse::<i64>().ok()?,
    );
    let s = match t.next() {
        Some(s) => s.parse::<i64>().ok()?,
        None => 0,
    };
    if t.next().is_some() || h > 23 || mi > 59 || s > 59 || h < 0 || mi < 0 || s < 0 {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if da < 1 || da > days_in[(mo - 1) as usize] {
        return None;
    }
    // days from civil (Howard Hinnant)
    let yy = if mo <= 2 { y - 1 } else { y };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + da - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + mi * 60 + s)
}

/// The `datetime-local` text for unix seconds (UTC), minutes precision.
pub fn format_datetime_local(unix: i64) -> String {
    let (y, mo, d, secs) = crate::locale::civil_from_unix(unix);
    format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}",
        secs / 3600,
        (secs % 3600) / 60
    )
}

/// The price, the crossed-out "compare at" price and the promotional floor, in the
/// shop's currency (a form posted in another currency is refused, never converted).
fn prices(
    errors: &mut Vec<FieldError>,
    form: &ListingForm,
    shop_currency: Currency,
) -> (Option<Money>, Option<Money>, Option<Money>) {
    if Currency::parse(form.currency.trim()) != Some(shop_currency) {
        errors.push(FieldError::new("currency", FieldErrorCode::WrongCurrency));
    }
    let price = if form.price.trim().is_empty() {
        errors.push(FieldError::new("price", FieldErrorCode::Required));
        None
    } else {
        match Money::parse_price(&form.price, shop_currency) {
            Some(m) => Some(m),
            _ => {
                errors.push(FieldError::new("price", FieldErrorCode::InvalidPrice));
                None
            }
        }
    };
    let compare_at = if form.compare_at.trim().is_empty() {
        None
    } else {
        match Money::parse_price(&form.compare_at, shop_currency) {
            Some(m) if price.is_none_or(|p| m.amount_minor > p.amount_minor) => Some(m),
            _ => {
                errors.push(FieldError::new("compare_at", FieldErrorCode::InvalidPrice));
                None
            }
        }
    };
    // no promotion takes a unit below the floor, so a floor above the price means nothing
    let floor = if form.floor.trim().is_empty() {
        None
    } else {
        match Money::parse_price(&form.floor, shop_currency) {
            Some(m) if price.is_none_or(|p| m.amount_minor <= p.amount_minor) => Some(m),
            _ => {
                errors.push(FieldError::new("floor", FieldErrorCode::InvalidPrice));
                None
            }
        }
    };
    (price, compare_at, floor)
}

/// When the listing goes live and comes down (optional `datetime-local` times; the
/// delisting after the publishing).
fn schedule(errors: &mut Vec<FieldError>, form: &ListingForm) -> (Option<i64>, Option<i64>) {
    let when = |errors: &mut Vec<FieldError>, field: &str, raw: &str| {
        if raw.trim().is_empty() {
            return None;
        }
        let t = parse_datetime_local(raw);
        if t.is_none() {
            errors.push(FieldError::new(field, FieldErrorCode::InvalidDate));
        }
        t
    };
    let publish_at = when(errors, "publish_at", &form.publish_at);
    let delist_at = when(errors, "delist_at", &form.delist_at);
    if let (Some(p), Some(d)) = (publish_at, delist_at) {
        if d <= p {
            errors.push(FieldError::new("delist_at", FieldErrorCode::InvalidDate));
        }
    }
    (publish_at, delist_at)
}

/// Checks a listing form for a shop selling in `shop_currency`. Every refused field
/// is named; a price typed for another currency is refused, never converted.
pub fn validate(form: &ListingForm, shop_currency: Currency) -> Result<Listing, Vec<FieldError>> {
    let mut errors = Vec::new();
    let title_en = text(&mut errors, "title_en", &form.title_en, 140);
    let title_zh = text(&mut errors, "title_zh", &form.title_zh, 140);
    if title_en.is_empty() && title_zh.is_empty() {
        errors.push(FieldError::new("title_en", FieldErrorCode::Required));
    }
    let description_en = text(&mut errors, "description_en", &form.description_en, 5000);
    let description_zh = text(&mut errors, "description_zh", &form.description_zh, 5000);
    let category = form.category.trim().to_string();
    if category.is_empty() {
        errors.push(FieldError::new("category", FieldErrorCode::Required));
    }
    let brand = text(&mut errors, "brand", &form.brand, 60);
    let condition = Condition::parse(form.condition.trim());
    if condition.is_none() {
        errors.push(FieldError::new("condition", FieldErrorCode::InvalidChoice));
    }
    let (price, compare_at, floor) = prices(&mut errors, form, shop_currency);
    let sku = text(&mut errors, "sku", &form.sku, 40);
    if !sku
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    {
        errors.push(FieldError::new("sku", FieldErrorCode::InvalidChoice));
    }
    let stock = count(&mut errors, "stock", &form.stock, MAX_STOCK, None);
    let low_stock = count(
        &mut errors,
        "low_stock",
        &form.low_stock,
        MAX_STOCK,
        Some(5),
    );
    let weight_g = if form.weight_g.trim().is_empty() {
        None
    } else {
        Some(count(
            &mut errors,
            "weight_g",
            &form.weight_g,
            MAX_WEIGHT_G,
            None,
        ))
    };
    let (publish_at, delist_at) = schedule(&mut errors, form);
    match (errors.is_empty(), condition, price) {
        (true, Some(condition), Some(price)) => Ok(Listing {
            title_en,
            title_zh,
            description_en,
            description_zh,
            category,
            brand: (!brand.is_empty()).then_some(brand),
            condition,
            price,
            compare_at,
            floor,
            sku: (!sku.is_empty()).then_some(sku),
            stock,
            low_stock,
            weight_g,
            publish_at,
            delist_at,
        }),
        _ => Err(errors),
    }
}

/// Where a listing that passed screening goes when published at `now`: live at once,
/// or scheduled for its publish time; a delisting time already past takes it down.
pub fn status_after_publish(
    now: i64,
    publish_at: Option<i64>,
    delist_at: Option<i64>,
) -> ListingStatus {
    if delist_at.is_some_and(|d| d <= now) {
        ListingStatus::Delisted
    } else if publish_at.is_some_and(|p| p > now) {
        ListingStatus::Scheduled
    } else {
        ListingStatus::Active
    }
}

#[cfg(test)]
mod tests;
