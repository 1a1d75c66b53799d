//! Screening: a protected brand with a counterfeit word is held and rejected with
//! reasons and a strike; copied photos and reference images are found by their hashes.

use integration::{Client, TestApp};
use surrealdb::types::RecordId;

use super::{field, jpeg_of, moderator, photo, publish};
use crate::checkout::{count, seeded};
use crate::seller_listings::{demo_seller, png};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_counterfeit_with_a_protected_brand_is_held_then_rejected_with_reasons_and_a_strike() {
    let app = seeded().await;
    let mut seller = demo_seller(&app, 1).await;
    let (id, status) = publish(&mut seller, "Maison Lune tote 高仿", png(200, 200)).await;
    assert_eq!(status, "held", "brand + counterfeit word is high risk");
    let case = RecordId::new("screening_case", id.as_str());
    let reasons = field(&app, "SELECT VALUE reasons FROM ONLY $id", case.clone()).await;
    let reasons: Vec<String> = serde_json::from_value(reasons).unwrap();
    assert!(
        reasons.contains(&"counterfeit_term:高仿".to_string()),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&"unauthorised_brand:Maison Lune:Maison Lune".to_string()),
        "{reasons:?}"
    );

    only_moderators_see_and_decide_cases(&app, &mut seller, &id).await;
    let mut m = moderator(&app).await;
    the_queue_finds_the_case_by_every_filter(&mut m, &id).await;
    a_rejection_owes_a_ground_and_a_statement(&app, &mut m, &id, case).await;
    let statement = the_rejection_delists_with_a_strike_once(&app, &mut m, &id).await;
    the_seller_sees_the_statement_of_reasons(&app, &mut seller, statement).await;
    the_audit_log_is_append_only(&app).await;
}

/// Only moderators see and decide cases.
async fn only_moderators_see_and_decide_cases(app: &TestApp, seller: &mut Client, id: &str) {
    for (f, form) in [
        ("moderation_queue", vec![]),
        ("moderation_case", vec![("key", id)]),
        (
            "decide_case",
            vec![("key", id), ("action", "approve"), ("statement", "")],
        ),
    ] {
        assert_eq!(seller.call(f, &form).await.status, 403, "{f}");
        assert_eq!(app.client().call(f, &form).await.status, 401, "{f}");
    }
}

