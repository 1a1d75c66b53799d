//! Shops that hide sold-out listings until they are restocked.

use super::{act, demo_seller, listing, png, save, status, upload};
use crate::checkout::seeded;
use integration::Client;

/// A new live listing of the seller's, with a photo; its id.
async fn live_gaiwan(s: &mut Client) -> String {
    let id = save(s, "", &listing("Gaiwan, celadon", "900", "2"))
        .await
        .json()
        .as_str()
        .unwrap()
        .to_string();
    upload(s, &id, vec![png(100, 100)]).await;
    assert_eq!(act(s, &id, "publish").await.json()["Status"], "active");
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shop_can_hide_sold_out_listings_until_they_are_restocked() {
    let app = seeded().await;
    let mut s = demo_seller(&app, 1).await;
    let id = live_gaiwan(&mut s).await;
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

/// A hidden sold-out listing edited in the editor is screened like a live one (the
/// restock brings it back as it then reads): a counterfeit rewrite is held with a
/// case, not restored to sale unscreened.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sold_out_listing_is_screened_when_edited() {
    let app = seeded().await;
    let mut s = demo_seller(&app, 1).await;
    let id = live_gaiwan(&mut s).await;
    assert_eq!(
        s.call("set_sold_out_display", &[("mode", "hide")])
            .await
            .status,
        200
    );
    let r = s
        .call(
            "bulk_update",
            &[("id[0]", &id), ("price[0]", "900"), ("stock[0]", "0")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    app::sellers::listings::imp::sync_sold_out(&app.state.db)
        .await
        .unwrap();
    assert_eq!(status(&app, &id).await, "sold_out");
    // a clean edit keeps it sold out (the restock brings it back)
    let r = save(&mut s, &id, &listing("Gaiwan, celadon glaze", "900", "0")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(status(&app, &id).await, "sold_out");
    // a counterfeit rewrite is held with a case
    let r = save(&mut s, &id, &listing("Designer bag REPLICA", "500", "0")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(status(&app, &id).await, "held");
    let case = format!("SELECT count() AS n FROM screening_case:⟨{id}⟩ GROUP ALL");
    assert_eq!(crate::checkout::count(&app, &case).await, 1);
}
