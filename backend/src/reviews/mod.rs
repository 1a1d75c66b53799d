//! The reviews area's database work: its store (SurrealQL, the rows it reads and the
//! statements it adds to transactions), by topic: the ratings kept by deltas, the
//! product page, writing, the seller centre and moderation. The app's `reviews::imp`
//! calls it and maps its results to the area's errors and pages.

pub mod store;
