//! Server-only building blocks that every area uses and none owns: the database handle
//! and its helpers, the typed transaction builder (statements with namespaced
//! variables, guards that refuse with a [`db::Refusal`], record locks, retry on the
//! database's typed conflict error, audit entries from [`db::AuditAction`]).
//!
//! No Leptos here: the Leptos app calls into this crate from its server functions.
#![recursion_limit = "256"]

pub mod db;
