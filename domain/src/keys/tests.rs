use proptest::prelude::*;

use super::*;

#[test]
fn accepts_keys_that_can_name_a_record() {
    for k in ["d000001", "mori-home", "a_b-C9", &"x".repeat(MAX_KEY_LEN)] {
        let key = ProductKey::parse(k).expect(k);
        assert_eq!(key.as_str(), k);
        assert_eq!(key.to_string(), k);
        assert_eq!(key.table(), "product");
    }
}

#[test]
fn refuses_everything_else() {
    let long = "x".repeat(MAX_KEY_LEN + 1);
    for k in [
        "", " ", "a b", "a:b", "⟨x⟩", "商品", "a/b", "a\0", "../x", &long,
    ] {
        assert_eq!(
            ProductKey::parse(k),
            Err(KeyError { table: "product" }),
            "{k:?}"
        );
    }
}

#[test]
fn a_refused_key_names_its_table_in_the_error() {
    let err = serde_json::from_str::<OrderKey>("\"a b\"").unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("{KEY_ERROR} shop_order")),
        "{err}"
    );
}

#[test]
fn debug_shows_the_table() {
    let key = ShopSlug::parse("mori-home").unwrap();
    assert_eq!(format!("{key:?}"), "shop:mori-home");
}

proptest! {
    #[test]
    fn parsing_agrees_with_the_rule(s in "\\PC{0,70}") {
        prop_assert_eq!(ProductKey::parse(&s).is_ok(), is_record_key(&s));
    }

    #[test]
    fn serde_round_trips_every_valid_key(s in "[A-Za-z0-9_-]{1,64}") {
        let key = ReviewKey::parse(&s).unwrap();
        let json = serde_json::to_string(&key).unwrap();
        prop_assert_eq!(&json, &format!("\"{s}\""));
        prop_assert_eq!(serde_json::from_str::<ReviewKey>(&json).unwrap(), key);
    }
}
