use super::*;
use proptest::prelude::*;

#[test]
fn codes_and_cookies() {
    let mut n = 0u8;
    let c = new_code(|| {
        n = n.wrapping_add(7);
        n
    });
    assert!(is_code(&c), "{c}");
    assert!(!is_code("ABCDEFGH") && !is_code("abc") && !is_code("abcdefg0"));
    let v = attribution_cookie(&c, 1_700_000_000);
    assert_eq!(parse_attribution(&v), Some((c.clone(), 1_700_000_000)));
    for bad in [
        "",
        "x",
        "abcdefgh",
        "abcdefgh.",
        "abcdefgh.-5",
        "abcdefgh.x",
        "ab.5",
    ] {
        assert_eq!(parse_attribution(bad), None, "{bad}");
    }
    assert!(attribution_live(100, 100 + 30 * 86_400, 30));
    assert!(!attribution_live(100, 101 + 30 * 86_400, 30));
    assert!(
        !attribution_live(100_000, 100, 30),
        "a click from the future"
    );
}

#[test]
fn percentages() {
    assert_eq!(parse_percent("5"), Some(500));
    assert_eq!(parse_percent("2.5"), Some(250));
    assert_eq!(parse_percent("12.25%"), Some(1225));
    assert_eq!(parse_percent("100"), Some(10_000));
    assert_eq!(parse_percent(".5"), Some(50));
    for bad in ["", "-5", "100.01", "101", "1.234", "five", "1e2", "+3", "."] {
        assert_eq!(parse_percent(bad), None, "{bad}");
    }
}

#[test]
fn campaign_rules_refuse_negative_and_over_100_percent() {
    let ok = CampaignInput {
        kind: "percent",
        rate: "5",
        fixed_minor: None,
        cap_minor: Some(20_000),
        welcome: "10",
        welcome_cap_minor: None,
    };
    let c = check_campaign(&ok).unwrap();
    assert_eq!(c.reward_minor(100_000), 5_000);
    assert_eq!(c.reward_minor(1_000_000), 20_000, "capped");
    assert_eq!(c.welcome_minor(100_000), 10_000);
    let fields = |i: &CampaignInput<'_>| -> Vec<String> {
        check_campaign(i)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect()
    };
    assert_eq!(fields(&CampaignInput { rate: "-5", ..ok }), ["rate"]);
    assert_eq!(fields(&CampaignInput { rate: "150", ..ok }), ["rate"]);
    assert_eq!(fields(&CampaignInput { rate: "0", ..ok }), ["rate"]);
    assert_eq!(
        fields(&CampaignInput {
            welcome: "101",
            ..ok
        }),
        ["welcome"]
    );
    assert_eq!(
        fields(&CampaignInput {
            cap_minor: Some(-1),
            ..ok
        }),
        ["cap"]
    );
    assert!(
        check_campaign(&CampaignInput {
            cap_minor: None,
            welcome: "",
            ..ok
        })
        .is_ok(),
        "empty: no cap"
    );
    assert_eq!(
        fields(&CampaignInput {
            kind: "fixed",
            fixed_minor: Some(-100),
            ..ok
        }),
        ["fixed"]
    );
    assert_eq!(
        fields(&CampaignInput {
            kind: "fixed",
            fixed_minor: None,
            ..ok
        }),
        ["fixed"]
    );
    assert_eq!(
        fields(&CampaignInput {
            kind: "bonus",
            ..ok
        }),
        ["kind"]
    );
    let fixed = check_campaign(&CampaignInput {
        kind: "fixed",
        fixed_minor: Some(5_000),
        ..ok
    })
    .unwrap();
    assert_eq!(fixed.reward_minor(100_000), 5_000);
    assert_eq!(
        fixed.reward_minor(3_000),
        3_000,
        "never more than the goods"
    );
}

fn state(status: RewardStatus) -> RewardState {
    RewardState {
        status,
        paid: false,
        settled: false,
        amount_minor: 500,
    }
}

#[test]
fn a_reward_is_pending_when_paid_available_when_settled_reversed_when_refunded() {
    let (s, p) = on_event(state(RewardStatus::AwaitingPayment), OrderEvent::Paid).unwrap();
    assert_eq!(s.status, RewardStatus::Pending);
    assert_eq!(balance_delta(&p), (500, 0));
    assert!(
        on_event(s, OrderEvent::Paid).is_none(),
        "a repeat changes nothing"
    );
    let (s2, p2) = on_event(s, OrderEvent::Settled).unwrap();
    assert_eq!(s2.status, RewardStatus::Available);
    assert_eq!(balance_delta(&p2), (-500, 500));
    let (s3, p3) = on_event(s2, OrderEvent::Ended).unwrap();
    assert_eq!(s3.status, RewardStatus::Reversed);
    assert_eq!(balance_delta(&p3), (0, -500));
    assert!(on_event(s3, OrderEvent::Paid).is_none());
    // a held reward follows its order and is placed by the decision
    let (h, p) = on_event(state(RewardStatus::Held), OrderEvent::Paid).unwrap();
    assert!(p.is_empty() && h.paid && h.status == RewardStatus::Held);
    let (a, p) = decide_held(h, true).unwrap();
    assert_eq!(
        (a.status, balance_delta(&p)),
        (RewardStatus::Pending, (500, 0))
    );
    let (r, p) = decide_held(h, false).unwrap();
    assert_eq!((r.status, p.len()), (RewardStatus::Rejected, 0));
    assert!(decide_held(a, true).is_none(), "decided once");
}

