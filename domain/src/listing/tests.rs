use super::*;

#[test]
fn locks_read_back_by_name_and_keep_listings_off_sale() {
    for l in Lock::ALL {
        assert_eq!(Lock::parse(l.as_str()), Some(l));
    }
    assert_eq!(Lock::parse("seller"), None);
    assert!(!ListingStatus::ALL
        .into_iter()
        .any(|s| s.live() && s.allowed_while_locked()));
}
use proptest::prelude::*;

fn form() -> ListingForm {
    ListingForm {
        title_en: "Hand-thrown tea bowl".into(),
        title_zh: "手拉坯茶碗".into(),
        category: "tea".into(),
        condition: "new".into(),
        currency: "TWD".into(),
        price: "1,200".into(),
        stock: "5".into(),
        ..ListingForm::default()
    }
}

fn codes(f: &ListingForm, c: Currency) -> Vec<String> {
    match validate(f, c) {
        Ok(_) => vec![],
        Err(e) => e
            .iter()
            .map(|e| format!("{}.{:?}", e.field, e.code))
            .collect(),
    }
}

#[test]
fn a_title_left_empty_shows_the_other_language() {
    let both = validate(&form(), Currency::TWD).unwrap();
    assert_eq!(
        both.titles(),
        ("Hand-thrown tea bowl".into(), "手拉坯茶碗".into())
    );
    let zh_only = validate(
        &ListingForm {
            title_en: String::new(),
            ..form()
        },
        Currency::TWD,
    )
    .unwrap();
    assert_eq!(zh_only.titles(), ("手拉坯茶碗".into(), "手拉坯茶碗".into()));
    let en_only = validate(
        &ListingForm {
            title_zh: " ".into(),
            ..form()
        },
        Currency::TWD,
    )
    .unwrap();
    assert_eq!(
        en_only.titles(),
        ("Hand-thrown tea bowl".into(), "Hand-thrown tea bowl".into())
    );
}

#[test]
fn a_good_listing() {
    let l = validate(&form(), Currency::TWD).unwrap();
    assert_eq!(l.price, Money::new(1200, Currency::TWD));
    assert_eq!(l.low_stock, 5);
    assert_eq!(l.brand, None);
}

#[test]
fn bad_input_is_named() {
    let mut f = form();
    f.price = "-5".into();
    f.stock = "-1".into();
    f.currency = "USD".into();
    f.compare_at = "100".into();
    f.sku = "a b".into();
    f.publish_at = "2026-13-01T00:00".into();
    assert_eq!(
        codes(&f, Currency::TWD),
        [
            "currency.WrongCurrency",
            "price.InvalidPrice",
            "sku.InvalidChoice",
            "stock.InvalidNumber",
            "publish_at.InvalidDate"
        ]
    );
    let mut f = form();
    f.compare_at = "1,000".into();
    assert_eq!(codes(&f, Currency::TWD), ["compare_at.InvalidPrice"]);
    f.compare_at = "1,500".into();
    assert_eq!(codes(&f, Currency::TWD), Vec::<String>::new());
    let mut f = form();
    f.title_en.clear();
    f.title_zh.clear();
    f.price = "0".into();
    assert_eq!(
        codes(&f, Currency::TWD),
        ["title_en.Required", "price.InvalidPrice"]
    );
    // yen has no minor unit
    let mut f = form();
    f.currency = "JPY".into();
    f.price = "12.5".into();
    assert_eq!(codes(&f, Currency::JPY), ["price.InvalidPrice"]);
    let mut f = form();
    f.publish_at = "2026-12-01T10:00".into();
    f.delist_at = "2026-12-01T09:00".into();
    assert_eq!(codes(&f, Currency::TWD), ["delist_at.InvalidDate"]);
}

#[test]
fn datetimes() {
    assert_eq!(parse_datetime_local("1970-01-01T00:00"), Some(0));
    assert_eq!(
        parse_datetime_local("2026-11-26T00:00"),
        Some(1_795_651_200)
    );
    assert_eq!(
        parse_datetime_local("2000-02-29T01:01:01"),
        Some(951_782_400 + 3_661)
    );
    for bad in [
        "2026-02-29T00:00",
        "2026-11-26",
        "2026-11-26T24:00",
        "x",
        "2026-11-26T10:00:00:00",
    ] {
        assert_eq!(parse_datetime_local(bad), None, "{bad}");
    }
    assert_eq!(
        format_datetime_local(1_795_651_200 + 90),
        "2026-11-26T00:01"
    );
}

#[test]
fn publishing() {
    assert_eq!(status_after_publish(100, None, None), ListingStatus::Active);
    assert_eq!(
        status_after_publish(100, Some(200), None),
        ListingStatus::Scheduled
    );
    assert_eq!(
        status_after_publish(100, Some(50), Some(300)),
        ListingStatus::Active
    );
    assert_eq!(
        status_after_publish(100, Some(50), Some(100)),
        ListingStatus::Delisted
    );
}

proptest! {
    #[test]
    fn datetime_round_trips(t in 0i64..253_402_300_000) {
        let minute = t - t.rem_euclid(60);
        prop_assert_eq!(parse_datetime_local(&format_datetime_local(t)), Some(minute));
    }

    #[test]
    fn accepted_listings_are_within_bounds(price in "[-0-9.,]{0,8}", stock in "[-0-9]{0,8}") {
        let mut f = form();
        f.price = price;
        f.stock = stock;
        if let Ok(l) = validate(&f, Currency::TWD) {
            prop_assert!(l.price.amount_minor > 0);
            prop_assert!((0..=MAX_STOCK).contains(&l.stock));
        }
    }
}

#[test]
fn a_floor_is_a_price_at_most_the_listings_own() {
    let with = |floor: &str| ListingForm {
        floor: floor.into(),
        ..form()
    };
    let l = validate(&with("900"), Currency::TWD).unwrap();
    assert_eq!(l.floor.map(|m| m.amount_minor), Some(900));
    assert_eq!(validate(&with(""), Currency::TWD).unwrap().floor, None);
    assert_eq!(
        validate(&with("1,200"), Currency::TWD).unwrap().floor,
        Some(Money::new(1200, Currency::TWD)),
        "the price itself: no promotion lowers it"
    );
    for bad in ["1,201", "-5", "abc", "1e9"] {
        assert_eq!(
            codes(&with(bad), Currency::TWD),
            ["floor.InvalidPrice"],
            "{bad}"
        );
    }
}
