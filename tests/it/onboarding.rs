//! Seller onboarding's data: document requirements are rows, evaluated by the domain.

use domain::onboarding::{required_documents, BusinessType, DocumentKind};
use integration::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn document_requirements_are_data_that_admins_can_extend() {
    let app = TestApp::spawn().await;
    let db = &app.state.db;
    let rules = app::sellers::store::requirements(db).await.unwrap();
    assert_eq!(
        required_documents(&rules, "TW", BusinessType::Individual, false),
        vec![DocumentKind::Identity]
    );
    assert_eq!(
        required_documents(&rules, "TW", BusinessType::Company, true),
        vec![
            DocumentKind::Identity,
            DocumentKind::BusinessRegistration,
            DocumentKind::BrandAuthorisation
        ]
    );

    // a new row changes the outcome for that country only, with no code change
    db.query("CREATE document_requirement SET country = 'JP', document = 'proof_of_address'")
        .await
        .unwrap()
        .check()
        .unwrap();
    let rules = app::sellers::store::requirements(db).await.unwrap();
    assert!(
        required_documents(&rules, "JP", BusinessType::Individual, false)
            .contains(&DocumentKind::ProofOfAddress)
    );
    assert!(
        !required_documents(&rules, "HK", BusinessType::Individual, false)
            .contains(&DocumentKind::ProofOfAddress)
    );

    // the schema refuses what the domain cannot read
    for bad in [
        "CREATE document_requirement SET document = 'selfie'",
        "CREATE document_requirement SET document = 'identity', business_type = 'charity'",
    ] {
        let r = db.query(bad).await.unwrap().check();
        assert!(r.is_err(), "{bad}");
    }
    assert_eq!(
        app::sellers::store::requirements(db).await.unwrap().len(),
        4
    );
}

// ---------------------------------------------------------------------------------
// Applying to sell, reviewing applications

use crate::checkout::{count, PW};
use integration::{grant_roles, Client};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

fn fields<'a>(slug: &'a str, business_type: &'a str, brand: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("shop_name", "Harbour Kites"),
        ("shop_slug", slug),
        ("business_type", business_type),
        ("legal_name", "Lin Mei-Hua"),
        ("registration_number", "24681357"),
        ("address", "No. 8, Harbour Rd, Keelung"),
        ("country", "TW"),
        ("payout_currency", "TWD"),
        ("contact_email", "kites@example.com"),
        ("contact_phone", "+886 2 2345 6789"),
        ("brand", brand),
    ]
}

async fn applicant(app: &TestApp, email: &str) -> Client {
    let mut c = app.client();
    assert_eq!(c.sign_up(email, "Applicant", PW).await.status, 200);
    c
}

async fn moderator(app: &TestApp, email: &str) -> Client {
    let mut c = app.client();
    assert_eq!(c.sign_up(email, "Mod", PW).await.status, 200);
    grant_roles(app, email, &["moderator"]).await;
    c
}

