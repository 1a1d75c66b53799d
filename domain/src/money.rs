//! Money as integer minor units with an ISO 4217 currency; conversion rounds once.

use serde::{Deserialize, Serialize};

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord,
)]
pub enum Currency {
    #[default]
    TWD,
    HKD,
    JPY,
    USD,
    EUR,
    GBP,
    CNY,
    KRW,
    SGD,
    MYR,
    KWD,
}

impl Currency {
    pub const ALL: [Currency; 11] = [
        Currency::TWD,
        Currency::HKD,
        Currency::JPY,
        Currency::USD,
        Currency::EUR,
        Currency::GBP,
        Currency::CNY,
        Currency::KRW,
        Currency::SGD,
        Currency::MYR,
        Currency::KWD,
    ];

    /// ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::TWD => "TWD",
            Currency::HKD => "HKD",
            Currency::JPY => "JPY",
            Currency::USD => "USD",
            Currency::EUR => "EUR",
            Currency::GBP => "GBP",
            Currency::CNY => "CNY",
            Currency::KRW => "KRW",
            Currency::SGD => "SGD",
            Currency::MYR => "MYR",
            Currency::KWD => "KWD",
        }
    }

    /// Parses an ISO 4217 code (exact, upper-case); unknown codes are refused.
    pub fn parse(code: &str) -> Option<Currency> {
        Currency::ALL.into_iter().find(|c| c.code() == code)
    }

    /// Digits after the decimal point (ISO 4217 minor unit).
    pub fn minor_units(self) -> u32 {
        match self {
            Currency::JPY | Currency::KRW => 0,
            Currency::KWD => 3,
            // TWD has a minor unit of 2 in ISO 4217 but is priced in whole dollars.
            Currency::TWD => 0,
            _ => 2,
        }
    }

    /// The unambiguous symbol used in a multi-currency marketplace.
    pub fn symbol(self) -> &'static str {
        match self {
            Currency::TWD => "NT$",
            Currency::HKD => "HK$",
            Currency::JPY => "¥",
            Currency::USD => "US$",
            Currency::EUR => "€",
            Currency::GBP => "£",
            Currency::CNY => "CN¥",
            Currency::KRW => "₩",
            Currency::SGD => "S$",
            Currency::MYR => "RM",
            Currency::KWD => "KD ",
        }
    }
}

/// How a converted amount's one rounding step breaks a tie.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RoundingMode {
    /// Half away from zero (0.5 → 1, −0.5 → −1): what shoppers expect on a price tag.
    #[default]
    HalfUp,
    /// Half to even (banker's rounding: 0.5 → 0, 1.5 → 2): unbiased over many sums.
    HalfEven,
}

impl RoundingMode {
    pub const ALL: [RoundingMode; 2] = [RoundingMode::HalfUp, RoundingMode::HalfEven];

    pub fn code(self) -> &'static str {
        match self {
            RoundingMode::HalfUp => "half_up",
            RoundingMode::HalfEven => "half_even",
        }
    }

    pub fn parse(s: &str) -> Option<RoundingMode> {
        RoundingMode::ALL.into_iter().find(|m| m.code() == s)
    }

    /// `num / den` rounded to an integer by this mode (`den > 0`).
    pub fn divide(self, num: i128, den: i128) -> i128 {
        let q = num / den;
        let r = num % den;
        let twice = 2 * r.abs();
        let away = match self {
            RoundingMode::HalfUp => twice >= den,
            RoundingMode::HalfEven => twice > den || (twice == den && q % 2 != 0),
        };
        if away {
            q + num.signum()
        } else {
            q
        }
    }
}

/// The one rounding step of a conversion: the tie-break and the step size in minor
/// units (1, or a cash step such as Malaysia's 5 sen).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rounding {
    pub mode: RoundingMode,
    pub increment: i64,
}

impl Rounding {
    /// To the whole minor unit.
    pub fn exact(mode: RoundingMode) -> Rounding {
        Rounding { mode, increment: 1 }
    }

    /// A currency's displayed amounts: its cash step with the configured mode.
    pub fn for_currency(c: Currency, mode: RoundingMode) -> Rounding {
        Rounding {
            mode,
            increment: c.cash_increment(),
        }
    }
}

