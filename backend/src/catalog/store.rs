//! Catalog queries (server only), by topic.

mod categories;
mod listings;
mod prices;
mod products;
mod promotions;
mod shops;
mod text_search;
mod trends;

pub use self::categories::{categories, CategoryRow};
pub use self::listings::{explain_listing, listing, CursorValue, ListingFilter, ListingRow, Sort};
pub use self::prices::{display_price, reprice_reference, to_reference};
pub use self::products::{
    available_stock, cart_count, in_categories, newest, product, product_images, top_rated,
    variant_group, CardRow, DetailRow, OptionRow, VariantRow,
};
pub use self::promotions::{running_promotions, shop_promotions, PromotionRow};
pub use self::shops::{approved_shop, open_shops, ShopPageRow, ShopRow};
pub use self::text_search::{search, vocabulary};
pub use self::trends::{refresh_trending, trending, TRENDING_DAYS, TRENDING_SIZE};

const CARD_FIELDS: &str =
    "id, slug, title_en, title_zh, price_minor, currency, rating_avg, rating_count, \
                           shop.name AS shop_name, image_url";

/// Units available for this product row, as an expression over `id`.
const AVAILABLE: &str =
    "(type::record('stock', record::id(id)).on_hand - type::record('stock', record::id(id)).reserved)";
