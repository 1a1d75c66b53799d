//! The plain routes beside the server functions (form posts with uploads, CSV
//! downloads, stored media, share cards, webhooks): who is let through. A form route
//! refuses by status (401, 403, 404), by sending an anonymous caller to log in, or by
//! going back to its page with the `Forbidden` reason. Form fields name the world's
//! records as paths do (`$thread`).

use std::collections::BTreeSet;

use integration::Reply;

use super::{
    assert_covers, check, Gate, Who, World, ADMIN, BUYER, EVERYONE, OPEN_SELLERS, SELLERS,
    SELLER_A, SIGNED_IN,
};
use crate::seller_listings::png;

pub struct Route {
    /// The route as the router names it.
    pub route: &'static str,
    /// The path called (`$name` names a record of the world).
    pub path: &'static str,
    /// `None`: a GET. Otherwise a multipart POST with these fields…
    pub form: Option<&'static [(&'static str, &'static str)]>,
    /// …and a PNG in this file field.
    pub file: Option<&'static str>,
    pub allowed: &'static [Who],
}

const fn get(route: &'static str, path: &'static str, allowed: &'static [Who]) -> Route {
    Route {
        route,
        path,
        form: None,
        file: None,
        allowed,
    }
}

const fn post(
    route: &'static str,
    path: &'static str,
    form: &'static [(&'static str, &'static str)],
    file: Option<&'static str>,
    allowed: &'static [Who],
) -> Route {
    Route {
        route,
        path,
        form: Some(form),
        file,
        allowed,
    }
}

/// The order's buyer and its seller, and admins (support).
const ORDER_SIDES: &[Who] = &[Who::Shopper, Who::SellerA, Who::Admin];
const NOBODY: &[Who] = &[];
/// The conversation's shopper and shop.
const THREAD_SIDES: &[Who] = &[Who::Shopper, Who::SellerA];

pub const ROUTES: &[Route] = &[
    get("/healthz", "/healthz", EVERYONE),
    get("/prefs", "/prefs?lang=zh-Hant&next=/", EVERYONE),
    get(
        "/media/gen/{leaf}/{file}",
        "/media/gen/tea/d000001-0.svg",
        EVERYONE,
    ),
    get(
        "/share/card/p/{file}",
        "/share/card/p/$product.svg",
        EVERYONE,
    ),
    get("/share/card/s/{file}", "/share/card/s/$shop.svg", EVERYONE),
    get(
        "/share/qr.svg",
        "/share/qr.svg?u=$origin/p/$product",
        EVERYONE,
    ),
    get("/media/products/{*key}", "$product_photo", EVERYONE),
    get("/media/reviews/{*key}", "$review_photo", EVERYONE),
    get(
        "/media/private/{*key}",
        "/media/private/$return_photo",
        ORDER_SIDES,
    ),
    get(
        "/seller/listings/export.csv",
        "/seller/listings/export.csv",
        SELLERS,
    ),
    get(
        "/seller/money/statement.csv",
        "/seller/money/statement.csv",
        SELLERS,
    ),
    get(
        "/seller/marketing/{key}/report.csv",
        "/seller/marketing/$promotion/report.csv",
        SELLER_A,
    ),
    post(
        "/orders/{id}/return",
        "/orders/$order/return",
        &[("kind", "return"), ("reason", "damaged")],
        Some("photos"),
        BUYER,
    ),
    post(
        "/messages/send",
        "/messages/send",
        &[("thread", "$thread"), ("body", "A photo of it")],
        Some("photos"),
        THREAD_SIDES,
    ),
    post(
        "/orders/{id}/review/{line}",
        "/orders/$order/review/$line",
        &[
            ("rating", "4"),
            ("title", "Good"),
            ("body", "Warm and heavy, as described."),
        ],
        None,
        BUYER,
    ),
    post(
        "/seller/listings/{id}/photos",
        "/seller/listings/$product/photos",
        &[],
        Some("photos"),
        SELLER_A,
    ),
    post(
        "/seller/listing-import",
        "/seller/listing-import",
        &[("mode", "all")],
        Some("file"),
        OPEN_SELLERS,
    ),
    post(
        "/rights/references",
        "/rights/references",
        &[],
        Some("references"),
        BUYER,
    ),
    post(
        "/admin/rates/import",
        "/admin/rates/import",
        &[("sample", "1")],
        None,
        ADMIN,
    ),
    post(
        "/sell/documents",
        "/sell/documents",
        &[("kind", "business_registration")],
        Some("file"),
        SIGNED_IN,
    ),
    // without a Stripe account the webhook answers nobody; the Stripe tests check
    // its signatures
    post("/webhooks/stripe", "/webhooks/stripe", &[], None, NOBODY),
    // an unsubscribe link: opened, it asks on a page anyone may see; posted with a
    // secret that is no one's, it changes nothing
    get(
        "/mail/unsubscribe/{category}/{token}",
        "/mail/unsubscribe/reviews/00ff",
        EVERYONE,
    ),
    post(
        "/mail/unsubscribe/{category}/{token}",
        "/mail/unsubscribe/reviews/00ff",
        &[],
        None,
        NOBODY,
    ),
];

impl Gate for Route {
    fn name(&self) -> &str {
        self.route
    }

    fn allowed(&self) -> &[Who] {
        self.allowed
    }

    async fn call(&self, w: &mut World, who: Who) -> Reply {
        let path = w.resolve(self.path);
        match self.form {
            None => w.client(who).get(&path).await,
            Some(fields) => {
                let files: Vec<(&str, &str, Vec<u8>)> = self
                    .file
                    .map(|f| vec![(f, "p.png", png(64, 64))])
                    .unwrap_or_default();
                let fields: Vec<(&str, String)> =
                    fields.iter().map(|(k, v)| (*k, w.resolve(v))).collect();
                let fields: Vec<(&str, &str)> =
                    fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                w.client(who).post_multipart(&path, &fields, &files).await
            }
        }
    }

    /// Whether the route let the caller through (see the module's note).
    fn let_through(&self, r: &Reply) -> Result<bool, String> {
        if r.status >= 500 {
            return Err(format!("server error {}: {}", r.status, r.body));
        }
        if matches!(r.status, 401 | 403 | 404) {
            return Ok(false);
        }
        let location = r
            .headers
            .get("location")
            .and_then(|l| l.to_str().ok())
            .unwrap_or_default();
        Ok(!(location.starts_with("/login") || location.contains("=Forbidden")))
    }

    fn show(&self, r: &Reply) -> String {
        format!(
            "({} {:?}): {}",
            r.status,
            r.headers.get("location"),
            r.body.chars().take(300).collect::<String>()
        )
    }
}

/// The routes the router names (read from its source, where they are listed once).
fn router_routes() -> BTreeSet<String> {
    let src = include_str!("../../../server/src/router.rs");
    src.split(".route(")
        .skip(1)
        .filter_map(|rest| rest.trim_start().strip_prefix('"'))
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_form_route_lets_through_exactly_its_callers() {
    let routed = router_routes();
    assert!(routed.len() >= 15, "{routed:?}");
    // a route is named once for each method the table calls it with
    let named: BTreeSet<&str> = ROUTES.iter().map(|r| r.route).collect();
    let named: Vec<&str> = named.into_iter().collect();
    assert_covers("route", &routed, &named);

    let mut w = World::new().await;
    let mut faults = Vec::new();
    for route in ROUTES {
        check(&mut w, route, &mut faults).await;
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}
