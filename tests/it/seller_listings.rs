//! The seller centre's listings: create and edit with bad input refused, photos
//! checked and re-encoded, screening before anything is visible, scheduled
//! publishing with the injected clock, duplicates, stock history, and one seller
//! never reaching another's listings.

use chrono::Duration;
use integration::{Client, Reply, TestApp};

use crate::checkout::{count, seeded};

/// A PNG of `w`×`h` pixels.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x * 7 % 256) as u8, (y * 3 % 256) as u8, 120])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// Signs in the demo seller of `slug`'s shop (seller1 = formosa-tea-house, TWD).
pub async fn demo_seller(app: &TestApp, n: usize) -> Client {
    let mut c = app.client();
    let r = c
        .log_in(&format!("seller{n}@demo.test"), server::seed::DEMO_PASSWORD)
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    c
}

pub fn listing<'a>(title: &'a str, price: &'a str, stock: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title_en", title),
        ("title_zh", "手拉坯茶碗"),
        ("description_en", "Wood-fired stoneware, 180 ml."),
        ("category", "tea"),
        ("condition", "new"),
        ("currency", "TWD"),
        ("price", price),
        ("stock", stock),
    ]
}

pub async fn save(c: &mut Client, id: &str, fields: &[(&str, &str)]) -> Reply {
    let mut f = vec![("id", id)];
    f.extend_from_slice(fields);
    c.call("save_listing", &f).await
}

pub async fn upload(c: &mut Client, id: &str, files: Vec<Vec<u8>>) -> String {
    let files: Vec<(&str, &str, Vec<u8>)> =
        files.into_iter().map(|b| ("photos", "p.png", b)).collect();
    let r = c
        .post_multipart(&format!("/seller/listings/{id}/photos"), &[], &files)
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    r.headers["location"].to_str().unwrap().to_string()
}

pub async fn act(c: &mut Client, id: &str, op: &str) -> Reply {
    c.call("listing_action", &[("id", id), ("op", op)]).await
}

async fn status(app: &TestApp, id: &str) -> String {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE status FROM $p")
        .bind(("p", surrealdb::types::RecordId::new("product", id)))
        .await
        .unwrap();
    let v: Vec<String> = res.take(0).unwrap();
    v[0].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listing_is_created_photographed_screened_and_published() {
    let app = seeded().await;
    let mut s = demo_seller(&app, 1).await;
    let products = count(&app, "SELECT count() AS n FROM product GROUP ALL").await;

    // bad input: each field named, nothing written
    let mut bad = listing("Tea bowl", "-5", "-1");
    bad.retain(|(k, _)| *k != "currency");
    bad.push(("currency", "USD"));
    let r = save(&mut s, "", &bad).await;
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
        save(&mut s, "", &unknown).await.field_errors(),
        ["category.InvalidChoice"]
    );
    assert_eq!(
        count(&app, "SELECT count() AS n FROM product GROUP ALL").await,
        products
    );

    let r = save(&mut s, "", &listing("Hand-thrown tea bowl", "1,200", "6")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let id = r.json().as_str().unwrap().to_string();
    assert_eq!(status(&app, &id).await, "draft");
    assert_eq!(
        app.client().get(&format!("/p/{id}")).await.status,
        404,
        "drafts are not visible"
    );

    // photos: checked by content and size, at most 8, none stored on refusal
    let mut fake_jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0];
    fake_jpeg.extend_from_slice(b"this is not a jpeg");
    assert!(upload(&mut s, &id, vec![fake_jpeg])
        .await
        .contains("photo_error=NotAnImage"));
    assert!(upload(&mut s, &id, vec![b"<svg onload=alert(1)>".to_vec()])
        .await
        .contains("photo_error=NotAnImage"));
    let mut big = png(10, 10);
    big.resize(domain::media::MAX_PHOTO_BYTES + 1, 0);
    assert!(upload(&mut s, &id, vec![big])
        .await
        .contains("photo_error=FileTooLarge"));
    assert!(upload(&mut s, &id, (0..9).map(|_| png(20, 20)).collect())
        .await
        .contains("photo_error=TooMany"));
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT count() AS n FROM product_image WHERE product = product:{id} GROUP ALL"
            )
        )
        .await,
        0
    );

    // publishing needs a photo
    let r = act(&mut s, &id, "publish").await;
    assert_eq!(r.field_errors(), ["photos.Required"]);

    assert_eq!(
        upload(&mut s, &id, vec![png(2400, 1200), png(300, 300)]).await,
        format!("/seller/listings/{id}#photos")
    );
    let ed = s.call("listing_editor", &[("id", &id)]).await.json();
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
            &[("id", &id), ("photo", second), ("op", "up")]
        )
        .await
        .status,
        200
    );
    let ed = s.call("listing_editor", &[("id", &id)]).await.json();
    assert_eq!(ed["photos"][0]["id"], second);

    // low risk: live at once, on the product page with its photo
    let r = act(&mut s, &id, "publish").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["Status"], "active");
    let page = app.client().get(&format!("/p/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Hand-thrown tea bowl"));
    assert!(page.body.contains(ed["photos"][0]["url"].as_str().unwrap()));

    // an edit that reads like a counterfeit is screened again and held, off the shop
    let r = save(
        &mut s,
        &id,
        &listing("Hand-thrown tea bowl 1:1 replica", "1,200", "6"),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(status(&app, &id).await, "held");
    assert_eq!(app.client().get(&format!("/p/{id}")).await.status, 404);
    assert_eq!(
        count(&app, &format!("SELECT count() AS n FROM screening_case WHERE product = product:{id} AND verdict = 'hold' AND status = 'open' GROUP ALL")).await,
        1
    );
    let ed = s.call("listing_editor", &[("id", &id)]).await.json();
    assert!(ed["screening"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r == "counterfeit_term:replica"));

    // duplicate: a draft copy with the same photos and no stock
    let r = act(&mut s, &id, "duplicate").await;
    let copy = r.json()["Duplicated"].as_str().unwrap().to_string();
    assert_eq!(status(&app, &copy).await, "draft");
    let ed = s.call("listing_editor", &[("id", &copy)]).await.json();
    assert_eq!(ed["photos"].as_array().unwrap().len(), 2);
    assert_eq!(ed["form"]["stock"], "0");

    // stock history: who and why
    let r = save(&mut s, &copy, &listing("Tea bowl copy", "1,200", "4")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        count(&app, &format!("SELECT count() AS n FROM stock_event WHERE product = product:{copy} AND delta = 4 AND reason = 'edited' AND actor = user:⟨seller1@demo.test⟩ GROUP ALL")).await,
        1
    );

    // and the editor shows it, newest first
    let ed = s.call("listing_editor", &[("id", &copy)]).await.json();
    assert_eq!(ed["stock_history"][0]["reason"], "edited");
    assert_eq!(ed["stock_history"][0]["delta"], 4);
    assert_eq!(ed["stock_history"][0]["on_hand"], 4);

    // the seller's list shows them
    let list = s.call("seller_listings", &[("status", "")]).await.json();
    let ids: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&id.as_str()) && ids.contains(&copy.as_str()));
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

