//! Automatic screening of new and edited listings before they go live: a risk score
//! with its reasons. Signals: counterfeit wording, protected brand terms (names, aliases
//! in both languages, common misspellings) used by a shop not authorised for the brand,
//! a price far below the category median, photos that are near-duplicates of a brand
//! owner's reference image or of another shop's photo (found by the caller through
//! `phash`), the shop's unexpired strikes and a very new shop. Low risk publishes at once, medium publishes and queues for a
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
    /// The listing names a protected brand the shop is not authorised for: the brand and
    /// the term that matched (a name, an alias or a misspelling).
    UnauthorisedBrand { brand: String, term: String },
    /// A photo is a near-duplicate of a brand owner's reference image.
    ReferenceImage {
        brand: String,
        reference: String,
        distance: u32,
    },
    /// A photo is a near-duplicate of another shop's listing photo.
    CopiedImage {
        shop: String,
        image: String,
        distance: u32,
    },
    /// The shop has active strikes.
    SellerStrikes(i64),
    /// The shop opened fewer than `NEW_SHOP_DAYS` days ago.
    NewShop { days: i64 },
}

/// Shops younger than this many days add a little risk.
pub const NEW_SHOP_DAYS: i64 = 30;

impl Reason {
    pub fn weight(&self) -> i64 {
        match self {
            Reason::CounterfeitTerm(_) => 70,
            Reason::PriceBelowMedian { .. } => 30,
            Reason::UnauthorisedBrand { .. } => 50,
            Reason::ReferenceImage { .. } => 60,
            Reason::CopiedImage { .. } => 40,
            Reason::SellerStrikes(n) => 15 * n.min(&4),
            Reason::NewShop { .. } => 10,
        }
    }

    /// A stable text form, `kind:arg:arg…`, kept with the listing and its case.
    pub fn code(&self) -> String {
        match self {
            Reason::CounterfeitTerm(t) => format!("counterfeit_term:{t}"),
            Reason::PriceBelowMedian { percent_of_median } => {
                format!("price_below_median:{percent_of_median}")
            }
            Reason::UnauthorisedBrand { brand, term } => {
                format!("unauthorised_brand:{brand}:{term}")
            }
            Reason::ReferenceImage {
                brand,
                reference,
                distance,
            } => format!("reference_image:{brand}:{reference}:{distance}"),
            Reason::CopiedImage {
                shop,
                image,
                distance,
            } => format!("copied_image:{shop}:{image}:{distance}"),
            Reason::SellerStrikes(n) => format!("seller_strikes:{n}"),
            Reason::NewShop { days } => format!("new_shop:{days}"),
        }
    }
}

/// A protected brand the shop is not authorised for, with every term that names it.
pub struct BrandTerms<'a> {
    pub brand: &'a str,
    /// Name, aliases (English and Chinese) and misspellings.
    pub terms: &'a [String],
}

