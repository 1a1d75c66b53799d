use super::store;
use super::{SellerOverview, ShopStatus, ShopSummary};
use crate::ctx::Ctx;
use crate::error::AppError;

pub async fn seller_overview(ctx: &Ctx) -> Result<SellerOverview, AppError> {
    let Ctx { state, user, .. } = ctx;
    let Some(shop) = store::shop_of_owner(&state.db, &user.id).await? else {
        return Ok(SellerOverview { shop: None });
    };
    let counts = store::shop_counts(&state.db, &shop.id).await?;
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
            total_listings: counts.total_listings,
            active_listings: counts.active_listings,
            low_stock: counts.low_stock,
            open_orders: counts.open_orders,
        }),
    })
}
