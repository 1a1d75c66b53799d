//! Inputs that break handlers, fed to every argument of every server function by a
//! caller the function lets through: Unicode at and around the length limits the
//! marketplace uses, numbers beyond every integer type, empty and missing values,
//! repeated and unknown keys, record-id and query syntax. Every answer must be an
//! answer (no server error, no dropped connection); the server still serves after.

use super::{args_of, functions::FUNCTIONS};
use super::{pairs, Entry, Who, World};

/// Text at the lengths the marketplace's limits sit at (40, 64, 80, 120, 200, 2 000,
/// 5 000 characters), one either side, in characters of 1 to 4 bytes.
fn long_texts() -> Vec<String> {
    let mut out = Vec::new();
    for (i, n) in [40usize, 64, 80, 120, 200, 2000, 5000]
        .into_iter()
        .enumerate()
    {
        let ch = ["a", "é", "商", "🧋"][i % 4];
        out.push(ch.repeat(n));
        out.push(ch.repeat(n + 1));
    }
    out.push("茶".repeat(40_000));
    out
}

/// Values no handler expects.
fn odd_values() -> Vec<String> {
    let mut out: Vec<String> = [
        "",
        " ",
        "0",
        "-1",
        "9223372036854775807",
        "-9223372036854775808",
        "99999999999999999999999999",
        "1e308",
        "NaN",
        "-0.000001",
        "１２３",
        "\u{0}",
        "e\u{301}\u{301}\u{301}",
        "\u{202e}evil\u{200d}",
        "'; DELETE user; --",
        "⟩; DELETE user; ⟨",
        "product:⟨d000001⟩",
        "../../etc/passwd",
        "<script>alert(1)</script>",
        "{\"a\":1}",
        "[]",
        "null",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    out.extend(long_texts());
    out
}

/// What the probes got back.
#[derive(Default)]
struct Seen {
    statuses: std::collections::BTreeMap<u16, usize>,
    faults: Vec<String>,
}

/// Someone the function lets through (an anonymous caller if it lets nobody).
fn caller(entry: &Entry) -> Who {
    entry.allowed.first().copied().unwrap_or(Who::Anonymous)
}

/// Calls `entry` as its caller with `args`; a fault if the answer is no answer.
async fn probe(w: &mut World, entry: &Entry, args: Vec<(String, String)>, seen: &mut Seen) {
    let who = caller(entry);
    let r = w.client(who).call(entry.name, &pairs(&args)).await;
    *seen.statuses.entry(r.status).or_default() += 1;
    let faults = &mut seen.faults;
    if r.status >= 500 {
        let shown: Vec<(String, String)> = args
            .iter()
            .map(|(k, v)| (k.clone(), v.chars().take(40).collect()))
            .collect();
        faults.push(format!(
            "{} {shown:?} as {who:?}: {} {}",
            entry.name,
            r.status,
            r.body.chars().take(300).collect::<String>()
        ));
    }
    if entry.session {
        w.restore(who).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_input_to_any_server_function_breaks_it() {
    let mut w = World::new().await;
    let values = odd_values();
    let mut seen = Seen::default();
    for entry in FUNCTIONS {
        // nothing at all, and every argument twice
        probe(&mut w, entry, Vec::new(), &mut seen).await;
        let base = args_of(&mut w, entry);
        let mut twice = base.clone();
        twice.extend(base.iter().map(|(k, _)| (k.clone(), "again".to_string())));
        probe(&mut w, entry, twice, &mut seen).await;
        // each argument (and one nobody asked for) in turn set to each odd value
        let mut names: Vec<String> = base.iter().map(|(k, _)| k.clone()).collect();
        names.push("unasked".into());
        for name in &names {
            for value in &values {
                let mut args: Vec<(String, String)> =
                    base.iter().filter(|(k, _)| k != name).cloned().collect();
                args.push((name.clone(), value.clone()));
                probe(&mut w, entry, args, &mut seen).await;
            }
        }
    }
    assert!(seen.faults.is_empty(), "{}", seen.faults.join("\n"));
    // the probes reached the functions: some were done, most refused as bad input
    let total: usize = seen.statuses.values().sum();
    assert!(total > 8_000, "{:?}", seen.statuses);
    assert!(
        seen.statuses.get(&200).is_some_and(|n| *n > 100),
        "{:?}",
        seen.statuses
    );
    assert!(
        seen.statuses.get(&422).is_some_and(|n| *n > 1000),
        "{:?}",
        seen.statuses
    );
    eprintln!("fuzz answers by status: {:?}", seen.statuses);
    // the server still serves everyone
    for who in super::EVERYONE {
        let r = w.client(*who).call("current_user", &[]).await;
        assert_eq!(r.status, 200, "{who:?}: {}", r.body);
    }
}
