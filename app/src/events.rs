//! Typed events for effects that cross areas. The area that owns a change publishes
//! what happened (an order was paid, an account was created); the areas that react
//! (the shop's ledger, sharing rewards) listen, each adding its statements to the same
//! transaction, so money and state commit together. Some listeners answer instead
//! (checkout pricing, listing vetting): the publisher asks, the listener decides.
//! The publisher knows only these types, never its listeners: which area listens to
//! what is wired once, in `crate::listeners`.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use backend::db::{Db, Stmts, Tx};
use chrono::{DateTime, Utc};
use domain::order::{Address, OrderEvent};
use domain::screening::{Screening, Verdict};
use domain::Currency;
use surrealdb::types::RecordId;

use crate::error::AppError;
use crate::request::Request;

/// A listener's answer, computed outside any transaction.
pub type Answer<'a, T> = Pin<Box<dyn Future<Output = Result<T, AppError>> + Send + 'a>>;

/// A listener's work: statements for the publisher's transaction.
pub type Contribution<'a> = Answer<'a, Stmts>;

/// One order event, as listeners see it.
#[derive(Clone, Debug)]
pub struct OrderChange {
    pub order: RecordId,
    pub event: OrderEvent,
    pub now: DateTime<Utc>,
}

/// Reacts to order events inside the order's transaction.
pub trait OrderListener: Send + Sync + 'static {
    /// Statements to run with the change (empty when the event does not concern it).
    /// They may read `$now`; everything else they bind themselves.
    fn on_order<'a>(&'a self, db: &'a Db, change: &'a OrderChange) -> Contribution<'a>;
}

/// Reacts to a new account (after it is created, outside any transaction).
pub trait SignUpListener: Send + Sync + 'static {
    fn on_sign_up<'a>(
        &'a self,
        state: &'a crate::state::AppState,
        req: &'a Request,
        user: &'a RecordId,
    ) -> Answer<'a, ()>;
}

/// Reacts to a sign-in (sign-ups included), inside the request that signs in, after
/// the session is created.
pub trait SignInListener: Send + Sync + 'static {
    fn on_sign_in<'a>(
        &'a self,
        state: &'a crate::state::AppState,
        req: &'a Request,
        user: &'a crate::accounts::session::SessionUser,
    ) -> Answer<'a, ()>;
}

/// What a shopper did with a product, counted for its seller's dashboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShopperActivity {
    View,
    AddToCart,
    Checkout,
}

/// Counts shoppers' activity on the hot path: must not block or touch the database.
pub trait ActivityListener: Send + Sync + 'static {
    fn on_activity(&self, activity: ShopperActivity, product_key: &str);
}

/// Reacts to a card fingerprint arriving for a checkout's payment (after it is stored).
pub trait CardListener: Send + Sync + 'static {
    fn on_card<'a>(
        &'a self,
        state: &'a crate::state::AppState,
        checkout: &'a RecordId,
    ) -> Answer<'a, ()>;
}

/// One shop's part of a checkout, as the checkout's listener prices it.
#[derive(Clone, Debug)]
pub struct OrderPart {
    pub shop: RecordId,
    pub currency: Currency,
    /// Goods after the shop's promotion, before shipping.
    pub goods_minor: i64,
}

/// What sharing rules do to one shop's part of a checkout.
#[derive(Clone, Debug, Default)]
pub struct PartReferral {
    pub campaign: Option<RecordId>,
    /// The shop paying for the reward (its own campaign), or `None` for the platform.
    pub funder: Option<RecordId>,
    pub reward_minor: i64,
    pub welcome_minor: i64,
}

/// The checkout's referral: who referred the buyer (if anyone) and, per part, the
/// campaign that applies (the shop's own first, else the platform's, in the part's
/// currency), the sharer's reward and the buyer's welcome discount (first order only).
pub struct CheckoutReferral {
    pub sharer: Option<RecordId>,
    pub parts: Vec<PartReferral>,
}

