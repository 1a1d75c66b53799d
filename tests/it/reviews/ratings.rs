//! Ratings kept by deltas equal a recomputation: after random changes, and for the
//! seeded reviews.

use integration::Client;
use surrealdb::types::RecordId;

use super::{assert_consistent, delivered, field, product, write};
use crate::checkout::{count, seeded, shopper};
use crate::moderation::moderator;
use crate::seller_listings::png;

/// Any sequence of writes, edits, holds, removals and moderator decisions keeps the
/// stored ratings equal to a recomputation from the reviews.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ratings_equal_a_recomputation_after_random_changes() {
    let app = seeded().await;
    let p = product(&app, 8).await;
    let mut m = moderator(&app).await;
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let mut written: Vec<(Client, String, String)> = Vec::new();
    for step in 0..24 {
        match next(5) {
            0 | 1 if written.len() < 8 => {
                let (mut c, o, l) = delivered(&app, &format!("rnd{step}@example.com"), &p).await;
                let rating = (1 + next(5)).to_string();
                let body = if next(4) == 0 {
                    "Total crap, do not buy".to_string()
                } else {
                    format!("Step {step}: my honest opinion.")
                };
                let photos = if next(2) == 0 {
                    vec![png(30, 30)]
                } else {
                    vec![]
                };
                write(
                    &mut c,
                    &o,
                    &l,
                    &[("rating", rating.as_str()), ("body", body.as_str())],
                    photos,
                )
                .await;
                written.push((c, o, l));
            }
            2 if !written.is_empty() => {
                let i = next(written.len() as u64) as usize;
                let (c, o, l) = &mut written[i];
                let rating = (1 + next(5)).to_string();
                let body = format!("Edited at step {step}, still thinking.");
                write(
                    c,
                    o,
                    l,
                    &[("rating", rating.as_str()), ("body", body.as_str())],
                    vec![],
                )
                .await;
            }
            3 if !written.is_empty() => {
                let i = next(written.len() as u64) as usize;
                let l = written[i].2.clone();
                // held → keep, or reported published → remove
                let status = field(&app, RecordId::new("review", l.as_str()), "status").await;
                if status == "held" {
                    m.call("decide_review", &[("review", &l), ("decision", "keep")])
                        .await;
                } else if status == "published" {
                    let mut r = shopper(&app, &format!("rep{step}@example.com")).await;
                    r.call("report_review", &[("review", &l), ("reason", "spam")])
                        .await;
                    m.call(
                        "decide_review",
                        &[
                            ("review", &l),
                            ("decision", "remove"),
                            ("reason", "Removed in the random walk."),
                        ],
                    )
                    .await;
                }
            }
            _ => {}
        }
        assert_consistent(&app, &p).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeded_ratings_come_from_seeded_reviews() {
    let app = seeded().await;
    let n = count(&app, "SELECT count() AS n FROM review GROUP ALL").await;
    assert!(n > 20, "{n}");
    // every seeded review is a verified purchase: its line's order is the author's
    assert_eq!(
        count(
            &app,
            "SELECT count() AS n FROM review WHERE order_line.shop_order.buyer != author GROUP ALL"
        )
        .await,
        0
    );
    let mut res = app
        .state
        .db
        .query("SELECT VALUE record::id(id) FROM product WHERE rating_count > 0 LIMIT 5")
        .await
        .unwrap();
    let keys: Vec<String> = res.take(0).unwrap();
    assert!(!keys.is_empty());
    for k in keys {
        assert_consistent(&app, &k).await;
    }
    // and the shop's ratings sum its products'
    assert_eq!(
        count(&app, "SELECT count() AS n FROM shop WHERE rating_count != math::sum((SELECT VALUE rating_count FROM product WHERE shop = $parent.id)) GROUP ALL").await,
        0
    );
}
