//! Catalog queries (server only), by topic.

mod categories;
mod follows;
mod listings;
mod prices;
mod products;
mod shops;
mod text_search;
mod trends;

pub use self::categories::{categories, CategoryRow};
pub use self::follows::{
    follow_state, followed_shops, follows_among, newest_of_shop_query, newest_of_shops, set_follow,
    shops_named, FollowedShop, FOLLOWED, MAX_FOLLOWED,
};
pub use self::listings::{explain_listing, listing, CursorValue, ListingFilter, ListingRow, Sort};
pub use self::prices::{display_price, reprice_reference, to_reference};
pub use self::products::{
    available_stock, cart_count, in_categories, in_categories_query, newest, newest_query, product,
    product_images, top_rated, top_rated_query, variant_group, CardRow, DetailRow, OptionRow,
    VariantRow, AVAILABLE_STOCK, PRODUCT_IMAGES,
};
pub use self::shops::{approved_shop, open_shops, ShopPageRow, ShopRow};
pub use self::text_search::{search, search_query, vocabulary};
pub use self::trends::{refresh_trending, trending, PAID_SINCE, TRENDING_DAYS, TRENDING_SIZE};

const CARD_FIELDS: &str =
    "id, slug, title_en, title_zh, price_minor, currency, rating_avg, rating_count, \
                           shop.name AS shop_name, image_url, shop, category, compare_at_minor, promo_floor_minor";

/// Units available for this product row, as an expression over `id`.
const AVAILABLE: &str =
    "(type::record('stock', record::id(id)).on_hand - type::record('stock', record::id(id)).reserved)";
