//! A verified rights owner's brand terms and authorised shops, as screening uses them.

use surrealdb::types::RecordId;

use super::{field, jpeg_of, moderator, photo, publish};
use crate::checkout::{count, seeded};
use crate::seller_listings::{demo_seller, png};

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
