use super::*;
use proptest::prelude::*;

const NOW: i64 = 1_800_000_000; // 2027-01-15T08:00Z

fn form(kind: &str) -> PromotionForm {
    PromotionForm {
        title_en: "Winter sale".into(),
        title_zh: "冬季特賣".into(),
        kind: kind.into(),
        target: "shop".into(),
        percent: "15".into(),
        amount: "50".into(),
        min_quantity: "2".into(),
        products: "p1".into(),
        price: "199".into(),
        units: "50".into(),
        per_buyer: "2".into(),
        spend: ["1000".into(), "2000".into(), String::new()],
        save: ["100".into(), "250".into(), String::new()],
        starts_at: "2027-01-15T08:00".into(),
        ends_at: "2027-01-22T08:00".into(),
        ..PromotionForm::default()
    }
}

fn fields(r: Result<Draft, Vec<FieldError>>) -> Vec<(String, FieldErrorCode)> {
    r.err()
        .unwrap_or_default()
        .into_iter()
        .map(|e| (e.field, e.code))
        .collect()
}

fn err(field: &str, code: FieldErrorCode) -> Vec<(String, FieldErrorCode)> {
    vec![(field.to_string(), code)]
}

#[test]
fn each_kind_reads_into_its_rule() {
    let twd = Currency::TWD;
    let d = validate(&form("percent"), twd, NOW).unwrap();
    assert_eq!(
        d.rule,
        Kind::Discount {
            target: Target::WholeShop,
            off: Off::Percent(1500)
        }
    );
    assert_eq!((d.starts_at, d.ends_at - d.starts_at), (NOW, 7 * 86_400));
    let d = validate(&form("amount"), twd, NOW).unwrap();
    assert!(matches!(
        d.rule,
        Kind::Discount {
            off: Off::Amount(50),
            ..
        }
    ));
    let d = validate(&form("spend_save"), twd, NOW).unwrap();
    assert_eq!(
        d.rule,
        Kind::SpendSave {
            tiers: vec![(1000, 100), (2000, 250)]
        }
    );
    let mut f = form("bundle");
    f.target = "products".into();
    f.products = "p1, p2\np1".into();
    assert_eq!(validate(&form("bundle"), twd, NOW).unwrap().flash, None);
    let d = validate(&f, twd, NOW).unwrap();
    assert_eq!(
        d.rule,
        Kind::Bundle {
            target: Target::Products(vec!["p1".into(), "p2".into()]),
            min_quantity: 2,
            off_bp: 1500
        }
    );
    // US dollars are read with their cents
    let d = validate(&form("amount"), Currency::USD, NOW).unwrap();
    assert!(matches!(
        d.rule,
        Kind::Discount {
            off: Off::Amount(5000),
            ..
        }
    ));
}

#[test]
fn bad_input_names_the_field() {
    let twd = Currency::TWD;
    let mut f = form("percent");
    f.percent = "101".into();
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        err("percent", FieldErrorCode::InvalidNumber)
    );
    f.percent = "0".into();
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        err("percent", FieldErrorCode::InvalidNumber)
    );
    let mut f = form("percent");
    f.ends_at = f.starts_at.clone();
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        err("ends_at", FieldErrorCode::InvalidDate)
    );
    f.ends_at = "2027-06-01T00:00".into(); // longer than allowed
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        err("ends_at", FieldErrorCode::InvalidDate)
    );
    f.ends_at = "tomorrow".into();
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        err("ends_at", FieldErrorCode::InvalidDate)
    );
    // already over
    let mut f = form("percent");
    f.starts_at = "2026-01-01T00:00".into();
    f.ends_at = "2026-01-02T00:00".into();
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        err("ends_at", FieldErrorCode::InvalidDate)
    );
    let mut f = form("spend_save");
    f.save[0] = "1000".into(); // saves all it asks
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        err("save_0", FieldErrorCode::InvalidPrice)
    );
    let mut f = form("spend_save");
    f.spend[1] = "900".into(); // a higher tier asking less
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        err("spend_1", FieldErrorCode::InvalidChoice)
    );
    let mut f = form("spend_save");
    f.spend = Default::default();
    f.save = Default::default();
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        err("spend_0", FieldErrorCode::Required)
    );
    let mut f = form("amount");
    f.amount = "-5".into();
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        err("amount", FieldErrorCode::InvalidPrice)
    );
    f.amount = "1.5".into(); // NT$ has no cents
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        err("amount", FieldErrorCode::InvalidPrice)
    );
    let mut f = form("percent");
    f.target = "products".into();
    f.products = String::new();
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        err("products", FieldErrorCode::Required)
    );
    f.products = (0..=MAX_PRODUCTS).map(|i| format!("p{i} ")).collect();
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        err("products", FieldErrorCode::TooMany)
    );
    let mut f = form("teleport");
    f.title_en = "促".repeat(81);
    f.title_zh = String::new();
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        vec![
            ("title_en".into(), FieldErrorCode::TooLong),
            ("kind".into(), FieldErrorCode::InvalidChoice)
        ]
    );
    let mut f = form("bundle");
    f.min_quantity = "1".into();
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        err("min_quantity", FieldErrorCode::InvalidNumber)
    );
    let mut f = form("percent");
    f.budget = "0".into();
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        err("budget", FieldErrorCode::InvalidPrice)
    );
}

