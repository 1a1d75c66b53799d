//! The marketplace's Leptos application: one isomorphic app rendered on the server
//! and hydrated in the browser. Each area owns its routes, server functions
//! (`api.rs`), server-only queries (`store.rs`) and views.
#![recursion_limit = "256"]

pub mod accounts;
pub mod cart;
pub mod catalog;
pub mod chat;
pub mod codec;
#[cfg(feature = "ssr")]
pub mod ctx;
pub mod error;
#[cfg(feature = "ssr")]
pub mod events;
pub mod fx;
pub mod i18n;
pub mod lazy_pages;
#[cfg(feature = "ssr")]
pub mod listeners;
pub mod mail;
#[cfg(feature = "ssr")]
pub mod media;
pub mod moderation;
pub mod orders;
pub mod prefs;
pub mod promotions;
pub mod qa;
pub mod referrals;
#[cfg(feature = "ssr")]
pub mod request;
pub mod reviews;
pub mod sellers;
pub mod shell;
#[cfg(feature = "ssr")]
pub mod state;
pub mod ui;

pub use shell::{shell, App};

#[cfg(feature = "ssr")]
pub use backend::vars;
