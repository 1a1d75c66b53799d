//! Order rules: the life of one seller's order inside a checkout, returns,
//! shipping fees, shipping addresses and the checkout's price fingerprint.

use serde::{Deserialize, Serialize};

use crate::account::{FieldError, FieldErrorCode};

pub mod money;
pub mod returns;

pub use returns::{ReturnKind, ReturnStatus, RETURN_REASONS};

/// Where a seller's order is. `Placed` means awaiting payment, with stock reserved;
/// `Delivered` that the buyer confirmed it arrived (or [`DELIVERY_CONFIRM_DAYS`] passed
/// after shipping), which opens the return window; `Completed` that the window closed
/// and the shop was paid out (settlement moves it there, not a person).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrderStatus {
    Placed,
    Paid,
    Shipped,
    Delivered,
    Completed,
    Cancelled,
}

/// Something that moves an order on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrderAction {
    MarkPaid,
    Ship,
    Deliver,
    Complete,
    Cancel,
}

/// Why an order or a checkout request was refused; nothing was changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum OrderError {
    #[error("the cart is empty")]
    EmptyCart,
    #[error("prices or items changed since the checkout page was loaded")]
    PricesChanged,
    #[error("not enough stock for {product}")]
    OutOfStock { product: String },
    #[error("choose a shipping method for every seller")]
    ShippingMissing,
    #[error("this order can no longer be changed that way")]
    WrongState,
    #[error("a return was already requested for this order")]
    ReturnExists,
    #[error("the return window has closed")]
    ReturnWindowClosed,
    #[error("card payment covers one currency per checkout")]
    MixedCurrencies,
    #[error("your store credit changed (spent in another checkout)")]
    CreditChanged,
    #[error("unpaid orders already hold {product}: pay for them first or pay by card")]
    UnpaidLimit {
        /// The product whose units this buyer's unpaid orders already hold (empty: too
        /// many unpaid orders in all).
        product: String,
    },
    #[error("{} can't be shipped to {country}", items.join(", "))]
    CannotShip {
        /// ISO code of the chosen address's country.
        country: String,
        /// Titles of the lines no zone of their shop delivers there.
        items: Vec<String>,
    },
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 6] = [
        OrderStatus::Placed,
        OrderStatus::Paid,
        OrderStatus::Shipped,
        OrderStatus::Delivered,
        OrderStatus::Completed,
        OrderStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::Placed => "placed",
            OrderStatus::Paid => "paid",
            OrderStatus::Shipped => "shipped",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Completed => "completed",
            OrderStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Before shipment the buyer may cancel or change the address.
    pub fn before_shipment(self) -> bool {
        matches!(self, OrderStatus::Placed | OrderStatus::Paid)
    }

    pub fn is_final(self) -> bool {
        matches!(self, OrderStatus::Completed | OrderStatus::Cancelled)
    }

    /// The statuses `action` may start from.
    pub fn sources(action: OrderAction) -> &'static [OrderStatus] {
        match action {
            OrderAction::MarkPaid => &[OrderStatus::Placed],
            OrderAction::Ship => &[OrderStatus::Paid],
            OrderAction::Deliver => &[OrderStatus::Shipped],
            OrderAction::Complete => &[OrderStatus::Delivered],
            OrderAction::Cancel => &[OrderStatus::Placed, OrderStatus::Paid],
        }
    }

    /// The status after `action`, or `WrongState` when it does not apply.
    pub fn apply(self, action: OrderAction) -> Result<OrderStatus, OrderError> {
        if !Self::sources(action).contains(&self) {
            return Err(OrderError::WrongState);
        }
        Ok(match action {
            OrderAction::MarkPaid => OrderStatus::Paid,
            OrderAction::Ship => OrderStatus::Shipped,
            OrderAction::Deliver => OrderStatus::Delivered,
            OrderAction::Complete => OrderStatus::Completed,
            OrderAction::Cancel => OrderStatus::Cancelled,
        })
    }

    /// The happy path's steps, for the order timeline.
    pub const TIMELINE: [OrderStatus; 5] = [
        OrderStatus::Placed,
        OrderStatus::Paid,
        OrderStatus::Shipped,
        OrderStatus::Delivered,
        OrderStatus::Completed,
    ];
}

