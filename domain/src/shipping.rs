//! Selling abroad: where a shop ships, what a zone's rate is, and what a shopper in a
//! given country is told on a product page.

use serde::{Deserialize, Serialize};

use crate::onboarding::COUNTRIES as NAMED;
use crate::{FieldError, FieldErrorCode};

/// Countries orders may be delivered to (ISO 3166-1 alpha-2), the same list shops
/// may be based in.
pub const DESTINATIONS: [&str; 11] = [
    "TW", "HK", "JP", "KR", "SG", "MY", "US", "GB", "DE", "FR", "DK",
];

/// The country's name in English or Chinese; the code itself if unknown.
pub fn country_name(code: &str, zh: bool) -> &str {
    NAMED
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, en, zh_name)| if zh { *zh_name } else { *en })
        .unwrap_or(code)
}

/// A destination code, normalised (`jp` → `JP`), if orders can be delivered there.
pub fn parse_country(raw: &str) -> Option<&'static str> {
    let raw = raw.trim();
    DESTINATIONS
        .iter()
        .find(|c| c.eq_ignore_ascii_case(raw))
        .copied()
}

/// The shopper's likely country from their browser's first language tag with a region
/// (`en-US` → US, `zh-TW` → TW), or from a language spoken mainly in one of the
/// destinations (`ja` → JP, `ko` → KR, `de` → DE, `fr` → FR).
pub fn country_from_accept_language(accept_language: Option<&str>) -> Option<&'static str> {
    for part in accept_language.unwrap_or_default().split(',') {
        let tag = part.split(';').next().unwrap_or_default().trim();
        let mut pieces = tag.split('-');
        let lang = pieces.next().unwrap_or_default().to_ascii_lowercase();
        if let Some(c) = pieces.filter(|p| p.len() == 2).find_map(parse_country) {
            return Some(c);
        }
        let by_lang = match lang.as_str() {
            "ja" => Some("JP"),
            "ko" => Some("KR"),
            "de" => Some("DE"),
            "fr" => Some("FR"),
            "ms" => Some("MY"),
            _ => None,
        };
        if by_lang.is_some() {
            return by_lang;
        }
    }
    None
}

/// Import duties and taxes may be charged on delivery when goods cross a border.
pub fn duties_may_apply(ships_from: &str, to: &str) -> bool {
    !ships_from.eq_ignore_ascii_case(to)
}

/// One way a shop delivers to a set of countries (a zone): its rate and time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneRate {
    pub countries: Vec<String>,
    pub price_minor: i64,
    pub free_over_minor: Option<i64>,
    pub days_min: i64,
    pub days_max: i64,
}

/// What a product page says about delivery to one country.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delivery {
    /// Ships there: the fastest delivery estimate and the lowest rate among the zones
    /// that include the country.
    Ships {
        days_min: i64,
        days_max: i64,
        from_minor: i64,
        duties: bool,
    },
    /// No zone of the shop includes the country.
    NotShipped,
}

/// Delivery to `country` from a shop in `ships_from` with these zones.
pub fn delivery_to(zones: &[ZoneRate], ships_from: &str, country: &str) -> Delivery {
    let matching: Vec<&ZoneRate> = zones
        .iter()
        .filter(|z| z.countries.iter().any(|c| c == country))
        .collect();
    if matching.is_empty() {
        return Delivery::NotShipped;
    }
    Delivery::Ships {
        days_min: matching.iter().map(|z| z.days_min).min().unwrap_or(0),
        days_max: matching.iter().map(|z| z.days_max).min().unwrap_or(0),
        from_minor: matching.iter().map(|z| z.price_minor).min().unwrap_or(0),
        duties: duties_may_apply(ships_from, country),
    }
}

/// The countries a shop ships to: the union of its zones, in `DESTINATIONS` order.
pub fn ships_to(zones: &[ZoneRate]) -> Vec<&'static str> {
    DESTINATIONS
        .into_iter()
        .filter(|d| zones.iter().any(|z| z.countries.iter().any(|c| c == d)))
        .collect()
}

