//! The sellers area's database work (its store modules: SurrealQL and the rows it reads).
//!
//! - [`store`]: shops by owner (the seller's [`store::SellerShop`]), onboarding's document
//!   requirements, the seller centre's overview and dashboard figures, shipping zones,
//!   the day's view and sales counters.
//! - [`listings_store`]: the seller centre's listings, with their photos and variants.
//! - [`bulk_store`]: the CSV export and import of listings, bulk price and stock edits.
//! - [`money_store`]: ledger postings and balances, settlement, payouts.
//! - [`onboarding_store`]: applications to sell, their documents and decisions.
//!
//! Callers (the app's sellers area) check who asks and decide; these modules only read
//! and write.

pub mod bulk_store;
pub mod listings_store;
pub mod money_store;
pub mod onboarding_store;
pub mod store;
