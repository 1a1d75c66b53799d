//! Exchange rates: the table every converted price goes through, the European Central
//! Bank's daily reference-rate XML, and when a rate is too old to trust.
//!
//! Rates are kept against the US dollar (`units of X per 1 USD × 10^9`). A conversion
//! between two other currencies uses both USD rates in one exact integer step, so an
//! amount is rounded once, never twice through USD.

use serde::{Deserialize, Serialize};

use crate::money::{Currency, Money, Rounding, RoundingMode, RATE_SCALE};

/// Rates from USD and each currency's rounding mode, as loaded for a page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateTable {
    /// Units of each currency per US dollar × 10^9 (USD itself is implied: 10^9).
    pub usd: Vec<(Currency, i64)>,
    /// Tie-break per currency where an admin set one (else half-up).
    pub modes: Vec<(Currency, RoundingMode)>,
}

impl RateTable {
    pub fn new(usd: Vec<(Currency, i64)>) -> RateTable {
        RateTable {
            usd,
            modes: Vec::new(),
        }
    }

    /// Units of `c` per US dollar × 10^9.
    pub fn usd_rate(&self, c: Currency) -> Option<i64> {
        if c == Currency::USD {
            return Some(RATE_SCALE as i64);
        }
        self.usd
            .iter()
            .find(|(k, _)| *k == c)
            .map(|(_, r)| *r)
            .filter(|r| *r > 0)
    }

    pub fn mode(&self, c: Currency) -> RoundingMode {
        self.modes
            .iter()
            .find(|(k, _)| *k == c)
            .map(|(_, m)| *m)
            .unwrap_or_default()
    }

    /// The rounding rule for amounts shown in `c`.
    pub fn rule(&self, c: Currency) -> Rounding {
        Rounding::for_currency(c, self.mode(c))
    }

    /// Converts `m` into `to` under `to`'s rule (mode and cash step).
    pub fn convert(&self, m: Money, to: Currency) -> Option<Money> {
        self.convert_with(m, to, self.rule(to))
    }

    /// Converts `m` into `to` rounding once by `rule`: amount × rate(to) / rate(from)
    /// is computed exactly in `i128` and rounded at the end.
    pub fn convert_with(&self, m: Money, to: Currency, rule: Rounding) -> Option<Money> {
        if m.currency == to {
            return Some(m);
        }
        let from_rate = i128::from(self.usd_rate(m.currency)?);
        let to_rate = i128::from(self.usd_rate(to)?);
        m.convert_ratio(to, to_rate, from_rate, rule)
    }
}

/// Reads a decimal rate (`"1.0867"`, `"161.52"`) as an integer × 10^9; only positive,
/// plain decimals with at most nine fractional digits.
pub fn parse_rate(s: &str) -> Option<i64> {
    let s = s.trim();
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty()
        || int.len() > 9
        || frac.len() > 9
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = int.parse().ok()?;
    let mut f: i64 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    for _ in frac.len()..9 {
        f *= 10;
    }
    let v = whole.checked_mul(RATE_SCALE as i64)?.checked_add(f)?;
    (v > 0).then_some(v)
}

/// A rate × 10^9 written back as a decimal with trailing zeros removed (`1.0867`).
pub fn rate_string(rate_e9: i64) -> String {
    let whole = rate_e9 / RATE_SCALE as i64;
    let frac = rate_e9 % RATE_SCALE as i64;
    if frac == 0 {
        return whole.to_string();
    }
    let f = format!("{frac:09}");
    format!("{whole}.{}", f.trim_end_matches('0'))
}

/// One day's reference rates as the ECB publishes them: units per euro.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EcbDay {
    /// `YYYY-MM-DD`, the day the rates are for.
    pub date: String,
    /// ISO code and units per euro × 10^9, in file order.
    pub rates: Vec<(String, i64)>,
}

/// Why a file is not an ECB reference-rate file, with the line it was found on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EcbError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for EcbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

fn err(line: usize, message: impl Into<String>) -> EcbError {
    EcbError {
        line,
        message: message.into(),
    }
}

