//! One seller never reaching another's listings.

use super::{act, demo_seller, listing, png, save, status, upload};
use crate::checkout::seeded;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_seller_cannot_touch_another_sellers_listings() {
    let app = seeded().await;
    let mut a = demo_seller(&app, 1).await;
    let mut b = demo_seller(&app, 2).await;
    let id = save(&mut a, "", &listing("Tea bowl", "1200", "3"))
        .await
        .json()
        .as_str()
        .unwrap()
        .to_string();
    upload(&mut a, &id, vec![png(100, 100)]).await;
    let photo = a.call("listing_editor", &[("id", &id)]).await.json()["photos"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();

    assert_eq!(b.call("listing_editor", &[("id", &id)]).await.status, 404);
    let mut f = listing("Mine now", "1", "3");
    f.retain(|(k, _)| *k != "currency");
    f.push(("currency", "TWD"));
    let r = save(&mut b, &id, &f).await;
    assert!(r.status == 404 || r.status == 422, "{}", r.status);
    for op in ["publish", "delist", "duplicate"] {
        assert_eq!(act(&mut b, &id, op).await.status, 404, "{op}");
    }
    assert_eq!(
        b.call(
            "arrange_photo",
            &[("id", &id), ("photo", &photo), ("op", "remove")]
        )
        .await
        .status,
        404
    );
    let r = b
        .post_multipart(
            &format!("/seller/listings/{id}/photos"),
            &[],
            &[("photos", "p.png", png(10, 10))],
        )
        .await;
    assert_eq!(r.status, 404);
    // a shopper is not a seller at all
    let mut shopper = app.client();
    shopper
        .sign_up("buyer@example.com", "Buyer", crate::checkout::PW)
        .await;
    assert_eq!(
        shopper.call("listing_editor", &[("id", &id)]).await.status,
        403
    );
    // nothing changed
    assert_eq!(status(&app, &id).await, "draft");
    let ed = a.call("listing_editor", &[("id", &id)]).await.json();
    assert_eq!(ed["form"]["title_en"], "Tea bowl");
    assert_eq!(ed["photos"].as_array().unwrap().len(), 1);
}
