//! The brand registry: a brand's verified rights owner keeps it (a second registration
//! for the same brand cannot take over its terms, authorised shops and reference
//! images), and no moderator verifies their own registration.

use integration::{Client, TestApp};

use crate::checkout::count;
use crate::moderation::moderator;

async fn register(c: &mut Client, company: &str, brand: &str) {
    let r = c
        .call(
            "register_rights_owner",
            &[
                ("name", company),
                ("brand_name", brand),
                ("registration_number", "TW-01234567"),
                ("jurisdiction", "Taiwan"),
                (
                    "evidence",
                    "Registration certificate no. 01234567, TIPO entry.",
                ),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
}

async fn owner_key(app: &TestApp, company: &str) -> String {
    let mut res = app
        .state
        .db
        .query("SELECT VALUE record::id(id) FROM rights_owner WHERE name = $n")
        .bind(("n", company.to_string()))
        .await
        .unwrap();
    let keys: Vec<String> = res.take(0).unwrap();
    keys[0].clone()
}

async fn verify(m: &mut Client, key: &str) -> integration::Reply {
    m.call(
        "decide_rights_owner",
        &[("key", key), ("decision", "verify")],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_verified_brand_stays_with_its_owner() {
    let app = TestApp::spawn().await;
    app.seed(40).await;
    let mut m = moderator(&app).await;
    let mut first = app.client();
    first
        .sign_up("legal@lune.example", "Lune Legal", "correct horse battery")
        .await;
    register(&mut first, "Maison Lune SA", "Maison Lune").await;
    let key = owner_key(&app, "Maison Lune SA").await;
    assert_eq!(verify(&mut m, &key).await.status, 200);
    let r = first
        .call(
            "update_brand",
            &[("terms", "maison lune\nlune paris"), ("authorised", "")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);

    // someone else registers the same brand (another spelling of its name)
    let mut second = app.client();
    second
        .sign_up("me@squatter.example", "Squatter", "correct horse battery")
        .await;
    register(&mut second, "Lune Holdings Ltd", "MAISON LUNE").await;
    let other = owner_key(&app, "Lune Holdings Ltd").await;
    let r = verify(&mut m, &other).await;
    assert_eq!(r.field_errors(), ["brand_name.BrandTaken"], "{}", r.body);
    let owned_by_first = format!(
        "SELECT count() AS n FROM brand WHERE owner = rights_owner:⟨{key}⟩ AND terms CONTAINS 'lune paris' GROUP ALL"
    );
    assert_eq!(
        count(&app, &owned_by_first).await,
        1,
        "brand, terms and owner unchanged"
    );
    let pending = format!(
        "SELECT count() AS n FROM rights_owner:⟨{other}⟩ WHERE status = 'pending' GROUP ALL"
    );
    assert_eq!(
        count(&app, &pending).await,
        1,
        "the second registration stays undecided"
    );
    // it can still be rejected with reasons
    let r = m
        .call(
            "decide_rights_owner",
            &[
                ("key", other.as_str()),
                ("decision", "reject"),
                ("statement", "The brand has a verified owner already."),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_cannot_verify_their_own_registration() {
    let app = TestApp::spawn().await;
    app.seed(40).await;
    let mut m = moderator(&app).await;
    register(&mut m, "Moderator Trading Co", "Moderator Brand").await;
    let key = owner_key(&app, "Moderator Trading Co").await;
    let r = verify(&mut m, &key).await;
    assert_eq!(r.field_errors(), ["status.NotAllowed"], "{}", r.body);
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM brand WHERE name = 'Moderator Brand' GROUP ALL"
        )
        .await,
        0
    );
}