/// The hold queue lists the case, and each filter finds it or leaves it out.
async fn the_queue_finds_the_case_by_every_filter(m: &mut Client, id: &str) {
    let q = m
        .call("moderation_queue", &[("filter[risk]", "hold")])
        .await;
    assert_eq!(q.status, 200, "{}", q.body);
    let items = q.json()["items"].as_array().unwrap().clone();
    assert!(items.iter().any(|c| c["key"] == id), "{items:?}");
    assert!(q.json()["brands"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b == "Maison Lune"));
    for (k, v, expect) in [
        ("filter[brand]", "Maison Lune", true),
        ("filter[brand]", "Kestrel Optics", false),
        ("filter[kind]", "counterfeit_term", true),
        ("filter[kind]", "copied_image", false),
        ("filter[risk]", "queue", false),
        ("filter[shop]", "formosa-tea-house", true),
        ("filter[shop]", "mori-home", false),
        ("filter[age]", "day", true),
        ("filter[age]", "older", false),
    ] {
        let q = m.call("moderation_queue", &[(k, v)]).await;
        assert_eq!(q.status, 200, "{k}={v}: {}", q.body);
        let found = q.json()["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["key"] == id);
        assert_eq!(found, expect, "{k}={v}");
    }
    assert_eq!(
        m.call("moderation_queue", &[("filter[age]", "yesterday")])
            .await
            .status,
        422
    );
}

/// The case shows the listing held; a rejection owes a ground and a statement:
/// refused, nothing changes.
async fn a_rejection_owes_a_ground_and_a_statement(
    app: &TestApp,
    m: &mut Client,
    id: &str,
    case: RecordId,
) {
    let c = m.call("moderation_case", &[("key", id)]).await;
    assert_eq!(c.status, 200, "{}", c.body);
    assert_eq!(c.json()["history"]["active_strikes"], 0);
    assert_eq!(c.json()["listing_status"], "held");

    // a rejection owes a ground and a statement: refused, nothing changes
    let r = m
        .call(
            "decide_case",
            &[("key", id), ("action", "reject"), ("statement", "no")],
        )
        .await;
    assert_eq!(r.status, 422);
    let mut errs = r.field_errors();
    errs.sort();
    assert_eq!(errs, ["ground.Required", "statement.Required"]);
    assert_eq!(
        field(app, "SELECT VALUE status FROM ONLY $id", case.clone()).await,
        "open"
    );
    assert_eq!(
        count(
            app,
            "SELECT count() AS n FROM moderation_decision GROUP ALL"
        )
        .await,
        0
    );
}

/// The rejection delists the listing, warns the shop (one strike) and is audited; a
/// second decision is refused. Returns the statement of reasons.
async fn the_rejection_delists_with_a_strike_once(
    app: &TestApp,
    m: &mut Client,
    id: &str,
) -> &'static str {
    let statement = "The title offers a copy (高仿) of Maison Lune, a protected brand you are not authorised to sell.";
    let r = m
        .call(
            "decide_case",
            &[
                ("key", id),
                ("action", "reject"),
                ("ground", "counterfeit"),
                ("statement", statement),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        field(
            app,
            "SELECT VALUE status FROM ONLY $id",
            RecordId::new("product", id)
        )
        .await,
        "delisted"
    );
    assert_eq!(
        field(
            app,
            "SELECT VALUE sanction FROM ONLY $id",
            RecordId::new("shop", "formosa-tea-house")
        )
        .await,
        "warning",
        "one strike is a warning"
    );
    assert_eq!(
        count(app, "SELECT count() AS n FROM strike GROUP ALL").await,
        1
    );
    assert_eq!(
        count(
            app,
            "SELECT count() AS n FROM audit_log WHERE action = 'moderation.case.reject' GROUP ALL"
        )
        .await,
        1
    );

    // decided once: a second decision is refused
    let again = m
        .call("decide_case", &[("key", id), ("action", "approve")])
        .await;
    assert_eq!(again.status, 422);
    assert_eq!(again.field_errors(), ["case.AlreadyDecided"]);
    statement
}

/// The seller sees the statement of reasons, the ground, the strike and the appeal
/// window; another seller sees none of it.
async fn the_seller_sees_the_statement_of_reasons(
    app: &TestApp,
    seller: &mut Client,
    statement: &str,
) {
    let n = seller.call("seller_notices", &[]).await;
    assert_eq!(n.status, 200, "{}", n.body);
    assert_eq!(n.json()["active_strikes"], 1);
    assert_eq!(n.json()["sanction"], "warning");
    let d = &n.json()["decisions"][0];
    assert_eq!(d["statement"], statement);
    assert_eq!(d["ground"], "counterfeit");
    assert_eq!(d["action"], "reject");
    assert_eq!(d["strike"], true);
    assert!(d["appeal_until"].as_i64().is_some());
    let page = seller.get("/seller/notices").await;
    assert!(
        page.body.contains("Maison Lune, a protected brand"),
        "SSR shows the statement"
    );

    // another seller sees none of it
    let mut other = demo_seller(app, 2).await;
    let n = other.call("seller_notices", &[]).await;
    assert_eq!(n.json()["decisions"].as_array().unwrap().len(), 0);
}

/// The audit log is append-only, even for a direct query.
async fn the_audit_log_is_append_only(app: &TestApp) {
    let mut res = app
        .state
        .db
        .query("UPDATE audit_log SET action = 'tampered'; DELETE audit_log;")
        .await
        .unwrap();
    assert!(!res.take_errors().is_empty());
    assert_eq!(
        count(
            app,
            "SELECT count() AS n FROM audit_log WHERE action = 'tampered' GROUP ALL"
        )
        .await,
        0
    );
    assert!(count(app, "SELECT count() AS n FROM audit_log GROUP ALL").await > 0);
}

/// The listing's case names a photo of the tea house's as copied.
async fn copies_the_tea_house(app: &TestApp, listing: &str) {
    let case = RecordId::new("screening_case", listing);
    let reasons: Vec<String> =
        serde_json::from_value(field(app, "SELECT VALUE reasons FROM ONLY $id", case).await)
            .unwrap();
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("copied_image:formosa-tea-house:")),
        "{reasons:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copied_photos_and_reference_images_are_found_through_the_hash_bands() {
    let app = seeded().await;
    let original = photo(3);
    let mut s1 = demo_seller(&app, 1).await;
    let (_, status) = publish(&mut s1, "Glazed tea bowl", original.clone()).await;
    assert_eq!(status, "active");

    // another shop lists the same photo, resized and re-compressed
    let mut s2 = demo_seller(&app, 2).await;
    let (id2, status) = publish(&mut s2, "Stoneware bowl", jpeg_of(&original, 300, 70)).await;
    assert_eq!(
        status, "active",
        "a copied photo alone is medium risk: live and queued"
    );
    copies_the_tea_house(&app, &id2).await;
    // the copier using the copy again is still copying: its earlier listing (a
    // throw-away one would do) came after the original
    let (id2b, _) = publish(
        &mut s2,
        "Stoneware bowl, large",
        jpeg_of(&original, 320, 75),
    )
    .await;
    copies_the_tea_house(&app, &id2b).await;
    // the same shop re-using its own photo is not a copy
    let (id1b, _) = publish(
        &mut s1,
        "Glazed tea bowl, blue",
        jpeg_of(&original, 400, 80),
    )
    .await;
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count() AS n FROM screening_case WHERE product = product:{id1b} GROUP ALL"
            )
        )
        .await,
        0
    );

    // a brand owner's reference image, matched after resizing and re-compressing
    let reference = photo(11);
    let h = app::media::fingerprint(&reference).unwrap();
    let b = domain::phash::bands(h);
    app.state
        .db
        .query("CREATE image_hash:ref1 SET kind = 'reference', hash = $h, b0 = $b[0], b1 = $b[1], b2 = $b[2], b3 = $b[3], url = '/ref.jpg', brand = brand:`maison-lune`")
        .bind(("h", domain::phash::to_db(h)))
        .bind(("b", b.to_vec()))
        .await
        .unwrap()
        .check()
        .unwrap();
    let mut s3 = demo_seller(&app, 3).await;
    let (id3, status) = publish(&mut s3, "Cotton tote", jpeg_of(&reference, 500, 60)).await;
    assert_eq!(status, "active");
    let reasons: Vec<String> = serde_json::from_value(
        field(
            &app,
            "SELECT VALUE reasons FROM ONLY $id",
            RecordId::new("screening_case", id3.as_str()),
        )
        .await,
    )
    .unwrap();
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("reference_image:Maison Lune:ref1:")),
        "{reasons:?}"
    );

    // the case page shows the matched reference image next to the listing
    let mut m = moderator(&app).await;
    let c = m.call("moderation_case", &[("key", id3.as_str())]).await;
    assert_eq!(c.json()["matches"][0]["matched_url"], "/ref.jpg");
    // a different photo matches nothing
    let (id4, _) = publish(&mut s3, "Linen tote", png(300, 200)).await;
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count() AS n FROM screening_case WHERE product = product:{id4} GROUP ALL"
            )
        )
        .await,
        0
    );
}
