//! The orders area's database work: its store (checkout, orders and their timeline,
//! status changes, returns, the notification outbox, payments and sellers' transfers),
//! the SurrealQL and the rows it reads and writes. The orders area's logic in the app
//! calls it, and runs the transactions it builds with the listeners' statements added.

pub mod store;