#[test]
fn spending_never_exceeds_what_is_available() {
    assert!(spend(0, 100).is_none());
    assert!(spend(101, 100).is_none());
    assert_eq!(balance_delta(&spend(100, 100).unwrap()), (0, -100));
    assert_eq!(balance_delta(&restore(40)), (0, 40));
}

#[test]
fn addresses_match_loosely() {
    assert_eq!(
        address_key("12 Main St.", "10-001", "TW"),
        address_key("12 main st", "10001", "tw")
    );
    assert_ne!(
        address_key("12 Main St", "10001", "TW"),
        address_key("14 Main St", "10001", "TW")
    );
}

fn e(a: &str, b: &str) -> (String, String) {
    (a.into(), b.into())
}

#[test]
fn a_three_account_ring_is_found() {
    let edges = vec![e("a", "b"), e("b", "c"), e("x", "a")];
    assert_eq!(
        closes_cycle(&edges, "c", "a", 6),
        Some(vec!["c".into(), "a".into(), "b".into()])
    );
    assert_eq!(closes_cycle(&edges, "x", "c", 6), None);
    assert_eq!(closes_cycle(&edges, "a", "a", 6), Some(vec!["a".into()]));
    assert_eq!(
        closes_cycle(&edges, "c", "a", 1),
        None,
        "beyond the search depth"
    );
}

proptest! {
    /// Any sequence of order events and decisions keeps the books balanced, never
    /// leaves pending credit below zero, and a reversed or rejected reward leaves the
    /// user's balances where they were before it.
    #[test]
    fn reward_life_keeps_the_books(held in any::<bool>(), steps in prop::collection::vec(0u8..6, 0..12), amount in 1i64..100_000) {
        let mut s = RewardState { status: if held { RewardStatus::Held } else { RewardStatus::AwaitingPayment }, paid: false, settled: false, amount_minor: amount };
        let (mut pending, mut available, mut total) = (0i64, 0i64, 0i64);
        for step in steps {
            let change = match step {
                0 => on_event(s, OrderEvent::Paid),
                1 => if s.paid { on_event(s, OrderEvent::Settled) } else { None },
                2 => on_event(s, OrderEvent::Ended),
                3 => decide_held(s, true),
                4 => decide_held(s, false),
                _ => hold(s),
            };
            if let Some((n, p)) = change {
                total += p.iter().map(|(_, v)| v).sum::<i64>();
                let (dp, da) = balance_delta(&p);
                pending += dp;
                available += da;
                s = n;
            }
            prop_assert_eq!(total, 0);
            prop_assert!(pending >= 0 && available >= 0);
            match s.status {
                RewardStatus::Pending => prop_assert_eq!((pending, available), (amount, 0)),
                RewardStatus::Available => prop_assert_eq!((pending, available), (0, amount)),
                _ => prop_assert_eq!((pending, available), (0, 0)),
            }
        }
    }

    /// A found cycle is made of real edges and closes through the new edge; when
    /// none is found, the sharer is not reachable from the buyer.
    #[test]
    fn cycles_are_real(raw in prop::collection::vec((0u8..6, 0u8..6), 0..14), s in 0u8..6, b in 0u8..6) {
        let name = |n: u8| format!("u{n}");
        let edges: Vec<(String, String)> = raw.iter().filter(|(x, y)| x != y).map(|&(x, y)| (name(x), name(y))).collect();
        let (sharer, buyer) = (name(s), name(b));
        match closes_cycle(&edges, &sharer, &buyer, 6) {
            Some(path) if sharer != buyer => {
                prop_assert_eq!(&path[0], &sharer);
                prop_assert_eq!(&path[1], &buyer);
                for w in path[1..].windows(2) {
                    prop_assert!(edges.contains(&(w[0].clone(), w[1].clone())));
                }
                prop_assert!(edges.contains(&(path[path.len() - 1].clone(), sharer.clone())));
            }
            Some(_) => {}
            None => {
                // reachability by brute force
                let mut seen = std::collections::HashSet::from([buyer.clone()]);
                loop {
                    let before = seen.len();
                    for (f, t) in &edges { if seen.contains(f) { seen.insert(t.clone()); } }
                    if seen.len() == before { break; }
                }
                prop_assert!(!seen.contains(&sharer));
            }
        }
    }
}
