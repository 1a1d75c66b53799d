//! Reviews of delivered order lines: who may review what and until when, what a review
//! must hold, the automatic checks that decide between publishing and holding for a
//! moderator (profanity in English and Traditional Chinese, links, phone numbers,
//! text duplicated across accounts, linked accounts, bursts), the rating aggregate kept
//! by deltas instead of scans, and the Bayesian average used for ranking.

use crate::contact::Contact;
use crate::{FieldError, FieldErrorCode, Lang};

pub const MAX_TITLE: usize = 120;
pub const MIN_BODY: usize = 10;
pub const MAX_BODY: usize = 4000;
pub const MAX_REPLY: usize = 2000;
pub const MAX_REVIEW_PHOTOS: usize = 4;
/// A review can be edited this long after it was written.
pub const EDIT_DAYS: i64 = 30;
const DAY: i64 = 86_400;
/// Default for the platform's review window (days after delivery).
pub const DEFAULT_WINDOW_DAYS: i64 = 90;
/// Bayesian prior: the platform-wide mean a product is pulled towards, and how many
/// reviews' worth of weight that pull has.
pub const PRIOR_MEAN: f64 = 4.0;
pub const PRIOR_WEIGHT: f64 = 10.0;
/// This many reviews of one product within `BURST_MINUTES` (the new one included) are
/// a burst, flagged to moderators.
pub const BURST_COUNT: usize = 5;
pub const BURST_MINUTES: i64 = 60;
/// Normalised review text shorter than this is too common ("great, thanks") to call
/// a copy.
pub const MIN_DUPLICATE_CHARS: usize = 24;

/// The aspects a shopper may rate besides the overall stars.
pub const ASPECTS: [&str; 3] = ["quality", "described", "shipping"];

/// A review form as submitted (raw text fields).
#[derive(Clone, Debug, Default)]
pub struct Draft {
    pub rating: String,
    pub title: String,
    pub body: String,
    /// `quality`, `described`, `shipping`: empty when not rated.
    pub aspects: [String; 3],
}

/// A review that passed the form rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub rating: u8,
    pub title: String,
    pub body: String,
    pub lang: Lang,
    pub aspects: [Option<u8>; 3],
}

fn stars(raw: &str) -> Option<u8> {
    raw.trim()
        .parse::<u8>()
        .ok()
        .filter(|n| (1..=5).contains(n))
}

/// Checks a submitted review; every refused field is named.
pub fn check(d: &Draft) -> Result<Checked, Vec<FieldError>> {
    let mut errs = Vec::new();
    let rating = if d.rating.trim().is_empty() {
        errs.push(FieldError::new("rating", FieldErrorCode::Required));
        None
    } else {
        let r = stars(&d.rating);
        if r.is_none() {
            errs.push(FieldError::new("rating", FieldErrorCode::InvalidNumber));
        }
        r
    };
    let title = d.title.trim().to_string();
    if title.chars().count() > MAX_TITLE {
        errs.push(FieldError::new("title", FieldErrorCode::TooLong));
    }
    let body = d.body.trim().to_string();
    let n = body.chars().count();
    if n == 0 {
        errs.push(FieldError::new("body", FieldErrorCode::Required));
    } else if n < MIN_BODY {
        errs.push(FieldError::new("body", FieldErrorCode::TooShort));
    } else if n > MAX_BODY {
        errs.push(FieldError::new("body", FieldErrorCode::TooLong));
    }
    let mut aspects = [None; 3];
    for (i, raw) in d.aspects.iter().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        match stars(raw) {
            Some(s) => aspects[i] = Some(s),
            None => errs.push(FieldError::new(ASPECTS[i], FieldErrorCode::InvalidNumber)),
        }
    }
    match rating {
        Some(rating) if errs.is_empty() => Ok(Checked {
            rating,
            lang: detect_lang(&format!("{title} {body}")),
            title,
            body,
            aspects,
        }),
        _ => Err(errs),
    }
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// The language a review is written in: Traditional Chinese when Han characters carry
/// at least a quarter of the letters (one Han character says about what a short
/// English word does), English otherwise.
pub fn detect_lang(text: &str) -> Lang {
    let han = text.chars().filter(|c| is_han(*c)).count();
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    if han > 0 && han * 4 >= latin {
        Lang::ZhHant
    } else {
        Lang::En
    }
}

