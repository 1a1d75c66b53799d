//! Record keys as they arrive in URLs and forms, checked once, where they are read.
//!
//! A server function that takes a `ProductKey` never sees a key that could not name a
//! record: deserialising the request refuses it, so no handler checks a key by hand.
//! The key says which table it belongs to, so an order's key cannot be passed where a
//! product's is expected. Whether the record exists, and whether the caller may see it,
//! is still the handler's question.

use std::fmt;
use std::marker::PhantomData;

use serde::{Deserialize, Serialize};

/// The most characters a key may have.
pub const MAX_KEY_LEN: usize = 64;

/// Whether `key` can name a record: 1–64 ASCII letters, digits, `-` or `_`.
pub fn is_record_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= MAX_KEY_LEN
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A table whose records are named by keys.
pub trait Table {
    /// The table's name in the database.
    const NAME: &'static str;
}

/// A key that cannot name a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyError {
    pub table: &'static str,
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{KEY_ERROR} {}", self.table)
    }
}

impl std::error::Error for KeyError {}

/// The start of a [`KeyError`]'s message, which is all that survives a request's
/// decoding (so the server can answer "not found" for it).
pub const KEY_ERROR: &str = "not a record key of";

/// A checked key of a record in table `T`.
#[derive(Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Key<T: Table> {
    key: String,
    table: PhantomData<fn() -> T>,
}

impl<T: Table> Key<T> {
    pub fn parse(key: &str) -> Result<Self, KeyError> {
        if is_record_key(key) {
            Ok(Key {
                key: key.to_string(),
                table: PhantomData,
            })
        } else {
            Err(KeyError { table: T::NAME })
        }
    }

    pub fn as_str(&self) -> &str {
        &self.key
    }

    /// The table the key belongs to.
    pub fn table(&self) -> &'static str {
        T::NAME
    }
}

impl<T: Table> TryFrom<String> for Key<T> {
    type Error = KeyError;

    fn try_from(key: String) -> Result<Self, KeyError> {
        if is_record_key(&key) {
            Ok(Key {
                key,
                table: PhantomData,
            })
        } else {
            Err(KeyError { table: T::NAME })
        }
    }
}

impl<T: Table> From<Key<T>> for String {
    fn from(key: Key<T>) -> String {
        key.key
    }
}

impl<T: Table> std::str::FromStr for Key<T> {
    type Err = KeyError;

    fn from_str(key: &str) -> Result<Self, KeyError> {
        Self::parse(key)
    }
}

// Written out rather than derived: a derive would require `T` itself to be `Clone`,
// `Debug` and so on, and tables are only markers.
impl<T: Table> Clone for Key<T> {
    fn clone(&self) -> Self {
        Key {
            key: self.key.clone(),
            table: PhantomData,
        }
    }
}

impl<T: Table> PartialEq for Key<T> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl<T: Table> Eq for Key<T> {}

impl<T: Table> std::hash::Hash for Key<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

impl<T: Table> fmt::Debug for Key<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", T::NAME, self.key)
    }
}

impl<T: Table> fmt::Display for Key<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key)
    }
}

macro_rules! tables {
    ($($(#[$doc:meta])* $marker:ident, $key:ident => $name:literal;)*) => {
        /// Marker types naming the tables keys belong to.
        pub mod table {
            $(
                $(#[$doc])*
                #[derive(Debug)]
                pub enum $marker {}

                impl super::Table for $marker {
                    const NAME: &'static str = $name;
                }
            )*
        }

        $(
            $(#[$doc])*
            pub type $key = Key<table::$marker>;
        )*
    };
}

tables! {
    /// A listing (product page `/p/<key>`).
    Product, ProductKey => "product";
    /// A shop (its address `/s/<slug>`).
    Shop, ShopSlug => "shop";
    /// One shop's order of a checkout.
    ShopOrder, OrderKey => "shop_order";
    /// A line of an order.
    OrderLine, OrderLineKey => "order_line";
    /// A category (`/c/<slug>`).
    Category, CategorySlug => "category";
    /// A shopper's review.
    Review, ReviewKey => "review";
    /// A buyer's claim about an order, which a moderator decides (one per order: its
    /// key is the order's).
    Dispute, DisputeKey => "dispute";
    /// A checkout: the orders one payment placed.
    Checkout, CheckoutKey => "checkout";
    /// A sharing campaign.
    Campaign, CampaignKey => "campaign";
    /// A shop's promotion (the marketing area).
    Promotion, PromotionKey => "promotion";
    /// A sharing reward (held ones wait for a moderator).
    Reward, RewardKey => "referral_reward";
    /// A screening case in the moderation queue.
    ScreeningCase, CaseKey => "screening_case";
    /// A moderator's decision on a listing (appealable).
    Decision, DecisionKey => "moderation_decision";
    /// A shopper's report of a listing.
    ListingReport, ReportKey => "listing_report";
    /// A registered rights owner.
    RightsOwner, RightsOwnerKey => "rights_owner";
    /// One listing named by a rights owner's notice.
    NoticeItem, NoticeItemKey => "notice_item";
    /// A document sellers of a category must provide.
    DocumentRequirement, RequirementKey => "document_requirement";
    /// A CSV import of listings.
    ImportJob, ImportJobKey => "import_job";
    /// Where Stripe and the ledger disagree (an admin acts on it).
    PaymentAlert, PaymentAlertKey => "payment_alert";
    /// A conversation between a shopper and a shop (`/messages/<key>`).
    ChatThread, ThreadKey => "chat_thread";
    /// A question on a product page.
    ProductQuestion, QuestionKey => "product_question";
    /// An answer to a product question.
    ProductAnswer, AnswerKey => "product_answer";
    /// A signed-in session (keyed by the SHA-256 of its secret, never the secret).
    UserSession, SessionKey => "user_session";
}

#[cfg(test)]
mod tests;
