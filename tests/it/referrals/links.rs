//! Referral codes carried by share links (own, unknown, malformed and expired codes),
//! share cards and QR codes.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn own_unknown_and_malformed_codes_are_ignored_and_the_page_works() {
    let app = seeded().await;
    let p = twd_product(&app, 6).await;
    let mut a = member(&app, "sharer@example.com").await;
    let code = code(&mut a).await;
    // the owner's own link: no cookie, no click
    assert_eq!(a.get(&format!("/p/{p}?ref={code}")).await.status, 200);
    assert!(a.cookie("hm_ref").is_none());
    for bad in ["zzzzzzzz", "<script>", "abc", ""] {
        let mut v = app.client();
        let r = v.get(&format!("/p/{p}?ref={bad}")).await;
        assert_eq!(r.status, 200, "{bad}");
        assert!(v.cookie("hm_ref").is_none(), "{bad}");
    }
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM referral_stat WHERE clicks > 0 GROUP ALL"
        )
        .await,
        0
    );
    // the owner buying with a forged cookie of their own code earns nothing
    a.set_cookie(
        "hm_ref",
        &domain::referral::attribution_cookie(&code, app.state.now().timestamp()),
    );
    let o = buy(&mut a, &p, "No. 1, Section 5, Xinyi Rd", false).await;
    assert!(reward(&app, &o).await.is_none());
    // an expired attribution earns nothing either
    let mut late = app.client();
    late.get(&format!("/?ref={code}")).await;
    app.clock.advance(Duration::days(31));
    assert_eq!(
        late.sign_up("late@example.com", "Late Comer", PW)
            .await
            .status,
        200
    );
    let o = buy(&mut late, &p, "9 Late Road", false).await;
    assert!(
        reward(&app, &o).await.is_none(),
        "outside the 30-day window"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn share_cards_and_qr_codes_are_served_and_pages_name_them() {
    let app = seeded().await;
    let p = twd_product(&app, 9).await;
    let mut c = app.client();
    let r = c.get(&format!("/share/card/p/{p}.svg")).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.headers["content-type"], "image/svg+xml");
    assert!(
        r.body.starts_with("<svg")
            && r.body.contains("NT$")
            && r.body.contains("data:image/svg+xml;base64,")
    );
    let etag = r.headers["etag"].to_str().unwrap().to_string();
    let again = c
        .get_with(
            &format!("/share/card/p/{p}.svg"),
            &[("if-none-match", &etag)],
        )
        .await;
    assert_eq!(again.status, 304);
    // a price change makes a new card
    app.state
        .db
        .query("UPDATE $p SET price_minor = 4321")
        .bind(("p", RecordId::new("product", p.as_str())))
        .await
        .unwrap()
        .check()
        .unwrap();
    let r = c.get(&format!("/share/card/p/{p}.svg")).await;
    assert!(r.body.contains("NT$4,321"));
    assert_ne!(r.headers["etag"].to_str().unwrap(), etag);
    assert_eq!(c.get("/share/card/p/nope.svg").await.status, 404);
    assert_eq!(c.get("/share/card/p/..%2Fetc.svg").await.status, 404);
    assert_eq!(
        c.get("/share/card/s/formosa-tea-house.svg").await.status,
        200
    );

    let page = c.get(&format!("/p/{p}")).await.body;
    assert!(page.contains(&format!("/share/card/p/{p}.svg")), "og:image");
    assert!(page.contains(r#"name="twitter:card" content="summary_large_image""#));
    assert!(page.contains(r#"data-testid="share""#));
    let shop = c.get("/s/formosa-tea-house").await;
    assert_eq!(shop.status, 200);
    assert!(shop.body.contains("/share/card/s/formosa-tea-house.svg"));
    assert_eq!(c.get("/s/no-such-shop").await.status, 404);

    let origin = app.state.settings.public_origin.clone();
    let qr = c
        .get(&format!(
            "/share/qr.svg?u={}",
            urlencoding(&format!("{origin}/p/{p}?ref=abcdefgh"))
        ))
        .await;
    assert_eq!(qr.status, 200);
    assert!(qr.body.contains("<svg"));
    assert_eq!(
        c.get(&format!(
            "/share/qr.svg?u={}",
            urlencoding("https://evil.example/x")
        ))
        .await
        .status,
        400
    );
}

fn urlencoding(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