/// Why a review was held for a moderator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Flag {
    Profanity,
    Link,
    Phone,
    /// The same text as another account's review.
    Duplicate,
    /// Another account on the same device or payment card reviewed the same shop, or
    /// the device is the seller's own.
    LinkedAccounts,
    /// Many reviews of one product in a short time.
    Burst,
}

impl Flag {
    pub const ALL: [Flag; 6] = [
        Flag::Profanity,
        Flag::Link,
        Flag::Phone,
        Flag::Duplicate,
        Flag::LinkedAccounts,
        Flag::Burst,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Flag::Profanity => "profanity",
            Flag::Link => "link",
            Flag::Phone => "phone",
            Flag::Duplicate => "duplicate",
            Flag::LinkedAccounts => "linked_accounts",
            Flag::Burst => "burst",
        }
    }

    pub fn parse(s: &str) -> Option<Flag> {
        Flag::ALL.into_iter().find(|f| f.code() == s)
    }
}

/// Latin words matched as whole words after undoing common disguises (`f*ck`, `sh1t`).
const PROFANE_EN: &[&str] = &[
    "fuck",
    "fucking",
    "fucker",
    "motherfucker",
    "shit",
    "bullshit",
    "bitch",
    "asshole",
    "bastard",
    "cunt",
    "dick",
    "dickhead",
    "wanker",
    "slut",
    "whore",
    "retard",
];
/// Chinese terms matched anywhere (no word boundaries in Chinese).
const PROFANE_ZH: &[&str] = &[
    "幹你娘",
    "操你",
    "他媽的",
    "他妈的",
    "王八蛋",
    "智障",
    "白痴",
    "白癡",
    "去死",
    "靠北",
    "賤人",
    "婊子",
    "垃圾賣家",
    "廢物",
    "幹您娘",
    "機掰",
    "雞掰",
];
fn unmask(c: char) -> char {
    match c {
        '0' => 'o',
        '1' | '!' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        c => c.to_ascii_lowercase(),
    }
}

/// Latin words of `text`, lower-cased with leetspeak undone; `*` inside a word stays
/// as a wildcard for one letter.
fn latin_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        let inner = c.is_ascii_alphanumeric() || matches!(c, '*' | '@' | '$' | '!');
        if inner {
            cur.push(unmask(c));
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn word_matches(word: &str, bad: &str) -> bool {
    word.len() == bad.len()
        && word
            .chars()
            .zip(bad.chars())
            .all(|(w, b)| w == b || w == '*')
        && word.chars().any(|c| c != '*')
}

/// The checks that read only the text.
pub fn text_flags(title: &str, body: &str) -> Vec<Flag> {
    let text = format!("{title}\n{body}");
    let mut flags = Vec::new();
    let words = latin_words(&text);
    let zh_hit = PROFANE_ZH.iter().any(|t| text.contains(t));
    if zh_hit
        || words
            .iter()
            .any(|w| PROFANE_EN.iter().any(|b| word_matches(w, b)))
    {
        flags.push(Flag::Profanity);
    }
    let kinds = crate::contact::kinds(&text);
    if kinds
        .iter()
        .any(|k| matches!(k, Contact::Link | Contact::Handle | Contact::OffPlatform))
    {
        flags.push(Flag::Link);
    }
    if kinds.contains(&Contact::Phone) {
        flags.push(Flag::Phone);
    }
    flags
}

/// A key for "the same text": letters and digits only, lower-cased, hashed (FNV-1a);
/// `None` for text too short to be telling.
pub fn text_key(body: &str) -> Option<String> {
    let norm: String = body
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if norm.chars().count() < MIN_DUPLICATE_CHARS {
        return None;
    }
    let h = norm.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    Some(format!("{h:016x}"))
}

/// Why an order line cannot be reviewed (now).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    NotDelivered,
    WindowClosed,
}

