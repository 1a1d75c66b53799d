//! The fx area's database work (its store modules: SurrealQL and the rows it reads):
//! rates from USD, rounding modes, the rate history, the stale-after setting, and the
//! rate table built from them.

pub mod store;
