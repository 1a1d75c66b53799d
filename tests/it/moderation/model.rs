//! A model-based test of the listing rules on every path: random sequences of what
//! sellers do (list, edit in the editor, publish, delist, import a CSV, bulk-edit,
//! counter a notice, appeal), what a shopper does (report, buy), what a rights owner
//! does (notice) and what moderators do (decide cases, notices and appeals, suspend
//! and reinstate a shop), against one database, with the rules checked after every
//! step:
//! - a listing's page answers, and it can be put in a cart, only if its shop is
//!   approved, it is live, and no lock is on it — and every such listing's page does;
//! - no seller action lifts a lock: after a seller's step every listing keeps every
//!   lock it had;
//! - what a listing shows is screened on every path: no live listing shows a
//!   counterfeit word unless a moderator approved it showing exactly that;
//! - stock: on hand ≥ reserved ≥ 0.
//!
//! `MODEL_CASES` sequences of `MODEL_STEPS` steps (3 × 60 in the test command; the
//! nightly command runs more), each from its own seed (`MODEL_SEED` to replay one).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use integration::{env_or, Client, Rng, TestApp};
use server::seed::DEMO_PASSWORD;

use crate::seller_listings::{act, listing, png, save, upload};

const SELLERS: [&str; 2] = ["seller1@demo.test", "seller2@demo.test"];
const TITLES: [&str; 5] = [
    "Hand-thrown tea cup",
    "Bamboo tea whisk",
    "Maison Lune tote 高仿",
    "Replica celadon teapot",
    "Maison Lune silk scarf",
];
/// Words screening holds a listing for.
const COUNTERFEIT: [&str; 2] = ["高仿", "Replica"];
const WHY: &str = "The listing uses our registered word mark on goods we never made.";

/// A listing as the database has it: (status, locks, shop status, title).
type Row = (String, Vec<String>, String, String);

struct Model {
    app: TestApp,
    sellers: Vec<Client>,
    shops: Vec<String>,
    moderator: Client,
    admin: Client,
    /// The shopper, also the verified owner of "Maison Lune".
    shopper: Client,
    anonymous: Client,
    /// The listings made, with their seller.
    listings: Vec<(String, usize)>,
    /// Listing → the title a moderator approved it with.
    approved: HashMap<String, String>,
    made: u32,
}

async fn log_in(app: &TestApp, email: &str) -> Client {
    let mut c = app.client();
    let r = c.log_in(email, DEMO_PASSWORD).await;
    assert_eq!(r.status, 200, "{email}: {}", r.body);
    c
}

impl Model {
    async fn new() -> Model {
        let app = TestApp::spawn().await;
        app.seed(8).await;
        let mut sellers = Vec::new();
        let mut shops = Vec::new();
        for email in SELLERS {
            sellers.push(log_in(&app, email).await);
            shops.push(
                strings(
                    &app,
                    &format!("SELECT VALUE record::id(id) FROM shop WHERE owner.email = '{email}'"),
                )
                .await[0]
                    .clone(),
            );
        }
        let mut moderator = log_in(&app, "moderator@demo.test").await;
        let shopper = crate::notices::verified_owner(&app, &mut moderator).await;
        Model {
            anonymous: app.client(),
            admin: log_in(&app, "admin@demo.test").await,
            app,
            sellers,
            shops,
            moderator,
            shopper,
            listings: Vec::new(),
            approved: HashMap::new(),
            made: 0,
        }
    }

    /// Every listing of the two shops as the database has it.
    async fn rows(&self) -> BTreeMap<String, Row> {
        let mut res = self
            .app
            .state
            .db
            .query(
                "SELECT VALUE [record::id(id), status, locks, shop.status, title_en] FROM product \
                 WHERE shop IN $shops AND variant_of = NONE",
            )
            .bind((
                "shops",
                self.shops
                    .iter()
                    .map(|s| surrealdb::types::RecordId::new("shop", s.as_str()))
                    .collect::<Vec<_>>(),
            ))
            .await
            .unwrap();
        let rows: Vec<serde_json::Value> = res.take(0).unwrap();
        rows.into_iter()
            .map(|r| {
                let locks = r[2]
                    .as_array()
                    .map(|a| a.iter().map(|l| l.as_str().unwrap().to_string()).collect())
                    .unwrap_or_default();
                let s = |i: usize| r[i].as_str().unwrap_or_default().to_string();
                (s(0), (s(1), locks, s(3), s(4)))
            })
            .collect()
    }

