//! The seller centre's marketing area: a seller creates promotions of their own shop
//! (checked: nothing is stored from a bad form), the checkout takes them off in the
//! engine's stacking order with each line's share recorded, a partial return gives
//! back exactly the returned line's share, the shop's ledger is charged what it funds,
//! and pausing, ending and budgets stop a promotion — a budget never overspent, even
//! by buyers checking out at once.

use integration::{Client, TestApp};
use serde_json::Value;
use surrealdb::types::RecordId;

use crate::checkout::{
    accept_ship_back_receive, add, checkout_form, count, my_orders, pay_ship_deliver, place,
    set_stock, shopper,
};

pub(crate) const SHOP: &str = "formosa-tea-house";

/// A seeded app without the demo promotions, and the shop's owner signed in.
pub(crate) async fn marketing_app() -> (TestApp, Client) {
    let app = TestApp::spawn().await;
    app.seed(120).await;
    app.state
        .db
        .query("DELETE promotion")
        .await
        .unwrap()
        .check()
        .unwrap();
    let mut owner = app.client();
    let r = owner
        .log_in("seller1@demo.test", server::seed::DEMO_PASSWORD)
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    (app, owner)
}

/// The shop's two cheapest live products (key, unit price), with stock.
pub(crate) async fn two_products(app: &TestApp) -> [(String, i64); 2] {
    let mut res = app
        .state
        .db
        .query(format!(
            "SELECT VALUE [record::id(id), price_minor] FROM product WHERE shop = shop:⟨{SHOP}⟩ \
             AND status = 'active' AND variant_of = NONE ORDER BY price_minor, id LIMIT 2"
        ))
        .await
        .unwrap();
    let rows: Vec<Value> = res.take(0).unwrap();
    let mut out = Vec::new();
    for r in rows {
        let key = r[0].as_str().unwrap().to_string();
        set_stock(app, &key, 1_000).await;
        out.push((key, r[1].as_i64().unwrap()));
    }
    [out[0].clone(), out[1].clone()]
}

/// A promotion form running from now for a week, with `fields` on top.
pub(crate) fn form(app: &TestApp, title: &str, fields: &[(&str, &str)]) -> Vec<(String, String)> {
    let fmt = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%dT%H:%M").to_string();
    let now = app.state.now();
    let mut f: Vec<(String, String)> = vec![
        ("title_en".into(), title.into()),
        ("title_zh".into(), format!("{title}（中文）")),
        ("target".into(), "shop".into()),
        ("starts_at".into(), fmt(now - chrono::Duration::minutes(1))),
        ("ends_at".into(), fmt(now + chrono::Duration::days(7))),
    ];
    for (k, v) in fields {
        f.retain(|(fk, _)| fk != k);
        f.push((k.to_string(), v.to_string()));
    }
    f
}

pub(crate) async fn create(owner: &mut Client, f: &[(String, String)]) -> integration::Reply {
    let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    owner.call("save_promotion", &pairs).await
}

