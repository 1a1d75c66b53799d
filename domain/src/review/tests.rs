use super::*;
use proptest::prelude::*;

fn draft(rating: &str, body: &str) -> Draft {
    Draft {
        rating: rating.into(),
        body: body.into(),
        ..Draft::default()
    }
}

fn codes(r: Result<Checked, Vec<FieldError>>) -> Vec<String> {
    r.err()
        .unwrap_or_default()
        .into_iter()
        .map(|e| format!("{}.{:?}", e.field, e.code))
        .collect()
}

#[test]
fn ratings_outside_one_to_five_and_empty_text_are_refused() {
    for bad in ["0", "6", "-1", "4.5", "five"] {
        assert_eq!(
            codes(check(&draft(bad, "Lovely teapot, pours well."))),
            ["rating.InvalidNumber"],
            "{bad}"
        );
    }
    assert_eq!(
        codes(check(&draft("", "Lovely teapot."))),
        ["rating.Required"]
    );
    assert_eq!(codes(check(&draft("4", "   "))), ["body.Required"]);
    assert_eq!(codes(check(&draft("4", "ok"))), ["body.TooShort"]);
    assert_eq!(
        codes(check(&draft("4", &"a".repeat(MAX_BODY + 1)))),
        ["body.TooLong"]
    );
    let mut d = draft("4", "Lovely teapot, pours well.");
    d.title = "t".repeat(MAX_TITLE + 1);
    d.aspects[2] = "9".into();
    assert_eq!(
        codes(check(&d)),
        ["title.TooLong", "shipping.InvalidNumber"]
    );
    d.title = "Good".into();
    d.aspects = ["5".into(), String::new(), "3".into()];
    let c = check(&d).unwrap();
    assert_eq!((c.rating, c.aspects), (4, [Some(5), None, Some(3)]));
    assert_eq!(c.lang, Lang::En);
}

#[test]
fn language_is_detected() {
    assert_eq!(detect_lang("茶葉很香，包裝仔細，會再回購。"), Lang::ZhHant);
    assert_eq!(detect_lang("很好 great tea, fast shipping"), Lang::En);
    assert_eq!(detect_lang("Great tea 茶香濃郁 回甘明顯"), Lang::ZhHant);
    assert_eq!(detect_lang("Great tea"), Lang::En);
}

#[test]
fn profanity_in_both_languages_and_disguised() {
    for text in [
        "This is shit quality",
        "what a f*ck up",
        "SH1T product",
        "賣家是王八蛋",
        "根本是垃圾賣家，去死",
    ] {
        assert!(text_flags("", text).contains(&Flag::Profanity), "{text}");
    }
    // no match inside other words, nor on ordinary text
    for text in [
        "Scunthorpe delivery was quick",
        "Dickens fans will love it",
        "好喝，值得",
    ] {
        assert!(!text_flags("", text).contains(&Flag::Profanity), "{text}");
    }
}

#[test]
fn links_and_phone_numbers_are_found_not_dates_or_prices() {
    for text in [
        "cheaper at https://example.org",
        "see www.cheap-tea.tw",
        "buy at teadeals.shop instead",
        "有問題加賴 abc123",
    ] {
        assert!(text_flags("", text).contains(&Flag::Link), "{text}");
    }
    for text in [
        "call 0912-345-678",
        "+886 912 345 678 any time",
        "whatsapp 85291234567",
    ] {
        assert!(text_flags("", text).contains(&Flag::Phone), "{text}");
    }
    for text in [
        "arrived 2026-11-26, price NT$1,200",
        "version 2.0 is better. Great.",
        "order 20261126 arrived",
    ] {
        assert!(
            text_flags("", text).is_empty(),
            "{text}: {:?}",
            text_flags("", text)
        );
    }
}

#[test]
fn duplicate_text_key_ignores_case_spacing_and_punctuation_not_short_text() {
    let a = text_key("Great tea!! Arrived quickly and well packed.").unwrap();
    let b = text_key("great tea arrived quickly, and WELL packed").unwrap();
    assert_eq!(a, b);
    assert_ne!(
        a,
        text_key("Great tea, arrived slowly but well packed.").unwrap()
    );
    assert_eq!(text_key("Great, thanks!"), None);
}

#[test]
fn public_names_hide_the_surname() {
    assert_eq!(public_name("Shan Shopper"), "Shan S.");
    assert_eq!(public_name("Mei Lin Chen"), "Mei C.");
    assert_eq!(public_name("林美玲"), "林**");
    assert_eq!(public_name("Avery"), "Avery");
    assert_eq!(public_name("  "), "—");
}

