//! Which area listens to which event: the one place that names both sides. Areas that
//! publish events (orders, accounts, sellers' listings) know only `crate::events`; the
//! areas that react (the shop's ledger, sharing rewards, moderation) are wired here.

use std::sync::Arc;

use crate::events::Listeners;

/// Every listener of the marketplace.
pub fn all() -> Listeners {
    Listeners {
        // the ledger first: a sale is posted before the reward that is paid from it
        order: vec![
            Arc::new(crate::sellers::money::imp::LedgerListener),
            Arc::new(crate::referrals::imp::RewardListener),
        ],
        sign_up: vec![Arc::new(crate::referrals::imp::AttributionListener)],
        // the cart filled before signing in joins the account's cart
        sign_in: vec![Arc::new(crate::cart::imp::CartMergeListener)],
        // views, adds to cart and checkouts on the seller's dashboard
        activity: vec![Arc::new(crate::sellers::stats::StatsListener)],
        // a reward whose sharer paid with the buyer's card is held
        card_seen: vec![Arc::new(crate::referrals::imp::SamePaymentListener)],
        // the referred buyer's welcome discount and store credit at checkout
        checkout: Arc::new(crate::referrals::imp::CheckoutPricing),
        // screening and rights notices decide whether a listing goes live
        listing: Arc::new(crate::moderation::screening::imp::Vetting),
    }
}
