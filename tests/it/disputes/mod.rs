//! Buyer protection: delivery confirmed by the buyer or the deadline, not the seller;
//! returns per item, sent back and received before the refund; claims a moderator
//! decides.

mod claims;
mod delivery;
mod returns;