/// A near-duplicate photo the caller found through the hash indexes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImageHit {
    Reference {
        brand: String,
        reference: String,
        distance: u32,
    },
    OtherShop {
        shop: String,
        image: String,
        distance: u32,
    },
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
    /// Protected brands the shop may not use (already excluding its authorisations).
    pub protected_brands: &'a [BrandTerms<'a>],
    /// Near-duplicate photos (within `phash::MATCH_DISTANCE`).
    pub image_hits: &'a [ImageHit],
    pub strikes: i64,
    /// Days since the shop opened.
    pub shop_age_days: Option<i64>,
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
    let squashed = squash(&text);
    for brand in s.protected_brands {
        // the first term that matches names the brand once
        if let Some(term) = brand.terms.iter().find(|term| {
            let t = term.to_lowercase();
            contains_term(&text, &t)
                || (t.is_ascii() && t.len() >= 5 && squashed.contains(&squash(&t)))
        }) {
            reasons.push(Reason::UnauthorisedBrand {
                brand: brand.brand.to_string(),
                term: term.clone(),
            });
        }
    }
    // one reason per matched reference or copied photo, at most three of each
    let mut refs = 0;
    let mut copies = 0;
    for hit in s.image_hits {
        match hit {
            ImageHit::Reference {
                brand,
                reference,
                distance,
            } if refs < 3 => {
                refs += 1;
                reasons.push(Reason::ReferenceImage {
                    brand: brand.clone(),
                    reference: reference.clone(),
                    distance: *distance,
                });
            }
            ImageHit::OtherShop {
                shop,
                image,
                distance,
            } if copies < 3 => {
                copies += 1;
                reasons.push(Reason::CopiedImage {
                    shop: shop.clone(),
                    image: image.clone(),
                    distance: *distance,
                });
            }
            _ => {}
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
    if let Some(days) = s.shop_age_days.filter(|d| *d < NEW_SHOP_DAYS) {
        reasons.push(Reason::NewShop { days: days.max(0) });
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

/// Letters and digits only: "Lou-is  Vuitton" and "louisvuitton" read the same.
fn squash(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
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
            image_hits: &[],
            strikes: 0,
            shop_age_days: None,
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
    fn protected_brands_by_name_alias_and_misspelling() {
        let t = Thresholds::default();
        let terms = [
            "Maison Lune".to_string(),
            "月之屋".to_string(),
            "Maison Lunne".to_string(),
        ];
        let brands = [BrandTerms {
            brand: "Maison Lune",
            terms: &terms,
        }];
        let check = |text: &str| {
            let texts = [text];
            let s = Subject {
                protected_brands: &brands,
                ..subject(&texts, 500, None)
            };
            screen(&s, t)
        };
        let zh = check("月之屋 手袋 高仿");
        assert_eq!(
            zh.reasons,
            vec![
                Reason::CounterfeitTerm("高仿".into()),
                Reason::UnauthorisedBrand {
                    brand: "Maison Lune".into(),
                    term: "月之屋".into()
                }
            ]
        );
        assert_eq!(zh.verdict, Verdict::Hold);
        assert_eq!(
            zh.reasons[1].code(),
            "unauthorised_brand:Maison Lune:月之屋"
        );
        assert!(
            matches!(&check("MAISON-LUNNE tote").reasons[..], [Reason::UnauthorisedBrand { term, .. }] if term == "Maison Lunne")
        );
        assert!(matches!(
            &check("maisonlune tote").reasons[..],
            [Reason::UnauthorisedBrand { .. }]
        ));
        assert!(check("a lune-shaped lamp").reasons.is_empty());
        // brand alone is medium risk: live and queued
        assert_eq!(check("Maison Lune tote").verdict, Verdict::PublishAndQueue);
    }

    #[test]
    fn image_hits_strikes_and_new_shops() {
        let t = Thresholds::default();
        let texts = ["Plain tote"];
        let hits = [
            ImageHit::Reference {
                brand: "Maison Lune".into(),
                reference: "ref1".into(),
                distance: 3,
            },
            ImageHit::OtherShop {
                shop: "shop:other".into(),
                image: "img9".into(),
                distance: 1,
            },
        ];
        let s = Subject {
            image_hits: &hits,
            strikes: 1,
            shop_age_days: Some(3),
            ..subject(&texts, 500, None)
        };
        let r = screen(&s, t);
        assert_eq!(r.score, 100);
        assert_eq!(r.verdict, Verdict::Hold);
        let codes: Vec<_> = r.reasons.iter().map(Reason::code).collect();
        assert_eq!(
            codes,
            [
                "reference_image:Maison Lune:ref1:3",
                "copied_image:shop:other:img9:1",
                "seller_strikes:1",
                "new_shop:3"
            ]
        );
        let old = Subject {
            shop_age_days: Some(NEW_SHOP_DAYS),
            ..subject(&texts, 500, None)
        };
        assert!(screen(&old, t).reasons.is_empty());
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
            let terms = ["Maison Lune".to_string(), "月之屋".to_string()];
            let brands = [BrandTerms { brand: "Maison Lune", terms: &terms }];
            let hits = [ImageHit::OtherShop { shop: "shop:x".into(), image: "i".into(), distance: 2 }];
            let s = Subject { texts: &texts, price_minor: price, median_minor, protected_brands: &brands,
                image_hits: if strikes % 2 == 0 { &hits } else { &[] }, strikes, shop_age_days: Some(strikes * 5) };
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
