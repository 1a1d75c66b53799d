//! The transaction builder against a real embedded database: guards refuse with the
//! refusal named in Rust and write nothing, parts keep their names apart, lost write
//! conflicts are run again, audit subjects read as the database writes record ids.
#![recursion_limit = "256"]

use backend::db::{Audit, AuditAction, Db, Refusal, Stmts, Tx};
use surrealdb::types::RecordId;

async fn db() -> Db {
    let db = surrealdb::engine::any::connect("mem://")
        .await
        .expect("mem db");
    db.use_ns("t").use_db("t").await.expect("ns");
    db.query("DEFINE TABLE counter SCHEMALESS")
        .await
        .expect("define")
        .check()
        .expect("defined");
    db
}

async fn n_of(db: &Db, id: &RecordId) -> Option<i64> {
    let mut res = db
        .query("SELECT VALUE n FROM ONLY $id")
        .bind(("id", id.clone()))
        .await
        .expect("query");
    res.take(0).expect("n")
}

#[tokio::test]
async fn a_guard_refuses_with_its_own_refusal_and_nothing_is_written() {
    let db = db().await;
    let a = RecordId::new("counter", "a");
    let b = RecordId::new("counter", "b");
    let mut tx = Tx::new();
    tx.bind("a", a.clone()).bind("b", b.clone());
    tx.sql("CREATE $a SET n = 1");
    let mut first = Stmts::new();
    first
        .bind("want", 5i64)
        .sql("LET $have = (SELECT VALUE n FROM ONLY $a)")
        .refuse_if("$have >= $want", Refusal::WrongState);
    let mut second = Stmts::new();
    second
        .bind("want", 1i64)
        .sql("LET $have = (SELECT VALUE n FROM ONLY $a)")
        .refuse_if(
            "$have >= $want",
            Refusal::OutOfStock {
                product: "p-1".into(),
            },
        );
    tx.add(first).add(second).sql("CREATE $b SET n = 2");
    let out = tx.run(&db).await.expect("ran");
    assert_eq!(
        out,
        Err(Refusal::OutOfStock {
            product: "p-1".into()
        }),
        "the second guard (1 >= 1) refuses, not the first (1 >= 5)"
    );
    assert_eq!(
        n_of(&db, &a).await,
        None,
        "the first statement was rolled back"
    );
    assert_eq!(n_of(&db, &b).await, None);
}

#[tokio::test]
async fn parts_with_the_same_names_do_not_collide() {
    let db = db().await;
    let mut tx = Tx::new();
    for (key, n) in [("x", 3i64), ("y", 4i64)] {
        let mut part = Stmts::new();
        part.bind("id", RecordId::new("counter", key))
            .bind("n", n)
            .sql("LET $made = (CREATE $id SET n = $n RETURN VALUE id)")
            .refuse_if("array::len($made) = 0", Refusal::WrongState);
        tx.add(part);
    }
    assert_eq!(tx.run(&db).await.expect("ran"), Ok(()));
    assert_eq!(n_of(&db, &RecordId::new("counter", "x")).await, Some(3));
    assert_eq!(n_of(&db, &RecordId::new("counter", "y")).await, Some(4));
}

#[tokio::test]
async fn lost_write_conflicts_are_run_again() {
    let db = std::sync::Arc::new(db().await);
    let id = RecordId::new("counter", "hot");
    db.query("CREATE $id SET n = 0")
        .bind(("id", id.clone()))
        .await
        .expect("create")
        .check()
        .expect("created");
    let mut tasks = Vec::new();
    for _ in 0..24 {
        let db = db.clone();
        let id = id.clone();
        tasks.push(tokio::spawn(async move {
            let mut tx = Tx::new();
            let mut part = Stmts::new();
            part.bind("id", id)
                .sql("LET $was = (SELECT VALUE n FROM ONLY $id)")
                .sql("UPDATE $id SET n = $was + 1");
            tx.add(part);
            tx.run(&db).await
        }));
    }
    for t in tasks {
        assert_eq!(t.await.expect("joined").expect("no error"), Ok(()));
    }
    assert_eq!(
        n_of(&db, &id).await,
        Some(24),
        "every read-modify-write counted once"
    );
}

#[tokio::test]
async fn a_failing_statement_reports_its_own_cause() {
    let db = db().await;
    db.query("DEFINE TABLE strict SCHEMAFULL; DEFINE FIELD n ON strict TYPE int;")
        .await
        .expect("schema")
        .check()
        .expect("defined");
    let mut tx = Tx::new();
    tx.sql("CREATE strict:a SET n = 1")
        .sql("CREATE strict:b SET n = 'not a number'")
        .sql("CREATE strict:c SET n = 3");
    let err = tx.run(&db).await.expect_err("a type error");
    assert!(
        err.to_string().contains("strict:b") || err.to_string().contains("n"),
        "names the failing statement's problem: {err}"
    );
    let written = backend::db::count_unbound(&db, "SELECT count() AS n FROM strict GROUP ALL")
        .await
        .expect("count");
    assert_eq!(written, 0, "nothing written");
}

#[tokio::test]
async fn audit_entries_are_written_with_the_change_and_name_records_as_the_database_does() {
    let db = db().await;
    let shop = RecordId::new("shop", "formosa-tea@house");
    let now = chrono::Utc::now();
    let mut tx = Tx::new();
    let mut part = Stmts::new();
    part.bind("shop", shop.clone())
        .sql("CREATE $shop SET n = 1")
        .audit(Audit::on(None, AuditAction::ShopSanctioned, &shop, now));
    tx.add(part);
    assert_eq!(tx.run(&db).await.expect("ran"), Ok(()));
    let mut res = db
        .query("SELECT VALUE action FROM audit_log; SELECT VALUE subject FROM audit_log; RETURN type::string($shop);")
        .bind(("shop", shop))
        .await
        .expect("read");
    let actions: Vec<String> = res.take(0).expect("actions");
    let subjects: Vec<String> = res.take(1).expect("subjects");
    let written: Option<String> = res.take(2).expect("type::string");
    assert_eq!(actions, vec!["shop.sanctioned".to_string()]);
    assert_eq!(subjects.first(), written.as_ref());
}
