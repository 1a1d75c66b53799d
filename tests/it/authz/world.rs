//! The database the authorisation tables run against: the demo marketplace, one
//! client per kind of person, and real records of every kind the functions name.

use std::collections::HashMap;

use integration::{Client, TestApp};
use server::seed::DEMO_PASSWORD;
use surrealdb::types::RecordId;

use crate::checkout::{add, checkout_form, confirm, pay_ship_report, place, set_stock};
use crate::moderation::publish;
use crate::seller_listings::png;

/// A kind of person calling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Who {
    Anonymous,
    /// A shopper: the buyer of the order, the reviewer, a verified rights owner.
    Shopper,
    /// The seller of the records the tables name.
    SellerA,
    /// Another seller, with an open shop of their own.
    SellerB,
    /// A seller whose shop was suspended.
    Suspended,
    Moderator,
    Admin,
}

impl Who {
    pub fn email(self) -> Option<&'static str> {
        match self {
            Who::Anonymous => None,
            Who::Shopper => Some("shopper@demo.test"),
            Who::SellerA => Some("seller1@demo.test"),
            Who::SellerB => Some("seller2@demo.test"),
            Who::Suspended => Some("seller3@demo.test"),
            Who::Moderator => Some("moderator@demo.test"),
            Who::Admin => Some("admin@demo.test"),
        }
    }
}

pub struct World {
    pub app: TestApp,
    clients: HashMap<Who, Client>,
    /// `$name` → a record key (or other value) the tables' arguments name.
    pub keys: HashMap<&'static str, String>,
    fresh: usize,
}

impl World {
    pub async fn new() -> World {
        let app = TestApp::spawn().await;
        app.seed(8).await;
        let mut w = World {
            app,
            clients: HashMap::new(),
            keys: HashMap::new(),
            fresh: 0,
        };
        for who in super::EVERYONE {
            w.restore(*who).await;
        }
        let session = w
            .value("SELECT VALUE record::id(id) FROM user_session WHERE user.email = 'shopper@demo.test' ORDER BY created_at DESC LIMIT 1")
            .await;
        w.keys.insert("session", session);
        w.listings().await;
        w.order().await;
        w.claim().await;
        w.moderation().await;
        w.notices().await;
        w.odds_and_ends().await;
        w.promotions().await;
        w.payment_alerts().await;
        w.conversation().await;
        w.questions().await;
        w.suspend().await;
        w
    }

    pub fn client(&mut self, who: Who) -> &mut Client {
        self.clients.get_mut(&who).expect("client")
    }

    /// A fresh session for `who` (after a call that signs in, up or out).
    pub async fn restore(&mut self, who: Who) {
        let mut c = self.app.client();
        if let Some(email) = who.email() {
            let r = c.log_in(email, DEMO_PASSWORD).await;
            assert_eq!(r.status, 200, "{who:?} logs in: {}", r.body);
        }
        self.clients.insert(who, c);
    }

    /// `value` with `$name` replaced by the record it names (`$fresh` by an address
    /// nobody has used).
    pub fn resolve(&mut self, value: &str) -> String {
        if value == "$fresh" {
            self.fresh += 1;
            return format!("fresh{}@example.com", self.fresh);
        }
        let mut out = value.to_string();
        let mut names: Vec<&&str> = self.keys.keys().collect();
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        for name in names {
            out = out.replace(&format!("${name}"), &self.keys[*name]);
        }
        assert!(!out.contains('$'), "no record named in {value:?}");
        out
    }

    async fn value(&self, sql: &str) -> String {
        let mut res = self.app.state.db.query(sql).await.unwrap();
        let v: Vec<String> = res.take(0).unwrap();
        v.into_iter()
            .next()
            .unwrap_or_else(|| panic!("none: {sql}"))
    }

    /// Seller A's live listing (bought and reviewed), a live one a notice will name,
    /// and two held ones (open cases).
    async fn listings(&mut self) {
        let a = self.client(Who::SellerA);
        let (product, status) = publish(a, "Wood-fired tea bowl", png(200, 200)).await;
        assert_eq!(status, "active");
        let (noticed, _) = publish(a, "Moonlit canvas tote", png(200, 200)).await;
        let (case, status) = publish(a, "Maison Lune tote 高仿", png(201, 201)).await;
        assert_eq!(status, "held");
        let (decided, _) = publish(a, "Maison Lune wallet 高仿", png(202, 202)).await;
        set_stock(&self.app, &product, 50).await;
        let photo = self
            .value(&format!(
                "SELECT VALUE record::id(id) FROM product_image WHERE product = product:⟨{product}⟩ LIMIT 1"
            ))
            .await;
        let shop = self
            .value("SELECT VALUE record::id(id) FROM shop WHERE owner.email = 'seller1@demo.test'")
            .await;
        for (k, v) in [
            ("product", product),
            ("noticed", noticed),
            ("case", case),
            ("decided", decided),
            ("photo", photo),
            ("shop", shop),
        ] {
            self.keys.insert(k, v);
        }
    }

