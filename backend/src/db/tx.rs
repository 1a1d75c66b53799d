//! The typed transaction builder. A change is assembled from parts ([`Stmts`]), each
//! written with its own short variable names; [`Tx::add`] namespaces a part's names
//! (`$moved` in the third part runs as `$p2_moved`), so parts written by different
//! areas — an order's status change, its ledger postings, its sharing reward — never
//! collide. Guards stop the whole transaction with a [`Refusal`] chosen in Rust;
//! conflicts the database marks retryable are run again; records named as locks are
//! serialised inside this process first.

use std::collections::BTreeSet;
use std::time::Duration;

use surrealdb::types::{Object, QueryError, RecordId, SurrealValue, Variables};

use super::{is_conflict, lock_records, Audit, Db, Refusal};

/// How many times a transaction that keeps losing write conflicts is run again.
const MAX_ATTEMPTS: u32 = 80;

/// What every guard throws: its number in the transaction, after this marker.
const GUARD_MARK: &str = "guard#";

/// Statements written together, with their own variables. Names bound here, and names
/// the statements `LET` or loop over (`FOR $l IN …`), are private to the part; a part
/// added to another ([`Stmts::add`]) keeps its names apart from its host's.
#[derive(Debug, Default)]
pub struct Stmts {
    sql: String,
    vars: Variables,
    /// (variable the guard throws, its refusal), in the order they run.
    guards: Vec<(String, Refusal)>,
    locks: Vec<RecordId>,
    audits: usize,
    nested: usize,
}

impl Stmts {
    pub fn new() -> Self {
        Self::default()
    }

    /// A part of one statement (or block) without variables of its own.
    pub fn of(sql: &str) -> Self {
        let mut s = Self::new();
        s.sql(sql);
        s
    }

    /// Binds `$name` for this part's statements.
    pub fn bind(&mut self, name: &str, value: impl SurrealValue) -> &mut Self {
        self.vars.insert(name, value);
        self
    }

    /// Binds every variable of `vars` for this part's statements.
    pub fn bind_all(&mut self, vars: Variables) -> &mut Self {
        self.vars.extend(vars);
        self
    }

    /// Appends statements (terminated with `;` if they are not already).
    pub fn sql(&mut self, sql: &str) -> &mut Self {
        let sql = sql.trim_end();
        if sql.is_empty() {
            return self;
        }
        self.sql.push_str(sql);
        if !sql.ends_with(';') {
            self.sql.push(';');
        }
        self.sql.push('\n');
        self
    }

    /// Stops the transaction with `refusal` when `cond` (an expression over this part's
    /// variables) is true at this point; nothing of the transaction is written then.
    pub fn refuse_if(&mut self, cond: &str, refusal: Refusal) -> &mut Self {
        let name = format!("guard{}", self.guards.len());
        self.sql
            .push_str(&format!("IF {cond} {{ THROW ${name} }};\n"));
        self.guards.push((name, refusal));
        self
    }

    /// Serialises this transaction with others naming the same record in this process.
    pub fn lock(&mut self, record: RecordId) -> &mut Self {
        self.locks.push(record);
        self
    }

    /// Appends an audit entry, written in the same transaction as the change.
    pub fn audit(&mut self, entry: Audit) -> &mut Self {
        let name = format!("audit{}", self.audits);
        self.audits += 1;
        self.sql(&format!("CREATE audit_log CONTENT ${name}"));
        self.vars.insert(name, entry);
        self
    }

    /// Appends an audit entry written only when `cond` holds at this point.
    pub fn audit_if(&mut self, cond: &str, entry: Audit) -> &mut Self {
        let name = format!("audit{}", self.audits);
        self.audits += 1;
        self.sql(&format!("IF {cond} {{ CREATE audit_log CONTENT ${name} }}"));
        self.vars.insert(name, entry);
        self
    }

    /// Appends `part` with its private names namespaced (`$moved` of the second part
    /// added becomes `$n1_moved` here).
    pub fn add(&mut self, part: Stmts) -> &mut Self {
        self.locks.extend(part.locks);
        if part.sql.is_empty() {
            return self;
        }
        let prefix = format!("n{}_", self.nested);
        self.nested += 1;
        let mut private: BTreeSet<String> = part.vars.iter().map(|(k, _)| k.clone()).collect();
        private.extend(declared_names(&part.sql));
        private.extend(part.guards.iter().map(|(name, _)| name.clone()));
        self.sql.push_str(&namespace(&part.sql, &private, &prefix));
        for (k, v) in part.vars {
            self.vars.insert(format!("{prefix}{k}"), v);
        }
        self.guards.extend(
            part.guards
                .into_iter()
                .map(|(name, refusal)| (format!("{prefix}{name}"), refusal)),
        );
        self
    }

    pub fn is_empty(&self) -> bool {
        self.sql.is_empty()
    }
}

/// One transaction: parts added in order, variables shared by all of them, guards,
/// locks. Run it with [`Tx::run`].
#[derive(Debug, Default)]
pub struct Tx {
    body: Stmts,
}

