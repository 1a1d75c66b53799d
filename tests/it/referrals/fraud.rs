//! Every fraud rule: self-referral through a device, address or card, velocity, rings
//! and stars.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn self_referral_through_a_device_address_or_card_is_held_with_the_evidence() {
    let app = seeded().await;
    let p = twd_product(&app, 7).await;
    let mut a = member(&app, "sharer@example.com").await;
    let code = code(&mut a).await;
    // the sharer's own order, to an address
    buy(&mut a, &p, "77 Harbour Road", false).await;

    a_second_account_in_the_sharers_browser_is_held(&app, &a, &code, &p).await;
    an_order_to_the_sharers_address_is_held(&app, &code, &p).await;
    let o = the_sharers_card_is_held_when_the_payment_brings_it(&app, &code, &p).await;
    moderators_see_the_evidence_and_decide_once(&app, &o).await;
}

/// Same device: a second account in the sharer's browser is held, with the evidence.
async fn a_second_account_in_the_sharers_browser_is_held(
    app: &TestApp,
    a: &Client,
    code: &str,
    p: &str,
) {
    let mut same_device = app.client();
    same_device.set_cookie("hm_device", &a.cookie("hm_device").expect("device cookie"));
    same_device.get(&format!("/?ref={code}")).await;
    assert_eq!(
        same_device
            .sign_up("alt1@example.com", "Alt One", PW)
            .await
            .status,
        200
    );
    let o = buy(&mut same_device, p, "1 Other Street", false).await;
    let rw = reward(app, &o).await.unwrap();
    assert_eq!(
        (rw.status.as_str(), rw.flags.clone()),
        ("held", vec!["same_device".to_string()])
    );
    assert!(rw.evidence[0].contains("device"), "{:?}", rw.evidence);
}

/// Same address: a referred friend's order to the sharer's address is held.
async fn an_order_to_the_sharers_address_is_held(app: &TestApp, code: &str, p: &str) {
    let mut same_address = referred(app, code, "alt2@example.com").await;
    let o = buy(&mut same_address, p, "77 harbour road", false).await;
    let rw = reward(app, &o).await.unwrap();
    assert_eq!(
        (rw.status.as_str(), rw.flags.clone()),
        ("held", vec!["same_address".to_string()])
    );
}

/// Same card: the fingerprint arrives with the payment, and the reward, pending once
/// paid, is held and its pending credit taken back. Returns the order.
async fn the_sharers_card_is_held_when_the_payment_brings_it(
    app: &TestApp,
    code: &str,
    p: &str,
) -> String {
    let mut same_card = referred(app, code, "alt3@example.com").await;
    let o = buy(&mut same_card, p, "3 Card Lane", false).await;
    assert_eq!(reward(app, &o).await.unwrap().status, "awaiting_payment");
    let mut seller = seller_of(app, &o).await;
    assert_eq!(seller.call("mark_paid", &[("id", &o)]).await.status, 200);
    assert!(
        balance(app, "sharer@example.com").await.0 > 0,
        "pending once paid"
    );
    app.state
        .db
        .query("UPDATE payment SET fingerprint = 'fp_shared_card' WHERE shop_order IN (SELECT VALUE id FROM shop_order WHERE buyer = user:⟨sharer@example.com⟩) OR shop_order = $o")
        .bind(("o", RecordId::new("shop_order", o.as_str())))
        .await
        .unwrap()
        .check()
        .unwrap();
    let checkout: Option<RecordId> = {
        let mut res = app
            .state
            .db
            .query("SELECT VALUE checkout FROM ONLY $o")
            .bind(("o", RecordId::new("shop_order", o.as_str())))
            .await
            .unwrap();
        res.take(0).unwrap()
    };
    app::referrals::imp::recheck_payment(&app.state, &checkout.unwrap())
        .await
        .unwrap();
    let rw = reward(app, &o).await.unwrap();
    assert_eq!(
        (rw.status.as_str(), rw.flags.clone()),
        ("held", vec!["same_payment".to_string()])
    );
    assert_eq!(
        balance(app, "sharer@example.com").await,
        (0, 0),
        "the pending credit was taken back"
    );
    assert_books(app).await;

    o
}