    /// A listing of `seller` (or of anyone when `None`), at random.
    fn pick(&self, rng: &mut Rng, seller: Option<usize>) -> Option<String> {
        let some: Vec<&(String, usize)> = self
            .listings
            .iter()
            .filter(|(_, s)| seller.is_none_or(|x| x == *s))
            .collect();
        (!some.is_empty()).then(|| some[rng.below(some.len())].0.clone())
    }
}

async fn strings(app: &TestApp, sql: &str) -> Vec<String> {
    let mut res = app.state.db.query(sql.to_string()).await.unwrap();
    res.take(0).unwrap()
}

impl Model {
    /// One random step; returns what it did and whether a seller did it.
    async fn step(&mut self, rng: &mut Rng) -> (String, bool) {
        let s = rng.below(2);
        match rng.below(14) {
            0..=6 => (self.seller_step(rng, s).await, true),
            7 => (self.report(rng).await, false),
            8 => (self.buy(rng).await, false),
            9 => (self.notice(rng).await, false),
            10 => (self.decide_case(rng).await, false),
            11 => (self.decide_appeal(rng).await, false),
            12 => (self.decide_notice(rng).await, false),
            _ => (self.shop_status(rng, s).await, false),
        }
    }

    /// What seller `s` does to their listings.
    async fn seller_step(&mut self, rng: &mut Rng, s: usize) -> String {
        let title = TITLES[rng.below(TITLES.len())];
        let Some(id) = self.pick(rng, Some(s)).filter(|_| rng.below(6) != 0) else {
            if self.listings.len() >= 12 {
                return "enough listings".into();
            }
            self.made += 1;
            let c = &mut self.sellers[s];
            let r = save(c, "", &listing(title, "480", "5")).await;
            let Some(id) = r
                .json()
                .as_str()
                .filter(|_| r.status == 200)
                .map(str::to_string)
            else {
                return format!("seller {s} could not list {title:?}: {}", r.body);
            };
            upload(c, &id, vec![png(100 + self.made, 100)]).await;
            let r = act(c, &id, "publish").await;
            self.listings.push((id.clone(), s));
            return format!("seller {s} listed {id} {title:?}: {}", r.body);
        };
        let c = &mut self.sellers[s];
        match rng.below(7) {
            0 | 1 => {
                let r = save(c, &id, &listing(title, "480", "5")).await;
                format!("seller {s} edited {id} to {title:?}: {}", r.status)
            }
            2 => format!(
                "seller {s} published {id}: {}",
                act(c, &id, "publish").await.body
            ),
            3 => format!(
                "seller {s} delisted {id}: {}",
                act(c, &id, "delist").await.status
            ),
            4 => {
                let csv = format!("id,title_en,category,price,stock\n{id},{title},tea,480,5\n");
                let r = c
                    .post_multipart(
                        "/seller/listing-import",
                        &[("mode", "all")],
                        &[("file", "listings.csv", csv.into_bytes())],
                    )
                    .await;
                let job = r.headers.get("location").and_then(|l| l.to_str().ok());
                let job = job
                    .unwrap_or_default()
                    .rsplit('/')
                    .next()
                    .unwrap_or_default();
                for _ in 0..200 {
                    let st = c.call("import_status", &[("id", job)]).await.json();
                    if st["status"] != "running" {
                        break;
                    }
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                }
                format!("seller {s} imported {id} as {title:?}: {}", r.status)
            }
            5 => {
                let price = ["1", "480", "9999"][rng.below(3)];
                let r = c
                    .call(
                        "bulk_update",
                        &[("id[0]", &id), ("price[0]", price), ("stock[0]", "4")],
                    )
                    .await;
                format!("seller {s} bulk-edited {id}: {}", r.status)
            }
            _ => self.answer(rng, s).await,
        }
    }

