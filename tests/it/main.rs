//! Integration tests: the real router on port 0 with a fresh SurrealDB per test.
#![recursion_limit = "256"]

mod abuse;
mod accounts;
mod architecture;
mod authz;
mod brands;
mod cart;
mod chat;
mod checkout;
mod cross_border;
mod database;
mod disputes;
mod events;
mod explain;
mod listing;
mod mail;
mod moderation;
mod notices;
mod notifications;
mod onboarding;
mod pages;
mod promotions;
mod questions;
mod recovery;
mod referrals;
mod replies;
mod request_args;
mod reviews;
mod roles;
mod security;
mod seller_listings;
mod seller_money;
mod stripe;
mod two_step;
mod variants;
mod verification;
