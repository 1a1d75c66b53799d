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

fn line(key: &str, amount: i64, quantity: i64, discount: i64) -> BoughtLine {
    BoughtLine {
        line: key.into(),
        amount_minor: amount,
        quantity,
        discount_minor: discount,
    }
}

fn back(key: &str, quantity: i64) -> ReturnLine {
    ReturnLine {
        line: key.into(),
        quantity,
    }
}

#[test]
fn a_return_gives_back_each_lines_goods_after_its_own_discount() {
    // a: 2 × 500 with 300 off (an item discount on it alone); b: 1 × 1000 with none
    let lines = [line("a", 1000, 2, 300), line("b", 1000, 1, 0)];
    let all = [back("a", 2), back("b", 1)];
    assert_eq!(refund_due(&lines, &all, 300, PostagePayer::Seller), None);
    assert_eq!(
        refund_due(&lines, &all, 300, PostagePayer::Buyer),
        Some(1700)
    );
    // one of the two discounted units: half of what the line cost after its discount
    assert_eq!(
        refund_due(&lines, &[back("a", 1)], 300, PostagePayer::Seller),
        Some(350)
    );
    // the undiscounted line gives back its whole price, not a share of a's discount
    assert_eq!(
        refund_due(&lines, &[back("b", 1)], 300, PostagePayer::Seller),
        Some(1000)
    );
    // units beyond what was bought count as what was bought
    assert_eq!(
        refund_due(&lines, &[back("b", 9)], 300, PostagePayer::Buyer),
        Some(1000)
    );
    assert_eq!(refund_due(&[], &[], 0, PostagePayer::Buyer), Some(0));
}

#[test]
fn an_order_placed_before_lines_carried_their_share_spreads_its_discount_by_amount() {
    let lines = [line("a", 300, 1, 0), line("b", 700, 1, 0)];
    assert_eq!(line_discounts(&lines, 100), vec![30, 70]);
    assert_eq!(
        refund_due(&lines, &[back("a", 1)], 100, PostagePayer::Seller),
        Some(270)
    );
    // a stored share wins over spreading
    let stored = [line("a", 300, 1, 100), line("b", 700, 1, 0)];
    assert_eq!(line_discounts(&stored, 100), vec![100, 0]);
}

proptest! {
    /// However an order's items are split over returns, they never give back more than
    /// the goods cost after their discounts, and each is within 0..=that.
    #[test]
    fn partial_returns_never_give_back_more_than_the_goods(
        prices in prop::collection::vec((1i64..100_000, 1i64..5, 0i64..=100), 1..6),
        order_pct in 0i64..=100,
        cut in 0usize..6,
    ) {
        let lines: Vec<BoughtLine> = prices
            .iter()
            .enumerate()
            .map(|(i, (unit, q, pct))| line(&i.to_string(), unit * q, *q, unit * q * pct / 100))
            .collect();
        let subtotal: i64 = lines.iter().map(|l| l.amount_minor).sum();
        let order_discount = subtotal * order_pct / 100;
        let cut = cut.min(lines.len());
        let back_of = |ls: &[BoughtLine]| -> Vec<ReturnLine> {
            ls.iter().map(|l| back(&l.line, l.quantity)).collect()
        };
        let (first, rest) = lines.split_at(cut);
        let due = |part: &[BoughtLine]| {
            refund_due(&lines, &back_of(part), order_discount, PostagePayer::Buyer).unwrap()
        };
        let (a, b) = (due(first), due(rest));
        let shares = line_discounts(&lines, order_discount);
        let goods = subtotal - shares.iter().sum::<i64>();
        prop_assert!(a >= 0 && b >= 0);
        prop_assert_eq!(a + b, goods, "whole lines come back exactly");
    }
}