/// What happened to an order: each is one entry of its timeline (`order_event.kind`)
/// and what other areas react to (the shop's ledger, sharing rewards).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrderEvent {
    Placed,
    Paid,
    Shipped,
    /// The seller says the parcel arrived; only the buyer (or the deadline) makes the
    /// order delivered.
    DeliveryReported,
    Delivered,
    Completed,
    Cancelled,
    AddressChanged,
    ReturnRequested,
    /// The seller accepted a return: the buyer sends the items back.
    ReturnAccepted,
    /// The buyer sent the returned items back (with tracking).
    ReturnShippedBack,
    /// The returned items arrived and the order was refunded in full.
    ReturnRefunded,
    /// The returned items arrived and their part of the order was refunded.
    ReturnRefundedPartially,
    ReturnRefused,
    /// A seller refunded part of what is left of the order.
    RefundedPartially,
    /// The payment was refunded in full by a seller's last partial refund.
    Refunded,
    /// The payment provider refunded the whole charge itself (from its dashboard): the
    /// shop's ledger gives back what is left of the sale.
    ChargeRefunded,
    /// The return window closed: the shop's pending money became available.
    Settled,
    /// The buyer asked the platform to decide about the return.
    ClaimOpened,
    /// The seller gave their side of the claim.
    ClaimAnswered,
    /// The seller did not answer the claim in time.
    ClaimUnanswered,
    /// A moderator decided the claim.
    ClaimDecided,
}

impl OrderEvent {
    pub const ALL: [OrderEvent; 22] = [
        OrderEvent::Placed,
        OrderEvent::Paid,
        OrderEvent::Shipped,
        OrderEvent::DeliveryReported,
        OrderEvent::Delivered,
        OrderEvent::Completed,
        OrderEvent::Cancelled,
        OrderEvent::AddressChanged,
        OrderEvent::ReturnRequested,
        OrderEvent::ReturnAccepted,
        OrderEvent::ReturnShippedBack,
        OrderEvent::ReturnRefunded,
        OrderEvent::ReturnRefundedPartially,
        OrderEvent::ReturnRefused,
        OrderEvent::RefundedPartially,
        OrderEvent::Refunded,
        OrderEvent::ChargeRefunded,
        OrderEvent::Settled,
        OrderEvent::ClaimOpened,
        OrderEvent::ClaimAnswered,
        OrderEvent::ClaimUnanswered,
        OrderEvent::ClaimDecided,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderEvent::Placed => "placed",
            OrderEvent::Paid => "paid",
            OrderEvent::Shipped => "shipped",
            OrderEvent::DeliveryReported => "delivery_reported",
            OrderEvent::Delivered => "delivered",
            OrderEvent::Completed => "completed",
            OrderEvent::Cancelled => "cancelled",
            OrderEvent::AddressChanged => "address_changed",
            OrderEvent::ReturnRequested => "return_requested",
            OrderEvent::ReturnAccepted => "return_accepted",
            OrderEvent::ReturnShippedBack => "return_shipped_back",
            OrderEvent::ReturnRefunded => "return_refunded",
            OrderEvent::ReturnRefundedPartially => "return_refunded_partially",
            OrderEvent::ReturnRefused => "return_refused",
            OrderEvent::RefundedPartially => "refunded_partially",
            OrderEvent::Refunded => "refunded",
            OrderEvent::ChargeRefunded => "charge_refunded",
            OrderEvent::Settled => "settled",
            OrderEvent::ClaimOpened => "claim_opened",
            OrderEvent::ClaimAnswered => "claim_answered",
            OrderEvent::ClaimUnanswered => "claim_unanswered",
            OrderEvent::ClaimDecided => "claim_decided",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.as_str() == s)
    }

    /// The event an action's status change records.
    pub fn of(action: OrderAction) -> Self {
        match action {
            OrderAction::MarkPaid => OrderEvent::Paid,
            OrderAction::Ship => OrderEvent::Shipped,
            OrderAction::Deliver => OrderEvent::Delivered,
            OrderAction::Complete => OrderEvent::Completed,
            OrderAction::Cancel => OrderEvent::Cancelled,
        }
    }

    /// Whether the order's money leaves the buyer's hands for good on this event
    /// (cancelled after payment, refunded in full), so rewards on it are reversed.
    pub fn ends_sale(self) -> bool {
        matches!(
            self,
            OrderEvent::Cancelled
                | OrderEvent::ReturnRefunded
                | OrderEvent::Refunded
                | OrderEvent::ChargeRefunded
        )
    }
}

