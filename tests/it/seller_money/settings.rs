//! Admins' commission rates and document requirements.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_edit_commission_rates_and_document_requirements() {
    let app = TestApp::spawn().await;
    let mut admin = app.client();
    admin.sign_up("boss@example.com", "Boss", PW).await;
    let mut shopper = app.client();
    shopper.sign_up("s@example.com", "S", PW).await;
    grant_roles(&app, "boss@example.com", &["admin"]).await;
    app.seed(10).await;
    only_admins_set_rates_and_bad_rates_are_refused(&mut admin, &mut shopper).await;
    the_default_and_a_category_rate_are_set(&mut admin).await;
    requirements_are_rows_checked_added_and_removed_once(&mut admin).await;
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM audit_log WHERE action CONTAINS 'settings.' GROUP ALL"
        )
        .await,
        4
    );
}

/// A shopper cannot set a commission rate; bad rates and unknown categories are
/// refused with nothing changed.
async fn only_admins_set_rates_and_bad_rates_are_refused(admin: &mut Client, shopper: &mut Client) {
    assert_eq!(
        shopper
            .call("set_commission", &[("category", ""), ("percent", "1")])
            .await
            .status,
        403
    );
    // bad rates are refused with nothing changed
    for bad in ["-1", "51", "abc"] {
        assert_eq!(
            admin
                .call("set_commission", &[("category", ""), ("percent", bad)])
                .await
                .status,
            422,
            "{bad}"
        );
    }
    assert_eq!(
        admin
            .call(
                "set_commission",
                &[("category", "no-such"), ("percent", "5")]
            )
            .await
            .status,
        422
    );
}

/// The default rate (12.5 %) and a category's rate (4 %) are set and shown in the
/// platform settings.
async fn the_default_and_a_category_rate_are_set(admin: &mut Client) {
    assert_eq!(
        admin
            .call("set_commission", &[("category", ""), ("percent", "12.5")])
            .await
            .status,
        200
    );
    assert_eq!(
        admin
            .call("set_commission", &[("category", "tea"), ("percent", "4")])
            .await
            .status,
        200
    );
    let s = admin.call("platform_settings", &[]).await.json();
    assert_eq!(s["default_bps"], 1250);
    assert!(s["categories"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c[0] == "tea" && c[3] == 400));
}

/// Document requirements are rows: a bad country or document is refused; one is
/// added, then removed, and a second removal finds nothing.
async fn requirements_are_rows_checked_added_and_removed_once(admin: &mut Client) {
    assert_eq!(
        admin
            .call(
                "add_requirement",
                &[("country", "XX"), ("document", "identity")]
            )
            .await
            .status,
        422
    );
    assert_eq!(
        admin
            .call(
                "add_requirement",
                &[("country", "JP"), ("document", "selfie")]
            )
            .await
            .status,
        422
    );
    let r = admin
        .call(
            "add_requirement",
            &[
                ("country", "JP"),
                ("business_type", "company"),
                ("document", "proof_of_address"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let s = admin.call("platform_settings", &[]).await.json();
    let added = s["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["country"] == "JP")
        .unwrap()
        .clone();
    assert_eq!(added["document"], "ProofOfAddress");
    assert_eq!(
        admin
            .call(
                "remove_requirement",
                &[("id", added["id"].as_str().unwrap())]
            )
            .await
            .status,
        200
    );
    assert_eq!(
        admin
            .call(
                "remove_requirement",
                &[("id", added["id"].as_str().unwrap())]
            )
            .await
            .status,
        404
    );
}
