//! Migrations, export/import and persistence across restarts.

use integration::TestApp;
use server::config::DatabaseConfig;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrations_apply_once() {
    let app = TestApp::spawn().await;
    let again = server::db::migrate(&app.state.db).await.unwrap();
    assert!(again.is_empty(), "second run applies nothing: {again:?}");
    let counts = app.row_counts().await;
    let migrations = counts.iter().find(|(t, _)| t == "migration").unwrap().1;
    assert_eq!(migrations as usize, server::db::MIGRATIONS.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_then_import_preserves_every_table() {
    let app = TestApp::spawn().await;
    app.seed(80).await;
    app.client()
        .sign_up("x@example.com", "X", "correct horse battery")
        .await;
    let before = app.row_counts().await;
    assert!(
        before.iter().filter(|(_, n)| *n > 0).count() >= 12,
        "{before:?}"
    );

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dump.surql");
    integration::export(&app, &file).await;

    let fresh = server::db::connect(&DatabaseConfig::memory())
        .await
        .unwrap();
    server::transfer::import(&fresh, &file).await.unwrap();
    let after = server::db::row_counts(&fresh).await.unwrap();
    assert_eq!(before, after);

    // importing into a database that already has a schema is refused
    let err = server::transfer::import(&app.state.db, &file)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("not empty"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restart_keeps_users_and_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("surrealkv://{}", dir.path().join("db").display());
    let cookie = {
        let app = TestApp::builder().database(&url).spawn().await;
        let mut c = app.client();
        assert_eq!(
            c.sign_up("kai@example.com", "Kai", "correct horse battery")
                .await
                .status,
            200
        );
        let cookie = c.cookie("session").unwrap();
        drop(c);
        drop(app);
        cookie
    };
    // give the aborted server task a moment to release the datastore
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let app = TestApp::builder().database(&url).spawn().await;
    let mut c = app.client();
    c.set_cookie("session", &cookie);
    assert_eq!(
        c.call("current_user", &[]).await.json()["email"],
        "kai@example.com"
    );
    assert_eq!(
        c.log_in("kai@example.com", "correct horse battery")
            .await
            .status,
        200
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_scoped_state_clones_share_one_database_session() {
    // Cloning a `Surreal` handle opens a new database session; the state is cloned
    // for every request, so it must share one handle (a regression here once made
    // the first query after 300k requests take 3 s).
    let app = TestApp::spawn().await;
    let copy = app.state.clone();
    assert!(std::sync::Arc::ptr_eq(&app.state.db, &copy.db));
}
