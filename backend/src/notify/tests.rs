use chrono::{TimeZone, Utc};
use domain::order::ReturnKind;
use domain::Lang;
use surrealdb::types::RecordId;

use super::Notice;

fn s(v: &str) -> String {
    v.to_string()
}

/// Each variant's position; no wildcard arm, so a new variant does not compile until it
/// is numbered here (and then [`every_variant_has_an_example`] asks for its example).
fn variant(n: &Notice) -> usize {
    match n {
        Notice::OrderPlaced { .. } => 0,
        Notice::PaymentReceived { .. } => 1,
        Notice::OrderShipped { .. } => 2,
        Notice::OrderDelivered { .. } => 3,
        Notice::OrderCancelled { .. } => 4,
        Notice::ReturnDecided { .. } => 5,
        Notice::NewOrder { .. } => 6,
        Notice::OrderCancelledForSeller { .. } => 7,
        Notice::AddressChanged { .. } => 8,
        Notice::ReturnRequested { .. } => 9,
        Notice::ListingSentForReview { .. } => 10,
        Notice::ListingDecided { .. } => 11,
        Notice::AppealDecided { .. } => 12,
        Notice::RightsOwnerDecided { .. } => 13,
        Notice::ListingTakenDown { .. } => 14,
        Notice::NoticeRejected { .. } => 15,
        Notice::CounterNoticeReceived { .. } => 16,
        Notice::ListingReinstated { .. } => 17,
        Notice::TakedownUpheld { .. } => 18,
        Notice::NegativeReview { .. } => 19,
        Notice::ReviewReplied { .. } => 20,
        Notice::ReviewRemoved { .. } => 21,
        Notice::LowStock { .. } => 22,
        Notice::PayoutSent { .. } => 23,
        Notice::NewMessage { .. } => 24,
        Notice::PasswordReset { .. } => 25,
        Notice::PasswordChanged => 26,
        Notice::VerifyEmail { .. } => 27,
        Notice::NewQuestion { .. } => 28,
        Notice::QuestionAnswered { .. } => 29,
        Notice::QaRemoved { .. } => 30,
        Notice::DeliveryReported { .. } => 31,
        Notice::ReturnRefunded { .. } => 32,
        Notice::ReturnShippedBack { .. } => 33,
        Notice::ClaimOpened { .. } => 34,
        Notice::ClaimDecided { .. } => 35,
        Notice::TwoStepChanged { .. } => 36,
        Notice::RecoveryCodes { .. } => 37,
    }
}
const VARIANTS: usize = 38;

