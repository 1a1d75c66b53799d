//! Who may call what: every server function and every plain form route, called as
//! each kind of person the marketplace has, against one seeded database holding real
//! records of each kind (an order, a review, a held listing, a notice, a reward…).
//!
//! The tables (`functions`, `routes`) say who is let through; a call anyone else
//! makes must be refused (401, 403, or "not found" for someone else's record) and
//! change nothing. A server function or route the tables do not name fails the test,
//! so a new one cannot be added without deciding who may call it. `fuzz` then feeds
//! every argument of every function the inputs that break handlers.

mod functions;
mod fuzz;
mod routes;
mod stakes;
mod world;

use std::collections::BTreeSet;

use integration::Reply;

pub use world::{Who, World};

/// The people the tables speak of, in the order calls are made.
pub const EVERYONE: &[Who] = &[
    Who::Anonymous,
    Who::Shopper,
    Who::SellerA,
    Who::SellerB,
    Who::Suspended,
    Who::Moderator,
    Who::Admin,
];
/// Anyone signed in.
pub const SIGNED_IN: &[Who] = EVERYONE.split_at(1).1;
/// The buyer of the order (who is also the verified rights owner and the reviewer).
pub const BUYER: &[Who] = &[Who::Shopper];
/// Any seller reading their own shop, open or suspended.
pub const SELLERS: &[Who] = &[Who::SellerA, Who::SellerB, Who::Suspended];
/// Any seller whose shop is open, changing their own shop.
pub const OPEN_SELLERS: &[Who] = &[Who::SellerA, Who::SellerB];
/// The seller of the order, listing, review and case the arguments name.
pub const SELLER_A: &[Who] = &[Who::SellerA];
pub const MODERATORS: &[Who] = &[Who::Moderator, Who::Admin];
pub const ADMIN: &[Who] = &[Who::Admin];

/// One server function or route: who is let through, called with these arguments
/// (`$name` names a record of the world; `$fresh` an unused e-mail address).
pub struct Entry {
    pub name: &'static str,
    pub allowed: &'static [Who],
    pub args: &'static [(&'static str, &'static str)],
    /// The call signs in, up or out: each caller gets their own session back after.
    pub session: bool,
}

pub const fn e(
    name: &'static str,
    allowed: &'static [Who],
    args: &'static [(&'static str, &'static str)],
) -> Entry {
    Entry {
        name,
        allowed,
        args,
        session: false,
    }
}

/// An entry whose call changes the caller's session.
pub const fn session(name: &'static str, args: &'static [(&'static str, &'static str)]) -> Entry {
    Entry {
        name,
        allowed: EVERYONE,
        args,
        session: true,
    }
}