async fn import(c: &mut Client, csv: &str, mode: &str) -> String {
    let r = c
        .post_multipart(
            "/seller/listing-import",
            &[("mode", mode)],
            &[("file", "listings.csv", csv.as_bytes().to_vec())],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    r.headers["location"].to_str().unwrap().to_string()
}

/// Waits for an import to finish and returns its status.
async fn finished(c: &mut Client, location: &str) -> serde_json::Value {
    let id = location.rsplit('/').next().unwrap().to_string();
    for _ in 0..200 {
        let s = c.call("import_status", &[("id", &id)]).await.json();
        if s["status"] != "running" {
            return s;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("import did not finish");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_export_import_and_bulk_edit() {
    let app = seeded().await;
    let mut s = demo_seller(&app, 1).await;
    let shop_products = count(
        &app,
        "SELECT count() AS n FROM product WHERE shop = shop:⟨formosa-tea-house⟩ GROUP ALL",
    )
    .await;

    // export: a header and one row per listing
    let csv = s.get("/seller/listings/export.csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("listings.csv"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines[0], domain::listing_csv::COLUMNS.join(","));
    assert_eq!(lines.len() as i64 - 1, shop_products);
    let first_id = lines[1].split(',').next().unwrap().to_string();

    // a file whose first line does not name the columns, and an empty file
    assert!(import(&mut s, "a,b,c\n1,2,3\n", "all")
        .await
        .contains("import_error=InvalidChoice"));
    assert!(import(&mut s, "", "all")
        .await
        .contains("import_error=Required"));

    // another shop's listing id, a bad price, an unknown category and a good row
    let mut other = app.state.db.query("SELECT VALUE record::id(id) FROM product WHERE shop = shop:⟨auralis-audio-lab⟩ LIMIT 1").await.unwrap();
    let other_id: Vec<String> = other.take(0).unwrap();
    let file = format!(
        "id,title_en,title_zh,category,price,stock\n\
         ,Kite A,風箏A,tea,100,5\n\
         {},Stolen,偷,tea,100,5\n\
         ,Kite B,風箏B,tea,-3,5\n\
         ,Kite C,風箏C,no-such,100,5\n\
         ,Kite D,風箏D,tea,120,7\n",
        other_id[0]
    );
    let before = count(&app, "SELECT count() AS n FROM product GROUP ALL").await;
    // all or nothing: refused, nothing written, each bad row reported
    let loc = import(&mut s, &file, "all").await;
    let st = finished(&mut s, &loc).await;
    assert_eq!(st["status"], "refused");
    let errors: Vec<(i64, String)> = st["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e[0].as_i64().unwrap(), e[1].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(
        errors,
        vec![
            (2, "id".into()),
            (3, "price".into()),
            (4, "category".into())
        ]
    );
    assert_eq!(
        count(&app, "SELECT count() AS n FROM product GROUP ALL").await,
        before
    );
    // valid rows only: two drafts created, three reported
    let loc = import(&mut s, &file, "valid").await;
    let st = finished(&mut s, &loc).await;
    assert_eq!(st["status"], "done");
    assert_eq!(
        (
            st["total"].as_i64(),
            st["created"].as_i64(),
            st["failed"].as_i64()
        ),
        (Some(5), Some(2), Some(3))
    );
    assert_eq!(
        count(&app, "SELECT count() AS n FROM product GROUP ALL").await,
        before + 2
    );
    assert_eq!(
        count(&app, "SELECT count() AS n FROM product WHERE title_en IN ['Kite A', 'Kite D'] AND status = 'draft' AND shop = shop:⟨formosa-tea-house⟩ GROUP ALL").await,
        2
    );
    // the other shop's listing is untouched
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM product WHERE title_en = 'Stolen' GROUP ALL"
        )
        .await,
        0
    );
    // the page shows the progress and the report, refreshing itself only while running
    let page = s
        .get(&format!("/seller/imports/{}", st["id"].as_str().unwrap()))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("data-testid=\"import-errors\""));
    assert!(!page.body.contains("http-equiv=\"refresh\""));
    // another seller cannot read this import
    let mut b = demo_seller(&app, 2).await;
    assert_eq!(
        b.call("import_status", &[("id", st["id"].as_str().unwrap())])
            .await
            .status,
        404
    );

    // an update through the file: the exported row with a new price
    let updated = format!("id,title_en,category,price,stock\n{first_id},Updated tea,tea,999,40\n");
    let loc = import(&mut s, &updated, "all").await;
    let st = finished(&mut s, &loc).await;
    assert_eq!(st["updated"], 1, "{st}");
    let ed = s.call("listing_editor", &[("id", &first_id)]).await.json();
    assert_eq!(
        (ed["form"]["price"].as_str(), ed["form"]["stock"].as_str()),
        (Some("999"), Some("40"))
    );

    // bulk edit: a bad price refuses the whole form; a good one changes both rows
    let list = s.call("seller_listings", &[("status", "")]).await.json();
    let ids: Vec<String> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .take(2)
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    let r = s
        .call(
            "bulk_update",
            &[
                ("id[0]", &ids[0]),
                ("id[1]", &ids[1]),
                ("price[0]", "50"),
                ("price[1]", "-1"),
                ("stock[0]", "3"),
                ("stock[1]", "4"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("price[1]"));
    let r = s
        .call(
            "bulk_update",
            &[
                ("id[0]", &ids[0]),
                ("id[1]", &ids[1]),
                ("price[0]", "50"),
                ("price[1]", "60"),
                ("stock[0]", "3"),
                ("stock[1]", "4"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let ed = s.call("listing_editor", &[("id", &ids[1])]).await.json();
    assert_eq!(
        (ed["form"]["price"].as_str(), ed["form"]["stock"].as_str()),
        (Some("60"), Some("4"))
    );
    assert!(
        count(
            &app,
            "SELECT count() AS n FROM stock_event WHERE reason = 'bulk' GROUP ALL"
        )
        .await
            >= 1
    );
    // someone else's listing in the form: nothing changes
    let r = b
        .call(
            "bulk_update",
            &[("id[0]", &ids[0]), ("price[0]", "1"), ("stock[0]", "1")],
        )
        .await;
    assert_eq!(r.status, 404);
    let ed = s.call("listing_editor", &[("id", &ids[0])]).await.json();
    assert_eq!(ed["form"]["price"], "50");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn variants_are_added_with_their_own_sku_price_and_stock() {
    let app = seeded().await;
    let mut s = demo_seller(&app, 1).await;
    let id = save(&mut s, "", &listing("Linen tea towel", "450", "10"))
        .await
        .json()
        .as_str()
        .unwrap()
        .to_string();
    upload(&mut s, &id, vec![png(200, 200)]).await;
    assert_eq!(act(&mut s, &id, "publish").await.json()["Status"], "active");
    let add = |own: bool, value: &'static str, price: &'static str| {
        let mut f = vec![
            ("id", id.clone()),
            ("axis1_en", "Size".to_string()),
            ("axis1_zh", "尺寸".to_string()),
        ];
        if own {
            f.push(("own1_en", "S".into()));
            f.push(("own1_zh", "小".into()));
        }
        f.push(("value1_en", value.into()));
        f.push(("value1_zh", format!("{value}號")));
        f.push(("sku", format!("TOWEL-{value}")));
        f.push(("price", price.into()));
        f.push(("stock", "7".into()));
        f
    };
    let call = |f: Vec<(&'static str, String)>| {
        let pairs: Vec<(String, String)> = f.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        pairs
    };
    // the first variant must also name this listing's own value
    let f = call(add(false, "M", "480"));
    let r = s
        .call(
            "add_variant",
            &f.iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("\"own\""), "{}", r.body);
    let f = call(add(true, "M", "-1"));
    let r = s
        .call(
            "add_variant",
            &f.iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body.contains("variant_price"));
    let f = call(add(true, "M", "480"));
    let r = s
        .call(
            "add_variant",
            &f.iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let m = r.json().as_str().unwrap().to_string();
    // the same combination twice, or this listing's own value, is refused
    for v in ["M", "S"] {
        let f = call(add(false, v, "480"));
        let r = s
            .call(
                "add_variant",
                &f.iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect::<Vec<_>>(),
            )
            .await;
        assert_eq!(r.status, 422, "{v}");
    }
    // the variant is live (the listing is), with its own price and stock, and the
    // product page offers both sizes
    assert_eq!(status(&app, &m).await, "active");
    let ed = s.call("listing_editor", &[("id", &id)]).await.json();
    assert_eq!(ed["options"][0][2], "S");
    assert_eq!(ed["variants"][0]["sku"], "TOWEL-M");
    assert_eq!(ed["variants"][0]["price_minor"], 480);
    assert_eq!(ed["variants"][0]["on_hand"], 7);
    let page = app.client().get(&format!("/p/{id}")).await.body;
    assert!(
        page.contains("data-testid=\"variant-pickers\"") || page.contains(&format!("/p/{m}")),
        "pickers on the listing's page"
    );
    // variants are not listed on their own in the seller's list
    let list = s.call("seller_listings", &[("status", "")]).await.json();
    assert!(!list["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["id"] == m.as_str()));
    // another seller cannot add variants to it
    let mut b = demo_seller(&app, 2).await;
    let f = call(add(false, "L", "500"));
    let r = b
        .call(
            "add_variant",
            &f.iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect::<Vec<_>>(),
        )
        .await;
    assert_eq!(r.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shop_can_hide_sold_out_listings_until_they_are_restocked() {
    let app = seeded().await;
    let mut s = demo_seller(&app, 1).await;
    let id = save(&mut s, "", &listing("Gaiwan, celadon", "900", "2"))
        .await
        .json()
        .as_str()
        .unwrap()
        .to_string();
    upload(&mut s, &id, vec![png(100, 100)]).await;
    assert_eq!(act(&mut s, &id, "publish").await.json()["Status"], "active");
    let sync = || app::sellers::listings::imp::sync_sold_out(&app.state.db);
    // sold out while the shop marks sold-out listings: still listed
    let r = s
        .call(
            "bulk_update",
            &[("id[0]", &id), ("price[0]", "900"), ("stock[0]", "0")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    sync().await.unwrap();
    assert_eq!(status(&app, &id).await, "active");
    // a bad mode changes nothing; hiding takes it off the storefront at once
    assert_eq!(
        s.call("set_sold_out_display", &[("mode", "vanish")])
            .await
            .status,
        422
    );
    assert_eq!(
        s.call("set_sold_out_display", &[("mode", "hide")])
            .await
            .status,
        200
    );
    assert_eq!(status(&app, &id).await, "sold_out");
    assert_eq!(app.client().get(&format!("/p/{id}")).await.status, 404);
    // restocked: back on the next sync (the minute job)
    let r = s
        .call(
            "bulk_update",
            &[("id[0]", &id), ("price[0]", "900"), ("stock[0]", "5")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let (_, restored) = sync().await.unwrap();
    assert!(restored >= 1);
    assert_eq!(status(&app, &id).await, "active");
    // and showing sold-out listings again restores those still sold out
    let r = s
        .call(
            "bulk_update",
            &[("id[0]", &id), ("price[0]", "900"), ("stock[0]", "0")],
        )
        .await;
    assert_eq!(r.status, 200);
    sync().await.unwrap();
    assert_eq!(status(&app, &id).await, "sold_out");
    assert_eq!(
        s.call("set_sold_out_display", &[("mode", "mark")])
            .await
            .status,
        200
    );
    assert_eq!(status(&app, &id).await, "active");
}
