//! Contact details and requests to deal off the platform, found in what people write
//! (reviews, messages, questions and answers), in English and Chinese: links and email
//! addresses, phone and account numbers, messenger handles (LINE, WeChat, WhatsApp,
//! Telegram), "add me on LINE" and "pay by bank transfer". One set of rules: reviews
//! hold what it finds, messages mask it.
//!
//! [`find`] gives the byte ranges it found, [`mask`] the text with them hidden.

/// What kind of contact detail a span is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Contact {
    /// A web address or an email address.
    Link,
    /// A phone number (or another long number: an account number).
    Phone,
    /// A messenger handle ("LINE: @shop123", "微信 abc_88").
    Handle,
    /// Asking to move the conversation elsewhere ("加賴", "加我", "add me on line").
    OffPlatform,
    /// Asking to pay outside checkout ("轉帳", "bank transfer"): not hidden (the words
    /// are not a detail), but the reader is warned.
    Payment,
}

impl Contact {
    pub const ALL: [Contact; 5] = [
        Contact::Link,
        Contact::Phone,
        Contact::Handle,
        Contact::OffPlatform,
        Contact::Payment,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Contact::Link => "link",
            Contact::Phone => "phone",
            Contact::Handle => "handle",
            Contact::OffPlatform => "off_platform",
            Contact::Payment => "payment",
        }
    }

    pub fn parse(s: &str) -> Option<Contact> {
        Contact::ALL.into_iter().find(|c| c.code() == s)
    }

    /// Whether [`mask`] hides it (a payment request is only flagged).
    pub fn is_hidden(self) -> bool {
        !matches!(self, Contact::Payment | Contact::OffPlatform)
    }
}

/// One finding: its kind and byte range in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub kind: Contact,
    pub start: usize,
    pub end: usize,
}

/// What hides a detail in masked text.
pub const MASK: &str = "•••";

/// Top-level domains that make "word.tld" a link.
const TLDS: &[&str] = &[
    "com", "net", "org", "tw", "hk", "cn", "io", "co", "shop", "store", "me", "ly", "info", "biz",
];
/// Asking to move the conversation off the platform (matched as written, and lower-cased).
const OFF_PLATFORM: &[&str] = &[
    "加賴",
    "加line",
    "加微信",
    "加我",
    "私訊我",
    "加好友",
    "line id",
    "lineid",
    "add me on",
    "text me on",
    "message me on",
];
/// Messenger names that a handle follows ("LINE: abc", "微信 abc").
const MESSENGERS: &[&str] = &[
    "line id", "lineid", "line", "賴", "微信", "wechat", "whatsapp", "telegram", "skype",
];
/// Paying outside checkout.
const PAYMENT: &[&str] = &[
    "轉帳",
    "匯款",
    "銀行帳號",
    "私下交易",
    "貨到付款",
    "bank transfer",
    "wire transfer",
    "bank account",
    "pay outside",
    "pay me directly",
    "paypal me",
    "western union",
];

/// Every contact detail and request in `text`, in order of position (ranges may
/// overlap: a handle inside an "add me on LINE" request).
pub fn find(text: &str) -> Vec<Found> {
    // ASCII lower-casing keeps every byte offset
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    links(&lower, &mut out);
    phones(text, &mut out);
    handles(&lower, &mut out);
    phrases(&lower, OFF_PLATFORM, Contact::OffPlatform, &mut out);
    phrases(&lower, PAYMENT, Contact::Payment, &mut out);
    out.sort_by_key(|f| (f.start, f.end));
    out
}

/// The kinds found in `text`, each once.
pub fn kinds(text: &str) -> Vec<Contact> {
    let mut k: Vec<Contact> = find(text).into_iter().map(|f| f.kind).collect();
    k.sort();
    k.dedup();
    k
}

/// `text` with every hidden detail replaced by [`MASK`], and the kinds found (each once).
pub fn mask(text: &str) -> (String, Vec<Contact>) {
    let found = find(text);
    let mut kinds: Vec<Contact> = found.iter().map(|f| f.kind).collect();
    kinds.sort();
    kinds.dedup();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in found.iter().filter(|f| f.kind.is_hidden()) {
        if f.end <= at {
            continue;
        }
        let start = f.start.max(at);
        out.push_str(&text[at..start]);
        if start == f.start || !out.ends_with(MASK) {
            out.push_str(MASK);
        }
        at = f.end;
    }
    out.push_str(&text[at..]);
    (out, kinds)
}

fn push(out: &mut Vec<Found>, kind: Contact, start: usize, end: usize) {
    if end > start {
        out.push(Found { kind, start, end });
    }
}

fn is_link_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '@' | '_' | '+')
}

