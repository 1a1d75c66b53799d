//! The layering rules of ARCHITECTURE.md, checked on the source tree so they cannot
//! silently erode: SurrealQL lives only in store modules (and the database layer), and
//! the areas that publish events do not reach into the areas that listen to them.
//!
//! Source files stay short enough to read in one sitting, and code speaks of the
//! product, never of the tracker's issue numbers.
//!
//! Every rule holds everywhere: there are no listed exceptions left to shrink.

use std::path::{Path, PathBuf};

/// The longest a source file may be, in lines.
const MAX_LINES: usize = 600;

/// Files allowed to be longer: data tables, one row per entry.
const LONG_BY_NATURE: &[&str] = &[
    // every UI string, in both languages
    "app/src/i18n/catalogue.rs",
];

/// The areas that listen to orders, sign-ups and the storefront's activity.
const LISTENERS: &[&str] = &[
    "crate::referrals::",
    "crate::sellers::money::",
    "crate::sellers::listings::",
    "crate::sellers::stats::",
    "crate::moderation::",
];

/// Areas that publish events, and the areas they must not call (their listeners).
const PUBLISHERS: &[(&str, &[&str])] = &[
    ("orders", LISTENERS),
    ("catalog", LISTENERS),
    ("cart", LISTENERS),
    // the anonymous cart listens to sign-ins, to join the account's cart
    ("accounts", LISTENERS),
    ("accounts", &["crate::cart::"]),
    // sellers' listings ask moderation's vetting through `crate::events`
    ("sellers", &["crate::moderation::"]),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// Files under `dir` whose extension is one of `exts`, skipping build output,
/// packages and screenshots.
fn files_with(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if name != "target" && name != "node_modules" && name != "screenshots" {
                files_with(&path, exts, out);
            }
        } else if path
            .extension()
            .is_some_and(|e| exts.iter().any(|x| e == *x))
        {
            out.push(path);
        }
    }
}

/// Source files of the crates that ship (not tests, benches or end-to-end specs).
fn shipped_sources() -> Vec<(String, String)> {
    sources_under(&[
        "domain/src",
        "backend/src",
        "app/src",
        "server/src",
        "frontend/src",
    ])
}

/// Every Rust file under the given folders, with its path from the workspace root.
fn sources_under(dirs: &[&str]) -> Vec<(String, String)> {
    let root = root();
    let mut files = Vec::new();
    for dir in dirs {
        files_with(&root.join(dir), &["rs"], &mut files);
    }
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&root)
                .expect("under root")
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&p).expect("readable source");
            (rel, text)
        })
        .collect()
}

/// Where SurrealQL may appear: the backend's store modules and database layer, and the
/// server crate's own stores (schema, seed, export). Never in the app.
fn may_hold_sql(path: &str) -> bool {
    let store = path.ends_with("/store.rs")
        || path.contains("/store/")
        || path.ends_with("_store.rs")
        || path.contains("_store/");
    path.starts_with("backend/src/db/")
        || (store && (path.starts_with("backend/src/") || path.starts_with("server/src/")))
}

/// Statement keywords and what may follow each (`None`: anything).
const STATEMENTS: &[(&str, Option<&[&str]>)] = &[
    ("SELECT ", Some(FOLLOWS)),
    ("UPDATE ", Some(FOLLOWS)),
    ("UPSERT ", Some(FOLLOWS)),
    ("CREATE ", Some(FOLLOWS)),
    ("DELETE ", Some(FOLLOWS)),
    ("RELATE ", Some(FOLLOWS)),
    (
        "DEFINE ",
        Some(&["TABLE", "FIELD", "INDEX", "EVENT", "ANALYZER"]),
    ),
    ("INSERT INTO", None),
    ("LET $", None),
    ("BEGIN TRANSACTION", None),
    ("RETURN record::", None),
];

/// What starts the rest of a statement: a variable, a table or field name, a
/// placeholder, a subquery, or a keyword.
const FOLLOWS: &[&str] = &["$", "{", "(", "*", "ONLY", "VALUE", "count", "type::"];

