//! Seller-centre server functions.

use leptos::prelude::*;

use super::SellerOverview;
use crate::error::AppError;

#[cfg(feature = "ssr")]
mod imp {
    use domain::Role;
    use surrealdb::types::{RecordId, SurrealValue};

    use super::super::{SellerOverview, ShopStatus, ShopSummary};
    use crate::accounts::session::require_role;
    use crate::error::AppError;
    use crate::state::{app_state, count};

    #[derive(SurrealValue)]
    struct ShopRow {
        id: RecordId,
        name: String,
        slug: String,
        status: String,
    }

    pub async fn seller_overview() -> Result<SellerOverview, AppError> {
        let user = require_role(Role::Seller).await?;
        let state = app_state()?;
        let db = &state.db;
        let mut res = db
            .query("SELECT id, name, slug, status FROM shop WHERE owner = $user LIMIT 1")
            .bind(("user", user.id.clone()))
            .await?
            .check()?;
        let rows: Vec<ShopRow> = res.take(0)?;
        let Some(shop) = rows.into_iter().next() else {
            return Ok(SellerOverview { shop: None });
        };
        let id = shop.id;
        let total_listings = count(
            db,
            "SELECT count() AS n FROM product WHERE shop = $shop GROUP ALL",
            ("shop", id.clone()),
        )
        .await?;
        let active_listings = count(
            db,
            "SELECT count() AS n FROM product WHERE shop = $shop AND status = 'active' GROUP ALL",
            ("shop", id.clone()),
        )
        .await?;
        let low_stock = count(
            db,
            "SELECT count() AS n FROM stock WHERE shop = $shop AND on_hand - reserved <= low_stock_threshold GROUP ALL",
            ("shop", id.clone()),
        )
        .await?;
        let open_orders = count(
            db,
            "SELECT count() AS n FROM shop_order WHERE shop = $shop AND status IN ['placed', 'paid'] GROUP ALL",
            ("shop", id),
        )
        .await?;
        let status = match shop.status.as_str() {
            "approved" => ShopStatus::Approved,
            "suspended" | "terminated" => ShopStatus::Suspended,
            _ => ShopStatus::Pending,
        };
        Ok(SellerOverview {
            shop: Some(ShopSummary {
                name: shop.name,
                slug: shop.slug,
                status,
                total_listings,
                active_listings,
                low_stock,
                open_orders,
            }),
        })
    }
}

/// The seller centre's summary of the caller's shop. Requires the seller role.
#[server(endpoint = "seller_overview")]
pub async fn get_seller_overview() -> Result<SellerOverview, AppError> {
    crate::error::respond(imp::seller_overview().await)
}