/// Web addresses (`http://…`, `www.…`: up to the next space) and `name.tld` words
/// (with an email address's local part).
fn links(lower: &str, out: &mut Vec<Found>) {
    for start_word in ["http://", "https://", "www."] {
        for (i, _) in lower.match_indices(start_word) {
            let end = lower[i..]
                .char_indices()
                .find(|(_, c)| c.is_whitespace() || !c.is_ascii())
                .map_or(lower.len(), |(j, _)| i + j);
            push(out, Contact::Link, i, end);
        }
    }
    for (start, tok) in tokens(lower, is_link_char) {
        let trimmed = tok.trim_end_matches('.');
        let domain = trimmed.rsplit('@').next().unwrap_or_default();
        if !domain.contains('.') {
            continue;
        }
        let mut parts = domain.rsplit('.');
        let tld = parts.next().unwrap_or_default();
        let name = parts.next().unwrap_or_default();
        if TLDS.contains(&tld) && name.chars().any(|c| c.is_ascii_alphabetic()) {
            let lead = tok.len() - tok.trim_start_matches('.').len();
            push(out, Contact::Link, start + lead, start + trimmed.len());
        }
    }
}

/// Runs of characters that satisfy `inside`, with their byte offsets.
fn tokens(text: &str, inside: fn(char) -> bool) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (inside(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// Runs of digits with phone-like separators (` -.()+`): nine or more digits, or eight
/// starting with `+` or `0` (0912-345-678, +886 912 345 678). Dates (2026-11-26, eight
/// digits starting with 2) and prices are not phone numbers.
fn phones(text: &str, out: &mut Vec<Found>) {
    let mut digits = 0usize;
    let mut first: Option<char> = None;
    let mut start = 0usize;
    let mut end = 0usize;
    let mut gap = 0;
    let mut close = |digits: usize, first: Option<char>, start: usize, end: usize| {
        if digits >= 9 || (digits == 8 && matches!(first, Some('+') | Some('0'))) {
            push(out, Contact::Phone, start, end);
        }
    };
    for (i, c) in text.char_indices() {
        if c.is_ascii_digit() {
            if first.is_none() {
                first = Some(c);
                start = i;
            }
            digits += 1;
            end = i + 1;
            gap = 0;
        } else if c == '+' && digits == 0 {
            first = Some('+');
            start = i;
        } else if matches!(c, ' ' | '-' | '.' | '(' | ')')
            && (digits > 0 || first.is_some())
            && gap < 2
        {
            gap += 1;
        } else {
            close(digits, first, start, end);
            digits = 0;
            first = None;
            gap = 0;
        }
    }
    close(digits, first, start, end);
}

fn is_handle_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '@')
}

/// A messenger's name followed by an id ("LINE: @shop123", "微信號 abc_88"), and ids
/// written as `@name` on their own.
fn handles(lower: &str, out: &mut Vec<Found>) {
    for name in MESSENGERS {
        for (i, _) in lower.match_indices(name) {
            let before = lower[..i].chars().next_back();
            let latin = name.is_ascii();
            if latin && before.is_some_and(|c| c.is_ascii_alphanumeric()) {
                continue;
            }
            let rest = &lower[i + name.len()..];
            if latin
                && rest
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
            {
                continue;
            }
            // separators: spaces, colons, "號/号", "id"
            let skip = rest
                .char_indices()
                .find(|&(_, c)| !matches!(c, ' ' | ':' | '：' | '號' | '号' | '是' | '=' | '-'))
                .map_or(rest.len(), |(j, _)| j);
            let mut id_start = i + name.len() + skip;
            if let Some(after) = lower[id_start..].strip_prefix("is ") {
                id_start += 3 + (after.len() - after.trim_start().len());
            }
            let id_len = lower[id_start..]
                .char_indices()
                .find(|(_, c)| !is_handle_char(*c))
                .map_or(lower.len() - id_start, |(j, _)| j);
            let id = &lower[id_start..id_start + id_len];
            // a handle has a digit, an @ or an underscore, or follows a colon: "line is
            // busy" names no handle
            let colon = lower[i + name.len()..id_start].contains([':', '：']);
            if id.len() >= 3
                && (colon || id.contains(|c: char| c.is_ascii_digit() || c == '@' || c == '_'))
            {
                push(out, Contact::Handle, id_start, id_start + id_len);
            }
        }
    }
    for (start, tok) in tokens(lower, is_handle_char) {
        let standalone = lower[..start]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || !c.is_ascii());
        if standalone && tok.starts_with('@') && tok.len() >= 4 && !tok[1..].contains('@') {
            push(out, Contact::Handle, start, start + tok.len());
        }
    }
}

fn phrases(lower: &str, list: &[&str], kind: Contact, out: &mut Vec<Found>) {
    for p in list {
        for (i, _) in lower.match_indices(p) {
            push(out, kind, i, i + p.len());
        }
    }
}

#[cfg(test)]
mod tests;
