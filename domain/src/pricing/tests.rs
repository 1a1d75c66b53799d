use proptest::prelude::*;

use super::*;

fn line(product: &str, shop: &str, unit: i64, quantity: i64) -> Line {
    Line {
        product: product.into(),
        shop: shop.into(),
        category: "tea".into(),
        unit_minor: unit,
        quantity,
        floor_minor: 0,
    }
}

fn promo(id: &str, shop: Option<&str>, kind: Kind) -> Promotion {
    Promotion {
        id: id.into(),
        shop: shop.map(str::to_string),
        kind,
        funding: if shop.is_some() {
            Funding::Seller
        } else {
            Funding::Platform
        },
    }
}

fn applied<'p>(p: &'p Priced, id: &str) -> Option<&'p Applied> {
    p.applied.iter().find(|a| a.promotion == id)
}

#[test]
fn item_discounts_do_not_add_up_the_best_one_counts() {
    let lines = [line("a", "s", 1_000, 2), line("b", "s", 500, 1)];
    let promos = [
        promo(
            "ten",
            Some("s"),
            Kind::Discount {
                target: Target::WholeShop,
                off: Off::Percent(1_000),
            },
        ),
        promo(
            "flash",
            Some("s"),
            Kind::Price {
                target: Target::Products(vec!["a".into()]),
                unit_minor: 700,
                max_units: None,
            },
        ),
    ];
    let p = price(&lines, &promos);
    assert_eq!(p.after, vec![1_400, 450]);
    assert_eq!(applied(&p, "flash").unwrap().per_line, vec![600, 0]);
    assert_eq!(applied(&p, "ten").unwrap().per_line, vec![0, 50]);
    assert_eq!(p.total_minor(), 1_850);
}

#[test]
fn stages_stack_in_order_and_each_works_on_what_is_left() {
    let lines = [
        line("a", "s", 1_000, 1),
        line("b", "s", 1_000, 1),
        line("c", "t", 2_000, 1),
    ];
    let promos = [
        promo(
            "tvoucher",
            Some("t"),
            Kind::Voucher {
                min_spend: 0,
                off: Off::Amount(100),
                cap_minor: None,
            },
        ),
        promo(
            "svoucher",
            Some("s"),
            Kind::Voucher {
                min_spend: 1_500,
                off: Off::Amount(100),
                cap_minor: None,
            },
        ),
        promo(
            "manjian",
            Some("s"),
            Kind::SpendSave {
                tiers: vec![(1_000, 50), (2_000, 200)],
            },
        ),
        promo(
            "half",
            Some("s"),
            Kind::Discount {
                target: Target::Products(vec!["a".into()]),
                off: Off::Percent(5_000),
            },
        ),
        promo(
            "platform",
            None,
            Kind::Voucher {
                min_spend: 3_000,
                off: Off::Percent(1_000),
                cap_minor: Some(250),
            },
        ),
    ];
    let p = price(&lines, &promos);
    // a: 1,000 → 500; shop s's goods are then 1,500: the 1,000 tier (50) leaves 1,450,
    // below its voucher's minimum
    let order: Vec<&str> = p.applied.iter().map(|a| a.promotion.as_str()).collect();
    assert_eq!(order, ["half", "manjian", "tvoucher", "platform"]);
    assert_eq!(applied(&p, "manjian").unwrap().amount_minor, 50);
    assert!(
        applied(&p, "svoucher").is_none(),
        "1,450 is below its minimum"
    );
    // the platform's 10 % of 3,350, capped at 250
    assert_eq!(applied(&p, "platform").unwrap().amount_minor, 250);
    assert_eq!(applied(&p, "platform").unwrap().platform_minor, 250);
    assert_eq!(p.total_minor(), 4_000 - 500 - 50 - 100 - 250);
    // what came off shop t's line: its own discounts and its share of the platform's
    let off_t: i64 = (0..lines.len())
        .filter(|&i| lines[i].shop == "t")
        .map(|i| p.before[i] - p.after[i])
        .sum();
    assert_eq!(off_t, 100 + applied(&p, "platform").unwrap().per_line[2]);
}

#[test]
fn the_best_voucher_of_a_shop_is_the_one_taken() {
    let lines = [line("a", "s", 3_000, 1)];
    let promos = [
        promo(
            "small",
            Some("s"),
            Kind::Voucher {
                min_spend: 0,
                off: Off::Amount(100),
                cap_minor: None,
            },
        ),
        promo(
            "big",
            Some("s"),
            Kind::Voucher {
                min_spend: 2_000,
                off: Off::Percent(1_000),
                cap_minor: Some(400),
            },
        ),
        promo(
            "bigger-but-out-of-reach",
            Some("s"),
            Kind::Voucher {
                min_spend: 5_000,
                off: Off::Amount(1_000),
                cap_minor: None,
            },
        ),
    ];
    let p = price(&lines, &promos);
    assert_eq!(p.applied.len(), 1);
    assert_eq!(p.applied[0].promotion, "big");
    assert_eq!(p.applied[0].amount_minor, 300);
}