/// A delivered order line can be reviewed for `window_days` after delivery.
/// Times are unix seconds.
pub fn may_review(delivered_at: Option<i64>, now: i64, window_days: i64) -> Result<(), Refusal> {
    let at = delivered_at.ok_or(Refusal::NotDelivered)?;
    if now > at + window_days * DAY {
        Err(Refusal::WindowClosed)
    } else {
        Ok(())
    }
}

/// The author can edit for [`EDIT_DAYS`] after writing.
pub fn may_edit(created_at: i64, now: i64) -> bool {
    now <= created_at + EDIT_DAYS * DAY
}

/// A negative review: the seller is told at once.
pub fn is_negative(rating: u8) -> bool {
    rating <= 2
}

/// How a reviewer is shown publicly: the first name and the initial of the last
/// ("Shan S."), or for a name written without spaces its first character and stars
/// ("林**").
pub fn public_name(display: &str) -> String {
    let words: Vec<&str> = display.split_whitespace().collect();
    match words.as_slice() {
        [] => "—".to_string(),
        [one] => {
            let mut chars = one.chars();
            let first = chars.next().unwrap_or('—');
            if first.is_ascii_alphabetic() {
                one.to_string()
            } else {
                format!("{first}{}", "*".repeat(chars.count().clamp(1, 2)))
            }
        }
        [first, .., last] => {
            let initial = last.chars().next().unwrap_or_default();
            format!("{first} {initial}.")
        }
    }
}

/// What one published review contributes to its product's and shop's ratings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counted {
    pub rating: u8,
    pub photos: bool,
}

/// A product's (or shop's) ratings: count, sum, the 1–5 distribution and how many
/// reviews have photos. Kept by adding [`Aggregate::delta`]s, never by rescanning.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Aggregate {
    pub count: i64,
    pub sum: i64,
    /// `dist[0]` = one-star reviews … `dist[4]` = five-star.
    pub dist: [i64; 5],
    pub photos: i64,
}

impl Aggregate {
    fn apply(&mut self, c: Counted, sign: i64) {
        let r = i64::from(c.rating.clamp(1, 5));
        self.count += sign;
        self.sum += sign * r;
        self.dist[(r - 1) as usize] += sign;
        if c.photos {
            self.photos += sign;
        }
    }

    pub fn of<'a>(reviews: impl IntoIterator<Item = &'a Counted>) -> Aggregate {
        let mut a = Aggregate::default();
        for c in reviews {
            a.apply(*c, 1);
        }
        a
    }

    /// The change when a review's published contribution goes from `before` to
    /// `after` (`None`: not published — held, removed or not yet written).
    pub fn delta(before: Option<Counted>, after: Option<Counted>) -> Aggregate {
        let mut a = Aggregate::default();
        if let Some(b) = before {
            a.apply(b, -1);
        }
        if let Some(c) = after {
            a.apply(c, 1);
        }
        a
    }

    pub fn plus(mut self, d: Aggregate) -> Aggregate {
        self.count += d.count;
        self.sum += d.sum;
        for i in 0..5 {
            self.dist[i] += d.dist[i];
        }
        self.photos += d.photos;
        self
    }

    pub fn is_zero(&self) -> bool {
        *self == Aggregate::default()
    }

    pub fn average(&self) -> f64 {
        if self.count <= 0 {
            0.0
        } else {
            self.sum as f64 / self.count as f64
        }
    }

    pub fn bayesian(&self) -> f64 {
        bayesian(self.sum, self.count)
    }
}

/// The ranking score: the average pulled towards [`PRIOR_MEAN`] with the weight of
/// [`PRIOR_WEIGHT`] reviews, so a single five-star review (4.09) does not outrank five
/// hundred averaging 4.8 (4.78). Unrated products score 0 (ranked last).
pub fn bayesian(sum: i64, count: i64) -> f64 {
    if count <= 0 {
        0.0
    } else {
        (PRIOR_WEIGHT * PRIOR_MEAN + sum as f64) / (PRIOR_WEIGHT + count as f64)
    }
}

#[cfg(test)]
mod tests;
