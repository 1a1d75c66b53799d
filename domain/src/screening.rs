//! Automatic screening of new and edited listings before they go live: a risk score
//! with its reasons. Low risk publishes at once, medium publishes and queues for a
//! moderator, high is held for review. The thresholds are data (passed in), so the
//! platform can tune them without a release.

use serde::{Deserialize, Serialize};

/// Words that advertise a copy of someone else's product, in English and Chinese.
pub const COUNTERFEIT_TERMS: &[&str] = &[
    "replica",
    "1:1",
    "aaa grade",
    "mirror quality",
    "counterfeit",
    "knockoff",
    "knock-off",
    "fake",
    "高仿",
    "a貨",
    "複刻",
    "仿冒",
    "山寨",
    "原單",
];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reason {
    /// A counterfeit term appears (the term).
    CounterfeitTerm(String),
    /// The price is below this percentage of the category median.
    PriceBelowMedian { percent_of_median: i64 },
    /// The listing names a protected brand the shop is not authorised for.
    UnauthorisedBrand(String),
    /// The shop has active strikes.
    SellerStrikes(i64),
}

impl Reason {
    pub fn weight(&self) -> i64 {
        match self {
            Reason::CounterfeitTerm(_) => 70,
            Reason::PriceBelowMedian { .. } => 30,
            Reason::UnauthorisedBrand(_) => 50,
            Reason::SellerStrikes(n) => 15 * n.min(&4),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    Publish,
    PublishAndQueue,
    Hold,
}

/// Where the score bands start (inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    pub queue_from: i64,
    pub hold_from: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            queue_from: 30,
            hold_from: 70,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Screening {
    pub score: i64,
    pub reasons: Vec<Reason>,
    pub verdict: Verdict,
}

/// What screening looks at.
pub struct Subject<'a> {
    /// Titles, descriptions and brand, all languages.
    pub texts: &'a [&'a str],
    pub price_minor: i64,
    /// The median price of live listings in the same category and currency, if known.
    pub median_minor: Option<i64>,
    /// Protected brand names the shop may not use (already excluding its authorisations).
    pub protected_brands: &'a [&'a str],
    pub strikes: i64,
}

/// Below this share of the median (percent) a price is anomalous.
pub const PRICE_ANOMALY_PERCENT: i64 = 30;

pub fn screen(s: &Subject, t: Thresholds) -> Screening {
    let text: String = s
        .texts
        .iter()
        .map(|x| x.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n");
    let mut reasons = Vec::new();
    for term in COUNTERFEIT_TERMS {
        if contains_term(&text, term) {
            reasons.push(Reason::CounterfeitTerm(term.to_string()));
        }
    }
    for brand in s.protected_brands {
        if contains_term(&text, &brand.to_lowercase()) {
            reasons.push(Reason::UnauthorisedBrand(brand.to_string()));
        }
    }
    if let Some(m) = s.median_minor.filter(|m| *m > 0) {
        let percent = (i128::from(s.price_minor) * 100 / i128::from(m)) as i64;
        if percent < PRICE_ANOMALY_PERCENT {
            reasons.push(Reason::PriceBelowMedian {
                percent_of_median: percent,
            });
        }
    }
    if s.strikes > 0 {
        reasons.push(Reason::SellerStrikes(s.strikes));
    }
    let score = reasons.iter().map(Reason::weight).sum::<i64>().min(100);
    let verdict = if score >= t.hold_from {
        Verdict::Hold
    } else if score >= t.queue_from {
        Verdict::PublishAndQueue
    } else {
        Verdict::Publish
    };
    Screening {
        score,
        reasons,
        verdict,
    }
}

/// Whether `term` occurs in `text` as a word (ASCII terms need non-alphanumeric
/// neighbours, so "fake" does not match "fakery" and "1:1" not "11:15"); terms with
/// Chinese characters match anywhere.
fn contains_term(text: &str, term: &str) -> bool {
    if !term.is_ascii() {
        return text.contains(term);
    }
    let mut from = 0;
    while let Some(i) = text[from..].find(term) {
        let start = from + i;
        let end = start + term.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if boundary(before) && boundary(after) {
            return true;
        }
        from = start + term.len().max(1);
    }
    false
}

/// The median of `prices` (lower middle for an even count); `None` when empty.
pub fn median(prices: &mut [i64]) -> Option<i64> {
    if prices.is_empty() {
        return None;
    }
    prices.sort_unstable();
    Some(prices[(prices.len() - 1) / 2])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn subject<'a>(texts: &'a [&'a str], price: i64, median: Option<i64>) -> Subject<'a> {
        Subject {
            texts,
            price_minor: price,
            median_minor: median,
            protected_brands: &[],
            strikes: 0,
        }
    }

    #[test]
    fn verdicts() {
        let t = Thresholds::default();
        let clean = screen(&subject(&["Oolong tea, 150 g"], 500, Some(600)), t);
        assert_eq!(clean.verdict, Verdict::Publish);
        assert!(clean.reasons.is_empty());

        let cheap = screen(&subject(&["Oolong tea"], 100, Some(600)), t);
        assert_eq!(cheap.verdict, Verdict::PublishAndQueue);
        assert_eq!(
            cheap.reasons,
            vec![Reason::PriceBelowMedian {
                percent_of_median: 16
            }]
        );

        let replica = screen(&subject(&["Designer bag REPLICA"], 500, None), t);
        assert_eq!(replica.verdict, Verdict::Hold);
        let zh = screen(&subject(&["名牌包 高仿"], 500, None), t);
        assert_eq!(zh.reasons, vec![Reason::CounterfeitTerm("高仿".into())]);
        assert_eq!(zh.verdict, Verdict::Hold);
    }

    #[test]
    fn terms_match_whole_words() {
        assert!(contains_term("a fake watch", "fake"));
        assert!(!contains_term("fakery", "fake"));
        assert!(!contains_term("open 11:15", "1:1"));
        assert!(contains_term("1:1 copy", "1:1"));
        assert!(contains_term("正品a貨", "a貨"));
    }

    #[test]
    fn medians() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [5, 1, 3]), Some(3));
        assert_eq!(median(&mut [4, 1, 3, 2]), Some(2));
    }

    proptest! {
        #[test]
        fn score_is_bounded_and_verdict_follows_it(
            price in 1i64..1_000_000,
            median_minor in prop::option::of(1i64..1_000_000),
            strikes in 0i64..10,
            replica in any::<bool>(),
        ) {
            let texts = [if replica { "replica" } else { "tea" }];
            let s = Subject { texts: &texts, price_minor: price, median_minor, protected_brands: &[], strikes };
            let t = Thresholds::default();
            let r = screen(&s, t);
            prop_assert!((0..=100).contains(&r.score));
            prop_assert_eq!(r.reasons.is_empty(), r.score == 0);
            let expected = if r.score >= t.hold_from { Verdict::Hold } else if r.score >= t.queue_from { Verdict::PublishAndQueue } else { Verdict::Publish };
            prop_assert_eq!(r.verdict, expected);
            if replica { prop_assert_eq!(r.verdict, Verdict::Hold); }
        }
    }
}