#[test]
fn bundles_need_their_quantity_and_floors_hold_against_everything() {
    let mut a = line("a", "s", 1_000, 1);
    a.floor_minor = 900;
    let lines = [a.clone(), line("b", "s", 1_000, 1)];
    let bundle = promo(
        "two",
        Some("s"),
        Kind::Bundle {
            target: Target::WholeShop,
            min_quantity: 2,
            off_bp: 1_000,
        },
    );
    let voucher = promo(
        "v",
        Some("s"),
        Kind::Voucher {
            min_spend: 0,
            off: Off::Amount(5_000),
            cap_minor: None,
        },
    );
    let p = price(&lines, &[bundle.clone(), voucher]);
    assert_eq!(p.after[0], 900, "never below the seller's floor");
    assert_eq!(
        p.after[1], 0,
        "the rest of the voucher falls on the other line"
    );
    assert_eq!(applied(&p, "two").unwrap().amount_minor, 200);
    let p = price(&[a], &[bundle]);
    assert!(p.applied.is_empty(), "one unit is not a bundle of two");
}

#[test]
fn a_co_funded_campaign_counts_the_whole_cart_once_and_records_each_side() {
    let lines = [line("a", "s", 600, 1), line("b", "t", 399, 1)];
    let mut campaign = promo(
        "campaign",
        None,
        Kind::SpendSave {
            tiers: vec![(900, 333)],
        },
    );
    campaign.funding = Funding::Shared { platform_bp: 5_000 };
    let p = price(&lines, &[campaign]);
    assert_eq!(p.applied.len(), 1, "once for the cart, not once per shop");
    let a = &p.applied[0];
    assert_eq!(a.stage, Stage::PlatformSpend);
    assert_eq!(a.per_line, vec![200, 133]);
    assert_eq!((a.seller_minor, a.platform_minor), (167, 166));
    assert_eq!(a.platform_per_line.iter().sum::<i64>(), 166);
}

#[test]
fn a_shops_own_promotion_never_costs_the_platform_whatever_it_says() {
    let lines = [line("a", "s", 1_000, 1)];
    let mut own = promo(
        "own",
        Some("s"),
        Kind::Voucher {
            min_spend: 0,
            off: Off::Amount(100),
            cap_minor: None,
        },
    );
    own.funding = Funding::Platform;
    let p = price(&lines, &[own]);
    assert_eq!(
        (p.applied[0].seller_minor, p.applied[0].platform_minor),
        (100, 0)
    );
    assert_eq!(p.applied[0].platform_per_line, vec![0]);
}

#[test]
fn lines_no_cart_accepts_are_priced_as_empty_without_panicking() {
    let mut bad = line("a", "s", -5, 3);
    bad.floor_minor = 10;
    let lines = [
        bad,
        line("b", "s", 100, -2),
        line("c", "s", i64::MAX, i64::MAX),
        line("d", "s", 100, 1),
    ];
    let all = promo(
        "all",
        Some("s"),
        Kind::Discount {
            target: Target::WholeShop,
            off: Off::Percent(5_000),
        },
    );
    let p = price(&lines, &[all]);
    assert_eq!(p.before, vec![0, 0, 0, 100]);
    assert_eq!(p.after, vec![0, 0, 0, 50]);
}

#[test]
fn the_bundle_saving_most_takes_the_lines_it_shares_with_another() {
    let lines = [line("a", "s", 1_000, 1), line("b", "s", 1_000, 1)];
    let small = promo(
        "small",
        Some("s"),
        Kind::Bundle {
            target: Target::WholeShop,
            min_quantity: 2,
            off_bp: 500,
        },
    );
    let big = promo(
        "big",
        Some("s"),
        Kind::Bundle {
            target: Target::Products(vec!["a".into(), "b".into()]),
            min_quantity: 2,
            off_bp: 1_500,
        },
    );
    let p = price(&lines, &[small, big]);
    assert_eq!(p.applied.len(), 1);
    assert_eq!(p.applied[0].promotion, "big");
    assert_eq!(p.total_minor(), 1_700);
}

#[test]
fn promotions_of_another_shop_or_another_product_do_not_apply() {
    let lines = [line("a", "s", 1_000, 1)];
    let promos = [
        promo(
            "other-shop",
            Some("t"),
            Kind::Discount {
                target: Target::WholeShop,
                off: Off::Percent(5_000),
            },
        ),
        promo(
            "other-product",
            Some("s"),
            Kind::Price {
                target: Target::Products(vec!["b".into()]),
                unit_minor: 1,
                max_units: None,
            },
        ),
        promo(
            "other-category",
            Some("s"),
            Kind::Discount {
                target: Target::Category("shoes".into()),
                off: Off::Amount(10),
            },
        ),
        promo(
            "other-voucher",
            Some("t"),
            Kind::Voucher {
                min_spend: 0,
                off: Off::Amount(10),
                cap_minor: None,
            },
        ),
    ];
    let p = price(&lines, &promos);
    assert!(p.applied.is_empty(), "{:?}", p.applied);
    assert_eq!(p.total_minor(), 1_000);
}