    /// The shopper buys seller A's listing (offline payment); seller A delivers it and
    /// the shopper reviews it.
    async fn order(&mut self) {
        let product = self.keys["product"].clone();
        let c = self.client(Who::Shopper);
        add(c, &product, "1").await;
        let (_, form) = checkout_form(c).await;
        let r = place(c, &form).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let order = self
            .value("SELECT VALUE record::id(id) FROM shop_order WHERE buyer.email = 'shopper@demo.test' ORDER BY created_at DESC LIMIT 1")
            .await;
        let checkout = self
            .value(&format!(
                "SELECT VALUE record::id(checkout) FROM shop_order:⟨{order}⟩"
            ))
            .await;
        let c = self.client(Who::Shopper);
        let lines = c.call("order_reviews", &[("order", &order)]).await;
        assert_eq!(lines.status, 200, "{}", lines.body);
        let line = lines.json()[0]["line_key"].as_str().unwrap().to_string();
        pay_ship_report(self.client(Who::SellerA), &order).await;
        confirm(self.client(Who::Shopper), &order).await;
        self.review_and_return(&order, &line).await;
        for (k, v) in [("order", order), ("checkout", checkout), ("line", line)] {
            self.keys.insert(k, v);
        }
    }

    /// A second order whose return seller A refused, which the shopper claims about.
    async fn claim(&mut self) {
        let product = self.keys["product"].clone();
        let c = self.client(Who::Shopper);
        add(c, &product, "1").await;
        let (_, form) = checkout_form(c).await;
        assert_eq!(place(c, &form).await.status, 200);
        let order = self
            .value("SELECT VALUE record::id(id) FROM shop_order WHERE buyer.email = 'shopper@demo.test' ORDER BY created_at DESC LIMIT 1")
            .await;
        pay_ship_report(self.client(Who::SellerA), &order).await;
        confirm(self.client(Who::Shopper), &order).await;
        let steps = [
            (
                Who::Shopper,
                "request_return",
                ("reason", "not_as_described"),
            ),
            (
                Who::SellerA,
                "decide_return",
                ("reason", "The bowl matches its photos."),
            ),
            (
                Who::Shopper,
                "open_claim",
                ("statement", "The glaze is not the colour shown."),
            ),
        ];
        for (who, name, arg) in steps {
            let mut args = vec![("id", order.as_str()), arg];
            if name == "decide_return" {
                args.push(("accept", "false"));
            }
            let r = self.client(who).call(name, &args).await;
            assert_eq!(r.status, 200, "{name}: {}", r.body);
        }
        self.keys.insert("dispute", order);
    }

