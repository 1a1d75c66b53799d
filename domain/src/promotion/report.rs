//! A promotion's results: the shop's orders before, during and after it, each over an
//! equal length of time (the period before it started is as long as it ran), so a
//! seller sees what it changed — orders, revenue after discounts, average order value,
//! new buyers, units — and the incremental revenue against the period before.

use serde::{Deserialize, Serialize};

/// One of the shop's orders (not cancelled), as the report reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderFact {
    /// Unix seconds.
    pub at: i64,
    pub buyer: String,
    /// Goods after every discount.
    pub goods_minor: i64,
    pub units: i64,
}

/// Which of the three periods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Period {
    Before,
    During,
    After,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Before, Period::During, Period::After];

    pub fn as_str(self) -> &'static str {
        match self {
            Period::Before => "before",
            Period::During => "during",
            Period::After => "after",
        }
    }
}

/// One period's figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// Unix seconds: [from, to).
    pub from: i64,
    pub to: i64,
    pub orders: i64,
    pub revenue_minor: i64,
    /// Revenue ÷ orders, rounded down (0 without orders).
    pub average_minor: i64,
    /// Buyers whose first order from the shop fell in the period.
    pub new_buyers: i64,
    pub units: i64,
}

/// One day's revenue and orders, and the period it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    /// `YYYY-MM-DD` (UTC).
    pub day: String,
    pub period: Period,
    pub orders: i64,
    pub revenue_minor: i64,
}

/// The three periods' [from, to) in unix seconds, for a promotion that ran
/// [`starts`, `ends`), read at `now`: the periods after `now` are cut short.
pub fn windows(starts: i64, ends: i64, now: i64) -> [(i64, i64); 3] {
    let len = (ends - starts).max(0);
    let cut = |t: i64| t.min(now);
    [
        (starts - len, cut(starts)),
        (cut(starts), cut(ends)),
        (cut(ends), cut(ends + len)),
    ]
}

/// The figures of each period from the shop's `orders` in them, where `known` are the
/// buyers who had ordered from the shop before the first period.
pub fn figures(orders: &[OrderFact], known: &[String], windows: [(i64, i64); 3]) -> [Figures; 3] {
    let mut sorted: Vec<&OrderFact> = orders.iter().collect();
    sorted.sort_by_key(|o| o.at);
    let mut seen: std::collections::HashSet<&str> = known.iter().map(String::as_str).collect();
    let mut out = windows.map(|(from, to)| Figures {
        from,
        to,
        ..Figures::default()
    });
    for o in sorted {
        let new = seen.insert(o.buyer.as_str());
        let Some(f) = out.iter_mut().find(|f| f.from <= o.at && o.at < f.to) else {
            continue;
        };
        f.orders += 1;
        f.revenue_minor += o.goods_minor;
        f.units += o.units;
        f.new_buyers += i64::from(new);
    }
    for f in &mut out {
        f.average_minor = if f.orders > 0 {
            f.revenue_minor / f.orders
        } else {
            0
        };
    }
    out
}

/// Each day of the three periods (UTC), with its revenue and orders.
pub fn days(orders: &[OrderFact], windows: [(i64, i64); 3]) -> Vec<Day> {
    const DAY: i64 = 86_400;
    let mut out: Vec<Day> = Vec::new();
    for (period, (from, to)) in Period::ALL.into_iter().zip(windows) {
        let mut t = from.div_euclid(DAY) * DAY;
        while t < to && out.len() < 400 {
            let (a, b) = (t.max(from), (t + DAY).min(to));
            let mine = orders.iter().filter(|o| a <= o.at && o.at < b);
            let (y, m, d, _) = crate::locale::civil_from_unix(t);
            let day = format!("{y:04}-{m:02}-{d:02}");
            let (orders, revenue) = mine.fold((0, 0), |(n, r), o| (n + 1, r + o.goods_minor));
            match out.last_mut() {
                // a day split by a period's edge shows once, in the later period
                Some(last) if last.day == day => {
                    last.period = period;
                    last.orders += orders;
                    last.revenue_minor += revenue;
                }
                _ => out.push(Day {
                    day,
                    period,
                    orders,
                    revenue_minor: revenue,
                }),
            }
            t += DAY;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const H: i64 = 3_600;
    const D: i64 = 86_400;

    fn o(at: i64, buyer: &str, goods: i64, units: i64) -> OrderFact {
        OrderFact {
            at,
            buyer: buyer.into(),
            goods_minor: goods,
            units,
        }
    }

    #[test]
    fn the_periods_are_as_long_as_the_promotion_and_stop_at_now() {
        let (s, e) = (10 * D, 13 * D);
        assert_eq!(windows(s, e, 20 * D), [(7 * D, s), (s, e), (e, 16 * D)]);
        assert_eq!(
            windows(s, e, 11 * D),
            [(7 * D, s), (s, 11 * D), (11 * D, 11 * D)],
            "still running: no after yet"
        );
    }

    #[test]
    fn figures_count_each_period_and_new_buyers_once() {
        let w = windows(10 * D, 12 * D, 20 * D);
        let orders = [
            o(9 * D, "old", 1_000, 1),
            o(8 * D, "ann", 500, 2),
            o(10 * D + H, "ann", 400, 1),
            o(11 * D, "bob", 900, 3),
            o(11 * D + H, "bob", 300, 1),
            o(12 * D, "cy", 200, 1),
            o(14 * D, "dee", 999, 9), // after the after period
            o(5 * D, "eve", 999, 9),  // before the before period
        ];
        let [before, during, after] = figures(&orders, &["old".into()], w);
        assert_eq!(
            (
                before.orders,
                before.revenue_minor,
                before.new_buyers,
                before.units
            ),
            (2, 1_500, 1, 3),
            "ann is new; old was known"
        );
        assert_eq!(
            (
                during.orders,
                during.revenue_minor,
                during.average_minor,
                during.new_buyers,
                during.units
            ),
            (3, 1_600, 533, 1, 5),
            "bob is new once; ann came back"
        );
        assert_eq!((after.orders, after.new_buyers), (1, 1));
        let ds = days(&orders, w);
        assert_eq!(ds.len(), 6, "{ds:?}");
        assert_eq!(ds[0].day, "1970-01-09");
        assert_eq!(
            (ds[2].period, ds[2].orders, ds[2].revenue_minor),
            (Period::During, 1, 400)
        );
        assert_eq!(
            ds.iter().map(|d| d.revenue_minor).sum::<i64>(),
            1_500 + 1_600 + 200
        );
    }

    proptest! {
        /// Whatever the orders, the days add up to the periods' figures.
        #[test]
        fn the_days_add_up_to_the_periods(
            starts in 0i64..30 * D, len in 1i64..10 * D, now_after in 0i64..30 * D,
            raw in proptest::collection::vec((0i64..60 * D, 0u8..5, 0i64..10_000, 1i64..5), 0..60),
        ) {
            let w = windows(starts, starts + len, starts + now_after);
            let orders: Vec<OrderFact> =
                raw.iter().map(|(at, b, g, u)| o(*at, &format!("b{b}"), *g, *u)).collect();
            let f = figures(&orders, &[], w);
            let ds = days(&orders, w);
            prop_assert_eq!(
                ds.iter().map(|d| d.revenue_minor).sum::<i64>(),
                f.iter().map(|f| f.revenue_minor).sum::<i64>()
            );
            prop_assert_eq!(
                ds.iter().map(|d| d.orders).sum::<i64>(),
                f.iter().map(|f| f.orders).sum::<i64>()
            );
            prop_assert!(f.iter().map(|f| f.new_buyers).sum::<i64>() <= 5);
        }
    }
}
