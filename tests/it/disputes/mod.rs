//! Buyer protection: delivery confirmed by the buyer or the deadline, not the seller.

mod delivery;