/// `(key, value)` pairs as a call takes them.
pub fn pairs(args: &[(String, String)]) -> Vec<(&str, &str)> {
    args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// A server function or route the tables speak of: who it lets through, how it is
/// called and how its answer reads.
pub trait Gate {
    fn name(&self) -> &str;
    fn allowed(&self) -> &[Who];
    /// Its calls sign in, up or out: refused ones may change sessions.
    fn changes_sessions(&self) -> bool {
        false
    }
    async fn call(&self, w: &mut World, who: Who) -> Reply;
    /// Whether the answer let the caller through; an error is a fault of its own.
    fn let_through(&self, r: &Reply) -> Result<bool, String>;
    /// A wrong answer, as the fault shows it.
    fn show(&self, r: &Reply) -> String {
        format!("({}): {}", r.status, r.body)
    }
}

/// Calls `gate` as everyone it should refuse (nothing may change), then as everyone
/// it should let through; says what went otherwise.
pub async fn check(w: &mut World, gate: &impl Gate, faults: &mut Vec<String>) {
    let refused: Vec<Who> = EVERYONE
        .iter()
        .copied()
        .filter(|who| !gate.allowed().contains(who))
        .collect();
    let before = digest(&w.app).await;
    for who in refused {
        let r = gate.call(w, who).await;
        verdict(gate, who, &r, false, faults);
    }
    let differ = changed(&before, &digest(&w.app).await);
    if !differ.is_empty() && !gate.changes_sessions() {
        faults.push(format!("{}: refused calls changed {differ:?}", gate.name()));
    }
    for who in gate.allowed().iter().copied() {
        let r = gate.call(w, who).await;
        verdict(gate, who, &r, true, faults);
    }
}

fn verdict(gate: &impl Gate, who: Who, r: &Reply, expected: bool, faults: &mut Vec<String>) {
    match gate.let_through(r) {
        Ok(through) if through == expected => {}
        Ok(through) => faults.push(format!(
            "{} {} {who:?} {}",
            gate.name(),
            if through { "let through" } else { "refused" },
            gate.show(r)
        )),
        Err(why) => faults.push(format!("{} as {who:?}: {why}", gate.name())),
    }
}

/// What a server function's reply says about the gate: refused (401, 403, or
/// someone else's record not found) or let through (whatever the function then made
/// of the arguments). A server error or arguments that did not decode are faults of
/// their own.
pub fn let_through(r: &Reply) -> Result<bool, String> {
    if r.status >= 500 {
        return Err(format!("server error {}: {}", r.status, r.body));
    }
    if r.status == 422 && r.field_errors() == ["request.Malformed"] {
        return Err(format!("the table's arguments do not decode: {}", r.body));
    }
    Ok(!matches!(r.status, 401 | 403 | 404))
}

/// A digest of every table's rows but the session and log-in bookkeeping: equal
/// digests mean nothing changed.
pub async fn digest(app: &integration::TestApp) -> Vec<(String, u64)> {
    use std::hash::{Hash, Hasher};
    let mut res = app.state.db.query("INFO FOR DB").await.unwrap();
    let info: Option<serde_json::Value> = res.take(0).unwrap();
    let info = info.unwrap();
    let mut tables: Vec<String> = info["tables"]
        .as_object()
        .expect("tables")
        .keys()
        .filter(|t| !["user_session", "login_throttle", "login_failure"].contains(&t.as_str()))
        .cloned()
        .collect();
    tables.sort();
    let mut out = Vec::new();
    for t in tables {
        let mut res = app
            .state
            .db
            .query(format!("SELECT * FROM `{t}` ORDER BY id"))
            .await
            .unwrap();
        let rows: Vec<serde_json::Value> = res.take(0).unwrap();
        let mut h = std::collections::hash_map::DefaultHasher::new();
        serde_json::to_string(&rows).unwrap().hash(&mut h);
        out.push((t, h.finish()));
    }
    out
}

/// Fails unless a table names each of what `exists` once, and nothing else.
pub fn assert_covers(what: &str, exists: &BTreeSet<String>, named: &[&str]) {
    let set: BTreeSet<String> = named.iter().map(|n| n.to_string()).collect();
    assert_eq!(set.len(), named.len(), "each {what} once");
    let missing: Vec<&String> = exists.difference(&set).collect();
    assert!(
        missing.is_empty(),
        "{what}s nobody decided who may call (add them to the table): {missing:?}"
    );
    let gone: Vec<&String> = set.difference(exists).collect();
    assert!(gone.is_empty(), "entries for no {what}: {gone:?}");
}

/// The tables that differ between two digests.
pub fn changed(before: &[(String, u64)], after: &[(String, u64)]) -> Vec<String> {
    after
        .iter()
        .filter(|a| !before.contains(a))
        .map(|a| a.0.clone())
        .collect()
}

/// The entry's arguments with the records they name.
pub fn args_of(w: &mut World, entry: &Entry) -> Vec<(String, String)> {
    entry
        .args
        .iter()
        .map(|(k, v)| (k.to_string(), w.resolve(v)))
        .collect()
}

impl Gate for Entry {
    fn name(&self) -> &str {
        self.name
    }

    fn allowed(&self) -> &[Who] {
        self.allowed
    }

    fn changes_sessions(&self) -> bool {
        self.session
    }

    /// Calls the function as `who` with the arguments resolved.
    async fn call(&self, w: &mut World, who: Who) -> Reply {
        let args = args_of(w, self);
        let r = w.client(who).call(self.name, &pairs(&args)).await;
        if self.session {
            w.restore(who).await;
        }
        r
    }

    fn let_through(&self, r: &Reply) -> Result<bool, String> {
        let_through(r)
    }
}

/// The server functions the app registers.
pub fn registered() -> BTreeSet<String> {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_string())
        .collect()
}