impl Currency {
    /// The smallest step cash amounts are rounded to, in minor units. Malaysia rounds
    /// bills to 5 sen (Bank Negara's rounding mechanism since 2008); the others
    /// listed here settle to their minor unit (TWD and JPY already have none).
    pub fn cash_increment(self) -> i64 {
        match self {
            Currency::MYR => 5,
            _ => 1,
        }
    }

    /// The currency's name in the shopper's language, for pickers.
    pub fn name(self, zh: bool) -> &'static str {
        let (en, zh_name) = match self {
            Currency::TWD => ("New Taiwan dollar", "新臺幣"),
            Currency::HKD => ("Hong Kong dollar", "港幣"),
            Currency::JPY => ("Japanese yen", "日圓"),
            Currency::USD => ("US dollar", "美元"),
            Currency::EUR => ("Euro", "歐元"),
            Currency::GBP => ("British pound", "英鎊"),
            Currency::CNY => ("Chinese yuan", "人民幣"),
            Currency::KRW => ("South Korean won", "韓元"),
            Currency::SGD => ("Singapore dollar", "新加坡元"),
            Currency::MYR => ("Malaysian ringgit", "馬來西亞令吉"),
            Currency::KWD => ("Kuwaiti dinar", "科威特第納爾"),
        };
        if zh {
            zh_name
        } else {
            en
        }
    }
}

/// How numbers are written: the shopper's language, or a continental European
/// style (`1.234,56 €`) when their browser asks for one of those languages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NumberStyle {
    #[default]
    En,
    ZhHant,
    /// de-DE and the other comma-decimal locales: `.` groups, `,` decimals, symbol after.
    De,
}

