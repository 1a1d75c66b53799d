//! Product questions and answers through the real router: a shopper asks on the product
//! page, the seller answers from the seller centre and a buyer of the product from the
//! page, the asker is mailed; the page's search finds words of questions and answers;
//! contact details and profanity (both languages) hold a post for moderators, who
//! publish or remove it (audited, the author told); and everyone else — visitors,
//! shoppers who never bought it, the seller asking about their own product, a
//! moderator deciding about their own shop — is refused with nothing written.

use integration::{Client, TestApp};
use serde_json::Value;
use surrealdb::types::RecordId;

use crate::checkout::{
    add, checkout_form, count, my_orders, pay_ship_deliver, place, seller_of, shopper,
    two_shop_products,
};
use crate::moderation::moderator;

/// The logged-in owner of a product's shop.
async fn owner_of(app: &TestApp, product: &str) -> Client {
    crate::chat::owner_of(app, product).await.0
}

async fn page(c: &mut Client, product: &str, search: &str) -> Value {
    let r = c
        .call(
            "product_questions",
            &[("product", product), ("search", search)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

async fn ask(c: &mut Client, product: &str, text: &str) -> integration::Reply {
    c.call("ask_question", &[("product", product), ("question", text)])
        .await
}

async fn answer(c: &mut Client, question: &str, text: &str) -> integration::Reply {
    c.call(
        "answer_question",
        &[("question", question), ("answer", text)],
    )
    .await
}

/// Mails of a kind queued for a person (by email).
async fn mails(app: &TestApp, kind: &str, email: &str) -> i64 {
    let mut res = app
        .state
        .db
        .query("RETURN count(SELECT id FROM outbox WHERE kind = $k AND recipient.email = $e)")
        .bind(("k", kind.to_string()))
        .bind(("e", email.to_string()))
        .await
        .unwrap();
    let n: Option<i64> = res.take(0).unwrap();
    n.unwrap_or(0)
}

/// A shopper who bought `product` (paid, shipped and delivered).
async fn buyer_of(app: &TestApp, product: &str, email: &str) -> Client {
    let mut b = shopper(app, email).await;
    add(&mut b, product, "1").await;
    let (_, form) = checkout_form(&mut b).await;
    let r = place(&mut b, &form).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let order = my_orders(&mut b).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut seller = seller_of(app, &order).await;
    pay_ship_deliver(&mut seller, &mut b, &order).await;
    b
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asked_on_the_page_answered_by_seller_and_buyer_and_found_by_search() {
    let app = TestApp::spawn().await;
    app.seed(20).await;
    let (product, _) = two_shop_products(&app, 5).await;
    let mut visitor = app.client();
    let empty = page(&mut visitor, &product, "").await;
    assert_eq!(empty["total"], 0);
    assert_eq!(empty["signed_in"], false);

    // a visitor cannot ask; a shopper can, and the seller is mailed
    assert_eq!(
        ask(&mut visitor, &product, "Does it fit?").await.status,
        401
    );
    let mut asker = shopper(&app, "asker@example.com").await;
    let r = ask(&mut asker, &product, "Does it fit a 13 inch laptop?").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), "published");
    assert_eq!(mails(&app, "question_new", "asker@example.com").await, 0);
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM outbox WHERE kind = 'question_new' GROUP ALL"
        )
        .await,
        1
    );
    let p = page(&mut asker, &product, "").await;
    assert_eq!(p["total"], 1);
    assert_eq!(p["can_ask"], true);
    assert_eq!(p["answer_as"], Value::Null, "a shopper who never bought it");
    let q = p["questions"][0]["key"].as_str().unwrap().to_string();

    // a shopper who never bought it cannot answer; nothing is written
    let mut stranger = shopper(&app, "stranger@example.com").await;
    let r = answer(&mut stranger, &q, "Probably").await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert_eq!(
        count(&app, "SELECT count() AS n FROM product_answer GROUP ALL").await,
        0
    );

    // the seller answers from the seller centre's list; the asker is mailed
    let mut seller = owner_of(&app, &product).await;
    let list = seller.call("seller_questions", &[]).await.json();
    assert_eq!(list["unanswered"], 1);
    assert_eq!(list["questions"][0]["key"], q.as_str());
    assert_eq!(
        page(&mut seller, &product, "").await["can_ask"],
        false,
        "no questions to one's own shop"
    );
    assert_eq!(
        ask(&mut seller, &product, "Is it any good?").await.status,
        403
    );
    let r = answer(
        &mut seller,
        &q,
        "Yes: a 13-inch laptop fits with room to spare.",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        mails(&app, "question_answered", "asker@example.com").await,
        1
    );
    let list = seller.call("seller_questions", &[]).await.json();
    assert_eq!(list["unanswered"], 0);
    assert!(list["questions"].as_array().unwrap().is_empty());
    let all = seller
        .call("seller_questions", &[("filter", "all")])
        .await
        .json();
    assert_eq!(all["questions"][0]["answered"], true);
    a_buyer_answers_and_search_finds_questions_and_answers(&app, &product, &q).await;
}

