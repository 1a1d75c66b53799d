//! The listings' server functions: check the caller, call the logic in `imp`, return.

#[cfg(feature = "ssr")]
use crate::ctx::Ctx;
#[cfg(feature = "ssr")]
use domain::Role;
use leptos::prelude::*;

use super::{ActionDone, ListingEditor, ShopListings};
use crate::error::AppError;

#[server(endpoint = "seller_listings")]
pub async fn get_seller_listings(
    #[server(default)] status: String,
) -> Result<ShopListings, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::role(Role::Seller).await?;
        super::imp::list(&state, &user, &status).await
    }
    .await
}

#[server(endpoint = "listing_editor")]
pub async fn get_listing_editor(#[server(default)] id: String) -> Result<ListingEditor, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::role(Role::Seller).await?;
        super::imp::editor(&state, &user, &id).await
    }
    .await
}

/// Creates (no `id`) or updates a listing; returns its id.
#[server(endpoint = "save_listing")]
pub async fn save_listing(
    #[server(default)] id: String,
    #[server(default)] title_en: String,
    #[server(default)] title_zh: String,
    #[server(default)] description_en: String,
    #[server(default)] description_zh: String,
    #[server(default)] category: String,
    #[server(default)] brand: String,
    #[server(default)] condition: String,
    #[server(default)] currency: String,
    #[server(default)] price: String,
    #[server(default)] compare_at: String,
    #[server(default)] floor: String,
    #[server(default)] sku: String,
    #[server(default)] stock: String,
    #[server(default)] low_stock: String,
    #[server(default)] weight_g: String,
    #[server(default)] publish_at: String,
    #[server(default)] delist_at: String,
) -> Result<String, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::role(Role::Seller).await?;
        let form = domain::listing::ListingForm {
            title_en,
            title_zh,
            description_en,
            description_zh,
            category,
            brand,
            condition,
            currency,
            price,
            compare_at,
            floor,
            sku,
            stock,
            low_stock,
            weight_g,
            publish_at,
            delist_at,
        };
        super::imp::save(&state, &user, &id, form).await
    }
    .await
}

/// `op`: `publish` (through screening), `delist` or `duplicate`.
#[server(endpoint = "listing_action")]
pub async fn listing_action(id: String, op: String) -> Result<ActionDone, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::role(Role::Seller).await?;
        match op.as_str() {
            "publish" => super::imp::publish(&state, &user, &id)
                .await
                .map(ActionDone::Status),
            "delist" => super::imp::delist(&state, &user, &id)
                .await
                .map(|()| ActionDone::Status("delisted".into())),
            "duplicate" => super::imp::duplicate(&state, &user, &id)
                .await
                .map(ActionDone::Duplicated),
            _ => Err(AppError::Invalid(vec![domain::FieldError::new(
                "op",
                domain::FieldErrorCode::InvalidChoice,
            )])),
        }
    }
    .await
}

/// `op`: `up`, `down` or `remove` for one photo of a listing.
#[server(endpoint = "arrange_photo")]
pub async fn arrange_photo(id: String, photo: String, op: String) -> Result<(), AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::role(Role::Seller).await?;
        super::imp::arrange_photo(&state, &user, &id, &photo, &op).await
    }
    .await
}

/// Adds a variant (one or two option axes, e.g. Size and Colour) to a listing.
#[server(endpoint = "add_variant")]
pub async fn add_variant(
    id: String,
    #[server(default)] axis1_en: String,
    #[server(default)] axis1_zh: String,
    #[server(default)] axis2_en: String,
    #[server(default)] axis2_zh: String,
    #[server(default)] own1_en: String,
    #[server(default)] own1_zh: String,
    #[server(default)] own2_en: String,
    #[server(default)] own2_zh: String,
    #[server(default)] value1_en: String,
    #[server(default)] value1_zh: String,
    #[server(default)] value2_en: String,
    #[server(default)] value2_zh: String,
    #[server(default)] sku: String,
    #[server(default)] price: String,
    #[server(default)] stock: String,
) -> Result<String, AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::role(Role::Seller).await?;
        super::imp::add_variant(
            &state,
            &user,
            &id,
            &[(axis1_en, axis1_zh), (axis2_en, axis2_zh)],
            &[(own1_en, own1_zh), (own2_en, own2_zh)],
            &[(value1_en, value1_zh), (value2_en, value2_zh)],
            &sku,
            &price,
            &stock,
        )
        .await
    }
    .await
}

/// `mode`: `hide` sold-out listings or `mark` them.
#[server(endpoint = "set_sold_out_display")]
pub async fn set_sold_out_display(mode: String) -> Result<(), AppError> {
    async {
        let Ctx { state, user, .. } = Ctx::role(Role::Seller).await?;
        super::imp::set_sold_out_display(&state, &user, &mode).await
    }
    .await
}
