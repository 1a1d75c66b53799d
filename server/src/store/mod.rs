//! The server crate's SurrealQL, one file per topic: the schema and migrations, the
//! export/import check, the upload forms, the share cards, the public photos' checks and
//! the demo seed.

pub mod media;
pub mod schema;
pub mod seed;
pub mod share;
pub mod transfer;
pub mod uploads;
