//! A listing from draft to live: fields checked, photos, screening, duplicates, stock
//! history, and publishing and delisting on schedule.

use chrono::Duration;
use integration::{Client, TestApp};

use super::{act, demo_seller, listing, png, save, status, upload};
use crate::checkout::{count, seeded};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listing_is_created_photographed_screened_and_published() {
    let app = seeded().await;
    let mut s = demo_seller(&app, 1).await;
    let products = count(&app, "SELECT count() AS n FROM product GROUP ALL").await;

    bad_input_names_each_field_and_writes_nothing(&app, &mut s, products).await;
    let id = a_saved_draft_is_not_visible(&app, &mut s).await;
    bad_photos_are_refused_and_none_stored(&app, &mut s, &id).await;
    let ed = photos_are_reencoded_shrunk_and_reordered(&app, &mut s, &id).await;
    a_low_risk_listing_goes_live_with_its_photo(&app, &mut s, &id, &ed).await;
    an_edit_like_a_counterfeit_is_held_off_the_shop(&app, &mut s, &id).await;
    let copy = a_duplicate_is_a_draft_with_the_photos_and_no_stock(&app, &mut s, &id).await;
    stock_history_says_who_and_why(&app, &mut s, &copy).await;
    the_sellers_list_shows_them_most_recently_edited_first(&mut s, &id, &copy).await;
}

/// Bad input: each field named, nothing written.
async fn bad_input_names_each_field_and_writes_nothing(
    app: &TestApp,
    s: &mut Client,
    products: i64,
) {
    let mut bad = listing("Tea bowl", "-5", "-1");
    bad.retain(|(k, _)| *k != "currency");
    bad.push(("currency", "USD"));
    let r = save(s, "", &bad).await;
    assert_eq!(r.status, 422);
    assert_eq!(
        r.field_errors(),
        [
            "currency.WrongCurrency",
            "price.InvalidPrice",
            "stock.InvalidNumber"
        ]
    );
    let mut unknown = listing("Tea bowl", "1200", "3");
    unknown.retain(|(k, _)| *k != "category");
    unknown.push(("category", "no-such-category"));
    assert_eq!(
        save(s, "", &unknown).await.field_errors(),
        ["category.InvalidChoice"]
    );
    assert_eq!(
        count(app, "SELECT count() AS n FROM product GROUP ALL").await,
        products
    );
}

/// A good listing is saved as a draft, which is not visible; returns its id.
async fn a_saved_draft_is_not_visible(app: &TestApp, s: &mut Client) -> String {
    let r = save(s, "", &listing("Hand-thrown tea bowl", "1,200", "6")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let id = r.json().as_str().unwrap().to_string();
    assert_eq!(status(app, &id).await, "draft");
    assert_eq!(
        app.client().get(&format!("/p/{id}")).await.status,
        404,
        "drafts are not visible"
    );

    id
}

/// Photos are checked by content and size, at most 8, none stored on refusal; and
/// publishing needs a photo.
async fn bad_photos_are_refused_and_none_stored(app: &TestApp, s: &mut Client, id: &str) {
    let mut fake_jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0];
    fake_jpeg.extend_from_slice(b"this is not a jpeg");
    assert!(upload(s, id, vec![fake_jpeg])
        .await
        .contains("photo_error=NotAnImage"));
    assert!(upload(s, id, vec![b"<svg onload=alert(1)>".to_vec()])
        .await
        .contains("photo_error=NotAnImage"));
    let mut big = png(10, 10);
    big.resize(domain::media::MAX_PHOTO_BYTES + 1, 0);
    assert!(upload(s, id, vec![big])
        .await
        .contains("photo_error=FileTooLarge"));
    assert!(upload(s, id, (0..9).map(|_| png(20, 20)).collect())
        .await
        .contains("photo_error=TooMany"));
    assert_eq!(
        count(
            app,
            &format!(
                "SELECT count() AS n FROM product_image WHERE product = product:{id} GROUP ALL"
            )
        )
        .await,
        0
    );

    // publishing needs a photo
    let r = act(s, id, "publish").await;
    assert_eq!(r.field_errors(), ["photos.Required"]);
}

/// Good photos are re-encoded as JPEG, shrunk to 1600 px, with a thumbnail, and can
/// be reordered; returns the editor's data after the reorder.
async fn photos_are_reencoded_shrunk_and_reordered(
    app: &TestApp,
    s: &mut Client,
    id: &str,
) -> serde_json::Value {
    assert_eq!(
        upload(s, id, vec![png(2400, 1200), png(300, 300)]).await,
        format!("/seller/listings/{id}#photos")
    );
    let ed = s.call("listing_editor", &[("id", id)]).await.json();
    let photos = ed["photos"].as_array().unwrap().clone();
    assert_eq!(photos.len(), 2);
    // re-encoded as JPEG, shrunk to 1600 px, with a thumbnail
    let full = app.client().get(photos[0]["url"].as_str().unwrap()).await;
    assert_eq!(full.status, 200);
    assert_eq!(full.headers["content-type"], "image/jpeg");
    let mut res = app.state.db.query(format!("SELECT VALUE [width, height] FROM product_image WHERE product = product:{id} ORDER BY position")).await.unwrap();
    let dims: Vec<Vec<i64>> = res.take(0).unwrap();
    assert_eq!(dims, vec![vec![1600, 800], vec![300, 300]]);
    // reorder: the second becomes the main photo
    let second = photos[1]["id"].as_str().unwrap();
    assert_eq!(
        s.call(
            "arrange_photo",
            &[("id", id), ("photo", second), ("op", "up")]
        )
        .await
        .status,
        200
    );
    let ed = s.call("listing_editor", &[("id", id)]).await.json();
    assert_eq!(ed["photos"][0]["id"], second);

    ed
}