impl NumberStyle {
    pub fn code(self) -> &'static str {
        match self {
            NumberStyle::En => "en",
            NumberStyle::ZhHant => "zh-Hant",
            NumberStyle::De => "de",
        }
    }

    pub fn parse(s: &str) -> Option<NumberStyle> {
        [NumberStyle::En, NumberStyle::ZhHant, NumberStyle::De]
            .into_iter()
            .find(|n| n.code() == s)
    }

    /// The style for a page in `lang` whose browser sent `accept_language`: Chinese
    /// pages use Taiwan's style; English pages follow a comma-decimal browser.
    pub fn negotiate(lang: crate::Lang, accept_language: Option<&str>) -> NumberStyle {
        if lang == crate::Lang::ZhHant {
            return NumberStyle::ZhHant;
        }
        let first = accept_language
            .unwrap_or_default()
            .split(',')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let primary = first.split(['-', ';']).next().unwrap_or_default();
        if [
            "de", "fr", "es", "it", "nl", "pt", "da", "sv", "nb", "fi", "pl",
        ]
        .contains(&primary)
        {
            NumberStyle::De
        } else {
            NumberStyle::En
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub amount_minor: i64,
    pub currency: Currency,
}

/// The highest price of one item, in major units of any currency: ten million
/// (NT$10,000,000, US$10,000,000). With at most 99 of a line and a bounded cart, every
/// order total stays far inside `i64` minor units; the sums are checked all the same.
pub const MAX_PRICE_MAJOR: i64 = 10_000_000;

/// [`MAX_PRICE_MAJOR`] in `currency`'s minor units.
pub fn max_price_minor(currency: Currency) -> i64 {
    MAX_PRICE_MAJOR * 10i64.pow(currency.minor_units())
}

/// One unit of the quote currency per base unit, times 10^9 (so 1 TWD = 0.031 USD is 31_000_000).
pub const RATE_SCALE: i128 = 1_000_000_000;

impl Money {
    pub fn new(amount_minor: i64, currency: Currency) -> Self {
        Self {
            amount_minor,
            currency,
        }
    }

    /// Converts with a rate of `rate_e9` units of `to` per unit of `self.currency`,
    /// rounding half away from zero exactly once to a whole minor unit. Returns
    /// `None` on a non-positive rate or overflow.
    pub fn convert(self, to: Currency, rate_e9: i64) -> Option<Money> {
        self.convert_with(to, rate_e9, Rounding::exact(RoundingMode::HalfUp))
    }

    /// Converts with one rounding step under `rule`: to a multiple of the rule's
    /// increment (1 minor unit, or the cash step), by its mode. The exact product is
    /// kept in `i128` until that one step, so no float and no double rounding.
    pub fn convert_with(self, to: Currency, rate_e9: i64, rule: Rounding) -> Option<Money> {
        self.convert_ratio(to, i128::from(rate_e9), RATE_SCALE, rule)
    }

    /// The amount × `mul` / `div` in `to` (minor units rescaled between the two
    /// currencies), computed exactly and rounded once by `rule`. `None` for a
    /// non-positive ratio or step, or overflow.
    pub fn convert_ratio(
        self,
        to: Currency,
        mul: i128,
        div: i128,
        rule: Rounding,
    ) -> Option<Money> {
        if mul <= 0 || div <= 0 || rule.increment <= 0 {
            return None;
        }
        let num = i128::from(self.amount_minor)
            .checked_mul(mul)?
            .checked_mul(10i128.pow(to.minor_units()))?;
        let den = div
            .checked_mul(10i128.pow(self.currency.minor_units()))?
            .checked_mul(i128::from(rule.increment))?;
        let steps = rule.mode.divide(num, den);
        i64::try_from(steps.checked_mul(i128::from(rule.increment))?)
            .ok()
            .map(|a| Money::new(a, to))
    }

    /// A price a seller may ask (a listing, a variant, a bulk edit, an import):
    /// above zero and at most [`MAX_PRICE_MAJOR`] major units. `None` otherwise.
    pub fn parse_price(input: &str, currency: Currency) -> Option<Money> {
        Money::parse_major(input, currency)
            .filter(|m| m.amount_minor > 0 && m.amount_minor <= max_price_minor(currency))
    }

    /// A fee a seller sets (shipping, a free-shipping threshold): zero or more, at
    /// most the price ceiling.
    pub fn parse_fee(input: &str, currency: Currency) -> Option<Money> {
        Money::parse_major(input, currency)
            .filter(|m| m.amount_minor >= 0 && m.amount_minor <= max_price_minor(currency))
    }

    /// Reads an amount typed in major units ("1,200", "12.5") in `currency`;
    /// `None` for anything else (signs, letters, too many decimals, overflow).
    pub fn parse_major(input: &str, currency: Currency) -> Option<Money> {
        let s: String = input
            .trim()
            .chars()
            .filter(|c| *c != ',' && *c != '_')
            .collect();
        let (int, frac) = s.split_once('.').unwrap_or((s.as_str(), ""));
        let units = currency.minor_units() as usize;
        if int.is_empty() && frac.is_empty()
            || !int.chars().all(|c| c.is_ascii_digit())
            || !frac.chars().all(|c| c.is_ascii_digit())
            || frac.len() > units
            || int.len() > 15
        {
            return None;
        }
        let whole: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
        let mut minor = whole.checked_mul(10i64.pow(units as u32))?;
        if !frac.is_empty() {
            let f: i64 = frac.parse().ok()?;
            minor = minor.checked_add(f * 10i64.pow((units - frac.len()) as u32))?;
        }
        Some(Money::new(minor, currency))
    }

    pub fn decimal_string(self) -> String {
        let units = self.currency.minor_units();
        let sign = if self.amount_minor < 0 { "-" } else { "" };
        let abs = self.amount_minor.unsigned_abs();
        if units == 0 {
            return format!("{sign}{abs}");
        }
        let scale = 10u64.pow(units);
        format!(
            "{sign}{}.{:0width$}",
            abs / scale,
            abs % scale,
            width = units as usize
        )
    }

    /// Formats per `style`: `NT$1,200` / `US$12.00` (en and zh-Hant, which use the same
    /// unambiguous symbols here), `1.200 NT$` / `12,00 €` (de).
    pub fn format_in(self, style: NumberStyle) -> String {
        if style != NumberStyle::De {
            return self.format();
        }
        let units = self.currency.minor_units();
        let scale = 10u64.pow(units);
        let abs = self.amount_minor.unsigned_abs();
        let mut out = String::new();
        if self.amount_minor < 0 {
            out.push('-');
        }
        out.push_str(&group_digits(abs / scale, '.'));
        if units > 0 {
            out.push(',');
            out.push_str(&format!("{:0width$}", abs % scale, width = units as usize));
        }
        out.push('\u{a0}');
        out.push_str(self.currency.symbol().trim());
        out
    }

    /// Formats as `NT$1,200`, `US$12.00`, `KD 1.250`; negative amounts get a leading minus.
    pub fn format(self) -> String {
        let units = self.currency.minor_units();
        let scale = 10u64.pow(units);
        let abs = self.amount_minor.unsigned_abs();
        let whole = abs / scale;
        let frac = abs % scale;
        let grouped = group_digits(whole, ',');
        let sign = if self.amount_minor < 0 { "-" } else { "" };
        if units == 0 {
            format!("{sign}{}{grouped}", self.currency.symbol())
        } else {
            format!(
                "{sign}{}{grouped}.{frac:0width$}",
                self.currency.symbol(),
                width = units as usize
            )
        }
    }
}

/// `1234567` → `1,234,567` with `sep` between groups of three.
fn group_digits(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(sep);
        }
        grouped.push(c);
    }
    grouped
}

