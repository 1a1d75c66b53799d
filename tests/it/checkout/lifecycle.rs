//! The order lifecycle with tracking, delivery and a return, and return photos.

use chrono::Duration;

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn order_lifecycle_with_tracking_delivery_and_a_return() {
    let app = seeded().await;
    let (a, _) = two_shop_products(&app, 10).await;
    let mut c = shopper(&app, "buyer@example.com").await;
    let id = one_placed_order(&mut c, &a).await;
    let mut seller = seller_of(&app, &id).await;

    the_address_changes_but_no_return_before_delivery(&mut c, &id).await;
    the_order_is_paid_shipped_with_checked_tracking_and_delivered(&mut c, &mut seller, &id).await;
    a_return_is_checked_accepted_once_and_refunded(&mut c, &mut seller, &id).await;
    past_the_return_window_settling_completes_the_order(&app, &mut c, &mut seller, &a).await;
}

/// The buyer adds one of `product` and places the order; returns its id.
async fn one_placed_order(c: &mut Client, product: &str) -> String {
    add(c, product, "1").await;
    let (_, form) = checkout_form(c).await;
    assert_eq!(place(c, &form).await.status, 200);
    my_orders(c).await[0]["id"].as_str().unwrap().to_string()
}

/// The address can change before shipment; a return cannot be requested before
/// delivery.
async fn the_address_changes_but_no_return_before_delivery(c: &mut Client, id: &str) {
    let r = c
        .call(
            "change_order_address",
            &[
                ("id", id),
                ("name", "Mei Lin"),
                ("phone", "02 1234"),
                ("line1", "No. 9, Songren Rd"),
                ("city", "Taipei"),
                ("country", "TW"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    // a return cannot be requested before delivery
    let r = c
        .call(
            "request_return",
            &[("id", id), ("kind", "return"), ("reason", "damaged")],
        )
        .await;
    assert_eq!(r.status, 409);
}

/// The seller marks the order paid, has bad tracking refused, ships with a tracking
/// link the buyer sees (with the new address) and marks it delivered.
async fn the_order_is_paid_shipped_with_checked_tracking_and_delivered(
    c: &mut Client,
    seller: &mut Client,
    id: &str,
) {
    assert_eq!(seller.call("mark_paid", &[("id", id)]).await.status, 200);
    let r = seller
        .call(
            "ship_order",
            &[("id", id), ("carrier", "Pigeon"), ("tracking", "<b>")],
        )
        .await;
    assert_eq!(r.status, 422);
    let fields = r.json()["Invalid"].as_array().unwrap().len();
    assert_eq!(fields, 2);
    let r = seller
        .call(
            "ship_order",
            &[
                ("id", id),
                ("carrier", "UPS"),
                ("tracking", "1Z999AA10123456784"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let d = c.call("order_detail", &[("id", id)]).await.json();
    assert_eq!(
        d["tracking_url"],
        "https://www.ups.com/track?tracknum=1Z999AA10123456784"
    );
    assert_eq!(d["address"]["line1"], "No. 9, Songren Rd");
    assert_eq!(d["can_cancel"], false);
    assert_eq!(
        seller.call("mark_delivered", &[("id", id)]).await.status,
        200
    );
    // the seller's word alone does not deliver it: no return yet, the buyer confirms
    let d = c.call("order_detail", &[("id", id)]).await.json();
    assert_eq!(d["status"], "Shipped");
    assert_eq!(d["delivery_reported"], true);
    assert_eq!(d["can_confirm"], true);
    assert_eq!(d["can_return"], false);
    assert_eq!(
        seller.call("mark_delivered", &[("id", id)]).await.status,
        409,
        "reported once"
    );
    let r = c
        .call(
            "request_return",
            &[("id", id), ("kind", "return"), ("reason", "damaged")],
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert_eq!(
        seller.call("confirm_delivery", &[("id", id)]).await.status,
        404,
        "only the buyer confirms"
    );
    assert_eq!(c.call("confirm_delivery", &[("id", id)]).await.status, 200);
    assert_eq!(c.call("confirm_delivery", &[("id", id)]).await.status, 409);
}

/// Bad return requests are refused, a good one is accepted once and refunded, and a
/// duplicate is refused; the timeline records every step.
async fn a_return_is_checked_accepted_once_and_refunded(
    c: &mut Client,
    seller: &mut Client,
    id: &str,
) {
    for (form, status) in [
        (
            vec![("id", id), ("kind", "swap"), ("reason", "damaged")],
            422,
        ),
        (
            vec![("id", id), ("kind", "return"), ("reason", "bored")],
            422,
        ),
        (
            vec![("id", id), ("kind", "return"), ("reason", "other")],
            422,
        ),
    ] {
        assert_eq!(c.call("request_return", &form).await.status, status);
    }
    let r = c
        .call(
            "request_return",
            &[
                ("id", id),
                ("kind", "return"),
                ("reason", "damaged"),
                ("details", "The lid is cracked."),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = c
        .call(
            "request_return",
            &[("id", id), ("kind", "return"), ("reason", "damaged")],
        )
        .await;
    assert_eq!(r.status, 409);
    assert_eq!(
        r.json()["Order"],
        "WrongState"
            .to_string()
            .replace("WrongState", "ReturnExists")
    );
    let d = c.call("order_detail", &[("id", id)]).await.json();
    assert_eq!(d["return_request"]["seller_pays_postage"], true, "damaged");
    accept_ship_back_receive(c, seller, id).await;
    assert_eq!(
        seller
            .call(
                "decide_return",
                &[
                    ("id", id),
                    ("accept", "false"),
                    ("reason", "Too late to refuse now.")
                ]
            )
            .await
            .status,
        409
    );
    let d = c.call("order_detail", &[("id", id)]).await.json();
    assert_eq!(d["return_request"]["status"], "Refunded");
    assert_eq!(d["payment_status"], "refunded");
    let kinds: Vec<&str> = d["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "placed",
            "address_changed",
            "paid",
            "shipped",
            "delivery_reported",
            "delivered",
            "return_requested",
            "return_accepted",
            "return_shipped_back",
            "return_refunded"
        ]
    );
    let page = c.get(&format!("/orders/{id}")).await;
    assert!(page.body.contains("tracknum=1Z999AA10123456784"));
}

/// Another delivered order, past the return window: no return, and settling the
/// shop's money completes it.
async fn past_the_return_window_settling_completes_the_order(
    app: &TestApp,
    c: &mut Client,
    seller: &mut Client,
    a: &str,
) {
    let id2 = one_placed_order(c, a).await;
    pay_ship_deliver(seller, c, &id2).await;
    app.clock.advance(Duration::days(8));
    let r = c
        .call(
            "request_return",
            &[("id", &id2), ("kind", "return"), ("reason", "damaged")],
        )
        .await;
    assert_eq!(r.status, 409);
    assert_eq!(r.json()["Order"], "ReturnWindowClosed");
    assert_eq!(
        c.call("order_detail", &[("id", &id2)]).await.json()["status"],
        "Delivered"
    );
    app::sellers::money::imp::settle_due(&app.state, app.state.now())
        .await
        .unwrap();
    let d = c.call("order_detail", &[("id", &id2)]).await.json();
    assert_eq!(d["status"], "Completed");
    assert_eq!(
        d["timeline"].as_array().unwrap().last().unwrap()["kind"],
        "completed"
    );
}

/// A tiny valid PNG (1×1).
fn png() -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
    v.extend_from_slice(&[
        0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15,
        0xc4, 0x89,
    ]);
    v
}

/// A real JPEG photo with an EXIF block naming where it was taken, as phones write
/// them.
pub(crate) fn jpeg_with_location() -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| {
        image::Rgb([(x * 4) as u8, (y * 5) as u8, 90])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .encode_image(&img)
        .unwrap();
    let payload = b"Exif\0\0MM\0*\0\0\0\x08GPSLatitude 25.0330 N GPSLongitude 121.5654 E";
    let len = (payload.len() + 2) as u16;
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn return_photos_are_checked_stored_and_private() {
    let app = seeded().await;
    let (a, _) = two_shop_products(&app, 10).await;
    let mut c = shopper(&app, "buyer@example.com").await;
    let id = one_placed_order(&mut c, &a).await;
    let mut seller = seller_of(&app, &id).await;
    pay_ship_deliver(&mut seller, &mut c, &id).await;
    let path = format!("/orders/{id}/return");
    let fields = [
        ("kind", "return"),
        ("reason", "damaged"),
        ("details", "Cracked lid"),
    ];

    refused_uploads_say_why_keep_the_text_and_store_nothing(&app, &mut c, &path, &fields).await;
    a_good_upload_is_stored_and_private_to_buyer_and_seller(
        &app,
        &mut c,
        &mut seller,
        &id,
        &path,
        &fields,
    )
    .await;
}

/// Refused uploads (not an image, too large, too many) say why, keep what was typed,
/// and store nothing.
async fn refused_uploads_say_why_keep_the_text_and_store_nothing(
    app: &TestApp,
    c: &mut Client,
    path: &str,
    fields: &[(&str, &str)],
) {
    let too_big = {
        let mut v = png();
        v.resize(domain::media::MAX_PHOTO_BYTES + 1, 0);
        v
    };
    for (files, code) in [
        (
            vec![("photos", "fake.png", b"<svg onload=alert(1)>".to_vec())],
            "photos.NotAnImage",
        ),
        (vec![("photos", "big.png", too_big)], "photos.FileTooLarge"),
        (
            (0..5)
                .map(|i| {
                    (
                        "photos",
                        ["a.png", "b.png", "c.png", "d.png", "e.png"][i],
                        png(),
                    )
                })
                .collect(),
            "photos.TooMany",
        ),
    ] {
        let r = c.post_multipart(path, fields, &files).await;
        assert_eq!(r.status, 303, "{code}");
        let location = r.headers["location"].to_str().unwrap().to_string();
        assert!(
            location.contains(&format!("return_error={code}")),
            "{location}"
        );
        assert!(
            location.contains("details=Cracked+lid") || location.contains("details=Cracked%20lid"),
            "{location}"
        );
        let page = c.get(location.split('#').next().unwrap()).await.body;
        assert!(page.contains("data-testid=\"return-error\""));
        assert!(
            page.contains("Cracked lid"),
            "the typed text is back in the form"
        );
    }
    assert_eq!(
        count(app, "SELECT count() AS n FROM return_request GROUP ALL").await,
        0
    );
    assert_eq!(
        std::fs::read_dir(app.media_dir.path())
            .map(|d| d.count())
            .unwrap_or(0),
        0,
        "no file kept"
    );
}

/// A good upload is stored and listed, visible to the buyer and the seller only; odd
/// paths are not found, and a stranger's upload to the order finds nothing.
async fn a_good_upload_is_stored_and_private_to_buyer_and_seller(
    app: &TestApp,
    c: &mut Client,
    seller: &mut Client,
    id: &str,
    path: &str,
    fields: &[(&str, &str)],
) {
    let r = c
        .post_multipart(
            path,
            fields,
            &[
                ("photos", "crack.jpg", jpeg_with_location()),
                ("photos", "", Vec::new()),
            ],
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(r.headers["location"], format!("/orders/{id}").as_str());
    let d = c.call("order_detail", &[("id", id)]).await.json();
    let photos = d["return_request"]["photos"].as_array().unwrap().clone();
    assert_eq!(photos.len(), 1);
    let key = photos[0].as_str().unwrap();
    assert!(
        key.starts_with(&format!("returns/{id}/")) && key.ends_with(".jpg"),
        "{key}"
    );
    let url = format!("/media/private/{key}");
    let mine = c.get(&url).await;
    assert_eq!(mine.status, 200);
    assert_eq!(mine.headers["content-type"], "image/jpeg");
    // re-encoded: the camera's EXIF block (and the location in it) is gone
    assert!(
        !mine.body.contains("Exif") && !mine.body.contains("GPSLatitude"),
        "the stored photo keeps no EXIF"
    );
    assert_eq!(mine.headers["x-content-type-options"], "nosniff");
    assert_eq!(seller.get(&url).await.status, 200);
    let mut stranger = shopper(app, "stranger@example.com").await;
    assert_eq!(stranger.get(&url).await.status, 404);
    assert_eq!(app.client().get(&url).await.status, 404);
    assert_eq!(
        c.get("/media/private/returns/../../etc/passwd")
            .await
            .status,
        404
    );
    assert_eq!(
        c.get(&format!("/media/private/returns/{id}/not-listed.png"))
            .await
            .status,
        404
    );
    // someone else's order: not found, nothing stored
    let r = stranger
        .post_multipart(path, fields, &[("photos", "x.png", png())])
        .await;
    assert_eq!(r.status, 404);
}