    /// The shopper reviews the delivered order with a photo and asks to return it
    /// with a photo of the damage.
    async fn review_and_return(&mut self, order: &str, line: &str) {
        let product = self.keys["product"].clone();
        let c = self.client(Who::Shopper);
        let r = c
            .post_multipart(
                &format!("/orders/{order}/review/{line}"),
                &[
                    ("rating", "5"),
                    ("title", "Lovely bowl"),
                    (
                        "body",
                        "Thick glaze, keeps the tea warm, arrived well packed.",
                    ),
                ],
                &[("photos", "bowl.png", png(64, 64))],
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        let r = c
            .post_multipart(
                &format!("/orders/{order}/return"),
                &[("kind", "return"), ("reason", "damaged")],
                &[("photos", "crack.png", png(64, 64))],
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        let d = c.call("order_detail", &[("id", order)]).await.json();
        let return_photo = d["return_request"]["photos"][0]
            .as_str()
            .unwrap()
            .to_string();
        let review = self
            .value(&format!(
                "SELECT VALUE record::id(id) FROM review WHERE product = product:⟨{product}⟩ LIMIT 1"
            ))
            .await;
        let review_photo = self
            .value(&format!("SELECT VALUE photos[0] FROM review:⟨{review}⟩"))
            .await;
        let review_photo = if review_photo.starts_with("/media/") {
            review_photo
        } else {
            let key = review_photo.trim_start_matches("reviews/");
            format!("/media/reviews/{key}")
        };
        let product_photo = self
            .value(&format!(
                "SELECT VALUE url FROM product_image WHERE product = product:⟨{product}⟩ LIMIT 1"
            ))
            .await;
        for (k, v) in [
            ("review", review),
            ("review_photo", review_photo),
            ("product_photo", product_photo),
            ("return_photo", return_photo),
            ("origin", self.app.state.settings.public_origin.clone()),
        ] {
            self.keys.insert(k, v);
        }
    }

    /// A moderator rejects one held listing (a decision seller A may appeal) and
    /// leaves the other's case open; the shopper reports the live listing.
    async fn moderation(&mut self) {
        let decided = self.keys["decided"].clone();
        let m = self.client(Who::Moderator);
        let r = m
            .call(
                "decide_case",
                &[
                    ("key", decided.as_str()),
                    ("action", "reject"),
                    ("ground", "counterfeit"),
                    ("statement", "Replicas are not allowed here."),
                ],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let n = self.client(Who::SellerA).call("seller_notices", &[]).await;
        let decision = n.json()["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["product_key"] == decided.as_str())
            .map(|d| d["key"].as_str().unwrap().to_string())
            .expect("the decision");
        self.keys.insert("decision", decision);
        let product = self.keys["product"].clone();
        let r = self
            .client(Who::Shopper)
            .call(
                "report_listing",
                &[
                    ("product", product.as_str()),
                    ("reason", "counterfeit"),
                    ("text", "The glaze looks printed on, not fired."),
                ],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let report = self
            .value(
                "SELECT VALUE record::id(id) FROM listing_report ORDER BY created_at DESC LIMIT 1",
            )
            .await;
        self.keys.insert("report", report);
    }
}

impl World {
    /// The shopper is the verified owner of "Maison Lune" and names seller A's tote in
    /// a notice; seller B's own registration waits for a moderator.
    async fn notices(&mut self) {
        let m = self.clients.get_mut(&Who::Moderator).expect("moderator");
        crate::notices::verified_owner(&self.app, m).await;
        let noticed = self.keys["noticed"].clone();
        let r = self
            .client(Who::Shopper)
            .call(
                "file_notice",
                &[
                    ("listings", noticed.as_str()),
                    ("kind", "trademark"),
                    (
                        "evidence",
                        "The listing uses our registered word mark on bags we never made.",
                    ),
                    ("good_faith", "on"),
                ],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let item = self
            .value(&format!(
                "SELECT VALUE record::id(id) FROM notice_item WHERE product = product:⟨{noticed}⟩ LIMIT 1"
            ))
            .await;
        let b = self.client(Who::SellerB);
        let r = b
            .call(
                "register_rights_owner",
                &[
                    ("name", "Auralis Audio Ltd"),
                    ("brand_name", "Auralis Pending"),
                    ("registration_number", "TW-07654321"),
                    ("jurisdiction", "Taiwan"),
                    (
                        "evidence",
                        "Registration certificate no. 07654321, TIPO entry.",
                    ),
                ],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let pending = self
            .value("SELECT VALUE record::id(id) FROM rights_owner WHERE brand_name = 'Auralis Pending' LIMIT 1")
            .await;
        self.keys.insert("notice_item", item);
        self.keys.insert("rights_owner", pending);
    }

    /// Seller A's running percentage off (`$promotion`) and voucher (`$voucher`).
    async fn promotions(&mut self) {
        let fmt = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%dT%H:%M").to_string();
        let now = self.app.state.now();
        let (starts, ends) = (fmt(now), fmt(now + chrono::Duration::days(7)));
        let shop = self.keys["shop"].clone();
        for (key, title, rule) in [
            (
                "promotion",
                "Tea week",
                [("kind", "percent"), ("percent", "10"), ("target", "shop")],
            ),
            (
                "voucher",
                "Tea voucher",
                [("kind", "voucher"), ("amount", "50"), ("target", "shop")],
            ),
        ] {
            let mut form = vec![
                ("title_en", title),
                ("starts_at", &starts),
                ("ends_at", &ends),
            ];
            form.extend(rule);
            let r = self
                .client(Who::SellerA)
                .call("save_promotion", &form)
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
            let sql = format!(
                "SELECT VALUE record::id(id) FROM promotion WHERE shop = shop:⟨{shop}⟩ AND title_en = '{title}' LIMIT 1"
            );
            let id = self.value(&sql).await;
            self.keys.insert(key, id);
        }
    }

    /// Seller A's sharing campaign and listing import; a held sharing reward on the
    /// order (for a sharer none of the callers is); a document requirement; a shop
    /// application waiting for review.
    async fn odds_and_ends(&mut self) {
        let a = self.client(Who::SellerA);
        let r = a
            .call(
                "save_shop_campaign",
                &[
                    ("name", "Tea friends"),
                    ("kind", "fixed"),
                    ("fixed", "50"),
                    ("active", "on"),
                ],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let csv = a.get("/seller/listings/export.csv").await.body;
        let r = a
            .post_multipart(
                "/seller/listing-import",
                &[("mode", "all")],
                &[("file", "listings.csv", csv.into_bytes())],
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        let location = r.headers["location"].to_str().unwrap();
        let import = location.rsplit('/').next().unwrap().to_string();
        // the import runs in the background: let it finish before anything is compared
        for _ in 0..200 {
            let s = a.call("import_status", &[("id", &import)]).await.json();
            if s["status"] != "running" {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let shop = self.keys["shop"].clone();
        let campaign = self
            .value(&format!(
                "SELECT VALUE record::id(id) FROM campaign WHERE shop = shop:⟨{shop}⟩ LIMIT 1"
            ))
            .await;
        let order = self.keys["order"].clone();
        self.app
            .state
            .db
            .query(
                "CREATE $r CONTENT { sharer: user:⟨seller5@demo.test⟩, buyer: user:⟨shopper@demo.test⟩, \
                 campaign: (SELECT VALUE id FROM campaign WHERE shop = NONE LIMIT 1)[0], shop_order: $o, \
                 currency: 'TWD', amount_minor: 100, goods_minor: 1000, status: 'held', \
                 flags: ['same_payment'], evidence: ['a card both accounts used'], \
                 created_at: time::now(), updated_at: time::now() }",
            )
            .bind(("r", RecordId::new("referral_reward", order.as_str())))
            .bind(("o", RecordId::new("shop_order", order.as_str())))
            .await
            .unwrap()
            .check()
            .unwrap();
        let requirement = self
            .value("SELECT VALUE record::id(id) FROM document_requirement LIMIT 1")
            .await;
        let zone = self
            .value(&format!(
                "SELECT VALUE record::id(id) FROM shipping_method WHERE shop = shop:⟨{shop}⟩ LIMIT 1"
            ))
            .await;
        let zone = zone.rsplit('/').next().unwrap().to_string();
        for (k, v) in [
            ("campaign", campaign),
            ("import", import),
            ("reward", order),
            ("requirement", requirement),
            ("zone", zone),
            ("application", "seller12@demo.test".to_string()),
        ] {
            self.keys.insert(k, v);
        }
    }

    /// Two payments needing an admin: a refund made at Stripe that no order holds,
    /// and a card refund Stripe keeps refusing.
    async fn payment_alerts(&mut self) {
        let checkout = RecordId::new("checkout", self.keys["checkout"].as_str());
        for (key, kind, refund) in [
            ("provider-refund-pi_world", "provider_refund", None),
            (
                "refund-refused-world-1",
                "refund_refused",
                Some(RecordId::new("card_refund", "world-1")),
            ),
        ] {
            self.app
                .state
                .db
                .query(
                    "CREATE $a SET kind = $kind, checkout = $checkout, card_refund = $refund, \
                     payment_intent = $pi, gap_minor = 100, \
                     currency = 'TWD', status = 'open', created_at = time::now(), updated_at = time::now()",
                )
                .bind(("a", RecordId::new("payment_alert", key)))
                .bind(("kind", kind))
                .bind(("checkout", checkout.clone()))
                .bind(("pi", refund.is_none().then_some("pi_world")))
                .bind(("refund", refund))
                .await
                .unwrap()
                .check()
                .unwrap();
        }
        self.keys
            .insert("provider_alert", "provider-refund-pi_world".into());
        self.keys
            .insert("refused_alert", "refund-refused-world-1".into());
    }

    /// The shopper asks seller A about the order.
    async fn conversation(&mut self) {
        let (shop, order) = (self.keys["shop"].clone(), self.keys["order"].clone());
        let c = self.client(Who::Shopper);
        let r = c
            .call(
                "send_message",
                &[
                    ("shop", &shop),
                    ("order", &order),
                    ("body", "Is it shipped?"),
                ],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        let thread = r.json().as_str().unwrap().to_string();
        self.keys.insert("thread", thread);
    }

    /// The shopper asks about seller A's product twice: once plainly, once with a phone
    /// number (held for moderators).
    async fn questions(&mut self) {
        let product = self.keys["product"].clone();
        for (name, text, status) in [
            ("question", "Is the glaze food safe?", "published"),
            ("held_question", "Cheaper if I call 0912-345-678?", "held"),
        ] {
            let c = self.client(Who::Shopper);
            let r = c
                .call("ask_question", &[("product", &product), ("question", text)])
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
            assert_eq!(r.json(), status);
            let key = self
                .value(&format!(
                    "SELECT VALUE record::id(id) FROM product_question WHERE body = '{text}'"
                ))
                .await;
            self.keys.insert(name, key);
        }
    }

    /// A moderator suspends seller 3's shop.
    async fn suspend(&mut self) {
        let m = self.client(Who::Moderator);
        let r = m
            .call(
                "decide_application",
                &[
                    ("key", "seller3@demo.test"),
                    ("action", "suspend"),
                    ("reason", "Counterfeit notices upheld"),
                ],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
}