#[cfg(test)]
mod parse_major_tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_typed_amounts() {
        assert_eq!(
            Money::parse_major("1,200", Currency::TWD).map(|m| m.amount_minor),
            Some(1_200)
        );
        assert_eq!(
            Money::parse_major("12.5", Currency::USD).map(|m| m.amount_minor),
            Some(1_250)
        );
        assert_eq!(
            Money::parse_major("1200", Currency::JPY).map(|m| m.amount_minor),
            Some(1_200)
        );
        assert_eq!(
            Money::parse_major("0.001", Currency::KWD).map(|m| m.amount_minor),
            Some(1)
        );
        for bad in [
            "",
            "-1",
            "1.2.3",
            "abc",
            "1.234",
            "12e3",
            "99999999999999999999",
        ] {
            assert_eq!(Money::parse_major(bad, Currency::USD), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn decimal_string_round_trips(minor in 0i64..1_000_000_000_000, i in 0usize..11) {
            let c = Currency::ALL[i];
            let m = Money::new(minor, c);
            prop_assert_eq!(Money::parse_major(&m.decimal_string(), c), Some(m));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formatting() {
        assert_eq!(Money::new(1200, Currency::TWD).format(), "NT$1,200");
        assert_eq!(Money::new(1200, Currency::USD).format(), "US$12.00");
        assert_eq!(Money::new(1_234_567, Currency::JPY).format(), "¥1,234,567");
        assert_eq!(Money::new(1250, Currency::KWD).format(), "KD 1.250");
        assert_eq!(Money::new(-5, Currency::EUR).format(), "-€0.05");
        assert_eq!(Money::new(5399, Currency::USD).decimal_string(), "53.99");
        assert_eq!(Money::new(1200, Currency::TWD).decimal_string(), "1200");
        assert_eq!(Money::new(1250, Currency::KWD).decimal_string(), "1.250");
        assert_eq!(Money::new(-5, Currency::EUR).decimal_string(), "-0.05");
    }

    #[test]
    fn every_currency_formats_in_each_style() {
        // (currency, minor units for 1234.5 major, en = zh-Hant, de)
        let cases = [
            (Currency::TWD, 1_235, "NT$1,235", "1.235\u{a0}NT$"),
            (Currency::HKD, 123_450, "HK$1,234.50", "1.234,50\u{a0}HK$"),
            (Currency::JPY, 1_235, "¥1,235", "1.235\u{a0}¥"),
            (Currency::USD, 123_450, "US$1,234.50", "1.234,50\u{a0}US$"),
            (Currency::EUR, 1_200, "€12.00", "12,00\u{a0}€"),
            (Currency::GBP, 123_450, "£1,234.50", "1.234,50\u{a0}£"),
            (Currency::CNY, 123_450, "CN¥1,234.50", "1.234,50\u{a0}CN¥"),
            (Currency::KRW, 1_234_500, "₩1,234,500", "1.234.500\u{a0}₩"),
            (Currency::SGD, 123_450, "S$1,234.50", "1.234,50\u{a0}S$"),
            (Currency::MYR, 123_450, "RM1,234.50", "1.234,50\u{a0}RM"),
            (
                Currency::KWD,
                1_234_500,
                "KD 1,234.500",
                "1.234,500\u{a0}KD",
            ),
        ];
        assert_eq!(cases.len(), Currency::ALL.len());
        for (c, minor, en, de) in cases {
            let m = Money::new(minor, c);
            assert_eq!(m.format_in(NumberStyle::En), en, "{c:?} en");
            // Taiwan writes these amounts the same way; the symbols stay unambiguous
            // (NT$ rather than a bare $) because one page shows several currencies
            assert_eq!(m.format_in(NumberStyle::ZhHant), en, "{c:?} zh-Hant");
            assert_eq!(m.format_in(NumberStyle::De), de, "{c:?} de");
            assert!(!c.name(false).is_empty() && !c.name(true).is_empty());
        }
        assert_eq!(
            Money::new(-1_200, Currency::EUR).format_in(NumberStyle::De),
            "-12,00\u{a0}€"
        );
        assert_eq!(
            NumberStyle::negotiate(crate::Lang::En, Some("de-DE,de;q=0.9")),
            NumberStyle::De
        );
        assert_eq!(
            NumberStyle::negotiate(crate::Lang::En, Some("en-US")),
            NumberStyle::En
        );
        assert_eq!(
            NumberStyle::negotiate(crate::Lang::ZhHant, Some("de-DE")),
            NumberStyle::ZhHant
        );
        for n in [NumberStyle::En, NumberStyle::ZhHant, NumberStyle::De] {
            assert_eq!(NumberStyle::parse(n.code()), Some(n));
        }
    }

    #[test]
    fn conversion_rounds_once() {
        // 1,000 TWD at 0.031 USD/TWD = 31.00 USD
        let usd = Money::new(1000, Currency::TWD)
            .convert(Currency::USD, 31_000_000)
            .unwrap();
        assert_eq!(usd, Money::new(3100, Currency::USD));
        // 1 TWD -> 0.031 USD rounds to 0.03
        assert_eq!(
            Money::new(1, Currency::TWD)
                .convert(Currency::USD, 31_000_000)
                .unwrap()
                .amount_minor,
            3
        );
        assert!(Money::new(1, Currency::TWD)
            .convert(Currency::USD, 0)
            .is_none());
        assert!(Currency::parse("XXX").is_none());
        assert_eq!(Currency::parse("TWD"), Some(Currency::TWD));
    }

    proptest! {
        #[test]
        fn conversion_within_half_unit(amount in -1_000_000_000i64..1_000_000_000, rate in 1i64..100_000_000_000) {
            let m = Money::new(amount, Currency::USD);
            let got = m.convert(Currency::EUR, rate).unwrap();
            // exact value in EUR cents * RATE_SCALE
            let exact = i128::from(amount) * i128::from(rate);
            let diff = (i128::from(got.amount_minor) * RATE_SCALE - exact).abs();
            prop_assert!(2 * diff <= RATE_SCALE);
        }
    }
}

/// The rate from `from` to `to` given both currencies' rates against a common base
/// (e.g. USD→TWD and USD→JPY give TWD→JPY), all scaled by 10^9.
pub fn cross_rate_e9(base_to_from: i64, base_to_to: i64) -> Option<i64> {
    if base_to_from <= 0 || base_to_to <= 0 {
        return None;
    }
    let r = i128::from(base_to_to) * RATE_SCALE / i128::from(base_to_from);
    i64::try_from(r).ok().filter(|r| *r > 0)
}

#[cfg(test)]
mod cross_tests {
    use super::*;

    #[test]
    fn cross_rates() {
        // USD->TWD 32.0, USD->JPY 150.0 => TWD->JPY 4.6875
        let r = cross_rate_e9(32_000_000_000, 150_000_000_000).unwrap();
        assert_eq!(r, 4_687_500_000);
        let jpy = Money::new(3200, Currency::TWD)
            .convert(Currency::JPY, r)
            .unwrap();
        assert_eq!(jpy, Money::new(15000, Currency::JPY));
        assert!(cross_rate_e9(0, 1).is_none());
    }
}
