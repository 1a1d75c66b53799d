//! The moderation policy settings.

use integration::Client;

use super::moderator;
use crate::checkout::{count, seeded};

async fn send(c: &mut Client, f: Vec<(String, String)>) -> integration::Reply {
    let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    c.call("set_moderation_policy", &pairs).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_tune_the_moderation_policy_as_a_whole() {
    let app = seeded().await;
    let good = [
        "25", "60", "4", "12", "1", "2", "3", "6", "90", "15", "10", "8", "85", "40", "60", "14",
        "5",
    ];
    let form = |values: &[&'static str]| -> Vec<(String, String)> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("value[{i}]"), v.to_string()))
            .collect()
    };
    let mut m = moderator(&app).await;
    assert_eq!(send(&mut m, form(&good)).await.status, 403, "admins only");
    let mut admin = app.client();
    assert_eq!(
        admin
            .log_in("admin@demo.test", server::seed::DEMO_PASSWORD)
            .await
            .status,
        200
    );
    let mut bad = good;
    bad[1] = "20"; // hold below queue
    assert_eq!(
        send(&mut admin, form(&bad)).await.field_errors(),
        ["screening_hold_from.InvalidNumber"]
    );
    let mut bad = good;
    bad[14] = "0"; // the review window
    assert_eq!(
        send(&mut admin, form(&bad)).await.field_errors(),
        ["review_window_days.InvalidNumber"]
    );
    let mut bad = good;
    bad[2] = "zero";
    assert_eq!(
        send(&mut admin, form(&bad)).await.field_errors(),
        ["notice_seller_days.InvalidNumber"]
    );
    let r = send(&mut admin, form(&good)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let p = admin.call("moderation_policy", &[]).await;
    assert_eq!(
        p.json()["values"],
        serde_json::json!([25, 60, 4, 12, 1, 2, 3, 6, 90, 15, 10, 8, 85, 40, 60, 14, 5])
    );
    assert_eq!(
        count(&app, "SELECT count() AS n FROM audit_log WHERE action = 'settings.moderation_policy' GROUP ALL").await,
        1
    );
}
