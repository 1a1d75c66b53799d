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