/// Parameters the database itself provides.
const BUILT_IN: [&str; 11] = [
    "this", "parent", "value", "before", "after", "input", "event", "auth", "session", "token",
    "access",
];

impl Tx {
    pub fn new() -> Self {
        Self::default()
    }

    /// Binds `$name` for every part (`$now`, the order being changed); a part that binds
    /// the same name reads its own.
    pub fn bind(&mut self, name: &str, value: impl SurrealValue) -> &mut Self {
        self.body.vars.insert(name, value);
        self
    }

    /// Adds a part, its private names namespaced.
    pub fn add(&mut self, part: Stmts) -> &mut Self {
        self.body.add(part);
        self
    }

    /// Adds a part of one statement without variables of its own.
    pub fn sql(&mut self, sql: &str) -> &mut Self {
        self.add(Stmts::of(sql))
    }

    /// Serialises this transaction with others naming the same record in this process.
    pub fn lock(&mut self, record: RecordId) -> &mut Self {
        self.body.locks.push(record);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.body.is_empty()
    }

    /// The statements as they will run (for tests and logs).
    pub fn text(&self) -> &str {
        &self.body.sql
    }

    /// Variables the statements read that nothing binds or declares: a part that
    /// forgot to bind one would otherwise read NONE.
    pub fn unbound(&self) -> Vec<String> {
        let mut known: BTreeSet<String> = self.body.vars.iter().map(|(k, _)| k.clone()).collect();
        known.extend(declared_names(&self.body.sql));
        known.extend(self.body.guards.iter().map(|(name, _)| name.clone()));
        let mut missing: Vec<String> = referenced_names(&self.body.sql)
            .into_iter()
            .filter(|n| !known.contains(n) && !BUILT_IN.contains(&n.as_str()))
            .collect();
        missing.sort();
        missing.dedup();
        missing
    }

    /// Runs every part between BEGIN and COMMIT, retrying lost write conflicts.
    /// `Ok(Err(refusal))`: a guard stopped it and nothing was written.
    pub async fn run(self, db: &Db) -> Result<Result<(), Refusal>, surrealdb::Error> {
        if self.body.sql.is_empty() {
            return Ok(Ok(()));
        }
        let missing = self.unbound();
        if !missing.is_empty() {
            return Err(surrealdb::Error::internal(format!(
                "transaction reads unbound variables: {missing:?}"
            )));
        }
        let Stmts {
            sql,
            mut vars,
            guards,
            locks,
            ..
        } = self.body;
        for (i, (name, _)) in guards.iter().enumerate() {
            vars.insert(name.clone(), format!("{GUARD_MARK}{i}"));
        }
        let sql = format!("BEGIN TRANSACTION;\n{sql}COMMIT TRANSACTION;");
        let vars = Object::from(vars);
        let _held = lock_records(&locks).await;
        for attempt in 0..MAX_ATTEMPTS {
            let mut res = match db.query(sql.clone()).bind(vars.clone()).await {
                Ok(res) => res,
                Err(error) => {
                    tracing::debug!(%error, sql = %sql, "transaction not accepted");
                    return Err(error);
                }
            };
            let errors = res.take_errors();
            if errors.is_empty() {
                return Ok(Ok(()));
            }
            if let Some(refusal) = errors.values().find_map(|e| refusal_of(&guards, e)) {
                return Ok(Err(refusal));
            }
            if errors.values().any(is_conflict) {
                // jittered backoff so a crowd of buyers does not collide again in lockstep
                let ms = 1 + rand::random::<u64>() % (2 + u64::from(attempt.min(20)));
                tokio::time::sleep(Duration::from_millis(ms)).await;
                continue;
            }
            // in a failed transaction the other statements only say they did not run
            let mut errors: Vec<(usize, surrealdb::Error)> = errors.into_iter().collect();
            errors.sort_by_key(|(i, _)| *i);
            let cause = errors
                .iter()
                .position(|(_, e)| e.query_details() != Some(&QueryError::NotExecuted))
                .unwrap_or(0);
            let (statement, error) = errors.swap_remove(cause);
            tracing::debug!(statement, %error, sql = %sql, "transaction failed");
            return Err(error);
        }
        Err(surrealdb::Error::internal(
            "transaction gave up after repeated write conflicts".into(),
        ))
    }
}

/// The refusal of the guard that threw `e`, if one did.
fn refusal_of(guards: &[(String, Refusal)], e: &surrealdb::Error) -> Option<Refusal> {
    if !e.is_thrown() {
        return None;
    }
    let msg = e.message();
    let at = msg.rfind(GUARD_MARK)?;
    let n: usize = msg[at + GUARD_MARK.len()..]
        .trim_end_matches(['\'', '"'])
        .parse()
        .ok()?;
    guards.get(n).map(|(_, r)| r.clone())
}

/// Every `$name` the statements mention (outside quotes).
fn referenced_names(sql: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut quote: Option<char> = None;
    let mut chars = sql.char_indices();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some(q) => {
                if c == '\\' {
                    chars.next();
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '$' => {
                let rest = &sql[i + 1..];
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                if end > 0 {
                    names.push(rest[..end].to_string());
                }
            }
            None => {}
        }
    }
    names
}

