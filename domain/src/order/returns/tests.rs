use super::*;
use proptest::prelude::*;

fn bought() -> Vec<(String, i64)> {
    vec![("a".into(), 2), ("b".into(), 1)]
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

#[test]
fn the_seller_pays_the_postage_back_when_at_fault() {
    for r in ["damaged", "not_as_described", "wrong_item"] {
        assert_eq!(postage_payer(r), PostagePayer::Seller, "{r}");
    }
    for r in ["changed_mind", "other", "anything"] {
        assert_eq!(postage_payer(r), PostagePayer::Buyer, "{r}");
    }
    for p in [PostagePayer::Seller, PostagePayer::Buyer] {
        assert_eq!(PostagePayer::parse(p.as_str()), Some(p));
    }
}

#[test]
fn a_return_moves_only_along_its_steps() {
    use ReturnStatus as S;
    use ReturnStep as St;
    let steps = [St::Accept, St::Refuse, St::ShipBack, St::Receive];
    for status in S::ALL {
        assert_eq!(S::parse(status.as_str()), Some(status));
        for step in steps {
            let next = status.apply(step);
            assert_eq!(
                next.is_some(),
                step.source() == status,
                "{status:?} {step:?}"
            );
        }
    }
    assert_eq!(S::Requested.apply(St::Accept), Some(S::Accepted));
    assert_eq!(S::Accepted.apply(St::ShipBack), Some(S::ShippedBack));
    assert_eq!(S::ShippedBack.apply(St::Receive), Some(S::Refunded));
    assert_eq!(S::open_names(), ["requested", "accepted", "shipped_back"]);
    assert!(!S::Refused.is_open() && !S::Refunded.is_open());
}

#[test]
fn items_asked_back_are_checked_against_what_was_bought() {
    let all = parse_lines(&[], &bought()).unwrap();
    assert!(is_whole(&all, &bought()));
    let one = parse_lines(&s(&["a:1"]), &bought()).unwrap();
    assert_eq!(
        one,
        [ReturnLine {
            line: "a".into(),
            quantity: 1
        }]
    );
    assert!(!is_whole(&one, &bought()));
    assert!(is_whole(
        &parse_lines(&s(&["b:1", "a:2"]), &bought()).unwrap(),
        &bought()
    ));
    // a zero quantity leaves a line out
    assert_eq!(
        parse_lines(&s(&["a:0", "b:1"]), &bought()).unwrap().len(),
        1
    );
    for bad in [
        &["a:3"][..],
        &["c:1"],
        &["a:-1"],
        &["a"],
        &["a:x"],
        &["a:1", "a:1"],
    ] {
        assert_eq!(
            parse_lines(&s(bad), &bought()),
            Err(FieldErrorCode::InvalidChoice),
            "{bad:?}"
        );
    }
    assert_eq!(
        parse_lines(&s(&["a:0"]), &bought()),
        Err(FieldErrorCode::Required)
    );
    assert_eq!(
        parse_lines(&s(&["a:1", "b:1", "c:1"]), &bought()),
        Err(FieldErrorCode::TooMany)
    );
}

#[test]
fn a_return_gives_back_the_goods_after_the_promotion_and_the_shipping_only_at_fault() {
    let o = OrderAmounts {
        subtotal_minor: 1000,
        shipping_minor: 60,
        discount_minor: 100,
        ..Default::default()
    };
    assert_eq!(refund_due(&o, 1000, true, PostagePayer::Seller), None);
    assert_eq!(refund_due(&o, 1000, true, PostagePayer::Buyer), Some(900));
    assert_eq!(refund_due(&o, 300, false, PostagePayer::Seller), Some(270));
    assert_eq!(refund_due(&o, 5000, false, PostagePayer::Buyer), Some(900));
    let free = OrderAmounts::default();
    assert_eq!(refund_due(&free, 0, false, PostagePayer::Buyer), Some(0));
}

proptest! {
    /// However an order's items are split over returns, they never give back more than
    /// the goods cost after the promotion, and each is within 0..=that.
    #[test]
    fn partial_returns_never_give_back_more_than_the_goods(
        prices in prop::collection::vec(1i64..100_000, 1..6),
        discount_pct in 0i64..=100,
        cut in 0usize..6,
    ) {
        let subtotal: i64 = prices.iter().sum();
        let o = OrderAmounts {
            subtotal_minor: subtotal,
            shipping_minor: 60,
            discount_minor: subtotal * discount_pct / 100,
            ..Default::default()
        };
        let cut = cut.min(prices.len());
        let (first, rest) = prices.split_at(cut);
        let due = |part: &[i64]| {
            refund_due(&o, part.iter().sum(), false, PostagePayer::Seller).unwrap()
        };
        let (a, b) = (due(first), due(rest));
        let goods = subtotal - o.discount_minor;
        prop_assert!(a >= 0 && b >= 0);
        prop_assert!(a + b <= goods);
        prop_assert!(goods - (a + b) <= 1, "rounding loses at most one minor unit");
    }
}