/// Every variant (both branches where the words depend on a flag), with the data its
/// words must carry in every language.
// one entry per notice: a table
#[allow(clippy::too_many_lines)]
fn examples() -> Vec<(Notice, Vec<&'static str>)> {
    let order = || s("o1");
    let number = || s("HM-000123");
    vec![
        (
            Notice::OrderPlaced {
                order: order(),
                number: number(),
                shop: s("Tea House"),
                total: s("NT$1,200"),
            },
            vec!["HM-000123", "Tea House", "NT$1,200"],
        ),
        (
            Notice::PaymentReceived {
                order: order(),
                number: number(),
            },
            vec!["HM-000123"],
        ),
        (
            Notice::OrderShipped {
                order: order(),
                number: number(),
                carrier: s("Post"),
                tracking: s("TRK9"),
            },
            vec!["HM-000123", "Post", "TRK9"],
        ),
        (
            Notice::DeliveryReported {
                order: order(),
                number: number(),
                auto_days: 14,
            },
            vec!["HM-000123", "14"],
        ),
        (
            Notice::OrderDelivered {
                order: order(),
                number: number(),
                return_days: 7,
            },
            vec!["HM-000123", "7"],
        ),
        (
            Notice::OrderCancelled {
                order: order(),
                number: number(),
                reason: s("changed mind"),
                refunded: true,
            },
            vec!["HM-000123", "changed mind"],
        ),
        (
            Notice::OrderCancelled {
                order: order(),
                number: number(),
                reason: s("changed mind"),
                refunded: false,
            },
            vec!["HM-000123", "changed mind"],
        ),
        (
            Notice::ReturnDecided {
                order: order(),
                number: number(),
                accepted: true,
                seller_pays_postage: true,
                refusal: String::new(),
            },
            vec!["HM-000123"],
        ),
        (
            Notice::ReturnDecided {
                order: order(),
                number: number(),
                accepted: false,
                seller_pays_postage: false,
                refusal: s("Worn and washed."),
            },
            vec!["HM-000123", "Worn and washed."],
        ),
        (
            Notice::ReturnRefunded {
                order: order(),
                number: number(),
                amount: s("NT$450"),
            },
            vec!["HM-000123", "NT$450"],
        ),
        (
            Notice::ClaimOpened {
                order: order(),
                number: number(),
                statement: s("The parcel was empty."),
            },
            vec!["HM-000123", "The parcel was empty."],
        ),
        (
            Notice::ClaimDecided {
                order: order(),
                number: number(),
                refunded: s("NT$450"),
                statement: s("The photos show the damage."),
                for_seller: true,
            },
            vec!["HM-000123", "NT$450", "The photos show the damage."],
        ),
        (
            Notice::ClaimDecided {
                order: order(),
                number: number(),
                refunded: String::new(),
                statement: s("The item was used."),
                for_seller: false,
            },
            vec!["HM-000123", "The item was used."],
        ),
        (
            Notice::ReturnShippedBack {
                order: order(),
                number: number(),
                carrier: s("T-Cat"),
                tracking: s("TC55"),
            },
            vec!["HM-000123", "T-Cat", "TC55"],
        ),
        (
            Notice::NewOrder {
                order: order(),
                number: number(),
                items: 3,
                total: s("NT$1,200"),
            },
            vec!["HM-000123", "3", "NT$1,200"],
        ),
        (
            Notice::OrderCancelledForSeller {
                order: order(),
                number: number(),
                reason: s("out of stock"),
            },
            vec!["HM-000123", "out of stock"],
        ),
        (
            Notice::AddressChanged {
                order: order(),
                number: number(),
                line1: s("1 Harbour Rd"),
                city: s("Keelung"),
            },
            vec!["HM-000123", "1 Harbour Rd", "Keelung"],
        ),
        (
            Notice::ReturnRequested {
                order: order(),
                number: number(),
                kind: ReturnKind::Exchange,
                reason: s("damaged"),
                details: s("cracked lid"),
            },
            vec!["HM-000123", "damaged", "cracked lid"],
        ),
        (
            Notice::ListingSentForReview {
                product: s("p1"),
                title: s("Oolong tea"),
            },
            vec!["Oolong tea"],
        ),
        (
            Notice::ListingDecided {
                title: s("Oolong tea"),
            },
            vec!["Oolong tea"],
        ),
        (
            Notice::AppealDecided {
                statement: s("Granted"),
            },
            vec!["Granted"],
        ),
        (
            Notice::RightsOwnerDecided {
                statement: s("Verified"),
            },
            vec!["Verified"],
        ),
        (
            Notice::ListingTakenDown {
                title: s("Oolong tea"),
            },
            vec!["Oolong tea"],
        ),
        (
            Notice::NoticeRejected {
                statement: s("No proof"),
            },
            vec!["No proof"],
        ),
        (
            Notice::CounterNoticeReceived {
                title: s("Oolong tea"),
            },
            vec!["Oolong tea"],
        ),
        (
            Notice::ListingReinstated {
                title: s("Oolong tea"),
            },
            vec!["Oolong tea"],
        ),
        (
            Notice::TakedownUpheld {
                title: s("Oolong tea"),
            },
            vec!["Oolong tea"],
        ),
        (
            Notice::NegativeReview {
                line: s("l1"),
                rating: 2,
                title: s("Oolong tea"),
                body: s("Stale leaves"),
            },
            vec!["2", "Stale leaves"],
        ),
        (
            Notice::ReviewReplied {
                product: s("p1"),
                review: s("r1"),
                reply: s("Sorry to hear"),
            },
            vec!["Sorry to hear"],
        ),
        (
            Notice::ReviewRemoved {
                product: s("p1"),
                reason: s("Off topic"),
            },
            vec!["Off topic"],
        ),
        (
            Notice::LowStock {
                product: s("p1"),
                title: s("Oolong tea"),
            },
            vec!["Oolong tea"],
        ),
        (
            Notice::PayoutSent {
                reference: s("PO-42"),
            },
            vec!["PO-42"],
        ),
        (
            Notice::NewMessage {
                thread: s("t1"),
                from: s("Tea House"),
                text: s("It ships today."),
            },
            vec!["Tea House", "It ships today."],
        ),
        (
            Notice::PasswordReset {
                token: s("abc"),
                minutes: 60,
            },
            vec!["60"],
        ),
        (Notice::PasswordChanged, vec![]),
        (Notice::TwoStepChanged { on: true }, vec![]),
        (Notice::TwoStepChanged { on: false }, vec![]),
        (
            Notice::RecoveryCodes {
                used: true,
                left: 7,
            },
            vec!["7"],
        ),
        (
            Notice::RecoveryCodes {
                used: false,
                left: 10,
            },
            vec!["10"],
        ),
        (
            Notice::VerifyEmail {
                token: s("secret"),
                hours: 48,
            },
            vec!["48"],
        ),
        (
            Notice::NewQuestion {
                title: s("Oolong"),
                text: s("Cold brew?"),
            },
            vec!["Oolong", "Cold brew?"],
        ),
        (
            Notice::QuestionAnswered {
                product: s("p1"),
                title: s("Oolong"),
                text: s("Yes, 8 hours."),
            },
            vec!["Oolong", "Yes, 8 hours."],
        ),
        (
            Notice::QaRemoved {
                product: s("p1"),
                reason: s("Phone numbers are not allowed."),
            },
            vec!["Phone numbers are not allowed."],
        ),
    ]
}

