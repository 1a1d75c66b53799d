use proptest::prelude::*;

use super::*;

const H: i64 = 3600;
const NOW: i64 = 1_800_000_000;

fn ask(ago_h: i64, answered_after_h: Option<i64>) -> Ask {
    Ask {
        asked_at: NOW - ago_h * H,
        answered_at: answered_after_h.map(|a| NOW - ago_h * H + a * H),
    }
}

#[test]
fn a_message_is_trimmed_checked_and_masked() {
    assert_eq!(
        prepare("  \n ", 0).unwrap_err().code,
        FieldErrorCode::Required
    );
    let long = "字".repeat(MAX_MESSAGE_CHARS + 1);
    assert_eq!(prepare(&long, 0).unwrap_err().code, FieldErrorCode::TooLong);
    assert!(prepare(&"字".repeat(MAX_MESSAGE_CHARS), 0).is_ok());
    // a photo may go without words, but not more than four of them
    assert_eq!(prepare("  ", 1).unwrap().body, "");
    assert!(prepare("look", MAX_MESSAGE_PHOTOS).is_ok());
    let e = prepare("look", MAX_MESSAGE_PHOTOS + 1).unwrap_err();
    assert_eq!(
        (e.field.as_str(), e.code),
        ("photos", FieldErrorCode::TooMany)
    );
    let m = prepare(" Is it in stock? ", 0).unwrap();
    assert_eq!(
        m,
        Outgoing {
            body: "Is it in stock?".into(),
            original: None,
            flags: vec![]
        }
    );
    let m = prepare("請加賴 shop_88 或打 0912-345-678，轉帳比較便宜", 0).unwrap();
    assert_eq!(m.body, "請加賴 ••• 或打 •••，轉帳比較便宜");
    assert_eq!(
        m.original.as_deref(),
        Some("請加賴 shop_88 或打 0912-345-678，轉帳比較便宜")
    );
    assert!(m.warns());
}

#[test]
fn previews_are_one_short_line() {
    assert_eq!(preview("Hello\n  there"), "Hello there");
    let p = preview(&"好".repeat(200));
    assert_eq!(p.chars().count(), PREVIEW_CHARS);
    assert!(p.ends_with('…'));
}

#[test]
fn canned_replies_are_bounded_and_hold_no_contact_details() {
    let ok = check_canned(&["Thanks!".into(), "  ".into(), "謝謝您的詢問".into()]).unwrap();
    assert_eq!(ok, vec!["Thanks!".to_string(), "謝謝您的詢問".to_string()]);
    let many: Vec<String> = (0..=MAX_CANNED).map(|i| format!("reply {i}")).collect();
    assert_eq!(
        check_canned(&many).unwrap_err().code,
        FieldErrorCode::TooMany
    );
    assert_eq!(
        check_canned(&["x".repeat(MAX_CANNED_CHARS + 1)])
            .unwrap_err()
            .code,
        FieldErrorCode::TooLong
    );
    assert_eq!(
        check_canned(&["LINE: @myshop".into()]).unwrap_err().code,
        FieldErrorCode::NotAllowed
    );
}

#[test]
fn response_figures_count_answered_and_overdue_questions() {
    // too few questions to say anything
    assert_eq!(
        response_stats(&[ask(30, Some(1)), ask(40, Some(2))], NOW),
        None
    );
    let asks = [
        ask(100, Some(1)),     // 1 h
        ask(80, Some(3)),      // 3 h
        ask(60, Some(30)),     // answered late: counted, not in time
        ask(50, None),         // overdue
        ask(2, None),          // not due yet: not counted
        ask(24 * 40, Some(1)), // outside the 30 days
    ];
    let s = response_stats(&asks, NOW).unwrap();
    assert_eq!(s.counted, 4);
    assert_eq!(s.rate_pct, 50);
    assert_eq!(s.median_secs, Some(3 * H));
}

#[test]
fn filters_parse_and_fall_back_to_all() {
    for f in InboxFilter::ALL {
        assert_eq!(InboxFilter::parse(f.code()), f);
    }
    assert_eq!(InboxFilter::parse("<script>"), InboxFilter::All);
}

proptest! {
    /// Whatever the questions, the rate is a percentage, never more questions are
    /// counted than were given, and the median lies between the fastest and slowest
    /// answer.
    #[test]
    fn response_figures_are_bounded(raw in proptest::collection::vec((0i64..24 * 60, proptest::option::of(0i64..24 * 60)), 0..40)) {
        let asks: Vec<Ask> = raw.iter().map(|(ago, after)| ask(*ago, *after)).collect();
        if let Some(s) = response_stats(&asks, NOW) {
            prop_assert!(s.rate_pct <= 100);
            prop_assert!(s.counted >= MIN_ASKS && s.counted <= asks.len());
            let waits: Vec<i64> = asks
                .iter()
                .filter_map(|a| a.answered_at.filter(|t| *t <= NOW).map(|t| t - a.asked_at))
                .collect();
            if let Some(m) = s.median_secs {
                prop_assert!(m >= *waits.iter().min().unwrap() && m <= *waits.iter().max().unwrap());
            }
        }
    }

    /// Any text either is refused with a field error or becomes a message within the
    /// length limit that shows no hidden detail.
    #[test]
    fn prepared_messages_are_within_limits(text in "\\PC{0,300}") {
        if let Ok(m) = prepare(&text, 0) {
            prop_assert!(!m.body.is_empty());
            prop_assert!(m.body.chars().count() <= MAX_MESSAGE_CHARS + 3 * MAX_MESSAGE_CHARS);
            prop_assert!(crate::contact::find(&m.body).iter().all(|f| !f.kind.is_hidden()));
        }
    }
}