/// Moderators (not shoppers) see the evidence of the three held rewards and decide
/// once, with a note long enough to reject; the decision is audited.
async fn moderators_see_the_evidence_and_decide_once(app: &TestApp, o: &str) {
    let mut shopper = app.client();
    shopper.log_in("alt1@example.com", PW).await;
    assert_eq!(shopper.call("held_rewards", &[]).await.status, 403);
    let mut m = moderator(app).await;
    let held = m.call("held_rewards", &[]).await.json();
    assert_eq!(held.as_array().unwrap().len(), 3);
    assert!(held
        .as_array()
        .unwrap()
        .iter()
        .all(|h| !h["evidence"].as_array().unwrap().is_empty()));
    let r = m
        .call(
            "decide_reward",
            &[("key", o), ("decision", "reject"), ("note", "short")],
        )
        .await;
    assert_eq!(r.field_errors(), ["note.TooShort"]);
    let r = m
        .call("decide_reward", &[("key", o), ("decision", "approve")])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        reward(app, o).await.unwrap().status,
        "pending",
        "approved: where its paid order is"
    );
    assert_eq!(
        balance(app, "sharer@example.com").await.0,
        reward(app, o).await.unwrap().amount_minor
    );
    let r = m
        .call(
            "decide_reward",
            &[
                ("key", o),
                ("decision", "reject"),
                ("note", "duplicate account"),
            ],
        )
        .await;
    assert_eq!(r.field_errors(), ["decision.AlreadyDecided"]);
    assert_eq!(
        m.call("decide_reward", &[("key", "nope"), ("decision", "approve")])
            .await
            .status,
        404
    );
    assert_eq!(
        count(
            app,
            "SELECT count() AS n FROM audit_log WHERE action = 'referral.approved' GROUP ALL"
        )
        .await,
        1
    );
    assert_books(app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn velocity_rings_and_stars_are_held() {
    let app = seeded().await;
    let p = twd_product(&app, 8).await;

    // a three-account ring: A refers B, B refers C, C refers A
    let mut a = member(&app, "ring-a@example.com").await;
    let code_a = code(&mut a).await;
    let mut b = referred(&app, &code_a, "ring-b@example.com").await;
    let code_b = code(&mut b).await;
    let mut c = referred(&app, &code_b, "ring-c@example.com").await;
    let code_c = code(&mut c).await;
    a.get(&format!("/?ref={code_c}")).await;
    let o = buy(&mut a, &p, "5 Ring Road", false).await;
    let rw = reward(&app, &o).await.unwrap();
    assert_eq!(
        (rw.status.as_str(), rw.flags.clone()),
        ("held", vec!["ring".to_string()])
    );
    assert_eq!(
        rw.evidence,
        ["ring: ring-c@example.com → ring-a@example.com → ring-b@example.com → ring-c@example.com"]
    );
    // now B buying through A's link is inside the ring too; a newcomer is not
    let o = buy(&mut b, &p, "6 Ring Road", false).await;
    assert_eq!(reward(&app, &o).await.unwrap().flags, ["ring"]);
    let mut d = referred(&app, &code_a, "ring-d@example.com").await;
    let o = buy(&mut d, &p, "7 Ring Road", false).await;
    assert!(reward(&app, &o).await.unwrap().flags.is_empty());

    // velocity: at most two rewards a day for this test
    app.state
        .db
        .query("UPDATE platform_setting:main SET referral_velocity_per_day = 2")
        .await
        .unwrap()
        .check()
        .unwrap();
    let mut hub = member(&app, "hub@example.com").await;
    let code_h = code(&mut hub).await;
    let mut statuses = Vec::new();
    for i in 0..3 {
        let mut f = referred(&app, &code_h, &format!("fast{i}@example.com")).await;
        let o = buy(&mut f, &p, &format!("{i} Fast Lane"), false).await;
        statuses.push(reward(&app, &o).await.unwrap().flags);
    }
    assert_eq!(statuses, [vec![], vec![], vec!["velocity".to_string()]]);
    app.state
        .db
        .query("UPDATE platform_setting:main SET referral_velocity_per_day = 10")
        .await
        .unwrap()
        .check()
        .unwrap();

    // a star: three accounts the star's centre referred, all from one browser
    let mut centre = member(&app, "centre@example.com").await;
    let code_s = code(&mut centre).await;
    let mut first = app.client();
    first.get("/").await;
    let device = first.cookie("hm_device").unwrap();
    let mut flags = Vec::new();
    for i in 0..3 {
        let mut s = app.client();
        s.set_cookie("hm_device", &device);
        s.get(&format!("/?ref={code_s}")).await;
        assert_eq!(
            s.sign_up(&format!("puppet{i}@example.com"), "Puppet", PW)
                .await
                .status,
            200
        );
        let o = buy(&mut s, &p, &format!("{i} Puppet Street"), false).await;
        flags.push(reward(&app, &o).await.unwrap().flags);
    }
    assert_eq!(flags, [vec![], vec![], vec!["star".to_string()]]);
    assert_eq!(
        count(&app, "SELECT flagged AS n FROM campaign:share_twd").await,
        4,
        "two ring rewards, velocity and star"
    );
}
