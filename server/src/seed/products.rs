//! The demo listings: products with English and Traditional Chinese titles in every
//! leaf category, generated images and stock, and (among the first clothes) variants.

use chrono::{DateTime, Duration, Utc};
use surrealdb::types::RecordId;

use app::state::Db;

use super::shops::Approved;
use super::{price_in, progress, Rng, SeedOptions};
use crate::db::DbError;
use crate::seed_data::{Vocabulary, ADJECTIVES, BRANDS, CATEGORIES, COLOURS, LEAVES};
use crate::store::seed::{
    insert_product_images, insert_products, insert_stock, ImageRow, ProductRow, StockRow,
};

/// Clothes among the first this many products get variants (a bench seed of 100,000
/// keeps its listed products as they are).
const VARIANT_SEED_LIMIT: usize = 1200;
const CLOTHES: &[&str] = &["dresses", "tops", "shirts", "jackets"];

/// Colour and size options, in that axis order.
fn variant_options(
    colour: (&str, &str),
    size: (&str, &str),
) -> Vec<app::catalog::store::OptionRow> {
    vec![
        app::catalog::store::OptionRow {
            axis_en: "Colour".into(),
            axis_zh: "顏色".into(),
            value_en: colour.0.into(),
            value_zh: colour.1.into(),
        },
        app::catalog::store::OptionRow {
            axis_en: "Size".into(),
            axis_zh: "尺寸".into(),
            value_en: size.0.into(),
            value_zh: size.1.into(),
        },
    ]
}

/// The stock record of demo product `key`.
fn stock_row(
    key: &str,
    product: &RecordId,
    shop: &RecordId,
    on_hand: i64,
    now: DateTime<Utc>,
) -> StockRow {
    StockRow {
        id: RecordId::new("stock", key),
        product: product.clone(),
        shop: shop.clone(),
        on_hand,
        reserved: 0,
        low_stock_threshold: 5,
        updated_at: now,
    }
}

/// The words a demo product's titles are made of (English, Chinese).
struct Words<'a> {
    leaf: &'a str,
    brand: &'a str,
    adj: (&'a str, &'a str),
    noun: (&'a str, &'a str),
    colour: (&'a str, &'a str),
}

/// Four more variants of `parent` (demo product number `k`, key `key`): sizes M and L
/// in its colour and in one other, each with its own stock and, in the other colour,
/// its own photo. Drawn from their own generator, so every other product stays as it
/// was.
fn variants_of(
    parent: &mut ProductRow,
    k: usize,
    key: &str,
    w: &Words,
    now: DateTime<Utc>,
    images: &mut Vec<ImageRow>,
    stocks: &mut Vec<StockRow>,
) -> Vec<ProductRow> {
    let Words {
        leaf,
        brand,
        adj: (adj_en, adj_zh),
        noun: (noun_en, noun_zh),
        colour: (col_en, col_zh),
    } = *w;
    let mut vr = Rng(k as u64 ^ 0x5EED_F512);
    let other = COLOURS
        .iter()
        .copied()
        .filter(|c| c.0 != col_en)
        .nth(vr.below(COLOURS.len() as u64 - 1) as usize)
        .unwrap_or(COLOURS[0]);
    parent.options = Some(variant_options((col_en, col_zh), ("S", "S")));
    let mut children = Vec::new();
    // (colour, size, price change in %, on hand)
    let combos = [
        ((col_en, col_zh), "M", 0, vr.range(0, 40)),
        ((col_en, col_zh), "L", 10, vr.range(1, 40)),
        (other, "M", 0, vr.range(1, 40)),
        (other, "L", 10, 0),
    ];
    for (i, ((c_en, c_zh), sz, pct, on_hand)) in combos.into_iter().enumerate() {
        let child_key = format!("{key}-{}", i + 2);
        let child = RecordId::new("product", child_key.as_str());
        let child_title_en = format!("{brand} {adj_en} {noun_en} – {c_en} / {sz}");
        let image_url = if c_en == col_en {
            parent.image_url.clone()
        } else {
            format!("/media/gen/{leaf}/{child_key}-0.svg")
        };
        let child_row = ProductRow {
            id: child.clone(),
            shop: parent.shop.clone(),
            category: parent.category.clone(),
            slug: domain::slug::Slug::from_text(&child_title_en)
                .map(|s| s.as_str().to_string())
                .unwrap_or_else(|| child_key.clone()),
            title_zh: format!("{brand} {adj_zh}{noun_zh}（{c_zh}／{sz}）"),
            title_en: child_title_en,
            description_en: parent.description_en.replace(col_en, c_en),
            description_zh: parent.description_zh.replace(col_zh, c_zh),
            brand: parent.brand.clone(),
            condition: "new".into(),
            price_minor: parent.price_minor + parent.price_minor * pct / 100,
            compare_at_minor: None,
            currency: parent.currency.clone(),
            sku: Some(format!("SKU-{k:06}-{}", i + 2)),
            status: "active".into(),
            image_url: image_url.clone(),
            rating_avg: parent.rating_avg,
            rating_count: parent.rating_count,
            created_at: parent.created_at,
            updated_at: parent.updated_at,
            variant_of: Some(parent.id.clone()),
            variants: None,
            options: Some(variant_options((c_en, c_zh), (sz, sz))),
        };
        images.push(ImageRow {
            product: child.clone(),
            url: image_url,
            position: 0,
            alt: child_row.title_en.clone(),
            width: 800,
            height: 800,
        });
        stocks.push(stock_row(&child_key, &child, &parent.shop, on_hand, now));
        children.push(child_row);
    }
    parent.variants = Some(children.iter().map(|c| c.id.clone()).collect());
    children
}

