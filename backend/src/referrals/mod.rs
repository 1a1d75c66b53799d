//! The referrals area's database work: its store (SurrealQL and the rows it reads) for
//! the referral settings, sharers' counters and codes, attribution, store credit,
//! rewards, the fraud checks' evidence and campaigns. The rules deciding what to write,
//! and the mapping to the app's errors, stay in the app (`app::referrals::imp`).

pub mod store;