fn any_off() -> impl Strategy<Value = Off> {
    prop_oneof![
        (1u32..=10_000).prop_map(Off::Percent),
        (0i64..200_000).prop_map(Off::Amount),
    ]
}

fn any_target() -> impl Strategy<Value = Target> {
    prop_oneof![
        Just(Target::WholeShop),
        (0..6usize).prop_map(|p| Target::Products(vec![format!("p{p}")])),
        (0..3usize).prop_map(|c| Target::Category(format!("c{c}"))),
    ]
}

fn any_kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        (any_target(), any_off()).prop_map(|(target, off)| Kind::Discount { target, off }),
        (any_target(), 0i64..100_000, prop::option::of(0i64..5)).prop_map(
            |(target, unit_minor, max_units)| Kind::Price {
                target,
                unit_minor,
                max_units,
            }
        ),
        (any_target(), 0i64..5, 1u32..=10_000).prop_map(|(target, min_quantity, off_bp)| {
            Kind::Bundle {
                target,
                min_quantity,
                off_bp,
            }
        }),
        proptest::collection::vec((0i64..300_000, 0i64..100_000), 1..4)
            .prop_map(|tiers| Kind::SpendSave { tiers }),
        (0i64..300_000, any_off(), proptest::option::of(1i64..50_000)).prop_map(
            |(min_spend, off, cap_minor)| Kind::Voucher {
                min_spend,
                off,
                cap_minor
            }
        ),
    ]
}

fn any_promotion() -> impl Strategy<Value = Promotion> {
    (
        proptest::option::of(0..3usize),
        any_kind(),
        0u32..=10_000,
        0..3u8,
    )
        .prop_map(|(shop, kind, bp, f)| Promotion {
            id: String::new(),
            shop: shop.map(|s| format!("s{s}")),
            kind,
            funding: match f {
                0 => Funding::Seller,
                1 => Funding::Platform,
                _ => Funding::Shared { platform_bp: bp },
            },
        })
}

fn any_line() -> impl Strategy<Value = Line> {
    (
        0..6usize,
        0..3usize,
        0..3usize,
        1i64..100_000,
        1i64..20,
        0i64..120_000,
    )
        .prop_map(|(p, s, c, unit, quantity, floor)| Line {
            product: format!("p{p}"),
            shop: format!("s{s}"),
            category: format!("c{c}"),
            unit_minor: unit,
            quantity,
            floor_minor: if floor % 3 == 0 { 0 } else { floor },
        })
}