/// A leaf category: its slug, the nouns of its products, their price range (TWD) and
/// its top category.
type Leaf = (&'static str, Vocabulary, (i64, i64), &'static str);

/// One batch of demo rows, inserted together.
#[derive(Default)]
struct Batch {
    products: Vec<ProductRow>,
    images: Vec<ImageRow>,
    stocks: Vec<StockRow>,
}

impl Batch {
    /// Demo product number `k` in `leaf`, sold by `seller`, with its photos and stock
    /// (and, among the first clothes, its variants).
    fn add(&mut self, k: usize, leaf: &Leaf, seller: &Approved, rng: &mut Rng, now: DateTime<Utc>) {
        let (leaf, nouns, (lo, hi), _) = *leaf;
        let (shop, currency, _, shop_name) = seller;
        let Batch {
            products,
            images,
            stocks,
        } = self;
        let (noun_en, noun_zh) = *rng.pick(nouns);
        let (adj_en, adj_zh) = *rng.pick(ADJECTIVES);
        let (col_en, col_zh) = *rng.pick(COLOURS);
        let brand = *rng.pick(BRANDS);
        let key = format!("d{k:06}");
        let id = RecordId::new("product", key.as_str());
        let twd = rng.range(lo / 10, hi / 10) * 10;
        let price = price_in(twd, *currency);
        // earlier versions drew placeholder ratings here; the draws stay so every
        // other seeded value is unchanged (ratings now come from seeded reviews)
        if rng.below(5) != 0 {
            rng.range(1, 480);
            rng.range(32, 50);
        }
        let status = match rng.below(60) {
            0 => "pending_review",
            1 => "held",
            _ => "active",
        };
        // half of the first clothes come in sizes and a second colour (variants);
        // their own generator keeps every other product as it was
        let variants = k < VARIANT_SEED_LIMIT
            && CLOTHES.contains(&leaf)
            && (k / LEAVES.len()).is_multiple_of(2)
            && status == "active";
        let size = if variants { "／S" } else { "" };
        let title_en = format!(
            "{brand} {adj_en} {noun_en} – {col_en}{}",
            if variants { " / S" } else { "" }
        );
        let title_zh = format!("{brand} {adj_zh}{noun_zh}（{col_zh}{size}）");
        let n_images = rng.range(1, 3);
        for pos in 0..n_images {
            images.push(ImageRow {
                product: id.clone(),
                url: format!("/media/gen/{leaf}/{key}-{pos}.svg"),
                position: pos,
                alt: title_en.clone(),
                width: 800,
                height: 800,
            });
        }
        let on_hand = if rng.below(12) == 0 {
            0
        } else {
            rng.range(1, 250)
        };
        stocks.push(stock_row(&key, &id, shop, on_hand, now));
        let created = now - Duration::minutes(rng.range(10, 60 * 24 * 90));
        products.push(ProductRow {
            id,
            shop: shop.clone(),
            category: RecordId::new("category", leaf),
            slug: domain::slug::Slug::from_text(&title_en).map(|s| s.as_str().to_string()).unwrap_or_else(|| key.clone()),
            description_en: format!(
                "{adj_en} {noun_en} in {col_en}, made for daily use. Sold by {shop_name}; each order is checked and packed by hand before it ships."
            ),
            description_zh: format!("{col_zh}{adj_zh}{noun_zh}，適合日常使用。每筆訂單出貨前皆由專人檢查並細心包裝。"),
            title_en,
            title_zh,
            brand: Some(brand.to_string()),
            condition: "new".into(),
            price_minor: price,
            compare_at_minor: (rng.below(4) == 0).then(|| price + price / 5),
            currency: currency.code().to_string(),
            sku: Some(format!("SKU-{k:06}")),
            status: status.into(),
            image_url: format!("/media/gen/{leaf}/{key}-0.svg"),
            rating_avg: 0.0,
            rating_count: 0,
            created_at: created,
            updated_at: created,
            variant_of: None,
            variants: None,
            options: None,
        });
        if variants {
            let parent = products.last_mut().expect("just pushed");
            let words = Words {
                leaf,
                brand,
                adj: (adj_en, adj_zh),
                noun: (noun_en, noun_zh),
                colour: (col_en, col_zh),
            };
            let children = variants_of(parent, k, &key, &words, now, images, stocks);
            products.extend(children);
        }
    }
}

/// Lists `opts.products` products in batches of 500, each sold by an approved shop
/// that sells in its top category.
pub(super) async fn seed_products(
    db: &Db,
    opts: &SeedOptions,
    approved: &[Approved],
    rng: &mut Rng,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let leaves: Vec<Leaf> = LEAVES
        .iter()
        .map(|(slug, nouns, range)| {
            let mut top = *slug;
            while let Some(p) = CATEGORIES.iter().find(|c| c.0 == top).and_then(|c| c.3) {
                top = p;
            }
            (*slug, *nouns, *range, top)
        })
        .collect();
    let total = opts.products;
    let batch_size = 500;
    let mut made = 0;
    while made < total {
        let n = batch_size.min(total - made);
        let mut batch = Batch::default();
        for k in made..made + n {
            let leaf = &leaves[k % leaves.len()];
            let top = leaf.3;
            let sellers: Vec<_> = approved.iter().filter(|s| s.2.contains(&top)).collect();
            let Some(seller) = sellers
                .get(rng.below(sellers.len() as u64) as usize)
                .copied()
            else {
                continue;
            };
            batch.add(k, leaf, seller, rng, now);
        }
        insert_products(db, batch.products).await?;
        insert_product_images(db, batch.images).await?;
        insert_stock(db, batch.stocks).await?;
        made += n;
        progress(opts.progress, "products", made, total);
    }
    Ok(())
}
