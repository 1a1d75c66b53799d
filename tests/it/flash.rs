//! Flash sales: a promo price on one product for a short slot with its own promo stock
//! and a limit per buyer. The form refuses what cannot be sold (a price not below the
//! product's, another shop's product, a slot that meets another flash sale of it);
//! under a rush exactly the promo stock sells at the flash price; units past a buyer's
//! limit are charged the normal price; a sold-out sale says so on the product page.

use integration::TestApp;

use crate::checkout::{
    add, buyers_with_one_unit, checkout_form, count, place, promotions_saving, shopper,
};
use crate::marketing::{create, form, listed, marketing_app, two_products};

/// A flash sale of `product` at `price` with `units` promo units, `per_buyer` each.
fn flash(
    app: &TestApp,
    product: &str,
    price: i64,
    units: i64,
    per_buyer: i64,
) -> Vec<(String, String)> {
    let ends = (app.state.now() + chrono::Duration::days(2))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    form(
        app,
        "Midnight flash",
        &[
            ("kind", "flash"),
            ("ends_at", &ends),
            ("products", product),
            ("price", &price.to_string()),
            ("units", &units.to_string()),
            ("per_buyer", &per_buyer.to_string()),
        ],
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flash_sale_that_cannot_be_sold_is_refused_and_stores_nothing() {
    let (app, mut owner) = marketing_app().await;
    let [(p1, u1), _] = two_products(&app).await;
    let other: String = {
        let mut res = app
            .state
            .db
            .query("SELECT VALUE record::id(id) FROM product WHERE shop != shop:⟨formosa-tea-house⟩ AND variant_of = NONE LIMIT 1")
            .await
            .unwrap();
        let v: Vec<String> = res.take(0).unwrap();
        v[0].clone()
    };
    for (f, expected) in [
        (flash(&app, &p1, u1, 10, 1), "price.InvalidPrice"),
        (flash(&app, &other, 1, 10, 1), "products.NotAllowed"),
        (flash(&app, &p1, 1, 10, 11), "per_buyer.InvalidNumber"),
        (
            flash(&app, &format!("{p1},{other}"), 1, 10, 1),
            "products.TooMany",
        ),
    ] {
        let r = create(&mut owner, &f).await;
        assert_eq!(r.field_errors(), [expected], "{}", r.body);
    }
    assert_eq!(
        count(&app, "SELECT count() AS n FROM promotion GROUP ALL").await,
        0
    );
    assert_eq!(
        create(&mut owner, &flash(&app, &p1, 1, 10, 1)).await.status,
        200
    );
    // a second flash sale of the product in a slot that meets the first
    let r = create(&mut owner, &flash(&app, &p1, 1, 10, 1)).await;
    assert_eq!(r.field_errors(), ["starts_at.Overlaps"], "{}", r.body);
    assert_eq!(
        count(&app, "SELECT count() AS n FROM promotion GROUP ALL").await,
        1
    );
    // one inside the first's slot meets it too; one starting as the first ends does not
    let at = |hours: i64| {
        (app.state.now() + chrono::Duration::hours(hours))
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    };
    let first = flash(&app, &p1, 1, 10, 1);
    let first_ends = first
        .iter()
        .find(|(k, _)| k == "ends_at")
        .unwrap()
        .1
        .clone();
    let slot = |starts: &str, ends: &str| {
        let mut f = first.clone();
        f.retain(|(k, _)| k != "starts_at" && k != "ends_at");
        f.push(("starts_at".into(), starts.to_string()));
        f.push(("ends_at".into(), ends.to_string()));
        f
    };
    let r = create(&mut owner, &slot(&at(24), &at(30))).await;
    assert_eq!(r.field_errors(), ["starts_at.Overlaps"], "{}", r.body);
    let r = create(&mut owner, &slot(&first_ends, &at(72))).await;
    assert_eq!(r.status, 200, "the next slot: {}", r.body);
    assert_eq!(
        count(&app, "SELECT count() AS n FROM promotion GROUP ALL").await,
        2
    );
}

/// 500 buyers check out at once for a flash sale of 50 promo units over the seller's
/// normal stock: exactly 50 get the flash price, the others are told the prices changed
/// and then see the normal price, and the product page says the sale sold out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_buyers_for_fifty_promo_units_buy_exactly_fifty_at_the_flash_price() {
    let (app, mut owner) = marketing_app().await;
    let [(p1, u1), _] = two_products(&app).await;
    let promo = u1 / 2;
    assert_eq!(
        create(&mut owner, &flash(&app, &p1, promo, 50, 1))
            .await
            .status,
        200
    );
    let mut clients = buyers_with_one_unit(&app, 500, &p1).await;
    let mut forms = Vec::new();
    for c in clients.iter_mut() {
        let (data, form) = checkout_form(c).await;
        assert_eq!(promotions_saving(&data), u1 - promo);
        forms.push(form);
    }
    let tasks: Vec<_> = clients
        .into_iter()
        .zip(forms)
        .map(|(mut c, f)| tokio::spawn(async move { (place(&mut c, &f).await, c) }))
        .collect();
    let (mut ok, mut changed, mut late) = (0, 0, None);
    for t in tasks {
        let (r, c) = t.await.unwrap();
        match r.status {
            200 => ok += 1,
            409 => {
                assert_eq!(r.json()["Order"], "PricesChanged", "{}", r.body);
                changed += 1;
                late = Some(c);
            }
            s => panic!("unexpected {s}: {}", r.body),
        }
    }
    assert_eq!((ok, changed), (50, 450));
    let at_flash_price = count(
        &app,
        &format!("SELECT count() AS n FROM order_line WHERE product = product:⟨{p1}⟩ AND discount_minor = {} GROUP ALL", u1 - promo),
    )
    .await;
    assert_eq!(at_flash_price, 50);
    assert_eq!(
        count(&app, "SELECT count() AS n FROM flash_claim GROUP ALL").await,
        50
    );
    let row = &listed(&mut owner).await[0];
    assert!(
        row["rule"].as_str().unwrap().contains("50 of 50 sold"),
        "{row}"
    );
    // a buyer who came too late pays the normal price, and the page says it sold out
    let mut late = late.unwrap();
    let (data, form) = checkout_form(&mut late).await;
    assert_eq!(promotions_saving(&data), 0);
    assert_eq!(place(&mut late, &form).await.status, 200);
    let page = late.call("product_page", &[("id", &p1)]).await.json();
    assert_eq!(page["card"]["price"]["charged"]["amount_minor"], u1);
    assert_eq!(page["sold_out"], "Midnight flash");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn units_past_a_buyers_limit_are_charged_the_normal_price() {
    let (app, mut owner) = marketing_app().await;
    let [(p1, u1), _] = two_products(&app).await;
    let promo = u1 - u1 / 5;
    assert_eq!(
        create(&mut owner, &flash(&app, &p1, promo, 10, 2))
            .await
            .status,
        200
    );
    let mut c = shopper(&app, "limit@example.com").await;
    let page = c.call("product_page", &[("id", &p1)]).await.json();
    assert_eq!(page["card"]["price"]["charged"]["amount_minor"], promo);
    assert_eq!(page["deal"]["flash_left"], 10);
    add(&mut c, &p1, "3").await;
    let (data, form) = checkout_form(&mut c).await;
    assert_eq!(
        promotions_saving(&data),
        2 * (u1 - promo),
        "two units at the flash price"
    );
    assert_eq!(place(&mut c, &form).await.status, 200);
    add(&mut c, &p1, "1").await;
    let (data, _) = checkout_form(&mut c).await;
    assert_eq!(promotions_saving(&data), 0, "the buyer has had their two");
    let page = c.call("product_page", &[("id", &p1)]).await.json();
    assert_eq!(page["deal"]["flash_left"], 8, "what is left for others");
}

/// What the promotions on an order took (its budget, the flash promo units in all and
/// the buyer's, the voucher's use in all and the buyer's) as the database counts it.
async fn taken(app: &TestApp) -> Vec<(i64, i64, i64, i64)> {
    let mut res = app
        .state
        .db
        .query(
            "SELECT VALUE [spent_minor, orders, flash_sold, voucher_used] FROM promotion ORDER BY title_en;\n\
             SELECT VALUE units FROM flash_claim;\n\
             SELECT VALUE units FROM voucher_claim;",
        )
        .await
        .unwrap();
    let rows: Vec<Vec<i64>> = res.take(0).unwrap();
    let flash: Vec<i64> = res.take(1).unwrap();
    let voucher: Vec<i64> = res.take(2).unwrap();
    let mut out: Vec<_> = rows.iter().map(|r| (r[0], r[1], r[2], r[3])).collect();
    out.push((flash.iter().sum(), voucher.iter().sum(), 0, 0));
    out
}

/// A cancelled order — by the buyer, or when its payment never came — gives back what
/// its promotions took: the budget, the flash promo units (to the sale and to the
/// buyer's limit of one) and the voucher's use, so the buyer can have them again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_order_gives_back_its_promo_units_voucher_use_and_budget() {
    let (app, mut owner) = marketing_app().await;
    let [(p1, u1), _] = two_products(&app).await;
    let promo = u1 - u1 / 5;
    assert_eq!(
        create(&mut owner, &flash(&app, &p1, promo, 10, 1))
            .await
            .status,
        200
    );
    let v = form(
        &app,
        "Tea voucher",
        &[
            ("kind", "voucher"),
            ("percent", ""),
            ("amount", "10"),
            ("total", "1"),
            ("code", "once-10"),
        ],
    );
    assert_eq!(create(&mut owner, &v).await.status, 200);
    let mut c = shopper(&app, "canceller@example.com").await;
    assert_eq!(
        c.call("add_voucher_code", &[("code", "ONCE-10")])
            .await
            .status,
        200
    );
    let saving = (u1 - promo) + 10;
    let buy = async |c: &mut integration::Client| {
        add(c, &p1, "1").await;
        let (data, form) = checkout_form(c).await;
        assert_eq!(promotions_saving(&data), saving, "{data}");
        assert_eq!(place(c, &form).await.status, 200);
        let orders = crate::checkout::my_orders(c).await;
        orders[0]["id"].as_str().unwrap().to_string()
    };
    let used = vec![(u1 - promo, 1, 1, 0), (10, 1, 0, 1), (1, 1, 0, 0)];
    let none = vec![(0, 0, 0, 0), (0, 0, 0, 0), (0, 0, 0, 0)];
    let order = buy(&mut c).await;
    assert_eq!(taken(&app).await, used);
    let r = c
        .call(
            "cancel_order",
            &[("id", &order), ("reason", "changed_mind")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(taken(&app).await, none);
    // the buyer's limit of one and the voucher's one use are theirs again
    buy(&mut c).await;
    assert_eq!(taken(&app).await, used);
    // a reservation that runs out unpaid gives them back too
    app.clock.advance(chrono::Duration::hours(73));
    assert_eq!(
        app::orders::imp::release_expired(&app.state).await.unwrap(),
        1
    );
    assert_eq!(taken(&app).await, none);
}