fn starts_statement(rest: &str, follows: Option<&[&str]>) -> bool {
    match follows {
        None => true,
        Some(list) => {
            list.iter().any(|f| rest.starts_with(f))
                || rest.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        }
    }
}

/// The first line of `text` that runs or holds SurrealQL (comments and unit tests
/// skipped).
fn first_sql_line(text: &str) -> Option<(usize, &str)> {
    let mut in_tests = false;
    for (n, line) in text.lines().enumerate() {
        let code = line.trim_start();
        if code.starts_with("#[cfg(test)]") {
            // unit tests may build queries of their own
            in_tests = true;
        }
        if in_tests || code.starts_with("//") {
            continue;
        }
        let runs = code
            .match_indices(".query(")
            .any(|(i, m)| !code[i + m.len()..].starts_with(')'));
        let holds = STATEMENTS.iter().any(|(kw, follows)| {
            code.match_indices(kw).any(|(i, _)| {
                // a keyword that starts the text or follows a space, quote, bracket or
                // `;`, and is followed by the rest of a statement
                let before = code[..i].chars().next_back();
                before.is_none_or(|c| c.is_whitespace() || "\"({;".contains(c))
                    && starts_statement(&code[i + kw.len()..], *follows)
            })
        });
        if runs || holds {
            return Some((n + 1, line));
        }
    }
    None
}

#[test]
fn surrealql_lives_only_in_store_modules() {
    let mut outside = Vec::new();
    for (path, text) in shipped_sources() {
        if may_hold_sql(&path) {
            continue;
        }
        if let Some((n, line)) = first_sql_line(&text) {
            outside.push(format!("{path}:{n}: {}", line.trim()));
        }
    }
    assert!(
        outside.is_empty(),
        "SurrealQL outside a store module (move it into the area's store in backend/src/<area>/):\n{}",
        outside.join("\n")
    );
}

#[test]
fn publishing_areas_do_not_call_their_listeners() {
    let mut calls = Vec::new();
    for (path, text) in &shipped_sources() {
        let Some(area) = path
            .strip_prefix("app/src/")
            .and_then(|p| p.split('/').next())
        else {
            continue;
        };
        // pages may compose other areas' components; the rule is about behaviour
        if path.ends_with("views.rs") || path.contains("/views/") {
            continue;
        }
        let forbidden = PUBLISHERS
            .iter()
            .filter(|(publisher, _)| *publisher == area)
            .flat_map(|(_, listeners)| listeners.iter().copied());
        for listener in forbidden {
            let uses = text
                .lines()
                .any(|l| !l.trim_start().starts_with("//") && l.contains(listener));
            if uses {
                calls.push(format!("{path} calls {listener}"));
            }
        }
    }
    assert!(
        calls.is_empty(),
        "a publishing area calls an area that should listen to its events instead \
         (publish an event in crate::events and wire the listener in crate::listeners):\n{}",
        calls.join("\n")
    );
}

/// Who is calling, the app state, the shopper's preferences and the request's cookies
/// come from the request's context: only a server function asks for them (building a
/// `crate::ctx::Ctx`, `Visitor` or `Storefront`, which carries a `Request`), and the
/// area's logic takes them as arguments. It never reads Leptos' context (the request's
/// parts, the response options) itself.
const REQUEST_READERS: &[&str] = &[
    "app_state()",
    "Prefs::current(",
    "Request::current(",
    "use_context",
    "request::Parts",
    "ResponseOptions",
    "leptos_axum::",
];

/// Whether `path` is an area's logic (`imp.rs` or a file under `imp/`).
fn is_logic(path: &str) -> bool {
    path.starts_with("app/src/") && (path.ends_with("/imp.rs") || path.contains("/imp/"))
}

/// `path:line: pattern` for each line of code (not a comment) in the shipped sources
/// that `include` selects, containing one of `patterns`.
fn code_lines_containing(patterns: &[&str], include: impl Fn(&str) -> bool) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in &shipped_sources() {
        if !include(path) {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            if let Some(p) = patterns.iter().find(|p| code.contains(*p)) {
                found.push(format!("{path}:{}: {p}", n + 1));
            }
        }
    }
    found
}