/// At most this many unpaid offline checkouts per buyer at once (each holds its stock
/// for days).
pub const MAX_UNPAID_CHECKOUTS: i64 = 3;

/// The most units of one product a buyer's unpaid offline orders may hold, of the
/// `free` units not held by anyone else: half (at least one), so one account cannot
/// hold a rival's whole stock for days without paying.
pub fn unpaid_hold_limit(free: i64) -> i64 {
    (free / 2).max(1)
}

/// What cancelling does to stock: an unpaid order only held a reservation; a paid
/// one had its units taken from the shelf, so they go back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StockRelease {
    Unreserve,
    Restock,
}

pub fn release_on_cancel(from: OrderStatus) -> Option<StockRelease> {
    match from {
        OrderStatus::Placed => Some(StockRelease::Unreserve),
        OrderStatus::Paid => Some(StockRelease::Restock),
        _ => None,
    }
}

/// Days after delivery during which a return may be requested.
pub const RETURN_WINDOW_DAYS: i64 = 7;

/// Days after shipping after which an order the buyer has not confirmed counts as
/// delivered (a seller's "delivered" is only their report).
pub const DELIVERY_CONFIRM_DAYS: i64 = 14;

/// Shipping fee for one seller's parcel: free at or above the method's threshold.
pub fn shipping_fee(price_minor: i64, free_over_minor: Option<i64>, subtotal_minor: i64) -> i64 {
    match free_over_minor {
        Some(limit) if subtotal_minor >= limit => 0,
        _ => price_minor.max(0),
    }
}

/// A validated shipping address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub name: String,
    pub phone: String,
    pub line1: String,
    pub line2: String,
    pub city: String,
    pub postal_code: String,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: String,
}

/// Countries an order may be delivered to; each shop chooses which of them it ships to
/// (`crate::shipping`).
pub const COUNTRIES: [&str; 11] = crate::shipping::DESTINATIONS;

impl Address {
    /// Trims and checks each field; returns every problem at once.
    pub fn parse(raw: Address) -> Result<Address, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut field = |name: &str, value: String, required: bool, max: usize| {
            let v = value.trim().to_string();
            if required && v.is_empty() {
                errors.push(FieldError::new(name, FieldErrorCode::Required));
            } else if v.chars().count() > max || v.chars().any(char::is_control) {
                errors.push(FieldError::new(name, FieldErrorCode::TooLong));
            }
            v
        };
        let name = field("name", raw.name, true, 80);
        let phone = field("phone", raw.phone, true, 30);
        let line1 = field("line1", raw.line1, true, 120);
        let line2 = field("line2", raw.line2, false, 120);
        let city = field("city", raw.city, true, 60);
        let postal_code = field("postal_code", raw.postal_code, false, 12);
        let country = field("country", raw.country, true, 2).to_ascii_uppercase();
        if !country.is_empty() && !COUNTRIES.contains(&country.as_str()) {
            errors.push(FieldError::new("country", FieldErrorCode::InvalidChoice));
        }
        if !phone.is_empty()
            && !phone
                .chars()
                .all(|c| c.is_ascii_digit() || " +-()".contains(c))
        {
            errors.push(FieldError::new("phone", FieldErrorCode::InvalidPhone));
        }
        if errors.is_empty() {
            Ok(Address {
                name,
                phone,
                line1,
                line2,
                city,
                postal_code,
                country,
            })
        } else {
            Err(errors)
        }
    }
}

/// One priced line as the shopper saw it on the checkout page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PricedLine<'a> {
    pub product: &'a str,
    pub quantity: u32,
    pub unit_price_minor: i64,
    pub currency: &'a str,
}