/// Finds `name='value'` or `name="value"` in a tag's attribute text.
fn attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = attrs;
    while let Some(i) = rest.find(name) {
        let before_ok = i == 0 || rest.as_bytes()[i - 1].is_ascii_whitespace();
        let after = rest[i + name.len()..].trim_start();
        if before_ok {
            if let Some(after_eq) = after.strip_prefix('=') {
                let after_eq = after_eq.trim_start();
                let quote = after_eq.chars().next()?;
                if quote == '\'' || quote == '"' {
                    let body = &after_eq[1..];
                    return body.find(quote).map(|end| &body[..end]);
                }
                return None;
            }
        }
        rest = &rest[i + name.len()..];
    }
    None
}

fn valid_date(d: &str) -> bool {
    let b = d.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| d[r].parse::<u32>().ok();
    match (num(0..4), num(5..7), num(8..10)) {
        (Some(y), Some(m), Some(day)) => {
            let days = match m {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
                2 => 28,
                _ => return false,
            };
            (1990..=2999).contains(&y) && (1..=days).contains(&day)
        }
        _ => false,
    }
}

/// What the parser has read of the day so far.
#[derive(Default)]
struct EcbDayReader {
    /// The day's date and the line of its `<Cube time='…'>`.
    day: Option<(String, usize)>,
    /// Inside the day's `<Cube time='…'>`.
    in_day: bool,
    rates: Vec<(String, i64)>,
}

impl EcbDayReader {
    /// A `<Cube …>` tag on `tag_line`: the day (`time`) or one of its rates
    /// (`currency` and `rate`).
    fn cube(&mut self, attrs: &str, self_closing: bool, tag_line: usize) -> Result<(), EcbError> {
        if let Some(time) = attribute(attrs, "time") {
            if let Some((_, first)) = &self.day {
                return Err(err(
                        tag_line,
                        format!("a second day of rates (the first is on line {first}); import one day at a time"),
                    ));
            }
            if !valid_date(time) {
                return Err(err(
                    tag_line,
                    format!("time {time:?} is not a date (YYYY-MM-DD)"),
                ));
            }
            self.day = Some((time.to_string(), tag_line));
            self.in_day = !self_closing;
        } else if let Some(code) = attribute(attrs, "currency") {
            if !self.in_day {
                return Err(err(
                    tag_line,
                    format!("rate for {code} is outside a <Cube time='…'>"),
                ));
            }
            if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(err(
                    tag_line,
                    format!("{code:?} is not an ISO 4217 currency code"),
                ));
            }
            let raw = attribute(attrs, "rate")
                .ok_or_else(|| err(tag_line, format!("{code} has no rate")))?;
            let rate = parse_rate(raw).ok_or_else(|| {
                err(
                    tag_line,
                    format!("rate {raw:?} for {code} is not a positive decimal"),
                )
            })?;
            if self.rates.iter().any(|(c, _)| c == code) {
                return Err(err(tag_line, format!("{code} is listed twice")));
            }
            self.rates.push((code.to_string(), rate));
        } else if !attrs.trim().is_empty() {
            return Err(err(tag_line, "a <Cube> with neither time nor currency"));
        }
        Ok(())
    }
}