/// Low risk: live at once, on the product page with its (new main) photo.
async fn a_low_risk_listing_goes_live_with_its_photo(
    app: &TestApp,
    s: &mut Client,
    id: &str,
    ed: &serde_json::Value,
) {
    let r = act(s, id, "publish").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["Status"], "active");
    let page = app.client().get(&format!("/p/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Hand-thrown tea bowl"));
    assert!(page.body.contains(ed["photos"][0]["url"].as_str().unwrap()));
}

/// An edit that reads like a counterfeit is screened again and held, off the shop.
async fn an_edit_like_a_counterfeit_is_held_off_the_shop(app: &TestApp, s: &mut Client, id: &str) {
    let r = save(
        s,
        id,
        &listing("Hand-thrown tea bowl 1:1 replica", "1,200", "6"),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(status(app, id).await, "held");
    assert_eq!(app.client().get(&format!("/p/{id}")).await.status, 404);
    assert_eq!(
        count(app, &format!("SELECT count() AS n FROM screening_case WHERE product = product:{id} AND verdict = 'hold' AND status = 'open' GROUP ALL")).await,
        1
    );
    let ed = s.call("listing_editor", &[("id", id)]).await.json();
    assert!(ed["screening"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r == "counterfeit_term:replica"));
}

/// Duplicate: a draft copy with the same photos and no stock; returns its id.
async fn a_duplicate_is_a_draft_with_the_photos_and_no_stock(
    app: &TestApp,
    s: &mut Client,
    id: &str,
) -> String {
    let r = act(s, id, "duplicate").await;
    let copy = r.json()["Duplicated"].as_str().unwrap().to_string();
    assert_eq!(status(app, &copy).await, "draft");
    let ed = s.call("listing_editor", &[("id", &copy)]).await.json();
    assert_eq!(ed["photos"].as_array().unwrap().len(), 2);
    assert_eq!(ed["form"]["stock"], "0");

    copy
}

/// Stock history says who and why, and the editor shows it, newest first.
async fn stock_history_says_who_and_why(app: &TestApp, s: &mut Client, copy: &str) {
    let r = save(s, copy, &listing("Tea bowl copy", "1,200", "4")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        count(app, &format!("SELECT count() AS n FROM stock_event WHERE product = product:{copy} AND delta = 4 AND reason = 'edited' AND actor = user:⟨seller1@demo.test⟩ GROUP ALL")).await,
        1
    );

    // and the editor shows it, newest first
    let ed = s.call("listing_editor", &[("id", copy)]).await.json();
    assert_eq!(ed["stock_history"][0]["reason"], "edited");
    assert_eq!(ed["stock_history"][0]["delta"], 4);
    assert_eq!(ed["stock_history"][0]["on_hand"], 4);
}

/// The seller's list shows both, most recently edited first, and filters the held one.
async fn the_sellers_list_shows_them_most_recently_edited_first(
    s: &mut Client,
    id: &str,
    copy: &str,
) {
    let list = s.call("seller_listings", &[("status", "")]).await.json();
    let ids: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&id) && ids.contains(&copy));
    assert_eq!(ids[0], copy, "most recently edited first");
    let held = s
        .call("seller_listings", &[("status", "held")])
        .await
        .json();
    assert_eq!(held["items"].as_array().unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scheduled_listings_go_live_and_come_down_on_time() {
    let app = seeded().await;
    let mut s = demo_seller(&app, 1).await;
    let now = app.state.now();
    let fmt =
        |t: chrono::DateTime<chrono::Utc>| domain::listing::format_datetime_local(t.timestamp());
    let (p, d) = (fmt(now + Duration::hours(2)), fmt(now + Duration::hours(5)));
    let mut f = listing("Spring oolong, first flush", "680", "20");
    f.push(("publish_at", &p));
    f.push(("delist_at", &d));
    let id = save(&mut s, "", &f)
        .await
        .json()
        .as_str()
        .unwrap()
        .to_string();
    upload(&mut s, &id, vec![png(200, 200)]).await;
    assert_eq!(
        act(&mut s, &id, "publish").await.json()["Status"],
        "scheduled"
    );
    assert_eq!(app.client().get(&format!("/p/{id}")).await.status, 404);

    let run = |at| app::sellers::listings::imp::run_schedule(&app.state.db, at);
    assert_eq!(run(now + Duration::hours(1)).await.unwrap(), (0, 0));
    assert_eq!(status(&app, &id).await, "scheduled");
    assert_eq!(
        run(now + Duration::hours(2) + Duration::seconds(30))
            .await
            .unwrap(),
        (1, 0)
    );
    assert_eq!(status(&app, &id).await, "active");
    app.state.catalog_cache.invalidate();
    assert_eq!(app.client().get(&format!("/p/{id}")).await.status, 200);
    assert_eq!(
        run(now + Duration::hours(5) + Duration::seconds(30))
            .await
            .unwrap(),
        (0, 1)
    );
    assert_eq!(status(&app, &id).await, "delisted");

    // a delisting time before the publishing time is refused
    let mut f = listing("Winter oolong", "680", "20");
    f.push(("publish_at", &d));
    f.push(("delist_at", &p));
    assert_eq!(
        save(&mut s, "", &f).await.field_errors(),
        ["delist_at.InvalidDate"]
    );
}
