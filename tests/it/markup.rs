//! Every page, as each kind of visitor sees it, is markup the browser keeps as written
//! (the test client checks each HTML page it fetches; see `html_check`): a crawl of the
//! demo marketplace from the pages each role starts on, following the site's own links.

use std::collections::{BTreeSet, HashMap, VecDeque};

use integration::{Client, TestApp};

/// Paths a crawl must not follow: they change state or are not pages.
const SKIP: &[&str] = &[
    "/logout",
    "/prefs",
    "/media/",
    "/pkg/",
    "/share/",
    "/api/",
    "/__test",
    "/email/",
    "/seller/listings/export",
    "/seller/money/statement",
    "/sitemap",
    "/feed",
];

/// The page's shape for sampling: its path with every key or name in it as `*`, so the
/// crawl opens a couple of products, not all of them.
fn shape(path: &str) -> String {
    let mut parts = path.split('/').filter(|s| !s.is_empty());
    let first = parts.next().unwrap_or_default();
    let named = matches!(first, "p" | "s" | "c");
    let rest: Vec<&str> = parts
        .map(|s| {
            if named || s.chars().any(|c| c.is_ascii_digit()) {
                "*"
            } else {
                s
            }
        })
        .collect();
    format!("/{first}/{}", rest.join("/"))
}

/// The site's own links in `body` (paths without their query).
fn links(body: &str) -> Vec<String> {
    body.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|h| h.starts_with('/') && !h.starts_with("//"))
        .map(|h| h.split(['?', '#']).next().unwrap_or(h).to_string())
        .filter(|h| !SKIP.iter().any(|s| h.starts_with(s)) && !h.contains('.'))
        .collect()
}

/// Opens `start` and what it links to, at most two pages of each shape; returns the
/// paths opened. Each fetch is checked by the client; a page may refuse (a shopper
/// following a link to the seller centre) but must not fail.
async fn crawl(c: &mut Client, start: &[&str]) -> BTreeSet<String> {
    let mut queue: VecDeque<String> = start.iter().map(|s| s.to_string()).collect();
    let mut seen = BTreeSet::new();
    let mut per_shape: HashMap<String, usize> = HashMap::new();
    while let Some(path) = queue.pop_front() {
        if seen.len() >= 120 || seen.contains(&path) {
            continue;
        }
        let n = per_shape.entry(shape(&path)).or_default();
        if *n >= 2 {
            continue;
        }
        *n += 1;
        let r = c.get(&path).await;
        assert!(r.status < 500, "{path}: {} {}", r.status, r.body);
        seen.insert(path);
        queue.extend(links(&r.body));
    }
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_is_markup_the_browser_keeps() {
    let app = TestApp::spawn().await;
    app.seed(60).await;
    let password = server::seed::DEMO_PASSWORD;

    let mut visitor = app.client();
    let start = ["/", "/search?q=tea", "/login", "/signup", "/rights"];
    let opened = crawl(&mut visitor, &start).await;
    for must in ["/", "/cart", "/c/electronics"] {
        assert!(opened.contains(must), "{must} not reached: {opened:?}");
    }
    assert!(opened.iter().any(|p| p.starts_with("/s/")), "{opened:?}");
    assert!(opened.iter().any(|p| p.starts_with("/p/")), "{opened:?}");

    for (email, start) in [
        (
            "shopper@demo.test",
            &["/account", "/orders", "/messages", "/rewards"][..],
        ),
        ("seller1@demo.test", &["/seller"][..]),
        ("admin@demo.test", &["/admin"][..]),
    ] {
        let mut c = app.client();
        assert_eq!(c.log_in(email, password).await.status, 200, "{email}");
        let opened = crawl(&mut c, start).await;
        assert!(opened.len() >= 5, "{email} opened only {opened:?}");
        let home = start[0];
        assert_eq!(c.get(home).await.status, 200, "{email} on {home}");
    }
}
