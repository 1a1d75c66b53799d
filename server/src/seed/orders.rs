//! The demo shopper's orders (one checkout across two shops, one still open), saved
//! address and an open report.

use chrono::{DateTime, Duration, Utc};
use surrealdb::types::RecordId;

use app::state::Db;

use super::demo_address;
use crate::db::DbError;
use crate::store::seed::{
    create_address, create_counterfeit_report, create_order_event, create_order_line,
    create_paid_checkout, create_shop_order, sellable_products_of_shop, NewOrderLine, NewShopOrder,
};

/// (shop slug, (product index, quantity) lines, order status)
/// (shop, quantity of each line — the shop's first, second … live product, status)
type DemoOrder = (&'static str, &'static [i64], &'static str);

pub(super) async fn seed_orders(
    db: &Db,
    shopper: &RecordId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let orders: &[DemoOrder] = &[
        ("formosa-tea-house", &[2, 1], "delivered"),
        ("auralis-audio-lab", &[1], "shipped"),
        ("mori-home", &[1], "placed"),
    ];
    let checkout = RecordId::new("checkout", "demo1");
    create_paid_checkout(
        db,
        checkout.clone(),
        shopper.clone(),
        now - Duration::days(6),
    )
    .await?;
    for (i, (shop, lines, status)) in orders.iter().enumerate() {
        let order = RecordId::new("shop_order", format!("demo{}", i + 1));
        let shop_id = RecordId::new("shop", *shop);
        let mut subtotal = 0;
        let mut currency = "TWD".to_string();
        // the shop's own live products (not a variant group's parent)
        let sold = sellable_products_of_shop(db, shop_id.clone()).await?;
        for (j, qty) in lines.iter().enumerate() {
            let Some(row) = (!sold.is_empty()).then(|| &sold[j % sold.len()]) else {
                continue;
            };
            let product = RecordId::new("product", row[3].as_str().unwrap_or_default());
            let title = row[0].as_str().unwrap_or_default().to_string();
            let unit = row[1].as_i64().unwrap_or(0);
            currency = row[2].as_str().unwrap_or("TWD").to_string();
            subtotal += unit * qty;
            create_order_line(
                db,
                NewOrderLine {
                    id: RecordId::new("order_line", format!("demo{}_{j}", i + 1)),
                    order: order.clone(),
                    product,
                    title,
                    unit_price_minor: unit,
                    quantity: *qty,
                    currency: currency.clone(),
                },
            )
            .await?;
        }
        let placed_at = now - Duration::days(6 - i as i64);
        let paid = *status != "placed";
        let shipped = paid && *status != "paid";
        create_shop_order(
            db,
            NewShopOrder {
                id: order.clone(),
                checkout: checkout.clone(),
                buyer: shopper.clone(),
                shop: shop_id,
                status: status.to_string(),
                subtotal_minor: subtotal,
                currency,
                created_at: placed_at,
                number: domain::order::order_number(&format!("demo{}", i + 1)),
                shipping_address: serde_json::to_value(demo_address()).unwrap_or_default(),
                payment_status: if paid { "paid" } else { "pending" }.to_string(),
                carrier: paid
                    .then(|| "Chunghwa Post".to_string())
                    .filter(|_| *status != "paid"),
                tracking_number: paid
                    .then(|| format!("EE{:09}TW", 100_200_300 + i))
                    .filter(|_| *status != "paid"),
                shipped_at: shipped.then(|| placed_at + Duration::days(2)),
                confirm_by: shipped
                    .then(|| placed_at + Duration::days(2 + domain::order::DELIVERY_CONFIRM_DAYS)),
                delivered_at: (*status == "delivered").then(|| placed_at + Duration::days(3)),
            },
        )
        .await?;
        let steps = ["placed", "paid", "shipped", "delivered"];
        let upto = steps.iter().position(|s| s == status).unwrap_or(0);
        for (d, kind) in steps.iter().take(upto + 1).enumerate() {
            create_order_event(
                db,
                order.clone(),
                kind.to_string(),
                placed_at + Duration::days(d as i64),
            )
            .await?;
        }
    }
    let a = demo_address();
    create_address(db, shopper.clone(), a, now - Duration::days(30)).await?;
    create_counterfeit_report(
        db,
        RecordId::new("product", "d000003"),
        shopper.clone(),
        "The logo looks different from the brand's official product.".to_string(),
        now - Duration::days(1),
    )
    .await?;
    Ok(())
}
