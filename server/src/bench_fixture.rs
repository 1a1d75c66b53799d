//! `server bench-orders --shop SLUG --orders N`: a benchmark fixture that gives one
//! shop N past orders (spread over 90 days) with what the real transitions leave
//! behind — orders and lines, ledger postings, running balances and the dashboard's
//! per-day rows — written in batches. Not used by the app itself.

use std::collections::HashMap;

use chrono::{Duration, Utc};
use rand::{Rng, SeedableRng};
use surrealdb::types::{RecordId, SurrealValue};

use app::state::{key_of, Db};

#[derive(SurrealValue)]
struct P {
    id: RecordId,
    price_minor: i64,
    currency: String,
}

pub async fn bench_orders(db: &Db, shop_slug: &str, n: usize) -> Result<(), String> {
    let shop = RecordId::new("shop", shop_slug);
    let mut res = db
        .query("SELECT id, price_minor, currency FROM product WHERE shop = $shop AND variant_of = NONE LIMIT 300")
        .bind(("shop", shop.clone()))
        .await
        .map_err(|e| e.to_string())?;
    let products: Vec<P> = res.take(0).map_err(|e| e.to_string())?;
    if products.is_empty() {
        return Err(format!("shop {shop_slug} has no products"));
    }
    let currency = products[0].currency.clone();
    let buyer = RecordId::new("user", "shopper@demo.test");
    let mut rng = rand::rngs::StdRng::seed_from_u64(42);
    let now = Utc::now();
    let mut days: HashMap<String, (i64, i64)> = HashMap::new();
    let mut product_days: HashMap<(String, String), (i64, i64)> = HashMap::new();
    let (mut pending, mut available, mut commission, mut sales) = (0i64, 0i64, 0i64, 0i64);
    let batch = 500;
    for start in (0..n).step_by(batch) {
        let mut orders = Vec::new();
        for i in start..(start + batch).min(n) {
            let p = &products[rng.gen_range(0..products.len())];
            let qty = rng.gen_range(1..4i64);
            let at = now - Duration::minutes(rng.gen_range(0..90 * 24 * 60));
            let roll = rng.gen_range(0..10);
            let status = match roll {
                0 => "placed",
                1 => "paid",
                2 => "shipped",
                _ => "delivered",
            };
            let total = p.price_minor * qty;
            let key = format!("bench{i:06}");
            if status != "placed" {
                let c = domain::ledger::commission(total, 1000);
                let settled = status == "delivered" && at < now - Duration::days(8);
                if settled {
                    available += total - c;
                } else {
                    pending += total - c;
                }
                commission += c;
                sales += total;
                let day = at.format("%Y-%m-%d").to_string();
                let d = days.entry(day.clone()).or_default();
                d.0 += 1;
                d.1 += total;
                let pd = product_days.entry((key_of(&p.id), day)).or_default();
                pd.0 += qty;
                pd.1 += total;
            }
            orders.push(serde_json::json!({
                "key": key,
                "product": key_of(&p.id),
                "qty": qty,
                "price": p.price_minor,
                "total": total,
                "status": status,
                "at": at.to_rfc3339(),
                "paid": status != "placed",
                "commission": domain::ledger::commission(total, 1000),
            }));
        }
        db.query(
            "FOR $o IN $orders {\n\
               LET $id = type::record('shop_order', $o.key);\n\
               LET $at = <datetime> $o.at;\n\
               CREATE $id SET checkout = type::record('checkout', $o.key), buyer = $buyer, shop = $shop, status = $o.status, \
                 subtotal_minor = $o.total, shipping_minor = 0, currency = $currency, shipping_address = {}, created_at = $at, \
                 number = $o.key, payment_status = IF $o.paid { 'paid' } ELSE { 'pending' }, \
                 delivered_at = IF $o.status = 'delivered' { $at + 3d } ELSE { NONE };\n\
               CREATE order_line SET shop_order = $id, product = type::record('product', $o.product), title = 'Bench item', \
                 unit_price_minor = $o.price, quantity = $o.qty, currency = $currency;\n\
               IF $o.paid {\n\
                 CREATE type::record('ledger_entry', ['sale:' + $o.key, 'clearing']) SET shop = $shop, txn = 'sale:' + $o.key, kind = 'sale', account = 'clearing', amount_minor = $o.total, currency = $currency, shop_order = $id, at = $at;\n\
                 CREATE type::record('ledger_entry', ['sale:' + $o.key, 'shop_pending']) SET shop = $shop, txn = 'sale:' + $o.key, kind = 'sale', account = 'shop_pending', amount_minor = $o.commission - $o.total, currency = $currency, shop_order = $id, at = $at;\n\
                 CREATE type::record('ledger_entry', ['sale:' + $o.key, 'commission']) SET shop = $shop, txn = 'sale:' + $o.key, kind = 'sale', account = 'commission', amount_minor = 0 - $o.commission, currency = $currency, shop_order = $id, at = $at;\n\
               };\n\
             };",
        )
        .bind(("orders", orders))
        .bind(("buyer", buyer.clone()))
        .bind(("shop", shop.clone()))
        .bind(("currency", currency.clone()))
        .await
        .map_err(|e| e.to_string())?
        .check()
        .map_err(|e| e.to_string())?;
    }
    let day_rows: Vec<serde_json::Value> = days
        .iter()
        .map(|(d, (o, s))| serde_json::json!({ "day": d, "orders": o, "sales": s, "views": o * 40, "adds": o * 4, "checkouts": o + o / 5 }))
        .collect();
    let pd_rows: Vec<serde_json::Value> = product_days
        .iter()
        .map(|((p, d), (u, s))| serde_json::json!({ "product": p, "day": d, "units": u, "sales": s }))
        .collect();
    db.query(
        "FOR $d IN $days { UPSERT type::record('shop_day', [$slug, $d.day]) SET shop = $shop, day = $d.day, orders = $d.orders, \
           sales_minor = $d.sales, views = $d.views, adds = $d.adds, checkouts = $d.checkouts };\n\
         FOR $p IN $pds { UPSERT type::record('product_day', [$p.product, $p.day]) SET product = type::record('product', $p.product), \
           shop = $shop, day = $p.day, units = $p.units, sales_minor = $p.sales, views = $p.units * 30 };\n\
         UPSERT type::record('shop_balance', $slug) SET shop = $shop, currency = $currency, pending_minor = $pending, \
           available_minor = $available, paid_out_minor = 0, commission_minor = $commission, sales_minor = $sales;",
    )
    .bind(("days", day_rows))
    .bind(("pds", pd_rows))
    .bind(("slug", shop_slug.to_string()))
    .bind(("shop", shop))
    .bind(("currency", currency))
    .bind(("pending", pending))
    .bind(("available", available))
    .bind(("commission", commission))
    .bind(("sales", sales))
    .await
    .map_err(|e| e.to_string())?
    .check()
    .map_err(|e| e.to_string())?;
    Ok(())
}
