//! No one decides their own case: each of a moderator's decisions, taken by a
//! moderator with a stake in it (the listing's seller, the reporter, the notifier, the
//! review's author, the reward's sharer or buyer, the applicant, the registrant), is
//! refused and changes nothing. A decision function without an entry fails the test.

use integration::grant_roles;
use server::seed::DEMO_PASSWORD;

use super::{args_of, functions::FUNCTIONS};
use super::{changed, digest, pairs, World, MODERATORS};

/// Each decision and who has a stake in what the world's arguments name.
const STAKES: &[(&str, &[&str])] = &[
    ("decide_case", &["seller1@demo.test"]),
    ("decide_cases", &["seller1@demo.test"]),
    ("decide_report", &["seller1@demo.test", "shopper@demo.test"]),
    ("decide_appeal", &["seller1@demo.test"]),
    (
        "decide_notice_item",
        &["seller1@demo.test", "shopper@demo.test"],
    ),
    ("decide_rights_owner", &["seller2@demo.test"]),
    ("decide_reward", &["seller5@demo.test", "shopper@demo.test"]),
    ("decide_review", &["seller1@demo.test", "shopper@demo.test"]),
    (
        "decide_question",
        &["seller1@demo.test", "shopper@demo.test"],
    ),
    ("decide_application", &["seller12@demo.test"]),
    (
        "decide_dispute",
        &["seller1@demo.test", "shopper@demo.test"],
    ),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_moderator_decides_a_case_they_have_a_stake_in() {
    let decisions: Vec<&str> = FUNCTIONS
        .iter()
        .filter(|e| e.name.starts_with("decide_") && e.allowed == MODERATORS)
        .map(|e| e.name)
        .collect();
    for name in &decisions {
        assert!(
            STAKES.iter().any(|(n, _)| n == name),
            "{name}: say who has a stake in it (STAKES)"
        );
    }
    let mut w = World::new().await;
    let mut faults = Vec::new();
    for (name, parties) in STAKES {
        let entry = FUNCTIONS.iter().find(|e| e.name == *name).expect("entry");
        for email in *parties {
            grant_roles(&w.app, email, &["seller", "moderator"]).await;
            let mut c = w.app.client();
            let r = c.log_in(email, DEMO_PASSWORD).await;
            assert_eq!(r.status, 200, "{email}: {}", r.body);
            let args = args_of(&mut w, entry);
            let before = digest(&w.app).await;
            let r = c.call(name, &pairs(&args)).await;
            // the bulk decision skips such a case, as it skips one decided meanwhile
            let refused = if *name == "decide_cases" {
                r.status == 200 && r.json() == serde_json::json!(0)
            } else {
                r.field_errors() == ["status.NotAllowed"]
            };
            if !refused {
                faults.push(format!("{name} by {email}: {} {}", r.status, r.body));
            }
            let differ = changed(&before, &digest(&w.app).await);
            if !differ.is_empty() {
                faults.push(format!("{name} by {email} changed {differ:?}"));
            }
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}
