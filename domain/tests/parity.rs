//! The pricing engine gives the same answer in the browser as on the server. A fixed
//! set of random carts and promotions (every kind, shop and platform ones, floors,
//! flash limits, co-funding) is priced here, the invariants are checked on each, and
//! every result is folded into one digest. The native test run and the wasm one
//! (`scripts/wasm-parity.sh`: the same test compiled to wasm32 and run by
//! `wasm-bindgen-test-runner` on V8) must both arrive at [`DIGEST`] — so a difference
//! between the two builds fails one of them. After an intended change to the engine,
//! the failing native run prints the new digest to put here.

use domain::pricing::{allocate, price, Funding, Kind, Line, Off, Priced, Promotion, Target};

/// The digest of every priced cart below.
const DIGEST: u64 = 13_656_389_615_705_222_138;
/// How many carts.
const CARTS: usize = 3_000;

/// xorshift64*: a generator that is the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` < 1).
    fn below(&mut self, n: i64) -> i64 {
        (self.next() % n.max(1) as u64) as i64
    }
}

fn target(r: &mut Rng) -> Target {
    match r.below(3) {
        0 => Target::WholeShop,
        1 => Target::Category(format!("c{}", r.below(2))),
        _ => Target::Products(
            (0..1 + r.below(3))
                .map(|_| format!("p{}", r.below(8)))
                .collect(),
        ),
    }
}

fn off(r: &mut Rng) -> Off {
    if r.below(2) == 0 {
        Off::Percent(1 + r.below(10_000) as u32)
    } else {
        Off::Amount(1 + r.below(50_000))
    }
}

fn promotion(r: &mut Rng, i: usize) -> Promotion {
    let shop = (r.below(4) != 0).then(|| format!("s{}", r.below(3)));
    let kind = match r.below(6) {
        0 => Kind::Discount {
            target: target(r),
            off: off(r),
        },
        1 => Kind::Price {
            target: target(r),
            unit_minor: r.below(40_000),
            max_units: (r.below(2) == 0).then(|| r.below(4)),
        },
        2 => Kind::Bundle {
            target: target(r),
            min_quantity: 2 + r.below(3),
            off_bp: 1 + r.below(5_000) as u32,
        },
        3 => {
            let mut spend = 0;
            let tiers = (0..1 + r.below(3))
                .map(|_| {
                    spend += 1 + r.below(60_000);
                    (spend, 1 + r.below(spend))
                })
                .collect();
            Kind::SpendSave { tiers }
        }
        _ => Kind::Voucher {
            min_spend: r.below(80_000),
            off: off(r),
            cap_minor: (r.below(2) == 0).then(|| 1 + r.below(20_000)),
        },
    };
    let funding = match r.below(3) {
        0 => Funding::Seller,
        1 => Funding::Platform,
        _ => Funding::Shared {
            platform_bp: r.below(10_001) as u32,
        },
    };
    Promotion {
        id: format!("promo{i}"),
        shop,
        kind,
        funding,
    }
}

fn cart(r: &mut Rng) -> (Vec<Line>, Vec<Promotion>) {
    let lines = (0..1 + r.below(30))
        .map(|_| {
            let unit = r.below(50_000);
            Line {
                product: format!("p{}", r.below(8)),
                shop: format!("s{}", r.below(3)),
                category: format!("c{}", r.below(2)),
                unit_minor: unit,
                quantity: 1 + r.below(5),
                floor_minor: if r.below(3) == 0 {
                    r.below(unit + 1)
                } else {
                    0
                },
            }
        })
        .collect();
    let promotions = (0..r.below(21) as usize).map(|i| promotion(r, i)).collect();
    (lines, promotions)
}

/// The engine's invariants on one priced cart.
fn check(lines: &[Line], p: &Priced) {
    for (i, l) in lines.iter().enumerate() {
        let floor = l.floor_minor.clamp(0, l.unit_minor) * l.quantity;
        assert!(p.after[i] >= 0, "line {i} negative");
        assert!(
            p.after[i] >= floor.min(p.before[i]),
            "line {i} under its floor"
        );
        assert!(p.after[i] <= p.before[i], "line {i} dearer");
    }
    let taken: i64 = p.applied.iter().map(|a| a.amount_minor).sum();
    assert_eq!(
        p.subtotal_minor() - p.total_minor(),
        taken,
        "discounts add up"
    );
    for a in &p.applied {
        assert_eq!(
            a.per_line.iter().sum::<i64>(),
            a.amount_minor,
            "{}",
            a.promotion
        );
        assert_eq!(a.seller_minor + a.platform_minor, a.amount_minor);
        assert_eq!(a.platform_per_line.iter().sum::<i64>(), a.platform_minor);
    }
}

/// FNV-1a over the bytes of every result.
fn fold(h: &mut u64, bytes: &[u8]) {
    for b in bytes {
        *h ^= u64::from(*b);
        *h = h.wrapping_mul(0x0100_0000_01b3);
    }
}

fn digest() -> u64 {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let mut h = 0xcbf2_9ce4_8422_2325;
    for _ in 0..CARTS {
        let (lines, promotions) = cart(&mut r);
        let p = price(&lines, &promotions);
        check(&lines, &p);
        for v in p.before.iter().chain(&p.after) {
            fold(&mut h, &v.to_le_bytes());
        }
        for a in &p.applied {
            fold(&mut h, a.promotion.as_bytes());
            for v in a.per_line.iter().chain(&a.platform_per_line) {
                fold(&mut h, &v.to_le_bytes());
            }
        }
        // the allocation alone: any amount within the lines' room, or refused
        let weights: Vec<i64> = lines.iter().map(|l| l.unit_minor * l.quantity).collect();
        let caps: Vec<i64> = p.after.clone();
        let amount = r.below(p.total_minor() + 2);
        match allocate(amount, &weights, &caps) {
            Some(shares) => {
                assert_eq!(shares.iter().sum::<i64>(), amount);
                for (s, c) in shares.iter().zip(&caps) {
                    assert!((0..=*c).contains(s));
                    fold(&mut h, &s.to_le_bytes());
                }
            }
            None => {
                assert!(amount > p.total_minor());
                fold(&mut h, b"none");
            }
        }
    }
    h
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn the_engine_prices_the_same_carts_the_same_in_every_build() {
    let got = digest();
    assert_eq!(
        got, DIGEST,
        "the digest is now {got}: if the engine changed on purpose, put it in DIGEST"
    );
}
