//! What checkouts take from promotions and cancellations give back: the budget given
//! away, a flash sale's promo units (in all and per buyer), a voucher's uses (in all
//! and per buyer). Each order keeps what it took (`promotion_uses`, migration 0041), so
//! cancelling it gives back exactly that.

use surrealdb::types::{RecordId, SurrealValue};

use crate::db::{key_of, Db, Refusal, Stmts};

// A checkout counts what each promotion gave away on its orders; one whose budget would
// be overspent refuses the checkout (another buyer's checkout got there first)
const SPEND: &str = "LET $spent = (UPDATE $p SET spent_minor += $n, orders += $orders, \
     revenue_minor += $revenue WHERE budget_minor IS NONE OR spent_minor + $n <= budget_minor \
     RETURN VALUE id)";

/// The statements of a checkout that count `n` given away by promotion `p` on `orders`
/// orders whose goods came to `revenue` after discounts.
pub fn spend_stmts(p: &RecordId, n: i64, orders: i64, revenue: i64) -> Stmts {
    let mut s = Stmts::new();
    s.bind("p", p.clone())
        .bind("n", n)
        .bind("orders", orders)
        .bind("revenue", revenue)
        .lock(p.clone())
        .sql(SPEND)
        .refuse_if("array::len($spent) = 0", Refusal::Changed);
    s
}

/// Where a buyer's claims live: the promo units they bought of flash sales, and the
/// vouchers in their wallet with the times they used each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claims {
    Flash,
    Voucher,
}

impl Claims {
    fn table(self) -> &'static str {
        match self {
            Claims::Flash => "flash_claim",
            Claims::Voucher => "voucher_claim",
        }
    }
}

/// A buyer's claim of a promotion (`flash_claim:⟨promotion|user⟩`, `voucher_claim:…`).
pub fn claim_id(of: Claims, promotion: &RecordId, buyer: &RecordId) -> RecordId {
    RecordId::new(
        of.table(),
        format!("{}|{}", key_of(promotion), key_of(buyer)).as_str(),
    )
}

const CLAIMS: &str = "SELECT promotion, units ?? 0 AS units FROM $ids";

/// A buyer's claim: promo units bought (flash sales), times used (vouchers).
#[derive(Clone, Debug, SurrealValue)]
pub struct ClaimRow {
    pub promotion: RecordId,
    pub units: i64,
}

/// `buyer`'s claims of these promotions (none for those they have not claimed).
pub async fn claims(
    db: &Db,
    of: Claims,
    buyer: &RecordId,
    promotions: &[RecordId],
) -> Result<Vec<ClaimRow>, surrealdb::Error> {
    let ids: Vec<RecordId> = promotions.iter().map(|p| claim_id(of, p, buyer)).collect();
    let mut res = db.query(CLAIMS).bind(("ids", ids)).await?.check()?;
    res.take(0)
}

// a checkout's promo units: within the stock left, and within the buyer's limit
const TAKE_FLASH: &str = "LET $sold = (UPDATE $p SET flash_sold += $n \
     WHERE flash_sold + $n <= flash_units RETURN VALUE id);\n\
     UPSERT $c SET promotion = $p, buyer = $b, units = (units ?? 0) + $n;\n\
     LET $mine = (SELECT VALUE units FROM ONLY $c);";

/// The statements of a checkout that take `n` promo units of flash sale `p` for
/// `buyer` (limit `per_buyer`): refused when the promo stock is gone or the buyer would
/// pass the limit (the buyer is told the prices changed, and sees the normal price).
pub fn take_flash_stmts(p: &RecordId, buyer: &RecordId, n: i64, per_buyer: i64) -> Stmts {
    let c = claim_id(Claims::Flash, p, buyer);
    let mut s = Stmts::new();
    s.bind("p", p.clone())
        .bind("b", buyer.clone())
        .bind("c", c.clone())
        .bind("n", n)
        .bind("per", per_buyer)
        .lock(p.clone())
        .lock(c)
        .sql(TAKE_FLASH)
        .refuse_if("array::len($sold) = 0 OR $mine > $per", Refusal::Changed);
    s
}

// a checkout's use of a voucher: within its uses in all and the buyer's own
const TAKE_VOUCHER: &str = "LET $all = (UPDATE $p SET voucher_used += 1 \
     WHERE voucher_total IS NONE OR voucher_used < voucher_total RETURN VALUE id);\n\
     LET $mine = (UPDATE $c SET units += 1 WHERE units < $per RETURN VALUE id);";

/// The statements of a checkout that use voucher `p` once for `buyer` (who may use it
/// `per_buyer` times): refused when its uses are gone, in all or for the buyer.
pub fn take_voucher_stmts(p: &RecordId, buyer: &RecordId, per_buyer: i64) -> Stmts {
    let c = claim_id(Claims::Voucher, p, buyer);
    let mut s = Stmts::new();
    s.bind("p", p.clone())
        .bind("c", c.clone())
        .bind("per", per_buyer)
        .lock(p.clone())
        .lock(c)
        .sql(TAKE_VOUCHER)
        .refuse_if(
            "array::len($all) = 0 OR array::len($mine) = 0",
            Refusal::Changed,
        );
    s
}

/// What one promotion gave on one order: the money it took off, the flash promo units
/// it sold and the buyer's claims it counted on (a voucher's use is counted on the
/// order its claim is named on).
#[derive(Clone, Debug, SurrealValue)]
pub struct PromotionUse {
    pub promotion: RecordId,
    pub minor: i64,
    pub flash_units: i64,
    pub flash_claim: Option<RecordId>,
    pub voucher_claim: Option<RecordId>,
}

// a cancelled order gives back what its promotions took: the money to the budget, the
// order and its goods to the results, the promo units to the sale and to the buyer's
// limit, the voucher's use in all and the buyer's own
const RELEASE: &str = "LET $o = (SELECT promotion_uses ?? [] AS uses, \
     subtotal_minor - (discount_minor ?? 0) - (platform_discount_minor ?? 0) AS goods \
     FROM ONLY $order);\n\
     FOR $u IN $o.uses {\n\
       UPDATE $u.promotion SET spent_minor -= $u.minor, orders -= 1, revenue_minor -= $o.goods, \
       flash_sold -= $u.flash_units, voucher_used -= IF $u.voucher_claim THEN 1 ELSE 0 END;\n\
       IF $u.flash_claim { UPDATE $u.flash_claim SET units -= $u.flash_units; };\n\
       IF $u.voucher_claim { UPDATE $u.voucher_claim SET units -= 1; };\n\
     };";

/// The statements that give back what `order`'s promotions took (run with its
/// cancellation, in the same transaction).
pub fn release_stmts(order: &RecordId) -> Stmts {
    let mut s = Stmts::new();
    s.bind("order", order.clone()).sql(RELEASE);
    s
}