impl CheckoutReferral {
    /// No referral: nothing off, no reward, for each of `parts` parts.
    pub fn none(parts: usize) -> Self {
        CheckoutReferral {
            sharer: None,
            parts: vec![PartReferral::default(); parts],
        }
    }
}

/// One order of a checkout being placed, with what the checkout's listener decided
/// for it.
pub struct PlacedPart {
    pub order: RecordId,
    pub currency: String,
    pub goods_minor: i64,
    pub credit_minor: i64,
    pub referral: PartReferral,
}

/// Prices a checkout beyond the shops' own promotions (the referred buyer's welcome
/// discount, store credit), and records what it decided when the orders are placed.
pub trait CheckoutListener: Send + Sync + 'static {
    /// The referral rules for each part of the buyer's checkout.
    fn quote<'a>(
        &'a self,
        state: &'a crate::state::AppState,
        req: &'a Request,
        buyer: &'a RecordId,
        parts: &'a [OrderPart],
    ) -> Answer<'a, CheckoutReferral>;

    /// The buyer's spendable store credit, per currency code.
    fn credits<'a>(&'a self, db: &'a Db, buyer: &'a RecordId) -> Answer<'a, Vec<(String, i64)>>;

    /// The buyer's spendable store credit in one currency.
    fn available_credit<'a>(
        &'a self,
        db: &'a Db,
        buyer: &'a RecordId,
        currency: &'a str,
    ) -> Answer<'a, i64>;

    /// Statements for the transaction that places the orders (credit spent, rewards
    /// pending, attribution), which must bind `$now`.
    fn on_place<'a>(
        &'a self,
        state: &'a crate::state::AppState,
        req: &'a Request,
        buyer: &'a RecordId,
        sharer: Option<&'a RecordId>,
        address: &'a Address,
        parts: &'a [PlacedPart],
    ) -> Contribution<'a>;

    /// After the orders are placed: `rewarded` of them carry a reward for `sharer`.
    fn placed<'a>(
        &'a self,
        state: &'a crate::state::AppState,
        sharer: &'a RecordId,
        rewarded: usize,
    ) -> Answer<'a, ()>;
}

/// No checkout listener: nothing off, no credit, nothing recorded.
pub struct NoCheckoutPricing;

impl CheckoutListener for NoCheckoutPricing {
    fn quote<'a>(
        &'a self,
        _: &'a crate::state::AppState,
        _: &'a Request,
        _: &'a RecordId,
        parts: &'a [OrderPart],
    ) -> Answer<'a, CheckoutReferral> {
        Box::pin(async move { Ok(CheckoutReferral::none(parts.len())) })
    }

    fn credits<'a>(&'a self, _: &'a Db, _: &'a RecordId) -> Answer<'a, Vec<(String, i64)>> {
        Box::pin(async { Ok(Vec::new()) })
    }

    fn available_credit<'a>(&'a self, _: &'a Db, _: &'a RecordId, _: &'a str) -> Answer<'a, i64> {
        Box::pin(async { Ok(0) })
    }

    fn on_place<'a>(
        &'a self,
        _: &'a crate::state::AppState,
        _: &'a Request,
        _: &'a RecordId,
        _: Option<&'a RecordId>,
        _: &'a Address,
        _: &'a [PlacedPart],
    ) -> Contribution<'a> {
        Box::pin(async { Ok(Stmts::new()) })
    }

    fn placed<'a>(
        &'a self,
        _: &'a crate::state::AppState,
        _: &'a RecordId,
        _: usize,
    ) -> Answer<'a, ()> {
        Box::pin(async { Ok(()) })
    }
}

/// A listing to screen, as its shop last saved it (or as an imported row reads).
pub struct ListingDraft<'a> {
    /// The saved listing, whose photos are screened too; `None` for rows not saved yet.
    pub product: Option<&'a RecordId>,
    /// Titles, descriptions and brand, in every language.
    pub texts: &'a [&'a str],
    pub price_minor: i64,
    /// The median price of live listings in the same category and currency, if known.
    pub median_minor: Option<i64>,
}