/// Parses the ECB's `eurofxref-daily.xml` (a `gesmes:Envelope` holding
/// `<Cube time='…'>` with one `<Cube currency='USD' rate='1.0867'/>` per currency).
/// Anything else — an unclosed or mismatched tag, a missing or second day, a rate
/// that is not a positive decimal, a bad code, a currency listed twice — is an error
/// naming its line, and nothing is returned.
pub fn parse_ecb(xml: &str) -> Result<EcbDay, EcbError> {
    let mut line = 1usize;
    let mut rest = xml;
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut read = EcbDayReader::default();
    let mut seen_root = false;
    while let Some(open) = rest.find('<') {
        line += rest[..open].matches('\n').count();
        let text = rest[..open].trim();
        if !text.is_empty() && stack.last().is_none_or(|(n, _)| !n.contains(':')) {
            return Err(err(line, format!("unexpected text {:?}", clip(text))));
        }
        rest = &rest[open..];
        if let Some(body) = rest.strip_prefix("<!--") {
            let end = body
                .find("-->")
                .ok_or_else(|| err(line, "comment is not closed"))?;
            line += body[..end].matches('\n').count();
            rest = &body[end + 3..];
            continue;
        }
        let close = rest
            .find('>')
            .ok_or_else(|| err(line, "tag is not closed with '>'"))?;
        let tag = &rest[1..close];
        let tag_line = line;
        if tag.contains('<') {
            return Err(err(tag_line, "tag is not closed with '>'"));
        }
        line += tag.matches('\n').count();
        rest = &rest[close + 1..];
        if tag.starts_with('?') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim();
            match stack.pop() {
                Some((open_name, _)) if open_name == name => {
                    if name == "Cube" && read.in_day && stack.len() == 2 {
                        read.in_day = false;
                    }
                }
                Some((open_name, open_line)) => {
                    return Err(err(
                        tag_line,
                        format!("</{name}> closes <{open_name}> opened on line {open_line}"),
                    ))
                }
                None => return Err(err(tag_line, format!("</{name}> closes nothing"))),
            }
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let (name, attrs) = tag
            .split_once(|c: char| c.is_ascii_whitespace())
            .unwrap_or((tag, ""));
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == ':') {
            return Err(err(tag_line, format!("malformed tag <{}>", clip(tag))));
        }
        if stack.is_empty() {
            if seen_root || name != "gesmes:Envelope" {
                return Err(err(
                    tag_line,
                    format!("expected the ECB's <gesmes:Envelope>, found <{name}>"),
                ));
            }
            seen_root = true;
        }
        if name == "Cube" {
            read.cube(attrs, self_closing, tag_line)?;
        }
        if !self_closing {
            stack.push((name.to_string(), tag_line));
        }
    }
    if !rest.trim().is_empty() {
        return Err(err(
            line,
            format!("unexpected text {:?}", clip(rest.trim())),
        ));
    }
    if let Some((name, open_line)) = stack.pop() {
        return Err(err(open_line, format!("<{name}> is never closed")));
    }
    if !seen_root {
        return Err(err(1, "empty file: expected the ECB's <gesmes:Envelope>"));
    }
    let (date, date_line) = read
        .day
        .ok_or_else(|| err(line, "no <Cube time='…'> day of rates"))?;
    if read.rates.is_empty() {
        return Err(err(date_line, "the day lists no rates"));
    }
    Ok(EcbDay {
        date,
        rates: read.rates,
    })
}

fn clip(s: &str) -> String {
    s.chars().take(40).collect()
}

/// The ECB's euro rates turned into rates from USD for the currencies this
/// marketplace knows (EUR included; others skipped). Needs the USD rate.
pub fn usd_based(day: &EcbDay) -> Result<Vec<(Currency, i64)>, String> {
    let usd_per_eur = day
        .rates
        .iter()
        .find(|(c, _)| c == "USD")
        .map(|(_, r)| i128::from(*r))
        .ok_or("the file has no USD rate, which every other rate is converted through")?;
    let mut out = vec![(
        Currency::EUR,
        // euros per dollar = 1 / (dollars per euro)
        i64::try_from((RATE_SCALE * RATE_SCALE + usd_per_eur / 2) / usd_per_eur)
            .map_err(|_| "USD rate out of range")?,
    )];
    for (code, per_eur) in &day.rates {
        let Some(c) = Currency::parse(code).filter(|c| *c != Currency::USD && *c != Currency::EUR)
        else {
            continue;
        };
        let r = (i128::from(*per_eur) * RATE_SCALE + usd_per_eur / 2) / usd_per_eur;
        let r = i64::try_from(r).map_err(|_| format!("{code} rate out of range"))?;
        if r <= 0 {
            return Err(format!("{code} rate rounds to zero"));
        }
        out.push((c, r));
    }
    Ok(out)
}

/// Whether a rate set at `as_of` is older than `max_age_hours` at `now` (unix seconds).
pub fn is_stale(as_of: i64, now: i64, max_age_hours: i64) -> bool {
    now.saturating_sub(as_of) > max_age_hours.saturating_mul(3600)
}

#[cfg(test)]
mod tests;
