//! Who has a stake in what a moderator decides, so that none of them decides it.

use surrealdb::types::RecordId;

use crate::db::Db;

/// The users with a stake in `subject`: the owner of the shop it concerns and, by
/// kind, the reporter of a report, the notifier of a notice item, the registrant of a
/// rights owner, the author of a review, question or answer (and a question's asker), the
/// buyer of a claim, the sharer and buyer of a sharing reward
/// (and the shop funding it), the applicant of a seller application. A kind of record
/// nobody decides about has none.
pub async fn parties(db: &Db, subject: RecordId) -> Result<Vec<RecordId>, surrealdb::Error> {
    let sql = match subject.table.as_str() {
        "screening_case" | "moderation_decision" => "RETURN [$s.shop.owner]",
        "listing_report" => "RETURN [$s.shop.owner, $s.reporter]",
        "notice_item" => "RETURN [$s.shop.owner, $s.owner.user]",
        "rights_owner" | "seller" => "RETURN [$s.user]",
        "review" => "RETURN [$s.shop.owner, $s.author]",
        "product_question" => "RETURN [$s.shop.owner, $s.asker]",
        "product_answer" => "RETURN [$s.question.shop.owner, $s.author, $s.question.asker]",
        "referral_reward" => "RETURN [$s.sharer, $s.buyer, $s.funder.owner]",
        "dispute" => "RETURN [$s.shop.owner, $s.buyer]",
        _ => return Ok(Vec::new()),
    };
    let mut res = db.query(sql).bind(("s", subject)).await?;
    let found: Vec<Option<RecordId>> = res.take(0)?;
    Ok(found.into_iter().flatten().collect())
}
