//! The two first-class languages and how a request picks one: cookie, then Accept-Language.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    ZhHant,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhHant];

    /// BCP 47 tag used in `<html lang>`, hreflang and the `lang` cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhHant => "zh-Hant",
        }
    }

    /// The language's own name, as shown in the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhHant => "繁體中文",
        }
    }

    /// Parses a cookie value or a language tag. Traditional-Chinese regions
    /// (TW, HK, MO) and `zh-Hant` map to `ZhHant`; other `zh` stays unmatched
    /// because Simplified Chinese is not offered.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let t = tag.trim().to_ascii_lowercase();
        if t == "en" || t.starts_with("en-") {
            return Some(Lang::En);
        }
        if t == "zh-hant"
            || t.starts_with("zh-hant-")
            || t == "zh-tw"
            || t == "zh-hk"
            || t == "zh-mo"
        {
            return Some(Lang::ZhHant);
        }
        None
    }

    /// Picks the language for a request: a valid cookie wins, then the
    /// highest-weighted supported Accept-Language entry, then English.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
        if let Some(l) = cookie.and_then(Lang::from_tag) {
            return l;
        }
        let mut best: Option<(u32, Lang)> = None;
        for part in accept_language.unwrap_or_default().split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or_default();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            // weights compared as integers in thousandths
            let weight = (q.clamp(0.0, 1.0) * 1000.0) as u32;
            if weight == 0 {
                continue;
            }
            if let Some(l) = Lang::from_tag(tag) {
                if best.is_none_or(|(w, _)| weight > w) {
                    best = Some((weight, l));
                }
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }
}

/// Items of a list as the language writes them: `Taiwan, Japan` / `台灣、日本`.
pub fn join_list<S: AsRef<str>>(lang: Lang, items: &[S]) -> String {
    let sep = if lang == Lang::ZhHant { "、" } else { ", " };
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(sep)
}

/// The colon after a label: `: ` / `：`.
pub fn colon(lang: Lang) -> &'static str {
    if lang == Lang::ZhHant {
        "："
    } else {
        ": "
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A calendar date as each language writes it: `27 Nov 2026`, `2026年11月27日`.
pub fn format_date(lang: Lang, year: i64, month: u32, day: u32) -> String {
    match lang {
        Lang::En => format!("{day} {} {year}", MONTHS[(month.clamp(1, 12) - 1) as usize]),
        Lang::ZhHant => format!("{year}年{month}月{day}日"),
    }
}

/// Unix seconds as (year, month, day, seconds into the day), UTC — Howard Hinnant's
/// civil-from-days, so the browser needs no date library.
pub fn civil_from_unix(unix: i64) -> (i64, u32, u32, i64) {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d, secs)
}

/// A UTC time of day after the date: `27 Nov 2026, 14:05 UTC`, `2026年11月27日 14:05 UTC`.
pub fn format_datetime(lang: Lang, unix: i64) -> String {
    let (y, m, d, secs) = civil_from_unix(unix);
    let sep = if lang == Lang::En { ", " } else { " " };
    format!(
        "{}{sep}{:02}:{:02} UTC",
        format_date(lang, y, m, d),
        secs / 3600,
        secs % 3600 / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation() {
        assert_eq!(Lang::negotiate(None, None), Lang::En);
        assert_eq!(
            Lang::negotiate(None, Some("zh-TW,zh;q=0.9,en;q=0.8")),
            Lang::ZhHant
        );
        assert_eq!(Lang::negotiate(None, Some("en-US,zh-Hant;q=0.5")), Lang::En);
        assert_eq!(Lang::negotiate(None, Some("fr,zh-HK;q=0.4")), Lang::ZhHant);
        assert_eq!(Lang::negotiate(Some("en"), Some("zh-TW")), Lang::En);
        assert_eq!(Lang::negotiate(Some("bogus"), Some("zh-TW")), Lang::ZhHant);
        assert_eq!(Lang::negotiate(None, Some("zh-CN")), Lang::En);
    }

    #[test]
    fn lists_per_language() {
        assert_eq!(join_list(Lang::En, &["Taiwan", "Japan"]), "Taiwan, Japan");
        assert_eq!(join_list(Lang::ZhHant, &["台灣", "日本"]), "台灣、日本");
        assert_eq!(colon(Lang::ZhHant), "：");
    }

    #[test]
    fn dates_per_language() {
        assert_eq!(format_date(Lang::En, 2026, 11, 27), "27 Nov 2026");
        assert_eq!(format_date(Lang::ZhHant, 2026, 11, 27), "2026年11月27日");
        // 2026-11-27T14:05:00Z
        assert_eq!(
            format_datetime(Lang::En, 1_795_788_300),
            "27 Nov 2026, 14:05 UTC"
        );
        assert_eq!(
            format_datetime(Lang::ZhHant, 1_795_788_300),
            "2026年11月27日 14:05 UTC"
        );
        assert_eq!(format_datetime(Lang::En, 0), "1 Jan 1970, 00:00 UTC");
        assert_eq!(
            format_datetime(Lang::En, 951_782_400),
            "29 Feb 2000, 00:00 UTC"
        );
    }

    #[test]
    fn codes_round_trip() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_tag(l.code()), Some(l));
        }
    }
}