#[test]
fn every_variant_has_an_example() {
    let mut seen = [false; VARIANTS];
    for (n, _) in examples() {
        seen[variant(&n)] = true;
    }
    let missing: Vec<usize> = (0..VARIANTS).filter(|&i| !seen[i]).collect();
    assert!(
        missing.is_empty(),
        "variants without an example: {missing:?}"
    );
}

#[test]
fn every_notice_has_words_in_both_languages() {
    for (n, _) in examples() {
        let en = n.text(Lang::En);
        let zh = n.text(Lang::ZhHant);
        assert!(!en.subject.trim().is_empty(), "{n:?}: English subject");
        assert!(!zh.subject.trim().is_empty(), "{n:?}: Chinese subject");
        assert_ne!(en.subject, zh.subject, "{n:?}: the subject is translated");
        assert!(
            !zh.subject.is_ascii(),
            "{n:?}: the Chinese subject is in Chinese"
        );
        // a notice with no body today (a return's decision) has none in either language
        assert_eq!(en.body.is_empty(), zh.body.is_empty(), "{n:?}: bodies");
        assert!(!n.kind().is_empty() && n.link().starts_with('/'), "{n:?}");
    }
}

#[test]
fn the_bilingual_subject_is_english_then_chinese() {
    for (n, _) in examples() {
        let r = n.render();
        let en = n.words(Lang::En);
        let zh = n.words(Lang::ZhHant);
        let expected = format!("{} · {}", en.subject, zh.subject);
        match n.reference() {
            Some(number) => assert_eq!(r.subject, format!("{expected} · {number}"), "{n:?}"),
            None => assert_eq!(r.subject, expected, "{n:?}"),
        }
        assert_eq!(r.body, en.body, "{n:?}: the feed's body is the English one");
        assert_eq!(r.kind, n.kind());
        assert_eq!(r.link, n.link());
    }
}

#[test]
fn the_data_appears_in_both_languages() {
    for (n, data) in examples() {
        for lang in Lang::ALL {
            let text = n.text(lang);
            let all = format!("{}\n{}", text.subject, text.body);
            for d in &data {
                assert!(all.contains(d), "{n:?} in {lang:?} lacks {d}: {all}");
            }
        }
    }
}

#[test]
fn renders_as_today() {
    let placed = Notice::OrderPlaced {
        order: s("k1"),
        number: s("HM-1"),
        shop: s("Tea House"),
        total: s("NT$100"),
    }
    .render();
    assert_eq!(placed.subject, "Order HM-1 placed · 訂單 HM-1 已成立");
    assert_eq!(
        placed.body,
        "Thank you! Tea House will ship your order once payment of NT$100 is received."
    );
    assert_eq!(placed.link, "/orders/k1");
    assert_eq!(placed.kind, "order_placed");
    let paid = Notice::PaymentReceived {
        order: s("k1"),
        number: s("HM-1"),
    };
    assert_eq!(
        paid.render().subject,
        "Payment received · 已收到付款 · HM-1"
    );
    assert_eq!(paid.text(Lang::ZhHant).subject, "已收到付款 · HM-1");
    let asked = Notice::ReturnRequested {
        order: s("k1"),
        number: s("HM-1"),
        kind: ReturnKind::Return,
        reason: s("damaged"),
        details: s(""),
    }
    .render();
    assert_eq!(asked.subject, "return requested · 退貨申請 · HM-1");
    assert_eq!(asked.body, "damaged: ");
    assert_eq!(asked.link, "/seller/orders/k1");
    let at = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
    let mail = paid.mail(&RecordId::new("user", "u1"), at);
    assert_eq!(mail.link.as_deref(), Some("/orders/k1"));
    assert_eq!(mail.kind, "order_paid");
    assert_eq!(mail.created_at, at);
}

/// Every kind of mail with a secret link has a lifetime, and no other kind has one:
/// a renamed kind cannot quietly go back to mailing links that no longer work.
#[test]
fn exactly_the_secret_link_kinds_expire() {
    let secret: Vec<&str> = crate::secret_mail_kinds!()
        .trim_matches(|c| c == '[' || c == ']')
        .split(", ")
        .map(|k| k.trim_matches('\''))
        .collect();
    assert_eq!(secret, ["password_reset", "verify_email"]);
    for (notice, _) in examples() {
        let kind = notice.kind();
        assert_eq!(
            super::link_lifetime(kind).is_some(),
            secret.contains(&kind),
            "{kind}"
        );
    }
}
