//! CSV export and import, and the bulk price and stock edit.

use integration::{Client, TestApp};

use super::demo_seller;
use crate::checkout::{count, seeded};

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

    let first_id = the_export_has_a_header_and_a_row_per_listing(&mut s, shop_products).await;
    files_without_the_columns_are_refused(&mut s).await;
    let (file, before) =
        a_file_with_bad_rows_is_refused_whole_with_each_reported(&app, &mut s).await;
    let mut b =
        valid_rows_only_creates_the_good_drafts_and_reports_the_rest(&app, &mut s, &file, before)
            .await;
    an_exported_row_updates_its_listing(&mut s, &first_id).await;
    a_bulk_edit_is_checked_as_a_whole_and_only_for_own_listings(&app, &mut s, &mut b).await;
}

/// The export has a header and one row per listing of the shop; returns the first
/// row's listing id.
async fn the_export_has_a_header_and_a_row_per_listing(
    s: &mut Client,
    shop_products: i64,
) -> String {
    let csv = s.get("/seller/listings/export.csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("listings.csv"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines[0], domain::listing_csv::COLUMNS.join(","));
    assert_eq!(lines.len() as i64 - 1, shop_products);
    lines[1].split(',').next().unwrap().to_string()
}

/// A file whose first line does not name the columns, and an empty file, are refused.
async fn files_without_the_columns_are_refused(s: &mut Client) {
    assert!(import(s, "a,b,c\n1,2,3\n", "all")
        .await
        .contains("import_error=InvalidChoice"));
    assert!(import(s, "", "all").await.contains("import_error=Required"));
}

/// A file with another shop's listing id, a bad price, an unknown category and good
/// rows, imported all or nothing: refused, nothing written, each bad row reported.
/// Returns the file and the product count before it.
async fn a_file_with_bad_rows_is_refused_whole_with_each_reported(
    app: &TestApp,
    s: &mut Client,
) -> (String, i64) {
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
    let before = count(app, "SELECT count() AS n FROM product GROUP ALL").await;
    // all or nothing: refused, nothing written, each bad row reported
    let loc = import(s, &file, "all").await;
    let st = finished(s, &loc).await;
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
        count(app, "SELECT count() AS n FROM product GROUP ALL").await,
        before
    );
    (file, before)
}

/// Importing valid rows only creates the two good drafts and reports three; the
/// other shop's listing is untouched, the report page stops refreshing once done,
/// and another seller cannot read it. Returns that other seller.
async fn valid_rows_only_creates_the_good_drafts_and_reports_the_rest(
    app: &TestApp,
    s: &mut Client,
    file: &str,
    before: i64,
) -> Client {
    let loc = import(s, file, "valid").await;
    let st = finished(s, &loc).await;
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
        count(app, "SELECT count() AS n FROM product GROUP ALL").await,
        before + 2
    );
    assert_eq!(
        count(app, "SELECT count() AS n FROM product WHERE title_en IN ['Kite A', 'Kite D'] AND status = 'draft' AND shop = shop:⟨formosa-tea-house⟩ GROUP ALL").await,
        2
    );
    // the other shop's listing is untouched
    assert_eq!(
        count(
            app,
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
    let mut b = demo_seller(app, 2).await;
    assert_eq!(
        b.call("import_status", &[("id", st["id"].as_str().unwrap())])
            .await
            .status,
        404
    );
    b
}

/// An update through the file: the exported row with a new price and stock changes
/// that listing.
async fn an_exported_row_updates_its_listing(s: &mut Client, first_id: &str) {
    let updated = format!("id,title_en,category,price,stock\n{first_id},Updated tea,tea,999,40\n");
    let loc = import(s, &updated, "all").await;
    let st = finished(s, &loc).await;
    assert_eq!(st["updated"], 1, "{st}");
    let ed = s.call("listing_editor", &[("id", first_id)]).await.json();
    assert_eq!(
        (ed["form"]["price"].as_str(), ed["form"]["stock"].as_str()),
        (Some("999"), Some("40"))
    );
}

/// Bulk edit: a bad price refuses the whole form; a good one changes both rows and
/// records the stock change; someone else's listing in the form changes nothing.
async fn a_bulk_edit_is_checked_as_a_whole_and_only_for_own_listings(
    app: &TestApp,
    s: &mut Client,
    b: &mut Client,
) {
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
            app,
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

/// A CSV import that changes a live listing goes through the editor's screening: the
/// brand column counts like the title, and a hold opens a case in the moderators'
/// queue (before, only the text was screened and a hold opened no case).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_imported_edit_of_a_live_listing_is_screened_with_a_case() {
    let app = seeded().await;
    let mut s = demo_seller(&app, 1).await;
    let list = s
        .call("seller_listings", &[("status", "active")])
        .await
        .json();
    let live = list["items"][0]["id"].as_str().unwrap().to_string();
    let csv = format!(
        "id,title_en,category,brand,price,stock\n{live},Oolong tea tin,tea,Designer REPLICA,500,40\n"
    );
    let loc = import(&mut s, &csv, "all").await;
    let st = finished(&mut s, &loc).await;
    assert_eq!(st["updated"], 1, "{st}");
    assert_eq!(
        count(
            &app,
            &format!("SELECT count() AS n FROM product:⟨{live}⟩ WHERE status = 'held' GROUP ALL")
        )
        .await,
        1,
        "held for review"
    );
    assert_eq!(
        count(
            &app,
            &format!("SELECT count() AS n FROM screening_case:⟨{live}⟩ GROUP ALL")
        )
        .await,
        1,
        "with a case the moderators see"
    );
}