async fn a_buyer_answers_and_search_finds_questions_and_answers(
    app: &TestApp,
    product: &str,
    q: &str,
) {
    let mut visitor = app.client();
    // a buyer of the product answers too, labelled as a buyer
    let mut buyer = buyer_of(app, product, "bought@example.com").await;
    let p = page(&mut buyer, product, "").await;
    assert_eq!(p["answer_as"], "buyer");
    let r = answer(&mut buyer, q, "Mine holds a 14-inch one too.").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        mails(app, "question_answered", "asker@example.com").await,
        2
    );
    let answers = page(&mut visitor, product, "").await["questions"][0]["answers"].clone();
    let by: Vec<&str> = answers
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["by"].as_str().unwrap())
        .collect();
    assert_eq!(by, ["seller", "buyer"]);

    // a second question in Chinese; search finds words of questions and of answers
    let r = ask(&mut buyer, product, "可以放十三吋筆電嗎？防水嗎？").await;
    assert_eq!(r.json(), "published");
    let found = |p: &Value| -> Vec<String> {
        p["questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["body"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(page(&mut visitor, product, "").await["total"], 2);
    let p = page(&mut visitor, product, "防水").await;
    assert_eq!(found(&p), ["可以放十三吋筆電嗎？防水嗎？"]);
    assert_eq!(p["matching"], 1);
    let p = page(&mut visitor, product, "14-INCH").await;
    assert_eq!(
        found(&p),
        ["Does it fit a 13 inch laptop?"],
        "found by an answer"
    );
    let p = page(&mut visitor, product, "laptop nothing-like-this").await;
    assert!(found(&p).is_empty());
    assert_eq!(p["total"], 2);

    // the product page names the section
    let html = visitor.get(&format!("/p/{product}")).await;
    assert!(html.body.contains("data-testid=\"questions\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn contact_details_hold_posts_for_moderators_who_publish_or_remove_them() {
    let app = TestApp::spawn().await;
    app.seed(20).await;
    let (product, _) = two_shop_products(&app, 5).await;
    let mut asker = shopper(&app, "held@example.com").await;
    let mut visitor = app.client();

    // a phone number (Chinese) holds the question: only its asker sees it, marked
    let r = ask(&mut asker, &product, "可以便宜一點嗎？打給我 0912-345-678").await;
    assert_eq!(r.json(), "held");
    assert_eq!(page(&mut visitor, &product, "").await["total"], 0);
    let mine = page(&mut asker, &product, "").await;
    assert_eq!(mine["questions"][0]["held"], true);
    let held_q = mine["questions"][0]["key"].as_str().unwrap().to_string();
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM outbox WHERE kind = 'question_new' GROUP ALL"
        )
        .await,
        0,
        "the seller is not told of a held question"
    );
    let mut seller = owner_of(&app, &product).await;
    assert_eq!(
        answer(&mut seller, &held_q, "No").await.status,
        404,
        "a held question cannot be answered"
    );

    // a clean question, and the seller's answer with a LINE ID (English) is held
    let r = ask(&mut asker, &product, "What colours does it come in?").await;
    assert_eq!(r.json(), "published");
    let q = page(&mut visitor, &product, "").await["questions"][0]["key"]
        .as_str()
        .unwrap()
        .to_string();
    let r = answer(
        &mut seller,
        &q,
        "Add me on LINE: @shop_123 for the full list",
    )
    .await;
    assert_eq!(r.json(), "held");
    assert_eq!(
        page(&mut visitor, &product, "").await["questions"][0]["answers"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        mails(&app, "question_answered", "held@example.com").await,
        0
    );

    moderators_publish_or_remove(&app, &product, &held_q, &q).await;
}

/// Moderators see the held question and answer; removing needs a reason; a decision is
/// made once; the author or the asker is told.
async fn moderators_publish_or_remove(app: &TestApp, product: &str, held_q: &str, q: &str) {
    let mut visitor = app.client();
    let mut m = moderator(app).await;
    let queue = m.call("moderation_questions", &[]).await;
    assert_eq!(queue.status, 200, "{}", queue.body);
    let queue = queue.json();
    assert_eq!(queue.as_array().unwrap().len(), 2);
    let held_a = queue
        .as_array()
        .unwrap()
        .iter()
        .find_map(|x| x["answer_key"].as_str())
        .unwrap()
        .to_string();
    let r = m
        .call(
            "decide_question",
            &[("question", held_q), ("decision", "remove"), ("reason", "")],
        )
        .await;
    assert_eq!(r.status, 422, "a removal needs a reason");
    let r = m
        .call(
            "decide_question",
            &[
                ("question", held_q),
                ("decision", "remove"),
                (
                    "reason",
                    "Phone numbers are not allowed in public questions.",
                ),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(mails(app, "question_removed", "held@example.com").await, 1);
    let r = m
        .call(
            "decide_question",
            &[("question", held_q), ("decision", "publish")],
        )
        .await;
    assert_eq!(r.status, 422, "decided once");
    // an answer key under another question is not found
    let r = m
        .call(
            "decide_question",
            &[
                ("question", held_q),
                ("answer", &held_a),
                ("decision", "publish"),
            ],
        )
        .await;
    assert_eq!(r.status, 404, "{}", r.body);
    let r = m
        .call(
            "decide_question",
            &[
                ("question", q),
                ("answer", &held_a),
                ("decision", "publish"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(mails(app, "question_answered", "held@example.com").await, 1);
    let p = page(&mut visitor, product, "").await;
    assert_eq!(p["total"], 1);
    assert_eq!(p["questions"][0]["answers"][0]["by"], "seller");
    assert_eq!(
        count(app, "SELECT count() AS n FROM audit_log WHERE action IN ['qa.published', 'qa.removed'] GROUP ALL")
            .await,
        2
    );
    assert_eq!(
        count(
            app,
            "SELECT count() AS n FROM product_question WHERE seller_answered = true GROUP ALL"
        )
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_refused_and_writes_nothing() {
    let app = TestApp::spawn().await;
    app.seed(20).await;
    let (product, other) = two_shop_products(&app, 5).await;
    let mut a = shopper(&app, "bad@example.com").await;
    let before = count(&app, "SELECT count() AS n FROM product_question GROUP ALL").await;
    for (text, code) in [("", 422), ("Hm?", 422), (&"長".repeat(501)[..], 422)] {
        let r = ask(&mut a, &product, text).await;
        assert_eq!(r.status, code, "{text}: {}", r.body);
    }
    // unknown, malformed and unpublished products
    assert_eq!(ask(&mut a, "nope", "Is this real?").await.status, 404);
    assert_eq!(ask(&mut a, "a:b", "Is this real?").await.status, 404);
    app.state
        .db
        .query("UPDATE $p SET status = 'delisted'")
        .bind(("p", RecordId::new("product", product.as_str())))
        .await
        .unwrap();
    assert_eq!(ask(&mut a, &product, "Still for sale?").await.status, 404);
    assert_eq!(
        count(&app, "SELECT count() AS n FROM product_question GROUP ALL").await,
        before
    );
    // an answer to an unknown question
    assert_eq!(answer(&mut a, "nope", "Yes").await.status, 404);
    // the posting limit: ten in an hour
    for n in 0..10 {
        let r = ask(&mut a, &other, &format!("Question number {n}?")).await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    let r = ask(&mut a, &other, "One more question?").await;
    assert_eq!(r.status, 429, "{}", r.body);
    app.clock.advance(chrono::Duration::minutes(61));
    assert_eq!(ask(&mut a, &other, "One more question?").await.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_variant_page_shares_its_listings_questions_and_a_variants_buyer_answers() {
    let app = TestApp::spawn().await;
    app.seed(40).await;
    let mut res = app
        .state
        .db
        .query(
            "SELECT VALUE [record::id(id), record::id(variants[0])] FROM product \
             WHERE variants != NONE AND status = 'active' ORDER BY id LIMIT 1",
        )
        .await
        .unwrap();
    let keys: Vec<Vec<String>> = res.take(0).unwrap();
    let (listed, variant) = (keys[0][0].clone(), keys[0][1].clone());
    crate::checkout::set_stock(&app, &variant, 5).await;
    let mut asker = shopper(&app, "variant-q@example.com").await;
    let r = ask(&mut asker, &variant, "Is this size true to fit?").await;
    assert_eq!(r.json(), "published", "{}", r.body);
    let mut visitor = app.client();
    assert_eq!(page(&mut visitor, &listed, "").await["total"], 1);
    assert_eq!(page(&mut visitor, &variant, "").await["total"], 1);
    // a buyer of one variant answers on any variant's page
    let mut buyer = buyer_of(&app, &variant, "variant-buyer@example.com").await;
    assert_eq!(page(&mut buyer, &listed, "").await["answer_as"], "buyer");
}