#[test]
fn review_window_and_edit_window() {
    let now = 1_800_000_000;
    let d = now - 10 * DAY;
    assert_eq!(may_review(None, now, 90), Err(Refusal::NotDelivered));
    assert_eq!(may_review(Some(d), now, 90), Ok(()));
    assert_eq!(may_review(Some(d), now, 9), Err(Refusal::WindowClosed));
    assert!(may_edit(now - 29 * DAY, now));
    assert!(!may_edit(now - 31 * DAY, now));
}

#[test]
fn one_five_star_review_does_not_outrank_five_hundred_at_four_point_eight() {
    let one = bayesian(5, 1);
    let many = bayesian(2400, 500); // 500 reviews averaging 4.8
    assert!(many > one, "{many} vs {one}");
    assert!((many - 4.78).abs() < 0.01);
    assert_eq!(bayesian(0, 0), 0.0);
}

#[derive(Clone, Debug)]
enum Op {
    Write(u8, bool, bool),
    Edit(usize, u8, bool),
    Hold(usize),
    Publish(usize),
    Remove(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (1u8..=5, any::<bool>(), any::<bool>()).prop_map(|(r, p, h)| Op::Write(r, p, h)),
        (any::<usize>(), 1u8..=5, any::<bool>()).prop_map(|(i, r, p)| Op::Edit(i, r, p)),
        any::<usize>().prop_map(Op::Hold),
        any::<usize>().prop_map(Op::Publish),
        any::<usize>().prop_map(Op::Remove),
    ]
}

proptest! {
    /// Adding deltas for every create/edit/hold/publish/remove keeps the aggregate
    /// equal to a recomputation over the published reviews.
    #[test]
    fn deltas_equal_recomputation(ops in proptest::collection::vec(op(), 0..80)) {
        // (review, published)
        let mut reviews: Vec<(Counted, bool)> = Vec::new();
        let mut agg = Aggregate::default();
        for op in ops {
            let before: Vec<Option<Counted>> =
                reviews.iter().map(|(c, p)| p.then_some(*c)).collect();
            let touched = match op {
                Op::Write(r, photos, held) => {
                    reviews.push((Counted { rating: r, photos }, !held));
                    None
                }
                Op::Edit(i, r, photos) if !reviews.is_empty() => {
                    let i = i % reviews.len();
                    reviews[i].0 = Counted { rating: r, photos };
                    Some(i)
                }
                Op::Hold(i) | Op::Remove(i) if !reviews.is_empty() => {
                    let i = i % reviews.len();
                    reviews[i].1 = false;
                    Some(i)
                }
                Op::Publish(i) if !reviews.is_empty() => {
                    let i = i % reviews.len();
                    reviews[i].1 = true;
                    Some(i)
                }
                _ => continue,
            };
            let (b, a) = match touched {
                None => (None, reviews.last().and_then(|(c, p)| p.then_some(*c))),
                Some(i) => (before[i], reviews[i].1.then_some(reviews[i].0)),
            };
            agg = agg.plus(Aggregate::delta(b, a));
        }
        let published: Vec<Counted> =
            reviews.iter().filter(|(_, p)| *p).map(|(c, _)| *c).collect();
        prop_assert_eq!(agg, Aggregate::of(&published));
        prop_assert!(agg.dist.iter().all(|n| *n >= 0));
    }

    /// The Bayesian score lies between the prior and the average, and more reviews
    /// at the same average move it closer to the average.
    #[test]
    fn bayesian_between_prior_and_average(avg10 in 10i64..=50, n in 1i64..2000) {
        let sum = avg10 * n;
        let count = n * 10;
        let avg = sum as f64 / count as f64;
        let b = bayesian(sum, count);
        let (lo, hi) = if avg < PRIOR_MEAN { (avg, PRIOR_MEAN) } else { (PRIOR_MEAN, avg) };
        prop_assert!(b >= lo - 1e-9 && b <= hi + 1e-9);
        let more = bayesian(sum * 2, count * 2);
        prop_assert!((more - avg).abs() <= (b - avg).abs() + 1e-9);
    }

    #[test]
    fn checked_reviews_have_ratings_one_to_five(r in -3i32..9, body in "[a-z ]{0,30}") {
        let d = Draft { rating: r.to_string(), body, ..Draft::default() };
        if let Ok(c) = check(&d) {
            prop_assert!((1..=5).contains(&c.rating));
            prop_assert!(c.body.chars().count() >= MIN_BODY);
        }
    }
}
