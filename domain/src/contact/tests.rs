use proptest::prelude::*;

use super::*;

fn masked(text: &str) -> String {
    mask(text).0
}

#[test]
fn details_are_hidden_in_both_languages() {
    for (text, want) in [
        ("call me 0912-345-678 tonight", "call me ••• tonight"),
        ("+886 912 345 678", "•••"),
        ("see https://cheap.example.org/x?y=1 now", "see ••• now"),
        ("mail shop.owner@gmail.com please", "mail ••• please"),
        ("buy at teadeals.shop instead", "buy at ••• instead"),
        ("LINE: @teashop88 謝謝", "LINE: ••• 謝謝"),
        ("my line id is tea_shop", "my line id is •••"),
        ("加賴 abc123 再聊", "加賴 ••• 再聊"),
        ("微信號：wx_tea2026", "微信號：•••"),
        ("匯款到 822-123456789012 就好", "匯款到 ••• 就好"),
        ("找我 @teashop 就好", "找我 ••• 就好"),
    ] {
        assert_eq!(masked(text), want, "{text}");
    }
}

#[test]
fn everyday_words_and_numbers_stay() {
    for text in [
        "The line was long but delivery was fast",
        "online shopping is great",
        "arrived 2026-11-26, price NT$1,200",
        "order 20261126 arrived",
        "version 2.0 is better. Great.",
        "Is the 500 ml bottle in stock?",
        "請問這款茶葉有禮盒包裝嗎？",
        "I emailed you @ noon",
    ] {
        assert_eq!(mask(text), (text.to_string(), vec![]), "{text}");
    }
}

#[test]
fn requests_to_leave_or_pay_outside_are_found_and_the_words_stay() {
    let (text, kinds) = mask("可以轉帳嗎？加我好友");
    assert_eq!(text, "可以轉帳嗎？加我好友");
    assert!(kinds.contains(&Contact::Payment) && kinds.contains(&Contact::OffPlatform));
    let (text, kinds) = mask("Please pay by bank transfer to save fees");
    assert_eq!(text, "Please pay by bank transfer to save fees");
    assert_eq!(kinds, vec![Contact::Payment]);
}

#[test]
fn codes_round_trip() {
    for c in Contact::ALL {
        assert_eq!(Contact::parse(c.code()), Some(c));
    }
    assert_eq!(Contact::parse("email"), None);
}

proptest! {
    /// Masking never panics on any text (multi-byte characters included), finds
    /// nothing more in its own output's visible details, and leaves text without
    /// findings as it was.
    #[test]
    fn masking_is_total_and_idempotent(text in "\\PC{0,120}") {
        let (once, kinds) = mask(&text);
        if kinds.iter().all(|k| !k.is_hidden()) {
            prop_assert_eq!(&once, &text);
        }
        let (twice, _) = mask(&once);
        prop_assert_eq!(&twice, &once);
        prop_assert!(find(&once).iter().all(|f| !f.kind.is_hidden()));
    }

    /// A phone number hidden anywhere in a sentence is gone from the masked text.
    #[test]
    fn phone_numbers_never_survive(pre in "[a-z 的請問]{0,20}", n in 100_000_000u64..999_999_999, post in "[a-z 嗎謝]{0,20}") {
        let number = format!("0{n}");
        let text = format!("{pre} {number} {post}");
        let (out, kinds) = mask(&text);
        prop_assert!(!out.contains(&number), "{}", out);
        prop_assert!(kinds.contains(&Contact::Phone));
    }
}
