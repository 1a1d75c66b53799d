//! Platform moderation: screening with the brand registry and image fingerprints, the
//! moderation queue and its decisions (statements of reasons, strikes, sanctions), and
//! the rules that keep it fair: only moderators decide, a decision is taken once, the
//! audit log cannot be changed.

use integration::{Client, TestApp};
use surrealdb::types::RecordId;

use crate::checkout::{count, seeded};
use crate::seller_listings::{act, demo_seller, listing, png, save, upload};

pub async fn moderator(app: &TestApp) -> Client {
    let mut c = app.client();
    let r = c
        .log_in("moderator@demo.test", server::seed::DEMO_PASSWORD)
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    c
}

/// Creates a listing with one photo and publishes it; returns (id, status).
async fn publish(c: &mut Client, title: &str, photo: Vec<u8>) -> (String, String) {
    let r = save(c, "", &listing(title, "480", "5")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let id = r.json().as_str().unwrap().to_string();
    upload(c, &id, vec![photo]).await;
    let r = act(c, &id, "publish").await;
    assert_eq!(r.status, 200, "{}", r.body);
    (id, r.json()["Status"].as_str().unwrap().to_string())
}

async fn field(app: &TestApp, sql: &str, id: RecordId) -> serde_json::Value {
    let sql = sql.replace("FROM ONLY $id", "FROM $id");
    let mut res = app.state.db.query(sql).bind(("id", id)).await.unwrap();
    let v: Vec<serde_json::Value> = res.take(0).unwrap();
    v.into_iter().next().unwrap_or(serde_json::Value::Null)
}

fn jpeg_of(png_bytes: &[u8], edge: u32, quality: u8) -> Vec<u8> {
    let img = image::load_from_memory(png_bytes).unwrap();
    let small = img.resize(edge, edge, image::imageops::FilterType::Lanczos3);
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&small.to_rgb8())
        .unwrap();
    out
}

