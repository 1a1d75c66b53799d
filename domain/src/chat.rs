//! Conversations between a shopper and a shop: what a message may hold, what the other
//! side sees of it (contact details masked by [`crate::contact`]), the seller's canned
//! replies, and the shop's response rate and median first-response time.

use crate::contact::{self, Contact};
use crate::throttle::ThrottlePolicy;
use crate::{FieldError, FieldErrorCode};

/// The most characters in one message.
pub const MAX_MESSAGE_CHARS: usize = 2_000;
/// Photos one message may carry (each re-encoded on the server, so no camera metadata
/// such as a GPS position reaches the other side).
pub const MAX_MESSAGE_PHOTOS: usize = 4;
/// Characters of the last message shown in an inbox row.
pub const PREVIEW_CHARS: usize = 80;
/// Messages in one page of a thread.
pub const PAGE: usize = 50;
/// The most canned replies a shop keeps, and the most characters in one.
pub const MAX_CANNED: usize = 10;
pub const MAX_CANNED_CHARS: usize = 500;
/// Per account: 30 messages in 10 minutes.
pub const SEND_LIMIT: ThrottlePolicy = ThrottlePolicy {
    max_failures: 30,
    window_secs: 10 * 60,
};

/// Which side of a conversation wrote a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Buyer,
    Shop,
}

impl Side {
    pub fn code(self) -> &'static str {
        match self {
            Side::Buyer => "buyer",
            Side::Shop => "shop",
        }
    }

    pub fn parse(s: &str) -> Option<Side> {
        match s {
            "buyer" => Some(Side::Buyer),
            "shop" => Some(Side::Shop),
            _ => None,
        }
    }

    pub fn other(self) -> Side {
        match self {
            Side::Buyer => Side::Shop,
            Side::Shop => Side::Buyer,
        }
    }
}

/// A message as it is kept: the text both sides see (details masked), the text as
/// written when something was masked (for moderators), and what was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    pub body: String,
    pub original: Option<String>,
    pub flags: Vec<Contact>,
}

impl Outgoing {
    /// The reader is warned: the writer asked to deal or pay outside the platform.
    pub fn warns(&self) -> bool {
        warns(&self.flags)
    }
}

/// Whether flags of a message call for the "stay on the platform" warning.
pub fn warns(flags: &[Contact]) -> bool {
    flags
        .iter()
        .any(|f| matches!(f, Contact::Payment | Contact::OffPlatform))
}

/// Checks a message (trimmed; at most [`MAX_MESSAGE_CHARS`]; with `photos` photos, at
/// most [`MAX_MESSAGE_PHOTOS`]; not empty unless it carries a photo) and masks its
/// contact details.
pub fn prepare(body: &str, photos: usize) -> Result<Outgoing, FieldError> {
    let body = body.trim();
    if photos > MAX_MESSAGE_PHOTOS {
        return Err(FieldError::new("photos", FieldErrorCode::TooMany));
    }
    if body.is_empty() && photos == 0 {
        return Err(FieldError::new("body", FieldErrorCode::Required));
    }
    if body.chars().count() > MAX_MESSAGE_CHARS {
        return Err(FieldError::new("body", FieldErrorCode::TooLong));
    }
    let (masked, flags) = contact::mask(body);
    let original = (masked != body).then(|| body.to_string());
    Ok(Outgoing {
        body: masked,
        original,
        flags,
    })
}

/// The start of a message for an inbox row: one line, at most [`PREVIEW_CHARS`].
pub fn preview(body: &str) -> String {
    let line: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= PREVIEW_CHARS {
        return line;
    }
    let mut cut: String = line.chars().take(PREVIEW_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// Checks a shop's canned replies (one per non-empty line of the form's text areas):
/// at most [`MAX_CANNED`], each at most [`MAX_CANNED_CHARS`] and without contact details.
pub fn check_canned(replies: &[String]) -> Result<Vec<String>, FieldError> {
    let list: Vec<String> = replies
        .iter()
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .collect();
    if list.len() > MAX_CANNED {
        return Err(FieldError::new("canned", FieldErrorCode::TooMany));
    }
    if list.iter().any(|r| r.chars().count() > MAX_CANNED_CHARS) {
        return Err(FieldError::new("canned", FieldErrorCode::TooLong));
    }
    if list
        .iter()
        .any(|r| contact::kinds(r).iter().any(|k| k.is_hidden()))
    {
        return Err(FieldError::new("canned", FieldErrorCode::NotAllowed));
    }
    Ok(list)
}

/// A shopper's question that waited for the shop: when it was asked and when the shop
/// first answered (unix seconds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ask {
    pub asked_at: i64,
    pub answered_at: Option<i64>,
}

/// A question answered later than this counts as not answered.
pub const ANSWER_WITHIN_SECS: i64 = 24 * 3600;
/// Questions asked in this many days count.
pub const LOOKBACK_DAYS: i64 = 30;
/// Fewer counted questions than this show no figures ("new to chat").
pub const MIN_ASKS: usize = 3;

/// A shop's responsiveness as shoppers see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResponseStats {
    /// Questions answered within [`ANSWER_WITHIN_SECS`], in per cent.
    pub rate_pct: u8,
    /// The median time to the first answer of the answered questions (seconds).
    pub median_secs: Option<i64>,
    /// The questions counted.
    pub counted: usize,
}

/// The response figures at `now` from the shop's recent questions: those of the last
/// [`LOOKBACK_DAYS`] that were answered or have waited a full day (a question asked an
/// hour ago is not late yet). `None` below [`MIN_ASKS`].
pub fn response_stats(asks: &[Ask], now: i64) -> Option<ResponseStats> {
    let since = now - LOOKBACK_DAYS * 86_400;
    let mut counted = 0usize;
    let mut in_time = 0usize;
    let mut waits: Vec<i64> = Vec::new();
    for a in asks
        .iter()
        .filter(|a| a.asked_at >= since && a.asked_at <= now)
    {
        let answered = a.answered_at.filter(|t| *t <= now);
        let due = now - a.asked_at >= ANSWER_WITHIN_SECS;
        match answered {
            Some(t) => {
                let wait = (t - a.asked_at).max(0);
                counted += 1;
                waits.push(wait);
                if wait <= ANSWER_WITHIN_SECS {
                    in_time += 1;
                }
            }
            None if due => counted += 1,
            None => {}
        }
    }
    if counted < MIN_ASKS {
        return None;
    }
    waits.sort_unstable();
    let median_secs = match waits.len() {
        0 => None,
        n if n % 2 == 1 => Some(waits[n / 2]),
        n => Some((waits[n / 2 - 1] + waits[n / 2]) / 2),
    };
    Some(ResponseStats {
        rate_pct: ((in_time * 100 + counted / 2) / counted) as u8,
        median_secs,
        counted,
    })
}

/// Which threads a seller's inbox shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InboxFilter {
    #[default]
    All,
    /// The shopper wrote last and waits for the shop.
    Unanswered,
    /// Threads about an order.
    Orders,
}

impl InboxFilter {
    pub const ALL: [InboxFilter; 3] = [
        InboxFilter::All,
        InboxFilter::Unanswered,
        InboxFilter::Orders,
    ];

    pub fn code(self) -> &'static str {
        match self {
            InboxFilter::All => "all",
            InboxFilter::Unanswered => "unanswered",
            InboxFilter::Orders => "orders",
        }
    }

    /// Unknown filters show everything.
    pub fn parse(s: &str) -> InboxFilter {
        InboxFilter::ALL
            .into_iter()
            .find(|f| f.code() == s)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests;
