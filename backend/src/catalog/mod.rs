//! The catalog area's database work (its store modules: SurrealQL and the rows it reads):
//! categories, storefront listings with their filters and keyset cursors, product
//! pages, shops, search, the trending list and reference prices.

pub mod store;
