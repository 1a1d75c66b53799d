//! Bulk work on a shop's listings: CSV export, CSV import (checked row by row, run in
//! the background with its progress stored so the page can show it) and the bulk
//! price and stock edit on the listings page.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportStatus {
    pub id: String,
    /// `running`, `done` or `refused` (all-or-nothing with bad rows: nothing imported).
    pub status: String,
    pub mode: String,
    pub total: i64,
    pub done: i64,
    pub created: i64,
    pub updated: i64,
    pub failed: i64,
    /// The first refused cells: (row, field, error code).
    pub errors: Vec<(i64, String, String)>,
}

#[cfg(feature = "ssr")]
pub mod imp;

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "import_status")]
pub async fn get_import_status(id: domain::keys::ImportJobKey) -> Result<ImportStatus, AppError> {
    async {
        let crate::ctx::Ctx { state, user, .. } =
            crate::ctx::Ctx::role(domain::Role::Seller).await?;
        imp::import_status(&state, &user, &id).await
    }
    .await
}

/// New prices and stock for several listings at once (all or none).
#[server(endpoint = "bulk_update")]
pub async fn bulk_update(
    #[server(default)] id: Vec<String>,
    #[server(default)] price: Vec<String>,
    #[server(default)] stock: Vec<String>,
) -> Result<usize, AppError> {
    async {
        let crate::ctx::Ctx { state, user, .. } =
            crate::ctx::Ctx::role(domain::Role::Seller).await?;
        imp::bulk_update(&state, &user, id, price, stock).await
    }
    .await
}
