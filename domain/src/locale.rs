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
    fn codes_round_trip() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_tag(l.code()), Some(l));
        }
    }
}
