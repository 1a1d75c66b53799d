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

/// Parses the ECB's `eurofxref-daily.xml` (a `gesmes:Envelope` holding
/// `<Cube time='…'>` with one `<Cube currency='USD' rate='1.0867'/>` per currency).
/// Anything else — an unclosed or mismatched tag, a missing or second day, a rate
/// that is not a positive decimal, a bad code, a currency listed twice — is an error
/// naming its line, and nothing is returned.
pub fn parse_ecb(xml: &str) -> Result<EcbDay, EcbError> {
    let mut line = 1usize;
    let mut rest = xml;
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut day: Option<(String, usize)> = None;
    let mut in_day = false;
    let mut rates: Vec<(String, i64)> = Vec::new();
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
                    if name == "Cube" && in_day && stack.len() == 2 {
                        in_day = false;
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
            if let Some(time) = attribute(attrs, "time") {
                if let Some((_, first)) = &day {
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
                day = Some((time.to_string(), tag_line));
                in_day = !self_closing;
            } else if let Some(code) = attribute(attrs, "currency") {
                if !in_day {
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
                if rates.iter().any(|(c, _)| c == code) {
                    return Err(err(tag_line, format!("{code} is listed twice")));
                }
                rates.push((code.to_string(), rate));
            } else if !attrs.trim().is_empty() {
                return Err(err(tag_line, "a <Cube> with neither time nor currency"));
            }
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
    let (date, date_line) = day.ok_or_else(|| err(line, "no <Cube time='…'> day of rates"))?;
    if rates.is_empty() {
        return Err(err(date_line, "the day lists no rates"));
    }
    Ok(EcbDay { date, rates })
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
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SAMPLE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<gesmes:Envelope xmlns:gesmes=\"http://www.gesmes.org/xml/2002-08-01\" xmlns=\"http://www.ecb.int/vocabulary/2002-08-01/eurofxref\">
\t<gesmes:subject>Reference rates</gesmes:subject>
\t<gesmes:Sender>
\t\t<gesmes:name>European Central Bank</gesmes:name>
\t</gesmes:Sender>
\t<Cube>
\t\t<Cube time='2026-11-26'>
\t\t\t<Cube currency='USD' rate='1.0500'/>
\t\t\t<Cube currency='JPY' rate='157.50'/>
\t\t\t<Cube currency='CZK' rate='25.1'/>
\t\t\t<Cube currency='GBP' rate='0.8400'/>
\t\t</Cube>
\t</Cube>
</gesmes:Envelope>
";

    fn broken(find: &str, replace: &str) -> EcbError {
        parse_ecb(&SAMPLE.replacen(find, replace, 1)).unwrap_err()
    }

    #[test]
    fn reads_the_ecb_daily_file() {
        let day = parse_ecb(SAMPLE).unwrap();
        assert_eq!(day.date, "2026-11-26");
        assert_eq!(
            day.rates,
            vec![
                ("USD".into(), 1_050_000_000),
                ("JPY".into(), 157_500_000_000),
                ("CZK".into(), 25_100_000_000),
                ("GBP".into(), 840_000_000)
            ]
        );
        let usd = usd_based(&day).unwrap();
        // 1 USD = 1/1.05 EUR = 0.952380952; 157.5/1.05 = 150 JPY; 0.84/1.05 = 0.8 GBP; CZK skipped
        assert_eq!(
            usd,
            vec![
                (Currency::EUR, 952_380_952),
                (Currency::JPY, 150_000_000_000),
                (Currency::GBP, 800_000_000)
            ]
        );
    }

    #[test]
    fn malformed_files_name_the_line() {
        assert_eq!(broken("rate='157.50'", "rate='-157.50'").line, 10);
        assert_eq!(broken("rate='157.50'", "rate='0'").line, 10);
        assert_eq!(broken("rate='0.8400'", "rate='abc'").line, 12);
        assert_eq!(broken("currency='JPY'", "currency='jpy'").line, 10);
        assert_eq!(broken("currency='GBP'", "currency='USD'").line, 12);
        assert_eq!(broken(" rate='1.0500'", "").line, 9);
        assert_eq!(broken("2026-11-26", "2026-13-01").line, 8);
        let unclosed = broken("\t\t</Cube>\n", "");
        assert_eq!(unclosed.line, 14, "{unclosed}");
        assert!(unclosed.message.contains("line 7"), "{unclosed}");
        assert_eq!(broken("</gesmes:Sender>", "</gesmes:Sendr>").line, 6);
        assert_eq!(
            broken(
                "<Cube currency='GBP' rate='0.8400'/>",
                "<Cube currency='GBP' rate='0.8400'"
            )
            .line,
            12
        );
        let e = parse_ecb("hello").unwrap_err();
        assert_eq!(e.line, 1);
        let e = parse_ecb("<html><body>rates</body></html>").unwrap_err();
        assert!(e.message.contains("gesmes:Envelope"), "{e}");
        let e = parse_ecb("").unwrap_err();
        assert_eq!(e.line, 1);
        // two days
        let two = SAMPLE.replacen(
            "\t</Cube>\n</gesmes",
            "\t\t<Cube time='2026-11-25'><Cube currency='USD' rate='1.04'/></Cube>\n\t</Cube>\n</gesmes",
            1,
        );
        assert_eq!(parse_ecb(&two).unwrap_err().line, 14);
        // no USD to rebase through
        let day = parse_ecb(&SAMPLE.replacen("currency='USD'", "currency='CHF'", 1)).unwrap();
        assert!(usd_based(&day).is_err());
    }

    #[test]
    fn rates_parse_and_print() {
        assert_eq!(parse_rate("1.0867"), Some(1_086_700_000));
        assert_eq!(parse_rate("32"), Some(32_000_000_000));
        for bad in [
            "",
            "0",
            "0.0",
            "-1",
            "1e3",
            "1.1234567891",
            ".5",
            "abc",
            " ",
        ] {
            assert_eq!(parse_rate(bad), None, "{bad:?}");
        }
        assert_eq!(rate_string(1_086_700_000), "1.0867");
        assert_eq!(rate_string(32_000_000_000), "32");
        assert!(is_stale(0, 49 * 3600, 48));
        assert!(!is_stale(0, 48 * 3600, 48));
    }

    fn table() -> RateTable {
        RateTable::new(vec![
            (Currency::TWD, 32_000_000_000),
            (Currency::JPY, 150_000_000_000),
            (Currency::KWD, 307_000_000),
            (Currency::MYR, 4_470_000_000),
        ])
    }

    #[test]
    fn converts_once_through_usd() {
        let t = table();
        // NT$1,000 = ¥4,687.5 → ¥4,688 (half up); half-even keeps ¥4,688 (8 is even)
        let jpy = t
            .convert(Money::new(1_000, Currency::TWD), Currency::JPY)
            .unwrap();
        assert_eq!(jpy, Money::new(4_688, Currency::JPY));
        // NT$100 = ¥468.75 → 469
        assert_eq!(
            t.convert(Money::new(100, Currency::TWD), Currency::JPY)
                .unwrap()
                .amount_minor,
            469
        );
        // KWD has three decimals: NT$1,000 = 9.59375 KWD → KD 9.594
        assert_eq!(
            t.convert(Money::new(1_000, Currency::TWD), Currency::KWD)
                .unwrap(),
            Money::new(9_594, Currency::KWD)
        );
        // MYR rounds to 5 sen: NT$100 = RM13.96875 → RM13.95
        assert_eq!(
            t.convert(Money::new(100, Currency::TWD), Currency::MYR)
                .unwrap(),
            Money::new(1_395, Currency::MYR)
        );
        // a tie: NT$16 = ¥75 exactly; NT$1 = ¥4.6875; make an exact half with USD 0.01 → ¥1.5
        let half = t
            .convert(Money::new(1, Currency::USD), Currency::JPY)
            .unwrap();
        assert_eq!(half.amount_minor, 2);
        let mut even = table();
        even.modes = vec![(Currency::JPY, RoundingMode::HalfEven)];
        assert_eq!(
            even.convert(Money::new(1, Currency::USD), Currency::JPY)
                .unwrap()
                .amount_minor,
            2
        );
        assert_eq!(
            even.convert(Money::new(3, Currency::USD), Currency::JPY)
                .unwrap()
                .amount_minor,
            4 // 4.5 → 4
        );
        assert_eq!(
            t.convert(Money::new(3, Currency::USD), Currency::JPY)
                .unwrap()
                .amount_minor,
            5 // 4.5 → 5
        );
        // no rate, no conversion
        assert!(t
            .convert(Money::new(1, Currency::TWD), Currency::GBP)
            .is_none());
    }

    fn any_currency() -> impl Strategy<Value = Currency> {
        (0usize..Currency::ALL.len()).prop_map(|i| Currency::ALL[i])
    }

    fn any_table() -> impl Strategy<Value = RateTable> {
        // rates from 0.1 to 2,000 units per dollar, for every currency
        proptest::collection::vec(100_000_000i64..2_000_000_000_000, Currency::ALL.len()).prop_map(
            |rates| {
                RateTable::new(
                    Currency::ALL
                        .into_iter()
                        .zip(rates)
                        .filter(|(c, _)| *c != Currency::USD)
                        .collect(),
                )
            },
        )
    }

    proptest! {
        /// Going A → B → A lands within one minor unit of A when B's minor unit is worth
        /// no more than A's; otherwise within half of B's unit (in A) plus one.
        #[test]
        fn round_trips_stay_within_one_minor_unit(t in any_table(), a in any_currency(), b in any_currency(), amount in -10_000_000_000i64..10_000_000_000) {
            let exact = |_: Currency| Rounding::exact(RoundingMode::HalfUp);
            let m = Money::new(amount, a);
            let there = t.convert_with(m, b, exact(b)).unwrap();
            let back = t.convert_with(there, a, exact(a)).unwrap();
            let diff = (back.amount_minor - amount).abs();
            // value of one minor unit of b, in minor units of a (a rational: num/den)
            let num = i128::from(t.usd_rate(a).unwrap()) * 10i128.pow(a.minor_units());
            let den = i128::from(t.usd_rate(b).unwrap()) * 10i128.pow(b.minor_units());
            if num <= den {
                prop_assert!(diff <= 1, "{m:?} -> {there:?} -> {back:?}");
            } else {
                // |diff| <= 0.5 * num/den + 1
                prop_assert!(2 * i128::from(diff) * den <= num + 2 * den, "{m:?} -> {there:?} -> {back:?}");
            }
        }

        /// Converting lines one by one and summing differs from converting the sum by
        /// at most one rounding step per line.
        #[test]
        fn sum_of_converted_lines_is_close(t in any_table(), a in any_currency(), b in any_currency(), lines in proptest::collection::vec(0i64..100_000_000, 1..20), even in any::<bool>()) {
            let mut t = t;
            if even {
                t.modes = vec![(b, RoundingMode::HalfEven)];
            }
            let each: i64 = lines.iter().map(|l| t.convert(Money::new(*l, a), b).unwrap().amount_minor).sum();
            let total = t.convert(Money::new(lines.iter().sum(), a), b).unwrap().amount_minor;
            let step = b.cash_increment();
            prop_assert!((each - total).abs() <= lines.len() as i64 * step);
            if a != b {
                prop_assert_eq!(total % step, 0);
            }
        }

        /// Rounding by either mode lands within half a step of the exact value.
        #[test]
        fn one_step_within_half(num in -1_000_000_000_000i128..1_000_000_000_000, den in 1i128..1_000_000_000, half_even in any::<bool>()) {
            let mode = if half_even { RoundingMode::HalfEven } else { RoundingMode::HalfUp };
            let q = mode.divide(num, den);
            prop_assert!(2 * (q * den - num).abs() <= den);
        }

        #[test]
        fn any_text_is_refused_or_parsed_without_panic(s in "\\PC{0,200}") {
            let _ = parse_ecb(&s);
        }
    }
}
