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