#[test]
fn a_promotion_stands_where_its_schedule_pause_and_budget_put_it() {
    let s = |paused, budget, spent, now| status(100, 200, paused, budget, spent, now);
    assert_eq!(s(false, None, 0, 50), Status::Scheduled);
    assert_eq!(s(false, None, 0, 100), Status::Running);
    assert_eq!(s(true, None, 0, 150), Status::Paused);
    assert_eq!(s(true, None, 0, 50), Status::Paused);
    assert_eq!(s(false, Some(500), 500, 150), Status::Spent);
    assert_eq!(s(false, Some(500), 499, 150), Status::Running);
    assert_eq!(s(true, Some(500), 900, 200), Status::Ended);
    assert_eq!(budget_left(Some(500), 700), Some(0));
    assert_eq!(budget_left(None, 700), None);
}

#[test]
fn percentages_read_as_typed() {
    assert_eq!(parse_percent("15"), Some(1500));
    assert_eq!(parse_percent("12.5 %"), Some(1250));
    assert_eq!(parse_percent(".01"), Some(1));
    assert_eq!(parse_percent("100"), Some(10_000));
    for bad in ["", "100.01", "0", "1e2", "-5", "12.345", "٣", "1000"] {
        assert_eq!(parse_percent(bad), None, "{bad}");
    }
}

proptest! {
    /// A duplicated promotion's form reads back into the same rule and budget.
    #[test]
    fn a_duplicate_reads_back_into_the_same_promotion(
        kind in 0usize..4,
        bp in 1u32..=10_000,
        amount in 1i64..1_000_000,
        tiers in prop::collection::btree_set(2i64..1_000_000, 1..=3),
        budget in prop::option::of(1i64..1_000_000_000),
    ) {
        let tiers: Vec<(i64, i64)> = tiers.into_iter().map(|t| (t, t / 2)).collect();
        let tiers_ok = tiers.windows(2).all(|w| w[1].1 > w[0].1);
        prop_assume!(tiers_ok);
        let rule = match kind {
            0 => Kind::Discount { target: Target::WholeShop, off: Off::Percent(bp) },
            1 => Kind::Discount { target: Target::Category("tea".into()), off: Off::Amount(amount) },
            2 => Kind::SpendSave { tiers },
            _ => Kind::Bundle {
                target: Target::Products(vec!["a".into(), "b".into()]),
                min_quantity: 3,
                off_bp: bp,
            },
        };
        // a member price is an item discount's option
        let members_only = matches!(rule, Kind::Discount { .. }) && bp % 2 == 0;
        let d = Draft {
            title_en: "Sale".into(),
            title_zh: "特賣".into(),
            rule,
            starts_at: NOW,
            ends_at: NOW + 86_400,
            budget_minor: budget,
            flash: None,
            voucher: None,
            members_only,
        };
        let mut f = form_of(&d, Currency::TWD);
        f.starts_at = "2027-01-15T08:00".into();
        f.ends_at = "2027-01-16T08:00".into();
        prop_assert_eq!(validate(&f, Currency::TWD, NOW), Ok(d));
    }
}

#[test]
fn a_flash_sale_is_one_product_at_a_promo_price_with_its_promo_stock_in_a_short_slot() {
    let twd = Currency::TWD;
    let d = validate(&form("flash"), twd, NOW).unwrap();
    assert_eq!(
        d.rule,
        Kind::Price {
            target: Target::Products(vec!["p1".into()]),
            unit_minor: 199,
            max_units: None
        }
    );
    assert_eq!(
        d.flash,
        Some(FlashStock {
            units: 50,
            per_buyer: 2
        })
    );
    assert_eq!(form_of(&d, twd).kind, "flash");
    let mut f = form("flash");
    f.products = "p1, p2".into();
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        err("products", FieldErrorCode::TooMany)
    );
    let mut f = form("flash");
    f.units = "0".into();
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        vec![
            ("units".into(), FieldErrorCode::InvalidNumber),
            ("per_buyer".into(), FieldErrorCode::InvalidNumber)
        ]
    );
    let mut f = form("flash");
    f.per_buyer = "51".into(); // more than the promo stock
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        err("per_buyer", FieldErrorCode::InvalidNumber)
    );
    let mut f = form("flash");
    f.price = String::new();
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        err("price", FieldErrorCode::Required)
    );
    let mut f = form("flash");
    f.ends_at = "2027-01-23T08:00".into(); // a slot longer than a week
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        err("ends_at", FieldErrorCode::InvalidDate)
    );
}