/// Checks a zone a seller entered: at least one known country (no repeats), a rate and
/// free-over threshold of zero or more, and 1–90 days with the minimum first.
pub fn check_zone(
    countries: &[String],
    price_minor: Option<i64>,
    free_over_minor: Option<Option<i64>>,
    days_min: Option<i64>,
    days_max: Option<i64>,
) -> Result<ZoneRate, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut codes: Vec<String> = Vec::new();
    for c in countries {
        match parse_country(c) {
            Some(code) if !codes.iter().any(|x| x == code) => codes.push(code.to_string()),
            Some(_) => {}
            None => {
                errors.push(FieldError::new("countries", FieldErrorCode::InvalidChoice));
                break;
            }
        }
    }
    if countries.is_empty() {
        errors.push(FieldError::new("countries", FieldErrorCode::Required));
    }
    let price = match price_minor {
        Some(p) if p >= 0 => p,
        Some(_) => {
            errors.push(FieldError::new("price", FieldErrorCode::InvalidNumber));
            0
        }
        None => {
            errors.push(FieldError::new("price", FieldErrorCode::Required));
            0
        }
    };
    let free_over = match free_over_minor {
        Some(Some(f)) if f > 0 => Some(f),
        Some(Some(_)) | None => {
            errors.push(FieldError::new("free_over", FieldErrorCode::InvalidNumber));
            None
        }
        Some(None) => None,
    };
    let day = |v: Option<i64>, name: &str, errors: &mut Vec<FieldError>| match v {
        Some(d) if (1..=90).contains(&d) => d,
        Some(_) => {
            errors.push(FieldError::new(name, FieldErrorCode::InvalidNumber));
            0
        }
        None => {
            errors.push(FieldError::new(name, FieldErrorCode::Required));
            0
        }
    };
    let days_min = day(days_min, "days_min", &mut errors);
    let days_max = day(days_max, "days_max", &mut errors);
    if days_min > 0 && days_max > 0 && days_min > days_max {
        errors.push(FieldError::new("days_max", FieldErrorCode::InvalidNumber));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ZoneRate {
        countries: codes,
        price_minor: price,
        free_over_minor: free_over,
        days_min,
        days_max,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn zone(countries: &[&str], price: i64, days: (i64, i64)) -> ZoneRate {
        ZoneRate {
            countries: countries.iter().map(|c| c.to_string()).collect(),
            price_minor: price,
            free_over_minor: None,
            days_min: days.0,
            days_max: days.1,
        }
    }

    #[test]
    fn delivery_by_country() {
        let zones = vec![
            zone(&["TW"], 60, (2, 5)),
            zone(&["TW"], 160, (1, 2)),
            zone(&["JP", "HK", "KR"], 350, (5, 9)),
        ];
        assert_eq!(
            delivery_to(&zones, "TW", "TW"),
            Delivery::Ships {
                days_min: 1,
                days_max: 2,
                from_minor: 60,
                duties: false
            }
        );
        assert_eq!(
            delivery_to(&zones, "TW", "JP"),
            Delivery::Ships {
                days_min: 5,
                days_max: 9,
                from_minor: 350,
                duties: true
            }
        );
        assert_eq!(delivery_to(&zones, "TW", "US"), Delivery::NotShipped);
        assert_eq!(delivery_to(&[], "TW", "TW"), Delivery::NotShipped);
        assert_eq!(ships_to(&zones), vec!["TW", "HK", "JP", "KR"]);
    }

    #[test]
    fn countries_from_browsers() {
        assert_eq!(
            country_from_accept_language(Some("ja-JP,ja;q=0.9")),
            Some("JP")
        );
        assert_eq!(country_from_accept_language(Some("ja")), Some("JP"));
        assert_eq!(
            country_from_accept_language(Some("zh-TW,zh;q=0.9")),
            Some("TW")
        );
        assert_eq!(country_from_accept_language(Some("zh-Hant-HK")), Some("HK"));
        assert_eq!(country_from_accept_language(Some("en-GB")), Some("GB"));
        assert_eq!(
            country_from_accept_language(Some("en, de-DE;q=0.5")),
            Some("DE")
        );
        assert_eq!(country_from_accept_language(Some("en")), None);
        assert_eq!(country_from_accept_language(Some("pt-BR")), None);
        assert_eq!(country_from_accept_language(None), None);
        assert_eq!(parse_country(" jp "), Some("JP"));
        assert_eq!(parse_country("XX"), None);
        assert_eq!(country_name("JP", true), "日本");
        assert_eq!(country_name("JP", false), "Japan");
        for d in DESTINATIONS {
            assert_ne!(country_name(d, false), d, "{d} has a name");
        }
    }

    #[test]
    fn zones_are_checked_field_by_field() {
        let ok = check_zone(
            &["jp".into(), "HK".into(), "JP".into()],
            Some(350),
            Some(None),
            Some(5),
            Some(9),
        )
        .unwrap();
        assert_eq!(ok.countries, vec!["JP", "HK"]);
        let fields = |r: Result<ZoneRate, Vec<FieldError>>| -> Vec<String> {
            r.unwrap_err().into_iter().map(|e| e.field).collect()
        };
        assert_eq!(
            fields(check_zone(&[], Some(-1), Some(Some(0)), Some(0), None)),
            vec!["countries", "price", "free_over", "days_min", "days_max"]
        );
        assert_eq!(
            fields(check_zone(
                &["XX".into()],
                Some(0),
                Some(None),
                Some(9),
                Some(5)
            )),
            vec!["countries", "days_max"]
        );
    }

    proptest! {
        #[test]
        fn a_country_ships_exactly_when_a_zone_lists_it(sets in proptest::collection::vec(proptest::collection::vec(0usize..11, 0..4), 0..4), target in 0usize..11) {
            let zones: Vec<ZoneRate> = sets.iter().map(|s| ZoneRate {
                countries: s.iter().map(|i| DESTINATIONS[*i].to_string()).collect(),
                price_minor: 100, free_over_minor: None, days_min: 1, days_max: 3,
            }).collect();
            let country = DESTINATIONS[target];
            let listed = sets.iter().flatten().any(|i| *i == target);
            prop_assert_eq!(matches!(delivery_to(&zones, "TW", country), Delivery::Ships { .. }), listed);
            prop_assert_eq!(ships_to(&zones).contains(&country), listed);
        }
    }
}
