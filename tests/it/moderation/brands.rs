//! A verified rights owner's brand terms and authorised shops, as screening uses them.

use integration::{Client, TestApp};
use surrealdb::types::RecordId;

use super::{field, jpeg_of, moderator, photo, publish};
use crate::checkout::{count, seeded};
use crate::seller_listings::{demo_seller, png};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_verified_owner_manages_brand_terms_and_authorised_shops_which_screening_uses() {
    let app = seeded().await;
    let mut m = moderator(&app).await;
    let mut owner = a_registered_rights_owner_is_verified(&app, &mut m).await;
    the_owner_sets_terms_and_only_real_shops_are_authorised(&mut owner).await;
    an_unauthorised_shop_using_the_alias_is_queued(&app).await;
    let reference = reference_images_are_checked_and_fingerprinted(&mut owner).await;
    a_recompressed_copy_of_the_reference_is_found_and_served(&app, &reference).await;
    the_authorised_shop_is_not_queued(&app).await;
}

/// shopper@demo.test registers as the owner of "Lumen Leaf" and a moderator verifies
/// it; returns the owner's client.
async fn a_registered_rights_owner_is_verified(app: &TestApp, m: &mut Client) -> Client {
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
    owner
}

/// The owner's brand terms are saved; an unknown shop among the authorised ones
/// refuses the form.
async fn the_owner_sets_terms_and_only_real_shops_are_authorised(owner: &mut Client) {
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
}

/// An unauthorised shop using the Chinese alias is queued (the authorised one is not,
/// below).
async fn an_unauthorised_shop_using_the_alias_is_queued(app: &TestApp) {
    let mut s1 = demo_seller(app, 1).await;
    let (id, status) = publish(&mut s1, "流明葉 高山茶", png(80, 80)).await;
    assert_eq!(status, "active");
    let reasons: Vec<String> = serde_json::from_value(
        field(
            app,
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
}

/// Reference images: a fake image is refused, a real one is fingerprinted; returns
/// the reference.
async fn reference_images_are_checked_and_fingerprinted(owner: &mut Client) -> Vec<u8> {
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
    reference
}

/// A resized, re-compressed copy of the reference in another shop's listing is found,
/// and the reference is served for the side-by-side view.
async fn a_recompressed_copy_of_the_reference_is_found_and_served(app: &TestApp, reference: &[u8]) {
    let mut s2 = demo_seller(app, 2).await;
    let (id2, _) = publish(&mut s2, "Tea tin", jpeg_of(reference, 350, 65)).await;
    let reasons: Vec<String> = serde_json::from_value(
        field(
            app,
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
    let c = moderator(app)
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
}

/// The authorised shop (mori-home) using a brand term is not queued.
async fn the_authorised_shop_is_not_queued(app: &TestApp) {
    let mut s3 = demo_seller(app, 3).await;
    let (id3, _) = publish(&mut s3, "Lumen Leef tea tin", png(81, 80)).await;
    assert_eq!(
        count(
            app,
            &format!(
                "SELECT count() AS n FROM screening_case WHERE product = product:{id3} GROUP ALL"
            )
        )
        .await,
        0,
        "mori-home is authorised"
    );
}
