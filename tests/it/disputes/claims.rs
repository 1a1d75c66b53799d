//! Claims: a refused return becomes a claim the seller answers and a moderator with no
//! stake decides — refund from the shop's ledger, part of it, or close — with reasons
//! both sides read; a silent seller's claim goes to moderators by itself, and losing
//! it gives a strike. The shop is not paid out while a claim can be opened or is open.

use chrono::Duration;
use integration::{grant_roles, Client, TestApp};

use super::{delivered, detail};
use crate::checkout::{count, seeded, shopper, two_shop_products, PW};
use crate::seller_listings::png;

/// A new shopper's delivered order of one `product` whose return (with a photo) the
/// seller refused: (buyer, seller, order id, the photo's key).
async fn refused(app: &TestApp, email: &str, product: &str) -> (Client, Client, String, String) {
    let (mut c, mut seller, id) = delivered(app, email, product, "1").await;
    let r = c
        .post_multipart(
            &format!("/orders/{id}/return"),
            &[("reason", "damaged")],
            &[("photos", "crack.png", png(64, 64))],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let photo = detail(&mut c, &id).await["return_request"]["photos"][0]
        .as_str()
        .unwrap()
        .to_string();
    // too early: the seller still has time to answer
    let r = claim(&mut c, &id, "It arrived cracked in two.").await;
    assert_eq!(r.status, 409, "{}", r.body);
    let r = seller
        .call(
            "decide_return",
            &[
                ("id", &id),
                ("accept", "false"),
                ("reason", "It left here intact."),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    (c, seller, id, photo)
}

async fn claim(c: &mut Client, id: &str, statement: &str) -> integration::Reply {
    c.call("open_claim", &[("id", id), ("statement", statement)])
        .await
}

async fn moderator(app: &TestApp, email: &str) -> Client {
    let mut m = shopper(app, email).await;
    grant_roles(app, email, &["moderator"]).await;
    assert_eq!(m.log_in(email, PW).await.status, 200);
    m
}

/// Whether `id` settles at the clock's time plus `days`.
async fn settles(app: &TestApp, id: &str, days: i64) -> bool {
    app::sellers::money::imp::settle_due(&app.state, app.state.now() + Duration::days(days))
        .await
        .unwrap();
    count(
        app,
        &format!("SELECT count() AS n FROM shop_order:⟨{id}⟩ WHERE settled_at != NONE GROUP ALL"),
    )
    .await
        == 1
}

async fn decide(
    m: &mut Client,
    id: &str,
    outcome: &str,
    amount: &str,
    why: &str,
) -> integration::Reply {
    m.call(
        "decide_dispute",
        &[
            ("key", id),
            ("outcome", outcome),
            ("amount", amount),
            ("statement", why),
        ],
    )
    .await
}

/// The buyer asks the shop about the order, and shows the crack in a photo.
async fn ask_with_a_photo(c: &mut Client, shop: &str, id: &str) {
    let r = c
        .call(
            "send_message",
            &[
                ("shop", shop),
                ("order", id),
                ("body", "Why was my return refused?"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let thread = r.json().as_str().unwrap().to_string();
    let r = c
        .post_multipart(
            "/messages/send",
            &[("thread", &thread), ("body", "")],
            &[("photos", "crack.png", png(64, 64))],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_return_becomes_a_claim_a_moderator_decides_for_the_buyer() {
    let app = seeded().await;
    let (p, _) = two_shop_products(&app, 10).await;
    let (mut c, mut seller, id, photo) = refused(&app, "claimer@example.com", &p).await;
    let d = detail(&mut c, &id).await;
    assert_eq!(d["can_claim"], true);
    let shop = d["shop_slug"].as_str().unwrap().to_string();
    ask_with_a_photo(&mut c, &shop, &id).await;
    assert_eq!(claim(&mut c, &id, "short").await.status, 422);
    let mut other = shopper(&app, "nosy@example.com").await;
    assert_eq!(
        claim(&mut other, &id, "It arrived cracked in two.")
            .await
            .status,
        404
    );
    let r = claim(&mut c, &id, "It arrived cracked in two.").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        claim(&mut c, &id, "It arrived cracked in two.")
            .await
            .status,
        409
    );
    assert!(
        !settles(&app, &id, 30).await,
        "not paid out while the claim is open"
    );

    let r = seller
        .call(
            "answer_claim",
            &[
                ("id", &id),
                ("statement", "Packed in bubble wrap, see the slip."),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let again = seller
        .call(
            "answer_claim",
            &[
                ("id", &id),
                ("statement", "Packed in bubble wrap, see the slip."),
            ],
        )
        .await;
    assert_eq!(again.status, 409);

    // the moderator reads the case, and may see the return's photo (others may not)
    let mut m = moderator(&app, "judge@example.com").await;
    let q = m.call("disputes", &[]).await.json();
    assert_eq!(q["open"][0]["key"], id.as_str(), "{q}");
    let case = m.call("dispute", &[("key", &id)]).await.json();
    assert_eq!(case["buyer_statement"], "It arrived cracked in two.");
    assert_eq!(
        case["seller_statement"],
        "Packed in bubble wrap, see the slip."
    );
    assert_eq!(case["ret"]["refusal"], "It left here intact.");
    let said = &case["messages"][0];
    assert_eq!(said["body"], "Why was my return refused?");
    assert_eq!(
        (said["from_buyer"].clone(), said["about_order"].clone()),
        (true.into(), true.into())
    );
    let kinds: Vec<&str> = case["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e[0].as_str().unwrap())
        .collect();
    assert!(
        kinds.ends_with(&[
            "return_requested",
            "return_refused",
            "claim_opened",
            "claim_answered"
        ]),
        "{kinds:?}"
    );
    let sent = case["messages"][1]["photos"][0][0]
        .as_str()
        .unwrap()
        .to_string();
    for p in [format!("/media/private/{photo}"), sent] {
        assert_eq!(m.get(&p).await.status, 200, "{p}");
        assert_eq!(other.get(&p).await.status, 404, "{p}");
    }

    the_moderator_refunds_the_buyer(&app, &mut m, &mut c, &id).await;
}

/// A decision needs reasons; then the buyer is refunded from the shop's balance, both
/// sides read why, and the decision is recorded and audited, once.
async fn the_moderator_refunds_the_buyer(app: &TestApp, m: &mut Client, c: &mut Client, id: &str) {
    assert_eq!(decide(m, id, "refund", "", "no").await.status, 422);
    assert_eq!(
        decide(m, id, "sideways", "", "The photo shows a crack.")
            .await
            .status,
        422
    );
    let r = decide(
        m,
        id,
        "refund",
        "",
        "The photo shows a crack along the base.",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let again = decide(
        m,
        id,
        "close",
        "",
        "The photo shows a crack along the base.",
    )
    .await;
    assert_eq!(again.field_errors(), ["dispute.AlreadyDecided"]);
    let d = detail(c, id).await;
    assert_eq!(d["payment_status"], "refunded");
    assert_eq!(d["refund_left"]["amount_minor"], 0);
    assert_eq!(d["claim"]["outcome"], "Refund");
    assert_eq!(
        d["claim"]["decision_statement"],
        "The photo shows a crack along the base."
    );
    let refunds = count(
        app,
        &format!("SELECT count() AS n FROM ledger_entry WHERE shop_order = shop_order:⟨{id}⟩ AND kind = 'refund' GROUP ALL"),
    )
    .await;
    assert!(refunds > 0, "the shop's ledger shows the refund");
    let told = count(
        app,
        "SELECT count() AS n FROM outbox WHERE kind = 'claim_decided' AND string::contains(body, 'crack along the base') GROUP ALL",
    )
    .await;
    assert_eq!(told, 2, "both sides read the reasons");
    let decision = count(
        app,
        &format!("SELECT count() AS n FROM moderation_decision WHERE subject = 'dispute:{id}' AND action = 'refund' GROUP ALL"),
    )
    .await;
    assert_eq!(decision, 1, "the seller's notices list the decision");
    let audit = count(
        app,
        "SELECT count() AS n FROM audit_log WHERE action = 'dispute.refund' GROUP ALL",
    )
    .await;
    assert_eq!(audit, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_seller_loses_a_partial_refund_and_a_strike_and_a_closed_claim_pays_nothing() {
    let app = seeded().await;
    let (p, _) = two_shop_products(&app, 10).await;
    let (mut c, _seller, id, _) = refused(&app, "silent@example.com", &p).await;
    assert_eq!(
        claim(&mut c, &id, "The handle came off at once.")
            .await
            .status,
        200
    );
    // three working days without an answer: the claim goes to moderators, marked silent
    app::orders::imp::run_claim_deadlines(&app.state)
        .await
        .unwrap();
    assert_eq!(
        detail(&mut c, &id).await["claim"]["status"],
        "AwaitingSeller"
    );
    app.clock.advance(Duration::days(6));
    assert!(
        app::orders::imp::run_claim_deadlines(&app.state)
            .await
            .unwrap()
            >= 1
    );
    let d = detail(&mut c, &id).await;
    assert_eq!(d["claim"]["status"], "UnderReview");
    let left = d["refund_left"]["amount_minor"].as_i64().unwrap();
    let mut m = moderator(&app, "judge2@example.com").await;
    assert_eq!(
        m.call("dispute", &[("key", &id)]).await.json()["summary"]["seller_silent"],
        true
    );
    // a partial refund above what is left is refused
    let r = decide(
        &mut m,
        &id,
        "partial_refund",
        "99999999",
        "Half of it, for the handle.",
    )
    .await;
    assert_eq!(r.status, 422, "{}", r.body);
    let r = decide(
        &mut m,
        &id,
        "partial_refund",
        "1",
        "Part of it, for the handle.",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let d = detail(&mut c, &id).await;
    let part = d["claim"]["amount"]["amount_minor"].as_i64().unwrap();
    assert!(part > 0, "{d}");
    assert_eq!(
        d["refund_left"]["amount_minor"].as_i64().unwrap(),
        left - part
    );
    assert_eq!(d["payment_status"], "paid");
    let strikes = count(
        &app,
        &format!(
            "SELECT count() AS n FROM strike WHERE decision.subject = 'dispute:{id}' GROUP ALL"
        ),
    )
    .await;
    assert_eq!(strikes, 1, "a silent seller who loses gets a strike");

    // another refused return, closed for the seller: nothing is refunded, no strike
    let (mut c2, mut seller2, id2, _) = refused(&app, "closed@example.com", &p).await;
    assert_eq!(
        claim(&mut c2, &id2, "I simply do not like the colour.")
            .await
            .status,
        200
    );
    let r = seller2
        .call(
            "answer_claim",
            &[
                ("id", &id2),
                ("statement", "Colour was shown in every photo."),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = decide(
        &mut m,
        &id2,
        "close",
        "",
        "The colour matches the listing's photos.",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let d2 = detail(&mut c2, &id2).await;
    assert_eq!(d2["claim"]["outcome"], "Close");
    assert!(d2["refunded"].is_null(), "{d2}");
    assert_eq!(
        count(&app, &format!("SELECT count() AS n FROM strike WHERE decision.subject = 'dispute:{id2}' GROUP ALL")).await,
        0
    );
    // decided, and past the time to claim: the shop is paid out
    assert!(settles(&app, &id2, 20).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unanswered_return_can_be_claimed_and_the_decision_ends_the_return() {
    let app = seeded().await;
    let (p, _) = two_shop_products(&app, 10).await;
    let (mut c, _seller, id) = delivered(&app, "unanswered@example.com", &p, "1").await;
    let r = c
        .call("request_return", &[("id", &id), ("reason", "wrong_item")])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let why = "Nobody answered my return.";
    assert_eq!(
        claim(&mut c, &id, why).await.status,
        409,
        "the seller still has time"
    );
    // three working days later the seller has not answered: the buyer may claim
    app.clock.advance(Duration::days(6));
    assert_eq!(claim(&mut c, &id, why).await.status, 200);
    let mut m = moderator(&app, "judge3@example.com").await;
    let r = decide(
        &mut m,
        &id,
        "close",
        "",
        "The item sent is the one in the listing.",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    // nothing of the return is left to do: the seller cannot refund it by receiving it,
    // and the shop is paid out
    assert_eq!(
        detail(&mut c, &id).await["return_request"]["status"],
        "Refused"
    );
    assert!(settles(&app, &id, 8).await);
}