/// Vets listings before they go live: the platform's screening.
/// Sellers ask through this and never read moderation's records themselves.
pub trait ListingVetting: Send + Sync + 'static {
    /// Screens listings of `shop` as they read now: one verdict per draft, in order.
    fn screen<'a>(
        &'a self,
        db: &'a Db,
        shop: &'a RecordId,
        drafts: &'a [ListingDraft<'a>],
        now: DateTime<Utc>,
    ) -> Answer<'a, Vec<Screening>>;
}

/// No vetting: everything publishes.
pub struct NoVetting;

impl ListingVetting for NoVetting {
    fn screen<'a>(
        &'a self,
        _: &'a Db,
        _: &'a RecordId,
        drafts: &'a [ListingDraft<'a>],
        _: DateTime<Utc>,
    ) -> Answer<'a, Vec<Screening>> {
        let publish = || Screening {
            score: 0,
            reasons: Vec::new(),
            verdict: Verdict::Publish,
        };
        Box::pin(async move { Ok(drafts.iter().map(|_| publish()).collect()) })
    }
}

/// Every listener, by event.
#[derive(Clone)]
pub struct Listeners {
    pub order: Vec<Arc<dyn OrderListener>>,
    pub sign_up: Vec<Arc<dyn SignUpListener>>,
    pub sign_in: Vec<Arc<dyn SignInListener>>,
    pub activity: Vec<Arc<dyn ActivityListener>>,
    pub card_seen: Vec<Arc<dyn CardListener>>,
    /// Prices checkouts beyond promotions (`NoCheckoutPricing` when nothing does).
    pub checkout: Arc<dyn CheckoutListener>,
    /// Vets listings before they go live (`NoVetting` when nothing does).
    pub listing: Arc<dyn ListingVetting>,
}

/// No listeners at all.
impl Default for Listeners {
    fn default() -> Self {
        Listeners {
            order: Vec::new(),
            sign_up: Vec::new(),
            sign_in: Vec::new(),
            activity: Vec::new(),
            card_seen: Vec::new(),
            checkout: Arc::new(NoCheckoutPricing),
            listing: Arc::new(NoVetting),
        }
    }
}

impl Listeners {
    /// Adds every order listener's statements for `change` to `tx`, which must bind
    /// `$now`.
    pub async fn order_changed(
        &self,
        db: &Db,
        change: &OrderChange,
        tx: &mut Tx,
    ) -> Result<(), AppError> {
        for listener in &self.order {
            tx.add(listener.on_order(db, change).await?);
        }
        Ok(())
    }

    /// Runs every card listener for a checkout whose payment card became known.
    pub async fn card_seen(
        &self,
        state: &crate::state::AppState,
        checkout: &RecordId,
    ) -> Result<(), AppError> {
        for listener in &self.card_seen {
            listener.on_card(state, checkout).await?;
        }
        Ok(())
    }

    /// Runs every sign-in listener for `user`, who just signed in.
    pub async fn signed_in(
        &self,
        state: &crate::state::AppState,
        req: &Request,
        user: &crate::accounts::session::SessionUser,
    ) -> Result<(), AppError> {
        for listener in &self.sign_in {
            listener.on_sign_in(state, req, user).await?;
        }
        Ok(())
    }

    /// Tells every activity listener what a shopper did with a product.
    pub fn shopper_did(&self, activity: ShopperActivity, product_key: &str) {
        for listener in &self.activity {
            listener.on_activity(activity, product_key);
        }
    }

    /// Runs every sign-up listener for a new account.
    pub async fn signed_up(
        &self,
        state: &crate::state::AppState,
        req: &Request,
        user: &RecordId,
    ) -> Result<(), AppError> {
        for listener in &self.sign_up {
            listener.on_sign_up(state, req, user).await?;
        }
        Ok(())
    }
}