#[test]
fn promo_units_left() {
    let stock = FlashStock {
        units: 50,
        per_buyer: 2,
    };
    assert_eq!(flash_units_left(stock, 0, 0), 2);
    assert_eq!(flash_units_left(stock, 49, 0), 1);
    assert_eq!(flash_units_left(stock, 50, 0), 0);
    assert_eq!(flash_units_left(stock, 10, 2), 0);
    assert_eq!(flash_units_left(stock, 99, 9), 0);
}

#[test]
fn a_voucher_takes_a_percentage_or_an_amount_off_once_its_least_spend_is_reached() {
    let twd = Currency::TWD;
    let mut f = form("voucher");
    f.percent = String::new();
    f.amount = "80".into();
    f.min_spend = "800".into();
    f.code = " welcome-80 ".into();
    f.total = "100".into();
    f.per_buyer = String::new();
    f.new_buyers = "on".into();
    let d = validate(&f, twd, NOW).unwrap();
    assert_eq!(
        d.rule,
        Kind::Voucher {
            min_spend: 800,
            off: Off::Amount(80),
            cap_minor: None
        }
    );
    let terms = d.voucher.clone().unwrap();
    assert_eq!(
        terms,
        VoucherTerms {
            code: Some("WELCOME-80".into()),
            total: Some(100),
            per_buyer: 1,
            new_buyers: true
        }
    );
    let mut again = form_of(&d, twd);
    (again.starts_at, again.ends_at) = (f.starts_at.clone(), f.ends_at.clone());
    assert_eq!(
        validate(&again, twd, NOW).map(|d| d.voucher),
        Ok(Some(terms))
    );
    // a percentage with a cap, no least spend, no code
    let mut f = form("voucher");
    f.amount = String::new();
    f.cap = "150".into();
    let d = validate(&f, twd, NOW).unwrap();
    assert_eq!(
        d.rule,
        Kind::Voucher {
            min_spend: 0,
            off: Off::Percent(1500),
            cap_minor: Some(150)
        }
    );
    assert_eq!(d.voucher.unwrap().code, None);
    // both, or neither, of a percentage and an amount
    let f = form("voucher");
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        err("percent", FieldErrorCode::Required)
    );
    let mut f = form("voucher");
    f.amount = String::new();
    f.code = "有".into();
    f.total = "0".into();
    assert_eq!(
        fields(validate(&f, twd, NOW)),
        vec![
            ("code".into(), FieldErrorCode::InvalidChoice),
            ("total".into(), FieldErrorCode::InvalidNumber)
        ]
    );
}

#[test]
fn a_voucher_is_usable_from_the_wallet_within_its_limits() {
    let t = VoucherTerms {
        code: None,
        total: Some(100),
        per_buyer: 2,
        new_buyers: false,
    };
    assert!(voucher_usable(&t, 0, Some(0), false));
    assert!(!voucher_usable(&t, 0, None, true), "not claimed");
    assert!(
        !voucher_usable(&t, 0, Some(2), true),
        "used up by the buyer"
    );
    assert!(!voucher_usable(&t, 100, Some(0), true), "used up in all");
    let new_only = VoucherTerms {
        new_buyers: true,
        total: None,
        ..t
    };
    assert!(voucher_usable(&new_only, 10_000, Some(1), true));
    assert!(!voucher_usable(&new_only, 0, Some(0), false));
    assert_eq!(voucher_code("ab"), None);
    assert_eq!(voucher_code("SPRING 2027"), None);
    assert_eq!(
        voucher_code(" spring-2027 ").as_deref(),
        Some("SPRING-2027")
    );
}

#[test]
fn only_an_item_discount_may_be_a_member_price() {
    let mut f = form("percent");
    f.members = "on".into();
    assert!(validate(&f, Currency::TWD, NOW).unwrap().members_only);
    for kind in ["spend_save", "bundle", "flash", "voucher"] {
        let mut f = form(kind);
        f.members = "on".into();
        let errs = validate(&f, Currency::TWD, NOW).unwrap_err();
        assert!(
            errs.iter().any(|e| e.field == "members"),
            "{kind}: {errs:?}"
        );
    }
}
