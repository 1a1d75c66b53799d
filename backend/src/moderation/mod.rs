//! The moderation area's database work (its store modules: SurrealQL and the rows it reads):
//! the overview's counts and audit log, automatic screening's reads, the transparency
//! report, the moderation policy and platform settings, shoppers' reports, sellers'
//! appeals, the moderation queue (cases, decisions, strikes), and notice and action.

pub mod store;