pub(crate) async fn listed(owner: &mut Client) -> Vec<Value> {
    let r = owner.call("marketing", &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["promotions"].as_array().unwrap().clone()
}

async fn one(app: &TestApp, sql: &str, id: &str) -> Value {
    let mut res = app
        .state
        .db
        .query(sql)
        .bind(("o", RecordId::new("shop_order", id)))
        .await
        .unwrap();
    let v: Vec<Value> = res.take(0).unwrap();
    v.into_iter().next().unwrap_or(Value::Null)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_item_discount_comes_off_its_products_only_and_a_return_gives_back_the_lines_share() {
    let (app, mut owner) = marketing_app().await;
    let [(p1, u1), (p2, u2)] = two_products(&app).await;
    let f = form(
        &app,
        "Tea of the week",
        &[
            ("kind", "percent"),
            ("percent", "20"),
            ("target", "products"),
            ("products", &p1),
        ],
    );
    let r = create(&mut owner, &f).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let rows = listed(&mut owner).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["status"], "running");
    assert_eq!(rows[0]["rule"], "20% off · 1 product");
    let key = rows[0]["key"].as_str().unwrap().to_string();

    let mut c = shopper(&app, "item@example.com").await;
    add(&mut c, &p1, "2").await;
    add(&mut c, &p2, "1").await;
    let (data, form) = checkout_form(&mut c).await;
    let g = &data["groups"][0];
    let off = u1 * 2000 / 10_000 * 2;
    assert_eq!(g["promotions"].as_array().unwrap().len(), 1, "{g}");
    assert_eq!(g["promotions"][0]["saving"]["amount_minor"], off);
    assert_eq!(g["promotions"][0]["detail"], "20% off · 1 product");
    let line = |k: &str| {
        g["lines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["product_id"] == k)
            .unwrap()
            .clone()
    };
    assert_eq!(line(&p1)["discount"]["amount_minor"], off);
    assert!(line(&p2)["discount"].is_null(), "{g}");
    assert_eq!(g["after_discounts"]["amount_minor"], 2 * u1 + u2 - off);
    let fee = g["methods"][0]["fee"]["amount_minor"].as_i64().unwrap();
    let r = place(&mut c, &form).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let id = my_orders(&mut c).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();

    // the order, its lines and the promotion's counters
    let o = one(
        &app,
        "SELECT discount_minor, platform_discount_minor, record::id(promotions[0]) AS p FROM $o",
        &id,
    )
    .await;
    assert_eq!(o["discount_minor"], off);
    assert_eq!(o["platform_discount_minor"], 0);
    assert_eq!(o["p"], key.as_str());
    let shares = one(&app, "SELECT VALUE [record::id(product), discount_minor] FROM order_line WHERE shop_order = $o ORDER BY discount_minor DESC", &id).await;
    assert_eq!(shares, serde_json::json!([p1.clone(), off]));
    let sub = 2 * u1 + u2;
    let p = &listed(&mut owner).await[0];
    assert_eq!(p["spent"]["amount_minor"], off);
    assert_eq!(p["orders"], 1);
    assert_eq!(p["revenue"]["amount_minor"], sub - off);

    // the shop funds its promotion: its sale is what the buyer paid for the order
    let mut seller = crate::checkout::seller_of(&app, &id).await;
    pay_ship_deliver(&mut seller, &mut c, &id).await;
    let sale = count(
        &app,
        &format!("SELECT math::sum(amount_minor) AS n FROM ledger_entry WHERE shop_order = shop_order:⟨{id}⟩ AND kind = 'sale' AND account = 'clearing' GROUP ALL"),
    )
    .await;
    assert_eq!(sale.abs(), sub - off + fee);

    // one of the two discounted units back: half of what that line cost after its share
    let d = c.call("order_detail", &[("id", &id)]).await.json();
    let l1 = d["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["product_id"] == p1.as_str())
        .unwrap()["key"]
        .as_str()
        .unwrap()
        .to_string();
    let r = c
        .call(
            "request_return",
            &[
                ("id", &id),
                ("reason", "changed_mind"),
                ("lines", &format!("{l1}:1")),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    accept_ship_back_receive(&mut c, &mut seller, &id).await;
    let d = c.call("order_detail", &[("id", &id)]).await.json();
    assert_eq!(
        d["return_request"]["refund"]["amount_minor"],
        (2 * u1 - off) / 2
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn item_discounts_stack_before_the_shops_spend_and_save_tier() {
    let (app, mut owner) = marketing_app().await;
    let [(p1, u1), _] = two_products(&app).await;
    let qty = 10;
    let goods = u1 * qty;
    let after_item = goods - goods / 10;
    // a tier the goods reach only before the item discount, and one they reach after it
    for (title, spend) in [("Too far", after_item + 1), ("Within reach", after_item)] {
        let f = form(
            &app,
            title,
            &[
                ("kind", "spend_save"),
                ("spend_0", &spend.to_string()),
                ("save_0", "7"),
            ],
        );
        let r = create(&mut owner, &f).await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    let f = form(&app, "Ten off", &[("kind", "percent"), ("percent", "10")]);
    assert_eq!(create(&mut owner, &f).await.status, 200);
    let mut c = shopper(&app, "stack@example.com").await;
    add(&mut c, &p1, &qty.to_string()).await;
    let (data, form) = checkout_form(&mut c).await;
    let taken: Vec<(String, i64)> = data["groups"][0]["promotions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["title"].as_str().unwrap().to_string(),
                p["saving"]["amount_minor"].as_i64().unwrap(),
            )
        })
        .collect();
    let item = u1 / 10 * qty;
    assert_eq!(
        taken,
        vec![
            ("Ten off".to_string(), item),
            ("Within reach".to_string(), 7)
        ],
        "the item discount first, then the best tier the discounted goods reach"
    );
    assert_eq!(place(&mut c, &form).await.status, 200);
    let id = my_orders(&mut c).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let o = one(
        &app,
        "SELECT discount_minor, array::len(promotions) AS n, promotion_title FROM $o",
        &id,
    )
    .await;
    assert_eq!(o["discount_minor"], item + 7);
    assert_eq!(o["n"], 2);
    assert!(
        o["promotion_title"].as_str().unwrap().contains(" + "),
        "{o}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_promotions_are_refused_field_by_field_and_store_nothing() {
    let (app, mut owner) = marketing_app().await;
    let other: String = {
        let mut res = app
            .state
            .db
            .query(format!("SELECT VALUE record::id(id) FROM product WHERE shop != shop:⟨{SHOP}⟩ AND variant_of = NONE LIMIT 1"))
            .await
            .unwrap();
        let v: Vec<String> = res.take(0).unwrap();
        v[0].clone()
    };
    let cases: Vec<(Vec<(&str, String)>, &str)> = vec![
        (
            vec![("kind", "percent".into()), ("percent", "150".into())],
            "percent.InvalidNumber",
        ),
        (
            vec![("kind", "amount".into()), ("amount", "1.5".into())],
            "amount.InvalidPrice",
        ),
        (
            vec![
                ("kind", "percent".into()),
                ("percent", "5".into()),
                ("ends_at", "2020-01-01T00:00".into()),
            ],
            "ends_at.InvalidDate",
        ),
        (
            vec![
                ("kind", "percent".into()),
                ("percent", "5".into()),
                ("target", "products".into()),
                ("products", other.clone()),
            ],
            "products.NotAllowed",
        ),
        (
            vec![
                ("kind", "percent".into()),
                ("percent", "5".into()),
                ("target", "category".into()),
                ("category", "no-such-category".into()),
            ],
            "category.InvalidChoice",
        ),
        (
            vec![
                ("kind", "spend_save".into()),
                ("spend_0", "100".into()),
                ("save_0", "100".into()),
            ],
            "save_0.InvalidPrice",
        ),
        (
            vec![
                ("kind", "percent".into()),
                ("percent", "5".into()),
                ("budget", "99999999999999999999".into()),
            ],
            "budget.InvalidPrice",
        ),
        (
            vec![
                ("kind", "percent".into()),
                ("percent", "5".into()),
                ("title_en", "優".repeat(500)),
            ],
            "title_en.TooLong",
        ),
        (vec![("kind", "free_money".into())], "kind.InvalidChoice"),
    ];
    for (fields, expected) in cases {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = create(&mut owner, &form(&app, "Bad", &fields)).await;
        assert_eq!(r.status, 422, "{expected}: {}", r.body);
        assert_eq!(r.field_errors(), [expected], "{}", r.body);
    }
    assert_eq!(
        count(&app, "SELECT count() AS n FROM promotion GROUP ALL").await,
        0
    );
    // a move the area does not know, and a promotion that does not exist
    let r = owner
        .call("move_promotion", &[("key", "nope"), ("to", "pause")])
        .await;
    assert_eq!(r.status, 404, "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pausing_ending_a_budget_and_a_duplicate() {
    let (app, mut owner) = marketing_app().await;
    let [(p1, u1), _] = two_products(&app).await;
    let off = u1 * 1000 / 10_000;
    let f = form(
        &app,
        "One order only",
        &[
            ("kind", "percent"),
            ("percent", "10"),
            ("budget", &off.to_string()),
        ],
    );
    assert_eq!(create(&mut owner, &f).await.status, 200);
    let key = listed(&mut owner).await[0]["key"]
        .as_str()
        .unwrap()
        .to_string();
    let mut c = shopper(&app, "budget@example.com").await;
    add(&mut c, &p1, "1").await;
    let saving = |d: &Value| d["groups"][0]["promotions"].as_array().unwrap().len();
    for (to, status, applies) in [("pause", "paused", 0), ("resume", "running", 1)] {
        let r = owner
            .call("move_promotion", &[("key", &key), ("to", to)])
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(listed(&mut owner).await[0]["status"], status);
        assert_eq!(saving(&checkout_form(&mut c).await.0), applies, "{to}");
    }
    let r = owner
        .call("move_promotion", &[("key", &key), ("to", "teleport")])
        .await;
    assert_eq!(r.field_errors(), ["to.InvalidChoice"]);
    // the one order its budget covers, then it stops by itself
    let (_, form_) = checkout_form(&mut c).await;
    assert_eq!(place(&mut c, &form_).await.status, 200);
    assert_eq!(listed(&mut owner).await[0]["status"], "spent");
    add(&mut c, &p1, "1").await;
    assert_eq!(saving(&checkout_form(&mut c).await.0), 0);
    let r = owner
        .call("move_promotion", &[("key", &key), ("to", "end")])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(listed(&mut owner).await[0]["status"], "ended");
    let r = owner
        .call("move_promotion", &[("key", &key), ("to", "resume")])
        .await;
    assert_eq!(r.status, 404, "an ended promotion stays ended");
    for action in [
        "promotion.created",
        "promotion.paused",
        "promotion.resumed",
        "promotion.ended",
    ] {
        let n = count(
            &app,
            &format!("SELECT count() AS n FROM audit_log WHERE action = '{action}' GROUP ALL"),
        )
        .await;
        assert_eq!(n, 1, "{action}");
    }

    // a duplicate: the listed copy, given new dates, makes the same promotion again
    let copy = listed(&mut owner).await[0]["copy"].clone();
    let mut f = form(&app, "x", &[]);
    for k in [
        "title_en", "title_zh", "kind", "target", "percent", "budget",
    ] {
        f.retain(|(fk, _)| fk != k);
        f.push((k.to_string(), copy[k].as_str().unwrap().to_string()));
    }
    assert_eq!(create(&mut owner, &f).await.status, 200);
    let rows = listed(&mut owner).await;
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["rule"], rows[1]["rule"]);
    assert_eq!(rows[0]["budget"], rows[1]["budget"]);
}

/// Eight buyers check out at once against a budget that covers one order: exactly one
/// gets the discount, the others are told the prices changed, and the budget holds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_budget_is_never_overspent_by_buyers_checking_out_at_once() {
    let (app, mut owner) = marketing_app().await;
    let [(p1, u1), _] = two_products(&app).await;
    let off = u1 * 1000 / 10_000;
    let f = form(
        &app,
        "First come",
        &[
            ("kind", "percent"),
            ("percent", "10"),
            ("budget", &off.to_string()),
        ],
    );
    assert_eq!(create(&mut owner, &f).await.status, 200);
    let mut ready = Vec::new();
    for i in 0..8 {
        let mut c = shopper(&app, &format!("rush{i}@example.com")).await;
        add(&mut c, &p1, "1").await;
        let (data, form) = checkout_form(&mut c).await;
        assert_eq!(
            data["groups"][0]["promotions"][0]["saving"]["amount_minor"],
            off
        );
        ready.push((c, form));
    }
    let tasks: Vec<_> = ready
        .into_iter()
        .map(|(mut c, f)| tokio::spawn(async move { place(&mut c, &f).await }))
        .collect();
    let mut replies = Vec::new();
    for t in tasks {
        replies.push(t.await.unwrap());
    }
    let ok = replies.iter().filter(|r| r.status == 200).count();
    assert_eq!(
        ok,
        1,
        "{:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    for r in replies.iter().filter(|r| r.status != 200) {
        assert_eq!(r.json()["Order"], "PricesChanged", "{}", r.body);
    }
    let p = &listed(&mut owner).await[0];
    assert_eq!(p["spent"]["amount_minor"], off);
    assert_eq!(p["orders"], 1);
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM shop_order WHERE discount_minor > 0 GROUP ALL"
        )
        .await,
        1
    );
}

/// A running discount shows on the shop's cards and the product page: the price a unit
/// is charged now, the original crossed out, the promotion with its countdown; a cart of
/// the product is charged exactly that. Paused, it is gone from both at once; a seller's
/// "compare at" price is crossed out when no promotion runs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_running_discount_is_crossed_out_on_cards_and_the_product_page_and_charged_as_shown() {
    let (app, mut owner) = marketing_app().await;
    let [(p1, u1), _] = two_products(&app).await;
    let compare_at = |c: Option<i64>| {
        let db = app.state.db.clone();
        let p = RecordId::new("product", p1.as_str());
        async move {
            db.query("UPDATE $p SET compare_at_minor = $c")
                .bind(("p", p))
                .bind(("c", c))
                .await
                .unwrap()
                .check()
                .unwrap();
        }
    };
    compare_at(None).await;
    let f = form(
        &app,
        "Quarter off",
        &[
            ("kind", "percent"),
            ("percent", "25"),
            ("target", "products"),
            ("products", &p1),
        ],
    );
    assert_eq!(create(&mut owner, &f).await.status, 200);
    let deal = u1 - u1 * 2500 / 10_000;
    let mut c = shopper(&app, "deal@example.com").await;
    let page = c.call("product_page", &[("id", &p1)]).await.json();
    assert_eq!(
        page["card"]["price"]["charged"]["amount_minor"], deal,
        "{page}"
    );
    assert_eq!(page["card"]["was"]["charged"]["amount_minor"], u1);
    assert_eq!(page["deal"]["title"], "Quarter off");
    assert_eq!(page["deal"]["saving"]["amount_minor"], u1 - deal);
    let left = page["deal"]["seconds_left"].as_i64().unwrap();
    assert!((7 * 86_400 - 180..=7 * 86_400).contains(&left), "{left}");
    let slug = page["card"]["slug"].as_str().unwrap();
    let html = c.get(&format!("/p/{p1}/{slug}")).await.body;
    assert!(
        html.contains("data-testid=\"deal-countdown\""),
        "the countdown"
    );
    assert!(html.contains("data-testid=\"price-was\""));
    let shop = c.get(&format!("/s/{SHOP}")).await.body;
    let card = shop
        .split("class=\"pcard\"")
        .find(|c| c.contains(&format!("/p/{p1}/")))
        .expect("the product's card on its shop's page");
    assert!(card.contains("data-testid=\"price-was\""), "{card}");

    // what the card shows is what two units are charged
    add(&mut c, &p1, "2").await;
    let (data, _) = checkout_form(&mut c).await;
    let line = &data["groups"][0]["lines"][0];
    let charged = line["line_total"]["amount_minor"].as_i64().unwrap()
        - line["discount"]["amount_minor"].as_i64().unwrap();
    assert_eq!(charged, 2 * deal);

    // paused: gone from the page at once, and the seller's compare-at price shows
    let key = listed(&mut owner).await[0]["key"]
        .as_str()
        .unwrap()
        .to_string();
    let r = owner
        .call("move_promotion", &[("key", &key), ("to", "pause")])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let page = c.call("product_page", &[("id", &p1)]).await.json();
    assert_eq!(page["card"]["price"]["charged"]["amount_minor"], u1);
    assert!(
        page["card"]["was"].is_null() && page["deal"].is_null(),
        "{page}"
    );
    compare_at(Some(u1 * 2)).await;
    let page = c.call("product_page", &[("id", &p1)]).await.json();
    assert_eq!(page["card"]["was"]["charged"]["amount_minor"], u1 * 2);
    assert!(page["deal"].is_null());
}