proptest! {
    #[test]
    fn totals_hold_for_any_cart_and_any_promotions(
        lines in proptest::collection::vec(any_line(), 0..30),
        promos in proptest::collection::vec(any_promotion(), 0..20),
    ) {
        let promos: Vec<Promotion> = promos.into_iter().enumerate().map(|(i, mut p)| { p.id = format!("x{i}"); p }).collect();
        let p = price(&lines, &promos);
        prop_assert!(p.total_minor() >= 0);
        prop_assert!(p.total_minor() <= p.subtotal_minor());
        for (i, l) in lines.iter().enumerate() {
            prop_assert!(p.after[i] >= l.floor(), "line {} under its floor", i);
            prop_assert!(p.after[i] <= p.before[i]);
        }
        let mut taken = vec![0i64; lines.len()];
        for a in &p.applied {
            prop_assert!(a.amount_minor > 0);
            prop_assert_eq!(a.per_line.iter().sum::<i64>(), a.amount_minor);
            prop_assert_eq!(a.seller_minor + a.platform_minor, a.amount_minor);
            prop_assert!(a.seller_minor >= 0 && a.platform_minor >= 0);
            let promo = promos.iter().find(|x| x.id == a.promotion).unwrap();
            if promo.shop.is_some() || promo.funding == Funding::Seller {
                prop_assert_eq!(a.platform_minor, 0);
            }
            prop_assert_eq!(a.platform_per_line.iter().sum::<i64>(), a.platform_minor);
            for (pl, part) in a.platform_per_line.iter().zip(&a.per_line) {
                prop_assert!(*pl >= 0 && pl <= part);
            }
            for (i, part) in a.per_line.iter().enumerate() {
                prop_assert!(*part >= 0);
                prop_assert!(*part == 0 || promo.covers_shop(&lines[i]), "a shop's promotion on another shop's line");
                taken[i] += part;
            }
        }
        for ((b, t), a) in p.before.iter().zip(&taken).zip(&p.after) {
            prop_assert_eq!(b - t, *a);
        }
        let mut ids: Vec<&str> = p.applied.iter().map(|a| a.promotion.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        prop_assert_eq!(ids.len(), p.applied.len(), "each promotion applied once at most");
        let mut stages: Vec<Stage> = p.applied.iter().map(|a| a.stage).collect();
        let in_order = stages.clone();
        stages.sort();
        prop_assert_eq!(stages, in_order, "applied in the stacking order");
        // the same inputs give the same result
        prop_assert_eq!(price(&lines, &promos), p);
    }
}

fn spend_save() -> impl Strategy<Value = Promotion> {
    (2i64..100_000)
        .prop_flat_map(|t| (Just(t), 1..t))
        .prop_map(|(t, d)| {
            promo(
                "",
                Some("s"),
                Kind::SpendSave {
                    tiers: vec![(t, d)],
                },
            )
        })
}

proptest! {
    /// A shop's spend-X-save-Y offers alone: the best one reached counts, and one more
    /// offer never leaves the shopper worse off.
    #[test]
    fn more_spend_save_offers_never_cost_the_shopper(
        unit in 1i64..200_000,
        offers in proptest::collection::vec(spend_save(), 0..6),
        extra in spend_save(),
    ) {
        let lines = [line("a", "s", unit, 1)];
        let saving = |offers: &[Promotion]| price(&lines, offers).applied.first().map_or(0, |a| a.amount_minor);
        let best = saving(&offers);
        for o in &offers {
            let Kind::SpendSave { tiers } = &o.kind else { unreachable!() };
            let (at, save) = tiers[0];
            if unit >= at {
                prop_assert!(best >= save.min(unit));
            }
        }
        prop_assert!(best <= unit);
        let mut more = offers.clone();
        more.push(extra);
        prop_assert!(saving(&more) >= best);
    }
}

proptest! {
    #[test]
    fn any_numbers_at_all_are_priced_without_panicking(
        raw in proptest::collection::vec((any::<i64>(), any::<i64>(), any::<i64>()), 0..8),
        promos in proptest::collection::vec(any_promotion(), 0..6),
    ) {
        let lines: Vec<Line> = raw
            .into_iter()
            .map(|(unit, quantity, floor)| Line { floor_minor: floor, ..line("p0", "s0", unit, quantity) })
            .collect();
        let p = price(&lines, &promos);
        prop_assert!(p.total_minor() >= 0);
        prop_assert!(p.after.iter().zip(&p.before).all(|(a, b)| 0 <= *a && a <= b));
    }
}

proptest! {
    /// The price a card shows for one unit is what a cart of that one unit is charged
    /// after its item promotions.
    #[test]
    fn a_cards_unit_price_is_what_one_unit_is_charged_at_the_item_stage(
        line in any_line(),
        promos in proptest::collection::vec(any_promotion(), 0..20),
    ) {
        let promos: Vec<Promotion> = promos
            .into_iter()
            .enumerate()
            .map(|(i, mut p)| { p.id = format!("x{i}"); p })
            .filter(|p| p.stage() == Stage::Item)
            .collect();
        let one = Line { quantity: 1, ..line };
        let charged = price(std::slice::from_ref(&one), &promos).after[0];
        match best_unit_price(&one, &promos) {
            Some((p, unit)) => {
                prop_assert_eq!(unit, charged);
                prop_assert!(unit < one.unit_minor);
                let applied = price(std::slice::from_ref(&one), &promos).applied;
                prop_assert_eq!(applied[0].promotion.as_str(), p.id.as_str());
            }
            None => prop_assert_eq!(charged, one.unit_minor),
        }
    }
}

#[test]
fn a_flash_price_covers_only_the_promo_units_left_and_none_once_they_are_gone() {
    let lines = vec![line("a", "s", 1_000, 5)];
    let flash = |left| {
        promo(
            "flash",
            Some("s"),
            Kind::Price {
                target: Target::Products(vec!["a".into()]),
                unit_minor: 600,
                max_units: Some(left),
            },
        )
    };
    assert_eq!(price(&lines, &[flash(2)]).after, vec![5_000 - 2 * 400]);
    assert_eq!(price(&lines, &[flash(9)]).after, vec![5_000 - 5 * 400]);
    assert_eq!(price(&lines, &[flash(0)]).after, vec![5_000]);
    assert!(price(&lines, &[flash(0)]).applied.is_empty());
    let one = Line {
        quantity: 1,
        ..lines[0].clone()
    };
    assert_eq!(best_unit_price(&one, &[flash(0)]), None);
    assert_eq!(best_unit_price(&one, &[flash(1)]).map(|b| b.1), Some(600));
}
