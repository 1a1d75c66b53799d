//! What automatic screening needs from the database (server only): the protected brands
//! a shop is not authorised for, near-duplicate photos found through the perceptual-hash
//! band indexes, the shop's unexpired strikes and age, and the admin-set score bands.
//! The scoring itself is `domain::screening`. [`imp::Vetting`] answers sellers' listings
//! through `crate::events::ListingVetting`.

#[cfg(feature = "ssr")]
pub mod imp;
