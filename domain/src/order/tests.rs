use super::*;
use proptest::prelude::*;

const ACTIONS: [OrderAction; 5] = [
    OrderAction::MarkPaid,
    OrderAction::Ship,
    OrderAction::Deliver,
    OrderAction::Complete,
    OrderAction::Cancel,
];

#[test]
fn order_events_round_trip_and_each_action_records_the_status_it_reaches() {
    for e in OrderEvent::ALL {
        assert_eq!(OrderEvent::parse(e.as_str()), Some(e));
    }
    for a in ACTIONS {
        let to = OrderStatus::sources(a)[0].apply(a).unwrap();
        assert_eq!(OrderEvent::of(a).as_str(), to.as_str());
    }
}

#[test]
fn happy_path() {
    let mut s = OrderStatus::Placed;
    for a in [
        OrderAction::MarkPaid,
        OrderAction::Ship,
        OrderAction::Deliver,
        OrderAction::Complete,
    ] {
        s = s.apply(a).unwrap();
    }
    assert_eq!(s, OrderStatus::Completed);
}

#[test]
fn cancel_only_before_shipment() {
    assert_eq!(
        OrderStatus::Paid.apply(OrderAction::Cancel),
        Ok(OrderStatus::Cancelled)
    );
    assert_eq!(
        OrderStatus::Shipped.apply(OrderAction::Cancel),
        Err(OrderError::WrongState)
    );
    assert_eq!(
        release_on_cancel(OrderStatus::Placed),
        Some(StockRelease::Unreserve)
    );
    assert_eq!(
        release_on_cancel(OrderStatus::Paid),
        Some(StockRelease::Restock)
    );
    assert_eq!(release_on_cancel(OrderStatus::Shipped), None);
}

proptest! {
    /// Whatever sequence of actions is tried, final states stay final, an order
    /// never goes back along the timeline, and cancellation never follows shipment.
    #[test]
    fn transitions_only_move_forward(seq in proptest::collection::vec(0usize..5, 0..20)) {
        let rank = |s: OrderStatus| OrderStatus::TIMELINE.iter().position(|x| *x == s);
        let mut s = OrderStatus::Placed;
        let mut shipped = false;
        for i in seq {
            let before = s;
            if let Ok(next) = s.apply(ACTIONS[i]) {
                prop_assert!(!before.is_final());
                if next == OrderStatus::Cancelled {
                    prop_assert!(!shipped);
                } else {
                    prop_assert_eq!(rank(next).unwrap(), rank(before).unwrap() + 1);
                }
                s = next;
                shipped |= s == OrderStatus::Shipped;
            } else {
                prop_assert_eq!(s, before);
            }
        }
    }

    #[test]
    fn fingerprint_ignores_order_but_not_prices(
        a in 0i64..1_000_000, b in 0i64..1_000_000, qa in 1u32..99, qb in 1u32..99, bump in 1i64..1000
    ) {
        let l1 = PricedLine { product: "a", quantity: qa, unit_price_minor: a, currency: "TWD" };
        let l2 = PricedLine { product: "b", quantity: qb, unit_price_minor: b, currency: "USD" };
        let f = fingerprint(&[l1.clone(), l2.clone()]);
        prop_assert_eq!(&f, &fingerprint(&[l2.clone(), l1.clone()]));
        let changed = PricedLine { unit_price_minor: a + bump, ..l1.clone() };
        prop_assert_ne!(&f, &fingerprint(&[changed, l2.clone()]));
        let more = PricedLine { quantity: qa + 1, ..l1 };
        prop_assert_ne!(&f, &fingerprint(&[more, l2]));
    }

    #[test]
    fn shipping_fee_never_negative(p in -1000i64..100_000, free in proptest::option::of(0i64..100_000), sub in 0i64..1_000_000) {
        let fee = shipping_fee(p, free, sub);
        prop_assert!(fee >= 0);
        if let Some(f) = free { if sub >= f { prop_assert_eq!(fee, 0); } }
    }
}

fn raw() -> Address {
    Address {
        name: " Mei Lin ".into(),
        phone: "+886 2 1234 5678".into(),
        line1: "No. 1, Section 5, Xinyi Rd".into(),
        line2: String::new(),
        city: "Taipei".into(),
        postal_code: "110".into(),
        country: "tw".into(),
    }
}

#[test]
fn address_is_trimmed_and_checked() {
    let a = Address::parse(raw()).unwrap();
    assert_eq!(a.name, "Mei Lin");
    assert_eq!(a.country, "TW");
    let bad = Address {
        name: String::new(),
        phone: "call me".into(),
        country: "XX".into(),
        ..raw()
    };
    let errs = Address::parse(bad).unwrap_err();
    let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["name", "country", "phone"]);
}

#[test]
fn tracking_links_only_for_known_carriers_and_plain_numbers() {
    assert_eq!(
        tracking_url("UPS", "1Z999").as_deref(),
        Some("https://www.ups.com/track?tracknum=1Z999")
    );
    assert_eq!(tracking_url("UPS", "1Z<script>"), None);
    assert_eq!(tracking_url("Pigeon", "1"), None);
}

#[test]
fn order_numbers_are_short() {
    assert_eq!(order_number("abc123def456"), "HM-ABC123DE");
}

proptest! {
    /// Credit spent never exceeds what is available nor any order's goods, and it is
    /// all spent when the goods can take it.
    #[test]
    fn credit_splits_within_balance_and_goods(
        available in -1_000i64..1_000_000,
        goods in proptest::collection::vec(-100i64..500_000, 0..6),
    ) {
        let split = split_credit(available, &goods);
        prop_assert_eq!(split.len(), goods.len());
        let spent: i64 = split.iter().sum();
        prop_assert!(spent <= available.max(0));
        for (take, g) in split.iter().zip(&goods) {
            prop_assert!(*take >= 0 && *take <= (*g).max(0));
        }
        let room: i64 = goods.iter().map(|g| (*g).max(0)).sum();
        prop_assert_eq!(spent, available.max(0).min(room));
    }
}
