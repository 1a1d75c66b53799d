//! The accounts area's database work: users (keyed by their normalised email),
//! sessions, login failures and the audit trail entries written on their own; password
//! resets and the session list (`recovery_store`); two-step sign-in
//! (`two_step_store`).

pub mod recovery_store;
pub mod store;
pub mod two_step_store;