/// Names a part declares for itself: `LET $name` and `FOR $name IN`.
fn declared_names(sql: &str) -> Vec<String> {
    let mut names = Vec::new();
    for keyword in ["LET", "FOR"] {
        let mut rest = sql;
        while let Some(i) = find_word(rest, keyword) {
            rest = &rest[i + keyword.len()..];
            let after = rest.trim_start();
            if let Some(name) = after.strip_prefix('$') {
                let end = name
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(name.len());
                if end > 0 {
                    names.push(name[..end].to_string());
                }
            }
        }
    }
    names
}

/// The byte offset of `word` standing alone (not inside a longer identifier).
fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(word) {
        let at = from + i;
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let ident = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        if !ident(before) && !ident(after) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// `sql` with every `$name` in `private` renamed `$<prefix>name`; text inside quotes
/// is left alone.
fn namespace(sql: &str, private: &BTreeSet<String>, prefix: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 64);
    let mut quote: Option<char> = None;
    let mut chars = sql.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == '\\' {
                    if let Some((_, escaped)) = chars.next() {
                        out.push(escaped);
                    }
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                out.push(c);
            }
            None if c == '$' => {
                let rest = &sql[i + 1..];
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                let name = &rest[..end];
                out.push('$');
                if private.contains(name) {
                    out.push_str(prefix);
                }
                out.push_str(name);
                for _ in 0..name.chars().count() {
                    chars.next();
                }
            }
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn private_names_are_prefixed_and_shared_ones_kept() {
        let sql = "LET $moved = (UPDATE $order SET n = $n WHERE x = '$n' RETURN VALUE id);";
        assert_eq!(
            namespace(sql, &names(&["moved", "n"]), "p1_"),
            "LET $p1_moved = (UPDATE $order SET n = $p1_n WHERE x = '$n' RETURN VALUE id);"
        );
    }

    #[test]
    fn a_name_that_extends_a_private_one_is_its_own() {
        let sql = "SET a = $n, b = $now, c = $n.x";
        assert_eq!(
            namespace(sql, &names(&["n"]), "p0_"),
            "SET a = $p0_n, b = $now, c = $p0_n.x"
        );
    }

    #[test]
    fn a_part_reading_a_name_nobody_binds_is_caught() {
        let mut tx = Tx::new();
        tx.bind("now", 1i64);
        let mut a = Stmts::new();
        a.bind("id", 1i64)
            .sql("RELATE $id->referred->$buyer SET at = $now");
        tx.add(a);
        assert_eq!(tx.unbound(), vec!["buyer".to_string()]);
    }

    #[test]
    fn nested_parts_are_namespaced_twice() {
        let mut inner = Stmts::new();
        inner.bind("x", 1i64).refuse_if("$x > 0", Refusal::Changed);
        let mut outer = Stmts::new();
        outer.bind("x", 2i64).sql("LET $y = $x").add(inner);
        let mut tx = Tx::new();
        tx.add(outer);
        assert!(tx.text().contains("LET $n0_y = $n0_x"));
        assert!(tx
            .text()
            .contains("IF $n0_n0_x > 0 { THROW $n0_n0_guard0 }"));
        assert!(tx.unbound().is_empty());
    }

    #[test]
    fn declared_names_are_found() {
        let sql = "LET $a = 1; FOR $l IN $rows { LET $st = $l; }; LETTER $x; UPDATE $b";
        let found = declared_names(sql);
        assert!(found.contains(&"a".to_string()));
        assert!(found.contains(&"l".to_string()));
        assert!(found.contains(&"st".to_string()));
        assert!(!found.contains(&"x".to_string()));
        assert!(!found.contains(&"b".to_string()));
    }

    #[test]
    fn parts_do_not_collide_and_guards_are_numbered_across_parts() {
        let mut tx = Tx::new();
        tx.bind("now", 1i64);
        let mut a = Stmts::new();
        a.bind("n", 1i64)
            .sql("LET $moved = (UPDATE x SET n = $n, at = $now RETURN VALUE id)")
            .refuse_if("array::len($moved) = 0", Refusal::WrongState);
        let mut b = Stmts::new();
        b.bind("n", 2i64)
            .sql("LET $moved = (UPDATE y SET n = $n RETURN VALUE id)")
            .refuse_if("array::len($moved) = 0", Refusal::CreditChanged);
        tx.add(a).add(b);
        let text = tx.text();
        assert!(text.contains("LET $n0_moved = (UPDATE x SET n = $n0_n, at = $now"));
        assert!(text.contains("IF array::len($n1_moved) = 0 { THROW $n1_guard0 }"));
        assert!(tx.unbound().is_empty());
        let refusals: Vec<Refusal> = tx.body.guards.iter().map(|(_, r)| r.clone()).collect();
        assert_eq!(refusals, vec![Refusal::WrongState, Refusal::CreditChanged]);
        let bound: Vec<String> = tx.body.vars.iter().map(|(k, _)| k.clone()).collect();
        for k in ["now", "n0_n", "n1_n"] {
            assert!(bound.contains(&k.to_string()), "{k} bound");
        }
    }
}
