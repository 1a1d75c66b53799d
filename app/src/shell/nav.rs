//! The header's data: the category menu and the cart's item count. The header composes
//! two areas, so its server function lives with the shell, not in either area.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::catalog::CategoryTree;
use crate::error::AppError;

/// Header data: the category menu and the cart's item count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NavData {
    pub categories: Vec<CategoryTree>,
    pub cart_count: u32,
}

#[server(endpoint = "nav_data")]
pub async fn get_nav_data() -> Result<NavData, AppError> {
    let visitor = crate::ctx::Ctx::visitor().await?;
    Ok(NavData {
        categories: crate::catalog::imp::category_menu(&visitor.state, visitor.prefs.lang).await?,
        cart_count: crate::cart::imp::cart_item_count(&visitor).await?,
    })
}