async fn status_of(c: &mut Client) -> String {
    let r = c.call("my_application", &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["status"].as_str().unwrap_or("none").to_string()
}

async fn upload(c: &mut Client, kind: &str, bytes: &[u8]) -> String {
    let r = c
        .post_multipart(
            "/sell/documents",
            &[("kind", kind)],
            &[("file", "doc.pdf", bytes.to_vec())],
        )
        .await;
    assert_eq!(r.status, 303);
    r.headers["location"].to_str().unwrap().to_string()
}

async fn decide(m: &mut Client, key: &str, action: &str, reason: &str) -> integration::Reply {
    m.call(
        "decide_application",
        &[("key", key), ("action", action), ("reason", reason)],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_application_goes_from_draft_to_an_open_shop_with_every_step_audited() {
    let app = TestApp::spawn().await;
    let mut a = applicant(&app, "kites@example.com").await;
    let key = "kites@example.com";
    a_draft_is_submitted_only_with_its_required_documents(&mut a).await;
    under_review_the_applicant_can_neither_edit_nor_decide(&mut a, key).await;
    let mut m = a_moderator_asks_for_more_information_with_reasons(&app, key).await;
    the_applicant_sees_the_reasons_and_submits_again(&mut a).await;
    approving_opens_the_shop_with_its_delivery_once(&app, &mut a, &mut m, key).await;
    suspending_reinstating_and_terminating_need_reasons(&app, &mut a, &mut m, key).await;
    every_transition_is_one_audit_entry_with_who_and_why(&app, &mut a).await;
}

/// No document before an application exists; the draft is saved, and submitting it
/// without the required documents names each one and changes nothing; with them it
/// is submitted.
async fn a_draft_is_submitted_only_with_its_required_documents(a: &mut Client) {
    assert_eq!(status_of(a).await, "none");
    // a document before any application exists has nowhere to go
    assert!(upload(a, "identity", PDF)
        .await
        .contains("doc_error=missing"));

    let r = a
        .call("save_application", &fields("harbour-kites", "company", ""))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(status_of(a).await, "Draft");

    // submitting without the required documents names each one, and changes nothing
    let r = a.call("submit_application", &[]).await;
    assert_eq!(r.status, 422);
    assert_eq!(
        r.field_errors(),
        vec![
            "doc_identity.MissingDocument",
            "doc_business_registration.MissingDocument"
        ]
    );
    assert_eq!(status_of(a).await, "Draft");

    assert_eq!(upload(a, "identity", PDF).await, "/sell#documents");
    assert_eq!(
        upload(a, "business_registration", PDF).await,
        "/sell#documents"
    );
    let r = a.call("submit_application", &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(status_of(a).await, "Submitted");
}

/// Under review the applicant can no longer edit, and cannot decide their own
/// application.
async fn under_review_the_applicant_can_neither_edit_nor_decide(a: &mut Client, key: &str) {
    let r = a
        .call("save_application", &fields("harbour-kites", "company", ""))
        .await;
    assert_eq!(r.status, 409);
    assert!(upload(a, "identity", PDF).await.contains("doc_error=state"));

    // the applicant cannot decide their own application
    assert_eq!(decide(a, key, "approve", "").await.status, 403);
}

/// A moderator sees the application pending and starts the review; a request for
/// information needs a statement of reasons. Returns the moderator.
async fn a_moderator_asks_for_more_information_with_reasons(app: &TestApp, key: &str) -> Client {
    let mut m = moderator(app, "mod@example.com").await;
    let list = m
        .call("seller_applications", &[("filter", "pending")])
        .await;
    assert!(list.body.contains("Harbour Kites"), "{}", list.body);
    assert_eq!(decide(&mut m, key, "start_review", "").await.status, 200);
    // a request for information needs a statement of reasons
    let r = decide(&mut m, key, "request_info", "  ").await;
    assert_eq!(r.status, 422);
    assert_eq!(r.field_errors(), vec!["reason.Required"]);
    let r = decide(
        &mut m,
        key,
        "request_info",
        "The ID scan is blurred; please upload a sharper copy.",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);

    m
}

/// The applicant sees the status and the reasons, fixes it and submits again.
async fn the_applicant_sees_the_reasons_and_submits_again(a: &mut Client) {
    let mine = a.call("my_application", &[]).await.json();
    assert_eq!(mine["status"], "MoreInfoRequested");
    assert!(mine["reason"].as_str().unwrap().contains("blurred"));
    assert_eq!(upload(a, "identity", PDF).await, "/sell#documents");
    assert_eq!(a.call("submit_application", &[]).await.status, 200);
}

/// Approving opens the shop, in its currency with standard and express delivery, and
/// makes the applicant a seller; an approved application cannot be approved again or
/// rejected.
async fn approving_opens_the_shop_with_its_delivery_once(
    app: &TestApp,
    a: &mut Client,
    m: &mut Client,
    key: &str,
) {
    assert_eq!(decide(m, key, "approve", "").await.status, 200);
    assert_eq!(status_of(a).await, "Approved");
    assert_eq!(
        count(app, "SELECT count() AS n FROM shop WHERE slug = 'harbour-kites' AND status = 'approved' AND currency = 'TWD' GROUP ALL").await,
        1
    );
    // it starts with standard and express delivery in its own currency
    assert_eq!(
        count(app, "SELECT count() AS n FROM shipping_method WHERE shop = shop:⟨harbour-kites⟩ AND currency = 'TWD' GROUP ALL").await,
        2
    );
    let overview = a.call("seller_overview", &[]).await;
    assert_eq!(overview.status, 200, "{}", overview.body);
    assert_eq!(overview.json()["shop"]["slug"], "harbour-kites");
    // an approved application cannot be approved again or rejected
    assert_eq!(decide(m, key, "approve", "").await.status, 409);
    assert_eq!(decide(m, key, "reject", "late").await.status, 409);
}

/// Suspension and reinstatement need reasons and close / reopen the shop; after
/// termination it cannot be reinstated.
async fn suspending_reinstating_and_terminating_need_reasons(
    app: &TestApp,
    a: &mut Client,
    m: &mut Client,
    key: &str,
) {
    assert_eq!(decide(m, key, "suspend", "").await.status, 422);
    assert_eq!(
        decide(m, key, "suspend", "Counterfeit notices upheld")
            .await
            .status,
        200
    );
    assert_eq!(
        count(app, "SELECT count() AS n FROM shop WHERE slug = 'harbour-kites' AND status = 'suspended' GROUP ALL").await,
        1
    );
    assert_eq!(
        decide(m, key, "reinstate", "Appeal upheld").await.status,
        200
    );
    assert_eq!(
        decide(m, key, "terminate", "Repeated infringement")
            .await
            .status,
        200
    );
    assert_eq!(status_of(a).await, "Terminated");
    assert_eq!(decide(m, key, "reinstate", "no").await.status, 409);
}

/// Every transition is one audit entry, in order, with who and why.
async fn every_transition_is_one_audit_entry_with_who_and_why(app: &TestApp, a: &mut Client) {
    let history: Vec<String> = a.call("my_application", &[]).await.json()["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap().to_string())
        .filter(|a| a != "seller.document")
        .collect();
    assert_eq!(
        history,
        [
            "seller.create",
            "seller.submit",
            "seller.start_review",
            "seller.request_info",
            "seller.submit",
            "seller.approve",
            "seller.suspend",
            "seller.reinstate",
            "seller.terminate",
        ]
    );
    assert_eq!(
        count(app, "SELECT count() AS n FROM audit_log WHERE subject = 'seller:kites@example.com' AND action = 'seller.approve' AND actor = user:⟨mod@example.com⟩ GROUP ALL").await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rejection_and_auto_approval() {
    let app = TestApp::spawn().await;
    let mut m = moderator(&app, "mod@example.com").await;

    // rejected with reasons; the applicant sees them
    let mut a = applicant(&app, "one@example.com").await;
    assert_eq!(
        a.call("save_application", &fields("shop-one", "individual", ""))
            .await
            .status,
        200
    );
    upload(&mut a, "identity", PDF).await;
    assert_eq!(a.call("submit_application", &[]).await.status, 200);
    assert_eq!(
        decide(&mut m, "one@example.com", "reject", "").await.status,
        422
    );
    assert_eq!(
        decide(
            &mut m,
            "one@example.com",
            "reject",
            "Identity does not match the legal name"
        )
        .await
        .status,
        200
    );
    let mine = a.call("my_application", &[]).await.json();
    assert_eq!(mine["status"], "Rejected");
    assert_eq!(mine["reason"], "Identity does not match the legal name");
    assert_eq!(
        count(&app, "SELECT count() AS n FROM shop GROUP ALL").await,
        0
    );

    // only an admin may flip the switch
    assert_eq!(
        m.call("set_auto_approve", &[("enabled", "on")])
            .await
            .status,
        403
    );
    let mut admin = moderator(&app, "admin@example.com").await;
    grant_roles(&app, "admin@example.com", &["admin"]).await;
    assert_eq!(
        admin
            .call("set_auto_approve", &[("enabled", "on")])
            .await
            .status,
        200
    );

    // with it on, an application passing every check opens at once, by the system
    let mut b = applicant(&app, "two@example.com").await;
    assert_eq!(
        b.call("save_application", &fields("shop-two", "individual", ""))
            .await
            .status,
        200
    );
    upload(&mut b, "identity", PDF).await;
    let r = b.call("submit_application", &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), "Approved");
    assert_eq!(
        count(&app, "SELECT count() AS n FROM audit_log WHERE subject = 'seller:two@example.com' AND action = 'seller.auto_approve' AND actor = NONE GROUP ALL").await,
        1
    );
    // claiming a brand adds a requirement, so without it nothing is approved
    let mut c = applicant(&app, "three@example.com").await;
    assert_eq!(
        c.call(
            "save_application",
            &fields("shop-three", "individual", "Auralis")
        )
        .await
        .status,
        200
    );
    upload(&mut c, "identity", PDF).await;
    let r = c.call("submit_application", &[]).await;
    assert_eq!(
        r.field_errors(),
        vec!["doc_brand_authorisation.MissingDocument"]
    );
    assert_eq!(status_of(&mut c).await, "Draft");

    // with it off again, submissions wait for a moderator
    assert_eq!(
        admin
            .call("set_auto_approve", &[("enabled", "off")])
            .await
            .status,
        200
    );
    upload(&mut c, "brand_authorisation", PDF).await;
    assert_eq!(c.call("submit_application", &[]).await.json(), "Submitted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_applications_and_documents_are_refused_with_nothing_written() {
    let app = TestApp::spawn().await;
    let mut a = applicant(&app, "first@example.com").await;
    assert_eq!(
        a.call("save_application", &fields("kite-works", "individual", ""))
            .await
            .status,
        200
    );

    let mut b = applicant(&app, "second@example.com").await;
    every_bad_field_is_named_and_nothing_written(&mut b).await;
    bad_documents_are_refused_and_none_stored(&app, &mut a).await;
    let mut m =
        a_stored_document_is_private_and_replaced_by_a_new_upload(&app, &mut a, &mut b).await;
    others_cannot_read_or_decide_and_moderators_cannot_act_for_applicants(&mut b, &mut m).await;
}

/// Every field is checked, each refusal named; a company needs its registration
/// number, and a slug another application or shop holds is taken. Nothing is written.
async fn every_bad_field_is_named_and_nothing_written(b: &mut Client) {
    // every field checked, each refusal named
    let r = b
        .call(
            "save_application",
            &[
                ("shop_slug", "Kite Works!"),
                ("business_type", "charity"),
                ("country", "XX"),
                ("payout_currency", "ABC"),
                ("contact_email", "nope"),
                ("contact_phone", "call me"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    let got = r.field_errors();
    for want in [
        "shop_name.Required",
        "shop_slug.InvalidSlug",
        "business_type.InvalidChoice",
        "legal_name.Required",
        "address.Required",
        "country.InvalidChoice",
        "payout_currency.InvalidChoice",
        "contact_email.InvalidEmail",
        "contact_phone.InvalidPhone",
    ] {
        assert!(got.contains(&want.to_string()), "{want} in {got:?}");
    }
    // a company needs its registration number
    let mut f = fields("kite-works-2", "company", "");
    f.retain(|(k, _)| *k != "registration_number");
    assert_eq!(
        b.call("save_application", &f).await.field_errors(),
        vec!["registration_number.Required"]
    );
    // a slug another application or shop holds
    let r = b
        .call("save_application", &fields("kite-works", "individual", ""))
        .await;
    assert_eq!(r.field_errors(), vec!["shop_slug.SlugTaken"]);
    let r = b
        .call("save_application", &fields("admin", "individual", ""))
        .await;
    assert_eq!(r.field_errors(), vec!["shop_slug.SlugTaken"]);
    assert_eq!(status_of(b).await, "none", "nothing was written");
}

/// Documents: a fake PDF, an HTML page, an oversized file, an unknown kind are
/// refused, and none is stored.
async fn bad_documents_are_refused_and_none_stored(app: &TestApp, a: &mut Client) {
    assert!(upload(a, "identity", b"<html><script>alert(1)</script>")
        .await
        .contains("doc_error=NotADocument"));
    let mut big = PDF.to_vec();
    big.resize(domain::onboarding::MAX_DOCUMENT_BYTES + 1, b' ');
    assert!(upload(a, "identity", &big)
        .await
        .contains("doc_error=FileTooLarge"));
    assert!(upload(a, "selfie", PDF)
        .await
        .contains("doc_error=InvalidChoice"));
    assert_eq!(
        count(app, "SELECT count() AS n FROM seller_document GROUP ALL").await,
        0
    );
}

/// A stored document is private: the applicant and moderators only; uploading again
/// replaces the file (one row, the old file gone). Returns the moderator.
async fn a_stored_document_is_private_and_replaced_by_a_new_upload(
    app: &TestApp,
    a: &mut Client,
    b: &mut Client,
) -> Client {
    assert_eq!(upload(a, "identity", PDF).await, "/sell#documents");
    let url = a.call("my_application", &[]).await.json()["documents"][0]["url"]
        .as_str()
        .unwrap()
        .to_string();
    let mine = a.get(&url).await;
    assert_eq!(mine.status, 200);
    assert_eq!(mine.headers["content-type"], "application/pdf");
    assert_eq!(mine.body.as_bytes(), PDF);
    // downloaded, never shown inside our origin, and nothing in it runs
    assert!(mine.headers["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert!(mine.headers["content-security-policy"]
        .to_str()
        .unwrap()
        .starts_with("sandbox"));
    assert_eq!(b.get(&url).await.status, 404);
    assert_eq!(app.client().get(&url).await.status, 404);
    let mut m = moderator(app, "mod@example.com").await;
    assert_eq!(m.get(&url).await.status, 200);
    // uploading again replaces the file: one row, the old file gone
    assert_eq!(upload(a, "identity", PDF).await, "/sell#documents");
    assert_eq!(
        count(app, "SELECT count() AS n FROM seller_document GROUP ALL").await,
        1
    );
    assert_eq!(a.get(&url).await.status, 404);

    m
}

/// Another user's application cannot be read or decided by a non-moderator, and
/// moderators cannot submit for the applicant or auto-approve by hand.
async fn others_cannot_read_or_decide_and_moderators_cannot_act_for_applicants(
    b: &mut Client,
    m: &mut Client,
) {
    assert_eq!(
        b.call("seller_application", &[("key", "first@example.com")])
            .await
            .status,
        403
    );
    assert_eq!(
        b.call("seller_applications", &[("filter", "all")])
            .await
            .status,
        403
    );
    // moderators cannot submit for the applicant or auto-approve by hand
    assert_eq!(
        decide(m, "first@example.com", "submit", "").await.status,
        422
    );
    assert_eq!(
        decide(m, "first@example.com", "auto_approve", "")
            .await
            .status,
        422
    );
    assert_eq!(
        decide(m, "nobody@example.com", "approve", "").await.status,
        404
    );
}