#[test]
fn area_logic_takes_its_caller_as_an_argument() {
    let found = code_lines_containing(REQUEST_READERS, is_logic);
    assert!(
        found.is_empty(),
        "an area's logic asks the request who is calling: build the context in the server function \
         (crate::ctx::Ctx) and pass it in:\n{}",
        found.join("\n")
    );
    assert!(is_logic("app/src/orders/imp/checkout.rs"));
    assert!(is_logic("app/src/cart/imp.rs"));
    assert!(!is_logic("app/src/cart/api.rs"));
}

#[test]
fn the_check_finds_sql_in_a_service() {
    let service =
        "pub async fn rename(db: &Db) {\n    db.query(\"UPDATE shop SET name = $n\").await;\n}\n";
    assert_eq!(first_sql_line(service).map(|(n, _)| n), Some(2));
    let built = "let body = String::from(\n    \"LET $moved = (UPDATE $id SET x = 1)\",\n);\n";
    assert_eq!(first_sql_line(built).map(|(n, _)| n), Some(2));
    let prose = "// SELECT the cheapest\nlet deleted = UPDATED;\nlet q = uri.query();\n<select class=SELECT data-x=\"y\" />\n";
    assert_eq!(first_sql_line(prose), None);
    assert!(may_hold_sql("backend/src/orders/store/checkout.rs"));
    assert!(may_hold_sql("backend/src/sellers/money_store.rs"));
    assert!(!may_hold_sql("app/src/orders/api.rs"));
    assert!(!may_hold_sql("app/src/orders/store.rs"));
}

#[test]
fn source_files_stay_short() {
    let all = sources_under(&[
        "domain", "backend", "app", "server", "frontend", "tests", "bench",
    ]);
    let mut long = Vec::new();
    for (path, text) in &all {
        let lines = text.lines().count();
        if lines > MAX_LINES && !LONG_BY_NATURE.contains(&path.as_str()) {
            long.push(format!("{path}: {lines} lines"));
        }
    }
    assert!(
        long.is_empty(),
        "files over {MAX_LINES} lines (split them by topic):\n{}",
        long.join("\n")
    );
}

/// A reference to the tracker's issue numbers ("issue 9", "Issue 4's target").
fn names_an_issue(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower.match_indices("issue").any(|(i, m)| {
        let rest = lower[i + m.len()..].trim_start_matches([' ', '#']);
        rest.starts_with(|c: char| c.is_ascii_digit())
    })
}

#[test]
fn code_and_docs_speak_of_the_product_not_of_issue_numbers() {
    let root = root();
    let mut files = Vec::new();
    for dir in [
        "domain",
        "backend",
        "app",
        "server",
        "frontend",
        "tests",
        "bench",
        "scripts",
        "end2end/tests",
    ] {
        files_with(
            &root.join(dir),
            &["rs", "md", "sh", "ts", "toml"],
            &mut files,
        );
    }
    for top in ["README.md", "ARCHITECTURE.md"] {
        files.push(root.join(top));
    }
    let mut found = Vec::new();
    // this file names the pattern it looks for
    files.retain(|p| !p.ends_with("tests/it/architecture.rs"));
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for (n, line) in text.lines().enumerate() {
            if names_an_issue(line) {
                let rel = path.strip_prefix(&root).unwrap_or(&path).display();
                found.push(format!("{rel}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "say what the code does, not which issue asked for it:\n{}",
        found.join("\n")
    );
    assert!(names_an_issue("# Issue 4's storefront target"));
    assert!(!names_an_issue("the issue of a voucher"));
}

/// Moderation's locks on listings are written in one place: the locks module of the
/// moderation store. A seller path (or any other) that wrote them could lift a
/// moderator's decision.
#[test]
fn listing_locks_are_written_only_by_the_locks_module() {
    let writes = &["locks =", "locks +=", "locks -=", "status_before_lock ="];
    let found = code_lines_containing(writes, |path| {
        path != "backend/src/moderation/store/locks.rs"
    });
    assert!(
        found.is_empty(),
        "listing locks written outside backend/src/moderation/store/locks.rs:\n{}",
        found.join("\n")
    );
}
