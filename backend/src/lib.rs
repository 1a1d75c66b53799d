//! Server-only building blocks that every area uses and none owns: the database handle
//! and its helpers, the typed transaction builder (statements with namespaced
//! variables, guards that refuse with a [`db::Refusal`], record locks, retry on the
//! database's typed conflict error, audit entries from [`db::AuditAction`]).
//!
//! Each area's store lives here too (`<area>/store…`): the only place, with `db`, where
//! SurrealQL is written.
//!
//! No Leptos here: the Leptos app calls into this crate from its server functions.
#![recursion_limit = "256"]

pub mod db;

pub mod accounts;
pub mod cart;
pub mod catalog;
pub mod chat;
pub mod fx;
pub mod moderation;
pub mod notify;
pub mod orders;
pub mod promotions;
pub mod qa;
pub mod referrals;
pub mod reviews;
pub mod sellers;