/// A photo with large smooth shapes (what the perceptual hash looks at).
fn photo(seed: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(640, 640, |x, y| {
        let (fx, fy, s) = (x as f32, y as f32, seed as f32);
        let v =
            128.0 + 90.0 * ((fx + s * 37.0) / 90.0).sin() * ((fy * (1.0 + s % 3.0)) / 120.0).cos();
        let v = v.clamp(0.0, 255.0) as u8;
        image::Rgb([v, v / 2 + 40, 255 - v])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

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

    // only moderators see and decide cases
    for (f, form) in [
        ("moderation_queue", vec![]),
        ("moderation_case", vec![("key", id.as_str())]),
        (
            "decide_case",
            vec![
                ("key", id.as_str()),
                ("action", "approve"),
                ("statement", ""),
            ],
        ),
    ] {
        assert_eq!(seller.call(f, &form).await.status, 403, "{f}");
        assert_eq!(app.client().call(f, &form).await.status, 401, "{f}");
    }

    let mut m = moderator(&app).await;
    let q = m
        .call("moderation_queue", &[("filter[risk]", "hold")])
        .await;
    assert_eq!(q.status, 200, "{}", q.body);
    let items = q.json()["items"].as_array().unwrap().clone();
    assert!(items.iter().any(|c| c["key"] == id.as_str()), "{items:?}");
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
            .any(|c| c["key"] == id.as_str());
        assert_eq!(found, expect, "{k}={v}");
    }
    assert_eq!(
        m.call("moderation_queue", &[("filter[age]", "yesterday")])
            .await
            .status,
        422
    );

    let c = m.call("moderation_case", &[("key", id.as_str())]).await;
    assert_eq!(c.status, 200, "{}", c.body);
    assert_eq!(c.json()["history"]["active_strikes"], 0);
    assert_eq!(c.json()["listing_status"], "held");

    // a rejection owes a ground and a statement: refused, nothing changes
    let r = m
        .call(
            "decide_case",
            &[
                ("key", id.as_str()),
                ("action", "reject"),
                ("statement", "no"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    let mut errs = r.field_errors();
    errs.sort();
    assert_eq!(errs, ["ground.Required", "statement.Required"]);
    assert_eq!(
        field(&app, "SELECT VALUE status FROM ONLY $id", case.clone()).await,
        "open"
    );
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM moderation_decision GROUP ALL"
        )
        .await,
        0
    );

    let statement = "The title offers a copy (高仿) of Maison Lune, a protected brand you are not authorised to sell.";
    let r = m
        .call(
            "decide_case",
            &[
                ("key", id.as_str()),
                ("action", "reject"),
                ("ground", "counterfeit"),
                ("statement", statement),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        field(
            &app,
            "SELECT VALUE status FROM ONLY $id",
            RecordId::new("product", id.as_str())
        )
        .await,
        "delisted"
    );
    assert_eq!(
        field(
            &app,
            "SELECT VALUE sanction FROM ONLY $id",
            RecordId::new("shop", "formosa-tea-house")
        )
        .await,
        "warning",
        "one strike is a warning"
    );
    assert_eq!(
        count(&app, "SELECT count() AS n FROM strike GROUP ALL").await,
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM audit_log WHERE action = 'moderation.case.reject' GROUP ALL"
        )
        .await,
        1
    );

    // decided once: a second decision is refused
    let again = m
        .call(
            "decide_case",
            &[("key", id.as_str()), ("action", "approve")],
        )
        .await;
    assert_eq!(again.status, 422);
    assert_eq!(again.field_errors(), ["case.AlreadyDecided"]);

    // the seller sees the statement of reasons, the ground, the strike and the appeal window
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
    let mut other = demo_seller(&app, 2).await;
    let n = other.call("seller_notices", &[]).await;
    assert_eq!(n.json()["decisions"].as_array().unwrap().len(), 0);

    // the audit log is append-only, even for a direct query
    let mut res = app
        .state
        .db
        .query("UPDATE audit_log SET action = 'tampered'; DELETE audit_log;")
        .await
        .unwrap();
    assert!(!res.take_errors().is_empty());
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM audit_log WHERE action = 'tampered' GROUP ALL"
        )
        .await,
        0
    );
    assert!(count(&app, "SELECT count() AS n FROM audit_log GROUP ALL").await > 0);
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
    let case = RecordId::new("screening_case", id2.as_str());
    let reasons: Vec<String> =
        serde_json::from_value(field(&app, "SELECT VALUE reasons FROM ONLY $id", case).await)
            .unwrap();
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("copied_image:formosa-tea-house:")),
        "{reasons:?}"
    );
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn strikes_escalate_to_suspension_and_bulk_decisions_skip_decided_cases() {
    let app = seeded().await;
    let mut seller = demo_seller(&app, 1).await;
    let mut ids = Vec::new();
    for i in 0..4 {
        let (id, status) = publish(
            &mut seller,
            &format!("Replica watch no. {i}"),
            png(120 + i, 120),
        )
        .await;
        assert_eq!(status, "held");
        ids.push(id);
    }
    let mut m = moderator(&app).await;
    // approve the first alone; the bulk form then names it again with two others (a gap in
    // the indexes, as unchecked boxes leave): it is skipped, the two are decided
    let r = m
        .call(
            "decide_case",
            &[("key", ids[0].as_str()), ("action", "approve")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        field(
            &app,
            "SELECT VALUE status FROM ONLY $id",
            RecordId::new("product", ids[0].as_str())
        )
        .await,
        "active",
        "approving a held listing publishes it"
    );
    let statement = "Listings offering replica watches are not allowed.";
    let r = m
        .call(
            "decide_cases",
            &[
                ("case[0]", ids[0].as_str()),
                ("case[2]", ids[1].as_str()),
                ("case[3]", ids[2].as_str()),
                ("action", "reject"),
                ("ground", "counterfeit"),
                ("statement", statement),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), 2);
    let shop = RecordId::new("shop", "formosa-tea-house");
    assert_eq!(
        field(&app, "SELECT VALUE sanction FROM ONLY $id", shop.clone()).await,
        "listing_limit"
    );
    assert_eq!(
        field(&app, "SELECT VALUE status FROM ONLY $id", shop.clone()).await,
        "approved"
    );

    // under a listing limit the shop cannot put more listings live than the policy says
    app.state
        .db
        .query("UPDATE platform_setting:main SET strike_listing_limit = 1")
        .await
        .unwrap()
        .check()
        .unwrap();
    let r = save(&mut seller, "", &listing("Plain tea bowl", "480", "5")).await;
    let fresh = r.json().as_str().unwrap().to_string();
    upload(&mut seller, &fresh, vec![png(70, 70)]).await;
    assert_eq!(
        act(&mut seller, &fresh, "publish").await.field_errors(),
        ["listing_limit.TooMany"]
    );
    assert_eq!(
        field(
            &app,
            "SELECT VALUE status FROM ONLY $id",
            RecordId::new("product", fresh.as_str())
        )
        .await,
        "draft"
    );

    // the third strike suspends the shop
    let r = m
        .call(
            "decide_case",
            &[
                ("key", ids[3].as_str()),
                ("action", "reject"),
                ("ground", "counterfeit"),
                ("statement", statement),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        field(&app, "SELECT VALUE sanction FROM ONLY $id", shop.clone()).await,
        "suspension"
    );
    assert_eq!(
        field(&app, "SELECT VALUE status FROM ONLY $id", shop.clone()).await,
        "suspended"
    );
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM audit_log WHERE action = 'shop.sanctioned' GROUP ALL"
        )
        .await,
        1
    );
    // a suspended shop cannot publish
    let r = save(&mut seller, "", &listing("Tea bowl", "480", "5")).await;
    assert_eq!(r.status, 403, "{}", r.body);

    // request changes on a misleading listing: back to draft, no strike
    let mut s2 = demo_seller(&app, 2).await;
    let (id, _) = publish(&mut s2, "Fake leather wallet", png(90, 90)).await;
    let r = m
        .call(
            "decide_case",
            &[
                ("key", id.as_str()),
                ("action", "request_changes"),
                ("ground", "misleading"),
                ("statement", "Say 'faux leather' rather than 'fake'."),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        field(
            &app,
            "SELECT VALUE status FROM ONLY $id",
            RecordId::new("product", id.as_str())
        )
        .await,
        "draft"
    );
    assert_eq!(
        field(
            &app,
            "SELECT VALUE sanction FROM ONLY $id",
            RecordId::new("shop", "auralis-audio-lab")
        )
        .await,
        "none"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn appeals_go_to_another_moderator_and_a_granted_appeal_lifts_the_strike() {
    let app = seeded().await;
    let mut seller = demo_seller(&app, 1).await;
    let (id, _) = publish(&mut seller, "Replica teapot", png(100, 100)).await;
    let (id2, _) = publish(&mut seller, "Replica kettle", png(101, 100)).await;
    let mut m = moderator(&app).await;
    for key in [&id, &id2] {
        let r = m
            .call(
                "decide_case",
                &[
                    ("key", key.as_str()),
                    ("action", "reject"),
                    ("ground", "counterfeit"),
                    ("statement", "Replicas are not allowed here."),
                ],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    let shop = RecordId::new("shop", "formosa-tea-house");
    assert_eq!(
        field(&app, "SELECT VALUE sanction FROM ONLY $id", shop.clone()).await,
        "listing_limit"
    );
    let n = seller.call("seller_notices", &[]).await;
    let decisions = n.json()["decisions"].as_array().unwrap().clone();
    let dkey = |pid: &str| {
        decisions
            .iter()
            .find(|d| d["product_key"] == pid)
            .map(|d| d["key"].as_str().unwrap().to_string())
            .unwrap()
    };
    let (d1, d2) = (dkey(&id), dkey(&id2));
    assert!(decisions.iter().all(|d| d["appeal_open"] == true));

    // too short, someone else's decision: refused
    assert_eq!(
        seller
            .call("file_appeal", &[("key", d1.as_str()), ("text", "no")])
            .await
            .field_errors(),
        ["text.Required"]
    );
    let mut other = demo_seller(&app, 2).await;
    let text =
        "It is an original teapot; 'replica' was a translation mistake for 'reproduction glaze'.";
    assert_eq!(
        other
            .call("file_appeal", &[("key", d1.as_str()), ("text", text)])
            .await
            .status,
        404
    );
    let r = seller
        .call("file_appeal", &[("key", d1.as_str()), ("text", text)])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        seller
            .call("file_appeal", &[("key", d1.as_str()), ("text", text)])
            .await
            .field_errors(),
        ["text.AlreadyDecided"],
        "one appeal per decision"
    );

    // the moderator who decided cannot decide the appeal; another one can
    let q = m.call("open_appeals", &[]).await;
    assert_eq!(q.json()[0]["own_decision"], true);
    let r = m
        .call(
            "decide_appeal",
            &[
                ("key", d1.as_str()),
                ("decision", "grant"),
                ("statement", "Agreed, a wording mistake."),
            ],
        )
        .await;
    assert_eq!(r.field_errors(), ["appeal.SameModerator"]);
    assert_eq!(
        seller
            .call(
                "decide_appeal",
                &[("key", d1.as_str()), ("decision", "grant")]
            )
            .await
            .status,
        403
    );
    let mut admin = app.client();
    assert_eq!(
        admin
            .log_in("admin@demo.test", server::seed::DEMO_PASSWORD)
            .await
            .status,
        200
    );
    let r = admin
        .call(
            "decide_appeal",
            &[
                ("key", d1.as_str()),
                ("decision", "grant"),
                ("statement", "Agreed, a wording mistake."),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        field(&app, "SELECT VALUE sanction FROM ONLY $id", shop.clone()).await,
        "warning",
        "one strike left"
    );
    assert_eq!(
        field(
            &app,
            "SELECT VALUE status FROM ONLY $id",
            RecordId::new("product", id.as_str())
        )
        .await,
        "draft",
        "the listing can be corrected and published again"
    );
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM strike WHERE removed_at != NONE GROUP ALL"
        )
        .await,
        1
    );
    let r = admin
        .call(
            "decide_appeal",
            &[
                ("key", d1.as_str()),
                ("decision", "deny"),
                ("statement", "Changed my mind here."),
            ],
        )
        .await;
    assert_eq!(r.field_errors(), ["appeal.AlreadyDecided"]);

    // after the window, no appeal
    app.clock.advance(chrono::Duration::days(15));
    assert_eq!(
        seller
            .call("file_appeal", &[("key", d2.as_str()), ("text", text)])
            .await
            .field_errors(),
        ["text.WindowClosed"]
    );
    // nobody can edit or delete the audit of all this: there is no server function for it,
    // and the database refuses it
    assert!(count(&app, "SELECT count() AS n FROM audit_log WHERE string::starts_with(action, 'appeal.') GROUP ALL").await >= 2);
}

async fn call(c: &mut Client, f: Vec<(&'static str, String)>) -> integration::Reply {
    let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    c.call("report_listing", &refs).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shoppers_report_listings_once_and_moderators_hold_or_dismiss_them() {
    let app = seeded().await;
    let mut res = app
        .state
        .db
        .query("SELECT VALUE record::id(id) FROM product WHERE shop = shop:`formosa-tea-house` AND status = 'active' LIMIT 1")
        .await
        .unwrap();
    let ids: Vec<String> = res.take(0).unwrap();
    let id = ids[0].clone();
    // visitors must sign in; bad reasons are refused; "other" needs details
    let form = |reason: &'static str, text: &'static str| {
        vec![
            ("product", id.clone()),
            ("reason", reason.to_string()),
            ("text", text.to_string()),
        ]
    };
    assert_eq!(
        call(&mut app.client(), form("counterfeit", ""))
            .await
            .status,
        401
    );
    let mut shopper = app.client();
    assert_eq!(
        shopper
            .log_in("shopper@demo.test", server::seed::DEMO_PASSWORD)
            .await
            .status,
        200
    );
    assert_eq!(
        call(&mut shopper, form("spam", "")).await.field_errors(),
        ["reason.InvalidChoice"]
    );
    assert_eq!(
        call(&mut shopper, form("other", "")).await.field_errors(),
        ["text.Required"]
    );
    let r = call(
        &mut shopper,
        form("counterfeit", "The seal looks different from the brand's."),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        call(&mut shopper, form("ip", "")).await.field_errors(),
        ["reason.AlreadyDecided"],
        "once per listing"
    );
    // the seller cannot report their own listing
    let mut seller = demo_seller(&app, 1).await;
    assert_eq!(
        call(&mut seller, form("counterfeit", ""))
            .await
            .field_errors(),
        ["reason.NotAllowed"]
    );

    let mut m = moderator(&app).await;
    assert_eq!(seller.call("open_reports", &[]).await.status, 403);
    let open = m.call("open_reports", &[]).await;
    let report = open
        .json()
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["product_key"] == id.as_str())
        .cloned()
        .unwrap();
    let key = report["key"].as_str().unwrap().to_string();
    let r = m
        .call(
            "decide_report",
            &[("key", key.as_str()), ("decision", "review")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        field(
            &app,
            "SELECT VALUE status FROM ONLY $id",
            RecordId::new("product", id.as_str())
        )
        .await,
        "held",
        "held for review"
    );
    let q = m
        .call("moderation_queue", &[("filter[kind]", "shopper_report")])
        .await;
    assert!(q.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["key"] == id.as_str()));
    assert_eq!(
        m.call(
            "decide_report",
            &[("key", key.as_str()), ("decision", "dismiss")]
        )
        .await
        .field_errors(),
        ["report.AlreadyDecided"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_verified_owner_manages_brand_terms_and_authorised_shops_which_screening_uses() {
    let app = seeded().await;
    let mut m = moderator(&app).await;
    let mut owner = app.client();
    assert_eq!(
        owner
            .log_in("shopper@demo.test", server::seed::DEMO_PASSWORD)
            .await
            .status,
        200
    );
    let r = owner
        .call(
            "register_rights_owner",
            &[
                ("name", "Lumen Tea Co"),
                ("brand_name", "Lumen Leaf"),
                ("registration_number", "TW-555"),
                ("jurisdiction", "Taiwan"),
                ("evidence", "TIPO registration 555 for tea."),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let mut res = app
        .state
        .db
        .query("SELECT VALUE record::id(id) FROM rights_owner LIMIT 1")
        .await
        .unwrap();
    let keys: Vec<String> = res.take(0).unwrap();
    assert_eq!(
        m.call(
            "decide_rights_owner",
            &[("key", keys[0].as_str()), ("decision", "verify")]
        )
        .await
        .status,
        200
    );
    let r = owner
        .call(
            "update_brand",
            &[
                ("terms", "流明葉\nLumen Leef"),
                ("authorised", "mori-home\nno-such-shop"),
            ],
        )
        .await;
    assert_eq!(r.field_errors(), ["authorised.2.InvalidChoice"]);
    let r = owner
        .call(
            "update_brand",
            &[("terms", "流明葉\nLumen Leef"), ("authorised", "mori-home")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let page = owner.call("rights_page", &[]).await;
    assert_eq!(
        page.json()["brand"]["terms"],
        serde_json::json!(["流明葉", "Lumen Leef"])
    );

    // an unauthorised shop using the Chinese alias is queued; the authorised one is not
    let mut s1 = demo_seller(&app, 1).await;
    let (id, status) = publish(&mut s1, "流明葉 高山茶", png(80, 80)).await;
    assert_eq!(status, "active");
    let reasons: Vec<String> = serde_json::from_value(
        field(
            &app,
            "SELECT VALUE reasons FROM ONLY $id",
            RecordId::new("screening_case", id.as_str()),
        )
        .await,
    )
    .unwrap();
    assert!(
        reasons.contains(&"unauthorised_brand:Lumen Leaf:流明葉".to_string()),
        "{reasons:?}"
    );
    // reference images: a fake image is refused, a real one is fingerprinted and a
    // resized, re-compressed copy in another shop's listing is found
    let r = owner
        .post_multipart(
            "/rights/references",
            &[],
            &[("references", "x.jpg", b"not an image".to_vec())],
        )
        .await;
    assert_eq!(r.status, 303);
    assert!(r.headers["location"]
        .to_str()
        .unwrap()
        .contains("reference_error=NotAnImage"));
    let reference = photo(17);
    let r = owner
        .post_multipart(
            "/rights/references",
            &[],
            &[("references", "ref.png", reference.clone())],
        )
        .await;
    assert_eq!(r.status, 303);
    assert!(r.headers["location"]
        .to_str()
        .unwrap()
        .contains("references=added"));
    assert_eq!(
        owner.call("rights_page", &[]).await.json()["brand"]["references"],
        1
    );
    let mut s2 = demo_seller(&app, 2).await;
    let (id2, _) = publish(&mut s2, "Tea tin", jpeg_of(&reference, 350, 65)).await;
    let reasons: Vec<String> = serde_json::from_value(
        field(
            &app,
            "SELECT VALUE reasons FROM ONLY $id",
            RecordId::new("screening_case", id2.as_str()),
        )
        .await,
    )
    .unwrap();
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("reference_image:Lumen Leaf:")),
        "{reasons:?}"
    );
    let c = moderator(&app)
        .await
        .call("moderation_case", &[("key", id2.as_str())])
        .await;
    let url = c.json()["matches"][0]["matched_url"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        app.client().get(&url).await.status,
        200,
        "the reference is served for the side-by-side view"
    );

    let mut s3 = demo_seller(&app, 3).await;
    let (id3, _) = publish(&mut s3, "Lumen Leef tea tin", png(81, 80)).await;
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count() AS n FROM screening_case WHERE product = product:{id3} GROUP ALL"
            )
        )
        .await,
        0,
        "mori-home is authorised"
    );
}

async fn send(c: &mut Client, f: Vec<(String, String)>) -> integration::Reply {
    let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    c.call("set_moderation_policy", &pairs).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_tune_the_moderation_policy_as_a_whole() {
    let app = seeded().await;
    let good = [
        "25", "60", "4", "12", "1", "2", "3", "6", "90", "15", "10", "8", "85", "40", "60", "14",
        "5",
    ];
    let form = |values: &[&'static str]| -> Vec<(String, String)> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("value[{i}]"), v.to_string()))
            .collect()
    };
    let mut m = moderator(&app).await;
    assert_eq!(send(&mut m, form(&good)).await.status, 403, "admins only");
    let mut admin = app.client();
    assert_eq!(
        admin
            .log_in("admin@demo.test", server::seed::DEMO_PASSWORD)
            .await
            .status,
        200
    );
    let mut bad = good;
    bad[1] = "20"; // hold below queue
    assert_eq!(
        send(&mut admin, form(&bad)).await.field_errors(),
        ["screening_hold_from.InvalidNumber"]
    );
    let mut bad = good;
    bad[14] = "0"; // the review window
    assert_eq!(
        send(&mut admin, form(&bad)).await.field_errors(),
        ["review_window_days.InvalidNumber"]
    );
    let mut bad = good;
    bad[2] = "zero";
    assert_eq!(
        send(&mut admin, form(&bad)).await.field_errors(),
        ["notice_seller_days.InvalidNumber"]
    );
    let r = send(&mut admin, form(&good)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let p = admin.call("moderation_policy", &[]).await;
    assert_eq!(
        p.json()["values"],
        serde_json::json!([25, 60, 4, 12, 1, 2, 3, 6, 90, 15, 10, 8, 85, 40, 60, 14, 5])
    );
    assert_eq!(
        count(&app, "SELECT count() AS n FROM audit_log WHERE action = 'settings.moderation_policy' GROUP ALL").await,
        1
    );
}
