//! The server functions: check who is asking, call `imp`, answer.

use super::*;

#[server(endpoint = "seller_notices")]
pub async fn get_seller_notices() -> Result<SellerNotices, AppError> {
    let ctx = crate::ctx::Ctx::seller().await?;
    let (db, shop, now) = (&ctx.state.db, &ctx.shop.id, ctx.state.now());
    Ok(SellerNotices {
        active_strikes: crate::moderation::queue::imp::active_strikes(db, shop, now).await?,
        sanction: crate::sellers::store::sanction_of(db, shop).await?,
        decisions: crate::moderation::queue::imp::decisions_of(db, shop, now).await?,
        items: crate::moderation::notices::imp::shop_items(db, shop).await?,
    })
}
