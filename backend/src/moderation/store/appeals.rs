//! Sellers' appeals of moderation decisions.

use chrono::{DateTime, Utc};
use domain::listing::{ListingStatus, Lock};
use surrealdb::types::{RecordId, SurrealValue};

use crate::db::{Audit, Db, Refusal, Stmts};
use crate::notify::Notice;

/// A moderation decision as an appeal against it needs it.
#[derive(SurrealValue)]
pub struct AppealedDecision {
    pub id: RecordId,
    pub shop: RecordId,
    pub product: Option<RecordId>,
    pub appeal_until: Option<DateTime<Utc>>,
    pub decided_by: Option<RecordId>,
    pub strike: Option<RecordId>,
    /// What the decision did (`reject`, `uphold`, …).
    pub action: Option<String>,
}

/// Reads the moderation decision an appeal is about.
pub async fn appealed_decision(
    db: &Db,
    decision: &RecordId,
) -> Result<Option<AppealedDecision>, surrealdb::Error> {
    let mut res = db
        .query("SELECT id, shop, product, appeal_until, decided_by, strike, action FROM $id")
        .bind(("id", decision.clone()))
        .await?
        .check()?;
    let rows: Vec<AppealedDecision> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// Files a seller's appeal of a decision, refused if one was already filed.
pub fn file_appeal(
    appeal: RecordId,
    decision: &AppealedDecision,
    text: String,
    audit: Audit,
) -> Stmts {
    let mut s = Stmts::new();
    s.bind("appeal", appeal)
        .bind("d", decision.id.clone())
        .bind("shop", decision.shop.clone())
        .bind("text", text)
        .refuse_if("record::exists($appeal)", Refusal::AlreadyDecided)
        .sql("CREATE $appeal SET decision = $d, shop = $shop, text = $text, status = 'open', created_at = $now")
        .audit(audit);
    s
}

/// An open appeal with its shop and the decision appealed.
#[derive(SurrealValue)]
pub struct OpenAppealRow {
    pub id: RecordId,
    pub text: String,
    pub created_at: DateTime<Utc>,
    pub shop_name: Option<String>,
    pub action: Option<String>,
    pub statement: Option<String>,
    pub title: Option<String>,
    pub decided_by: Option<RecordId>,
}

/// Reads the oldest 100 open appeals, oldest first.
pub async fn open_appeals(db: &Db) -> Result<Vec<OpenAppealRow>, surrealdb::Error> {
    let mut res = db
        .query(
            "SELECT id, text, created_at, shop.name AS shop_name, decision.action AS action, decision.statement AS statement, \
             decision.product.title_en AS title, decision.decided_by AS decided_by \
             FROM appeal WHERE status = 'open' ORDER BY created_at LIMIT 100",
        )
        .await?
        .check()?;
    res.take(0)
}

/// Rules on an open appeal and notifies the seller; granting undoes the decision's strike.
pub fn decide_appeal(
    appeal: RecordId,
    decision: &AppealedDecision,
    outcome: &str,
    statement: String,
    actor: &RecordId,
    audit: Audit,
    // when granted: the shop's sanction without the strike, and whether a suspension lifts
    granted: Option<(&str, bool)>,
) -> Stmts {
    let mail = Notice::AppealDecided {
        statement: statement.clone(),
    }
    .render();
    let mut s = Stmts::new();
    s.bind("appeal", appeal)
        .bind("mail", mail)
        .bind("d", decision.id.clone())
        .bind("shop", decision.shop.clone())
        .bind("product", decision.product.clone())
        .bind("strike", decision.strike.clone())
        .bind("to", outcome.to_string())
        .bind("statement", statement)
        .bind("actor", actor.clone())
        .sql("LET $moved = (UPDATE $appeal SET status = $to, decided_by = $actor, statement = $statement, decided_at = $now WHERE status = 'open' RETURN VALUE id)")
        .refuse_if("array::len($moved) = 0", Refusal::AlreadyDecided)
        .audit(audit)
        .sql("CREATE outbox SET recipient = $shop.owner, kind = $mail.kind, subject = $mail.subject, body = $mail.body, link = $mail.link, texts = $mail.texts, created_at = $now");
    if let Some((sanction, lift)) = granted {
        s.bind("sanction", sanction.to_string())
            .bind("lift", lift)
            .sql(
                "IF $strike != NONE { UPDATE $strike SET removed_at = $now };\n\
                 UPDATE $shop SET sanction = $sanction;\n\
                 LET $reinstated = $lift AND $shop.status = 'suspended';\n\
                 IF $reinstated {\n\
                   UPDATE $shop SET status = 'approved';\n\
                   UPDATE type::record('seller', record::id($shop.seller)) SET status = 'approved';\n\
                 };",
            );
        super::locks::apply_to_shop(&mut s, super::locks::shop_up(), "$reinstated");
        // the decision's lock comes off; the listing returns as a draft for its seller
        if decision.product.is_some() {
            let lock = if decision.action.as_deref() == Some("uphold") {
                Lock::Notice
            } else {
                Lock::Moderation
            };
            super::locks::apply(
                &mut s,
                super::locks::LockChange::Lift {
                    locks: vec![lock],
                    up: Some(ListingStatus::Draft),
                },
            );
        }
    }
    s
}
