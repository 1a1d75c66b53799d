//! Vouchers: a shopper claims a shop's voucher into the wallet (from a product page or
//! by code) and the checkout takes the best usable one off, once the goods reach its
//! least spend; a buyer's uses, the uses in all (exactly the limit, under a rush) and
//! "new buyers only" (not for a second account made in the same browser) hold; wrong,
//! foreign and taken codes are refused on their field.

use integration::{Client, TestApp};
use serde_json::Value;

use crate::checkout::{add, buyers_with_one_unit, checkout_form, count, place, shopper};
use crate::marketing::{create, form, marketing_app, two_products};

fn voucher(app: &TestApp, fields: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut all = vec![("kind", "voucher"), ("percent", "")];
    all.extend_from_slice(fields);
    form(app, "Tea voucher", &all)
}

fn vouchers_taken(data: &Value) -> Vec<i64> {
    data["groups"][0]["promotions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["title"] == "Tea voucher")
        .map(|p| p["saving"]["amount_minor"].as_i64().unwrap())
        .collect()
}

/// The key of the one promotion the test made.
async fn only_promotion(app: &TestApp) -> String {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE record::id(id) FROM promotion LIMIT 1")
        .await
        .unwrap();
    let v: Vec<String> = res.take(0).unwrap();
    v[0].clone()
}

async fn wallet(c: &mut Client) -> Vec<Value> {
    let r = c.call("my_vouchers", &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json().as_array().unwrap().clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claimed_voucher_comes_off_once_the_least_spend_is_reached_and_only_as_often_as_allowed()
{
    let (app, mut owner) = marketing_app().await;
    let [(p1, u1), _] = two_products(&app).await;
    let min = (2 * u1).to_string();
    let f = voucher(
        &app,
        &[("amount", "50"), ("min_spend", &min), ("code", "tea-50")],
    );
    assert_eq!(create(&mut owner, &f).await.status, 200);
    // the same code again is taken; a code of the wrong shape is refused
    let r = create(&mut owner, &f).await;
    assert_eq!(r.field_errors(), ["code.CodeTaken"], "{}", r.body);
    let r = create(
        &mut owner,
        &voucher(&app, &[("amount", "50"), ("code", "x")]),
    )
    .await;
    assert_eq!(r.field_errors(), ["code.InvalidChoice"], "{}", r.body);

    let mut c = shopper(&app, "voucher@example.com").await;
    let page = c.call("product_page", &[("id", &p1)]).await.json();
    assert_eq!(page["vouchers"][0]["status"], "claimable", "{page}");
    add(&mut c, &p1, "2").await;
    assert!(
        vouchers_taken(&checkout_form(&mut c).await.0).is_empty(),
        "not claimed yet"
    );
    for bad in ["NOPE-NOPE", "有優惠"] {
        let r = c.call("add_voucher_code", &[("code", bad)]).await;
        assert_eq!(
            r.field_errors(),
            ["code.InvalidChoice"],
            "{bad}: {}",
            r.body
        );
    }
    let r = c.call("add_voucher_code", &[("code", " tea-50 ")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let w = wallet(&mut c).await;
    assert_eq!((w.len(), w[0]["status"].as_str()), (1, Some("usable")));
    let (data, form) = checkout_form(&mut c).await;
    assert_eq!(vouchers_taken(&data), [50]);
    // one unit fewer is under the least spend
    let r = c
        .call(
            "set_cart_quantity",
            &[("product_id", &p1), ("quantity", "1")],
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(vouchers_taken(&checkout_form(&mut c).await.0).is_empty());
    let r = c
        .call(
            "set_cart_quantity",
            &[("product_id", &p1), ("quantity", "2")],
        )
        .await;
    assert_eq!(r.status, 200);
    let (data, form2) = checkout_form(&mut c).await;
    assert_eq!(
        data["fingerprint"],
        form.iter()
            .find(|(k, _)| k == "fingerprint")
            .unwrap()
            .1
            .as_str()
    );
    assert_eq!(place(&mut c, &form2).await.status, 200);
    assert_eq!(wallet(&mut c).await[0]["status"], "used");
    add(&mut c, &p1, "2").await;
    assert!(
        vouchers_taken(&checkout_form(&mut c).await.0).is_empty(),
        "used once, as allowed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_voucher_for_new_buyers_passes_by_those_who_bought_from_the_shop() {
    let (app, mut owner) = marketing_app().await;
    let [(p1, _), _] = two_products(&app).await;
    let f = voucher(
        &app,
        &[("amount", "20"), ("new_buyers", "on"), ("per_buyer", "5")],
    );
    assert_eq!(create(&mut owner, &f).await.status, 200);
    let key = only_promotion(&app).await;
    let mut c = shopper(&app, "newbie@example.com").await;
    assert_eq!(c.call("claim_voucher", &[("key", &key)]).await.status, 200);
    assert_eq!(
        c.call("claim_voucher", &[("key", &key)]).await.status,
        200,
        "again: nothing changes"
    );
    add(&mut c, &p1, "1").await;
    let (data, form) = checkout_form(&mut c).await;
    assert_eq!(vouchers_taken(&data), [20], "a first order");
    assert_eq!(place(&mut c, &form).await.status, 200);
    add(&mut c, &p1, "1").await;
    assert!(
        vouchers_taken(&checkout_form(&mut c).await.0).is_empty(),
        "no longer new"
    );
    // a promotion that is not a voucher cannot be claimed
    let r = c.call("claim_voucher", &[("key", "no-such-voucher")]).await;
    assert_eq!(r.status, 404, "{}", r.body);
    // a second account made in the same browser is not a new buyer either; another
    // browser's account is
    // (a browser has its device cookie before it signs in; this client got its own
    // with the sign-up's answer, so it signs in once more, as from that browser)
    assert_eq!(
        c.log_in("newbie@example.com", crate::checkout::PW)
            .await
            .status,
        200
    );
    let mut twin = app.client();
    twin.set_cookie("hm_device", &c.cookie("hm_device").expect("device cookie"));
    assert_eq!(
        twin.sign_up("twin@example.com", "Buyer", "a long enough password")
            .await
            .status,
        200
    );
    let mut other = shopper(&app, "stranger@example.com").await;
    for (buyer, expected) in [(&mut twin, vec![]), (&mut other, vec![20])] {
        assert_eq!(
            buyer.call("claim_voucher", &[("key", &key)]).await.status,
            200
        );
        add(buyer, &p1, "1").await;
        assert_eq!(vouchers_taken(&checkout_form(buyer).await.0), expected);
    }
}

/// 200 buyers redeem at once a voucher limited to 100 uses: exactly 100 orders carry
/// it, the others are told the prices changed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_redemptions_of_a_voucher_limited_to_one_hundred_give_exactly_one_hundred() {
    let (app, mut owner) = marketing_app().await;
    let [(p1, _), _] = two_products(&app).await;
    let f = voucher(&app, &[("amount", "10"), ("total", "100")]);
    assert_eq!(create(&mut owner, &f).await.status, 200);
    let key = only_promotion(&app).await;
    let mut clients = buyers_with_one_unit(&app, 200, &p1).await;
    let mut forms = Vec::new();
    for c in clients.iter_mut() {
        assert_eq!(c.call("claim_voucher", &[("key", &key)]).await.status, 200);
        let (data, form) = checkout_form(c).await;
        assert_eq!(vouchers_taken(&data), [10]);
        forms.push(form);
    }
    let tasks: Vec<_> = clients
        .into_iter()
        .zip(forms)
        .map(|(mut c, f)| tokio::spawn(async move { place(&mut c, &f).await }))
        .collect();
    let (mut ok, mut changed) = (0, 0);
    for t in tasks {
        let r = t.await.unwrap();
        match r.status {
            200 => ok += 1,
            409 if r.json()["Order"] == "PricesChanged" => changed += 1,
            s => panic!("unexpected {s}: {}", r.body),
        }
    }
    assert_eq!((ok, changed), (100, 100));
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM shop_order WHERE discount_minor = 10 GROUP ALL"
        )
        .await,
        100
    );
    assert_eq!(
        count(&app, "SELECT voucher_used AS n FROM promotion").await,
        100
    );
}