    /// Seller `s` counters a notice on one of their listings, or appeals a decision.
    async fn answer(&mut self, rng: &mut Rng, s: usize) -> String {
        let shop = &self.shops[s];
        let items = strings(
            &self.app,
            &format!("SELECT VALUE record::id(id) FROM notice_item WHERE shop = shop:⟨{shop}⟩ AND state IN ['taken_down', 'seller_notified']"),
        )
        .await;
        let c = &mut self.sellers[s];
        let appeal_first = rng.below(2) == 0;
        if let Some(item) = items
            .get(rng.below(items.len().max(1)))
            .filter(|_| !appeal_first)
        {
            let r = c
                .call(
                    "counter_notice",
                    &[("key", item), ("statement", WHY), ("good_faith", "on")],
                )
                .await;
            return format!("seller {s} countered {item}: {}", r.status);
        }
        let decisions = c.call("seller_notices", &[]).await.json();
        let open: Vec<String> = decisions["decisions"]
            .as_array()
            .map(|d| {
                d.iter()
                    .filter(|d| d["appeal_open"] == true)
                    .map(|d| d["key"].as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default();
        let Some(d) = open.first() else {
            return format!("seller {s}: nothing to answer");
        };
        let r = c.call("file_appeal", &[("key", d), ("text", WHY)]).await;
        format!("seller {s} appealed {d}: {}", r.status)
    }

    /// Another moderator than the one who decided (the admin) grants or denies an
    /// open appeal.
    async fn decide_appeal(&mut self, rng: &mut Rng) -> String {
        let open = strings(
            &self.app,
            "SELECT VALUE record::id(decision) FROM appeal WHERE status = 'open' ORDER BY id",
        )
        .await;
        let Some(d) = open.get(rng.below(open.len().max(1))).cloned() else {
            return "no open appeal".into();
        };
        let (decision, done) = [("grant", "granted"), ("deny", "denied")][rng.below(2)];
        let r = self
            .admin
            .call(
                "decide_appeal",
                &[("key", &d), ("decision", decision), ("statement", WHY)],
            )
            .await;
        format!("moderator {done} the appeal of {d}: {}", r.status)
    }

    async fn report(&mut self, rng: &mut Rng) -> String {
        let Some(id) = self.pick(rng, None) else {
            return "nothing to report".into();
        };
        let r = self
            .shopper
            .call(
                "report_listing",
                &[("product", &id), ("reason", "counterfeit"), ("text", WHY)],
            )
            .await;
        format!("shopper reported {id}: {}", r.status)
    }

    /// The shopper puts a listing in the cart (it must be visible) and checks out.
    async fn buy(&mut self, rng: &mut Rng) -> String {
        let Some(id) = self.pick(rng, None) else {
            return "nothing to buy".into();
        };
        let row = self.rows().await.get(&id).cloned();
        let r = self
            .shopper
            .call("add_to_cart", &[("product_id", &id), ("quantity", "1")])
            .await;
        if r.status == 200 {
            let row = row.expect("a listing in the cart exists");
            assert!(visible(&row), "{id} went in a cart: {row:?}");
            let (_, form) = crate::checkout::checkout_form(&mut self.shopper).await;
            let placed = crate::checkout::place(&mut self.shopper, &form).await;
            return format!("shopper bought {id}: {}", placed.status);
        }
        format!("shopper could not buy {id}: {}", r.body)
    }

    async fn notice(&mut self, rng: &mut Rng) -> String {
        let Some(id) = self.pick(rng, None) else {
            return "nothing to notice".into();
        };
        let r = self
            .shopper
            .call(
                "file_notice",
                &[
                    ("listings", &id),
                    ("kind", "trademark"),
                    ("evidence", WHY),
                    ("good_faith", "on"),
                ],
            )
            .await;
        format!("rights owner noticed {id}: {}", r.status)
    }
}

impl Model {
    /// A moderator approves or rejects an open case (recording what an approval let
    /// through).
    async fn decide_case(&mut self, rng: &mut Rng) -> String {
        let open = strings(
            &self.app,
            "SELECT VALUE record::id(id) FROM screening_case WHERE status = 'open' ORDER BY id",
        )
        .await;
        let Some(case) = open.get(rng.below(open.len().max(1))).cloned() else {
            return "no open case".into();
        };
        let approve = rng.below(2) == 0;
        let form: Vec<(&str, &str)> = if approve {
            vec![("key", &case), ("action", "approve")]
        } else {
            vec![
                ("key", &case),
                ("action", "reject"),
                ("ground", "counterfeit"),
                ("statement", WHY),
            ]
        };
        let r = self.moderator.call("decide_case", &form).await;
        if approve && r.status == 200 {
            if let Some(row) = self.rows().await.get(&case) {
                self.approved.insert(case.clone(), row.3.clone());
            }
        }
        let what = if approve { "approved" } else { "rejected" };
        format!("moderator {what} {case}: {}", r.status)
    }

    async fn decide_notice(&mut self, rng: &mut Rng) -> String {
        let open = strings(
            &self.app,
            "SELECT VALUE record::id(id) FROM notice_item WHERE state NOT IN ['upheld', 'rejected', 'reinstated', 'closed'] ORDER BY id",
        )
        .await;
        let Some(item) = open.get(rng.below(open.len().max(1))).cloned() else {
            return "no open notice".into();
        };
        let (decision, done) = [("validate", "validated"), ("reject", "rejected")][rng.below(2)];
        let r = self
            .moderator
            .call(
                "decide_notice_item",
                &[("key", &item), ("decision", decision), ("statement", WHY)],
            )
            .await;
        format!("moderator {done} notice {item}: {}", r.status)
    }

    /// A moderator suspends seller `s`'s shop, or reinstates it if suspended.
    async fn shop_status(&mut self, _rng: &mut Rng, s: usize) -> String {
        let shop = &self.shops[s];
        let status = strings(
            &self.app,
            &format!("SELECT VALUE status FROM shop:⟨{shop}⟩"),
        )
        .await;
        let (action, done) = if status[0] == "suspended" {
            ("reinstate", "reinstated")
        } else {
            ("suspend", "suspended")
        };
        let r = self
            .moderator
            .call(
                "decide_application",
                &[("key", SELLERS[s]), ("action", action), ("reason", WHY)],
            )
            .await;
        format!("moderator {done} {shop}: {}", r.status)
    }

    /// The rules, against the database and the storefront.
    async fn check(&mut self, before: &BTreeMap<String, Row>, by_seller: bool, trail: &[String]) {
        let why = || trail.join("\n");
        let rows = self.rows().await;
        for (id, row) in &rows {
            let (status, locks, shop, title) = row;
            if ["active", "sold_out", "scheduled", "pending_review"].contains(&status.as_str()) {
                assert!(
                    locks.is_empty(),
                    "{id} is {status} with locks {locks:?}\n{}",
                    why()
                );
                assert_eq!(
                    shop,
                    "approved",
                    "{id} is {status} in a {shop} shop\n{}",
                    why()
                );
            }
            let page = self.anonymous.call("product_page", &[("id", id)]).await;
            assert_eq!(
                page.status == 200,
                visible(row),
                "{id} {row:?}: its page answered {}\n{}",
                page.status,
                why()
            );
            if visible(row) && COUNTERFEIT.iter().any(|w| title.contains(w)) {
                assert_eq!(
                    self.approved.get(id),
                    Some(title),
                    "{id} is live showing {title:?}, never approved\n{}",
                    why()
                );
            }
            if by_seller {
                let kept: BTreeSet<&String> = row.1.iter().collect();
                if let Some(was) = before.get(id) {
                    for lock in &was.1 {
                        assert!(
                            kept.contains(lock),
                            "a seller's step lifted the {lock} lock of {id}\n{}",
                            why()
                        );
                    }
                }
            }
        }
        let bad = strings(
            &self.app,
            "SELECT VALUE record::id(id) FROM stock WHERE on_hand < reserved OR reserved < 0",
        )
        .await;
        assert!(bad.is_empty(), "stock {bad:?}\n{}", why());
    }
}

/// Whether a listing may show and sell: live, in an approved shop, with no lock.
fn visible(row: &Row) -> bool {
    ["active", "sold_out"].contains(&row.0.as_str()) && row.1.is_empty() && row.2 == "approved"
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_sequences_keep_the_listing_rules() {
    let cases = env_or("MODEL_CASES", 3);
    let steps = env_or("MODEL_STEPS", 60);
    let first = env_or("MODEL_SEED", 0x5EED_1157);
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for case in 0..cases {
        let seed = first.wrapping_add(case.wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1;
        let mut model = Model::new().await;
        let mut rng = Rng(seed);
        let mut trail = vec![format!("seed {seed}")];
        for _ in 0..steps {
            let before = model.rows().await;
            let (did, by_seller) = model.step(&mut rng).await;
            for word in [
                "rejected",
                "approved",
                "suspended",
                "countered",
                "held",
                "granted the appeal",
            ] {
                if did.contains(word) {
                    *seen.entry(word).or_default() += 1;
                }
            }
            trail.push(did);
            model.check(&before, by_seller, &trail).await;
        }
        if std::env::var("MODEL_TRAIL").is_ok() {
            eprintln!("{}", trail.join("\n"));
        }
    }
    // the sequences reached the paths the rules are about
    assert!(seen.len() >= 4, "{seen:?}");
}