/// A short stable digest of the checkout's lines and prices. The checkout page
/// sends it back with the order; a different digest at submit time means the
/// shopper would pay something they did not see, so the order is refused.
pub fn fingerprint(lines: &[PricedLine<'_>]) -> String {
    // FNV-1a, 64-bit: stable across builds and platforms (std's hasher is not).
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    let mut sorted: Vec<&PricedLine<'_>> = lines.iter().collect();
    sorted.sort_by(|a, b| a.product.cmp(b.product));
    for l in sorted {
        eat(l.product.as_bytes());
        eat(&l.quantity.to_le_bytes());
        eat(&l.unit_price_minor.to_le_bytes());
        eat(l.currency.as_bytes());
    }
    format!("{h:016x}")
}

/// A human order number from the record key: `HM-` and the key's first 8 characters, upper case.
pub fn order_number(key: &str) -> String {
    let short: String = key
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(8)
        .collect();
    format!("HM-{}", short.to_ascii_uppercase())
}

/// Carriers a seller can ship with, and where their tracking pages are.
pub const CARRIERS: [(&str, &str); 6] = [
    (
        "Chunghwa Post",
        "https://postserv.post.gov.tw/pstmail/main_mail.html?targetTxn=EB500100&MAILNO=",
    ),
    ("T-Cat", "https://www.t-cat.com.tw/Inquire/Trace.aspx?no="),
    (
        "SF Express",
        "https://www.sf-express.com/tw/en/dynamic_function/waybill/#search/bill-number/",
    ),
    (
        "DHL",
        "https://www.dhl.com/tw-en/home/tracking.html?tracking-id=",
    ),
    ("FedEx", "https://www.fedex.com/fedextrack/?trknbr="),
    ("UPS", "https://www.ups.com/track?tracknum="),
];

/// The carrier's tracking page for a parcel, when the carrier is known and the
/// number is plain (letters, digits and dashes).
pub fn tracking_url(carrier: &str, number: &str) -> Option<String> {
    let (_, base) = CARRIERS.iter().find(|(name, _)| *name == carrier)?;
    let ok = !number.is_empty()
        && number.len() <= 40
        && number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-');
    ok.then(|| format!("{base}{number}"))
}

/// Splits `available` store credit over a checkout's orders in one currency (their
/// goods, in order): each order takes what is left, never more than its goods.
pub fn split_credit(available: i64, goods: &[i64]) -> Vec<i64> {
    let mut left = available.max(0);
    goods
        .iter()
        .map(|g| {
            let take = left.min((*g).max(0));
            left -= take;
            take
        })
        .collect()
}

#[cfg(test)]
mod tests;

/// A shipping method a new shop starts with (the seller can change them later).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StarterShipping {
    pub code: &'static str,
    pub name_en: &'static str,
    pub name_zh: &'static str,
    pub price_minor: i64,
    pub free_over_minor: Option<i64>,
    pub days: (i64, i64),
}

/// Standard and express delivery priced in `currency`: about NT$60 / NT$180, with
/// standard free from about NT$1,000.
pub fn starter_shipping(currency: crate::Currency) -> Vec<StarterShipping> {
    use crate::Currency as C;
    // (standard, express, free over), in minor units
    let (standard, express, free) = match currency {
        C::TWD => (60, 180, 1_000),
        C::HKD => (1_500, 4_500, 25_000),
        C::JPY => (300, 900, 5_000),
        C::USD | C::EUR | C::GBP | C::SGD => (200, 600, 3_500),
        C::CNY => (1_500, 4_000, 25_000),
        C::KRW => (2_500, 7_500, 45_000),
        C::MYR => (800, 2_400, 15_000),
        C::KWD => (600, 1_800, 10_000),
    };
    vec![
        StarterShipping {
            code: "standard",
            name_en: "Standard delivery",
            name_zh: "標準配送",
            price_minor: standard,
            free_over_minor: Some(free),
            days: (2, 5),
        },
        StarterShipping {
            code: "express",
            name_en: "Express delivery",
            name_zh: "快速配送",
            price_minor: express,
            free_over_minor: None,
            days: (1, 2),
        },
    ]
}
