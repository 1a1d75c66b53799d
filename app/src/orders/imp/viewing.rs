//! What buyers and sellers see: order lists (the buyer's, a checkout's, a shop's), one
//! order's detail with its timeline and return, and the notification feed.

use domain::dispute::{DisputeStatus, Outcome};
use domain::order::{tracking_url, OrderStatus, ReturnKind, ReturnStatus};
use domain::{Currency, Lang, Money};

use super::{load_order, return_open, status_of, Viewer};
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::orders::store::{self, OrderRow};
use crate::orders::{
    stamp, AppliedPromotion, ClaimView, Notification, OrderDetail, OrderLineView, OrderSummary,
    ReturnView, TimelineEntry,
};
use crate::state::{key_of, record, AppState};
use domain::keys::{CheckoutKey, OrderKey};

fn summary(row: OrderRow, lines: &[store::LineRow], lang: Lang) -> OrderSummary {
    let currency = Currency::parse(&row.currency).unwrap_or_default();
    OrderSummary {
        id: key_of(&row.id),
        number: row.number.clone(),
        shop_name: row.shop_name.clone().unwrap_or_default(),
        status: status_of(&row),
        total: Money::new(row.total_minor(), currency),
        placed_at: stamp(lang, row.created_at),
        item_count: lines.iter().map(|l| l.quantity.clamp(0, 99) as u32).sum(),
        image: lines
            .first()
            .and_then(|l| l.image_url.clone())
            .unwrap_or_default(),
    }
}

pub async fn my_orders(ctx: &Ctx) -> Result<Vec<OrderSummary>, AppError> {
    let Ctx { state, user, .. } = ctx;
    summaries(
        state,
        store::orders_of_buyer(&state.db, &user.id, 100).await?,
        ctx.prefs.lang,
    )
    .await
}

pub async fn summaries(
    state: &AppState,
    rows: Vec<OrderRow>,
    lang: Lang,
) -> Result<Vec<OrderSummary>, AppError> {
    // one query for every order's lines, not one per order
    let lines = store::lines_of(&state.db, rows.iter().map(|r| r.id.clone()).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let mine: Vec<store::LineRow> = lines
                .iter()
                .filter(|l| l.shop_order == row.id)
                .cloned()
                .collect();
            summary(row, &mine, lang)
        })
        .collect())
}

pub async fn checkout_orders(ctx: &Ctx, id: CheckoutKey) -> Result<Vec<OrderSummary>, AppError> {
    let Ctx { state, user, .. } = ctx;
    let rows = store::orders_of_checkout(&state.db, &record(&id)).await?;
    if rows.is_empty() || rows.iter().any(|r| r.buyer != user.id) {
        return Err(AppError::NotFound);
    }
    summaries(state, rows, ctx.prefs.lang).await
}

pub async fn order_detail(ctx: &Ctx, id: OrderKey) -> Result<OrderDetail, AppError> {
    let Ctx { state, user, .. } = ctx;
    let (row, viewer) = load_order(state, user, &id).await?;
    let lines = store::lines(&state.db, &row.id).await?;
    let events = store::events(&state.db, &row.id).await?;
    let ret = store::return_request(&state.db, &row.id).await?;
    let claim = store::dispute_of(&state.db, &row.id).await?;
    let currency = Currency::parse(&row.currency).unwrap_or_default();
    let status = status_of(&row);
    let buyer = viewer == Viewer::Buyer;
    let tracking = match (&row.carrier, &row.tracking_number) {
        (Some(c), Some(n)) => tracking_url(c, n),
        _ => None,
    };
    Ok(OrderDetail {
        id: key_of(&row.id),
        number: row.number.clone(),
        checkout_id: key_of(&row.checkout),
        shop_name: row.shop_name.clone().unwrap_or_default(),
        shop_slug: buyer.then(|| key_of(&row.shop)),
        status,
        payment_status: row.payment_status.clone(),
        provider: row.provider.clone().unwrap_or_else(|| "offline".into()),
        lines: lines
            .iter()
            .map(|l| OrderLineView {
                key: key_of(&l.id),
                product_id: key_of(&l.product),
                title: l.title.clone(),
                quantity: l.quantity.clamp(0, 999) as u32,
                unit_price: Money::new(l.unit_price_minor, currency),
                line_total: Money::new(l.unit_price_minor.saturating_mul(l.quantity), currency),
            })
            .collect(),
        subtotal: Money::new(row.subtotal_minor, currency),
        shipping: Money::new(row.shipping_minor, currency),
        discount: (row.promotions_minor() > 0).then(|| AppliedPromotion {
            title: row.promotion_title.clone().unwrap_or_default(),
            detail: String::new(),
            saving: Money::new(row.promotions_minor(), currency),
        }),
        total: Money::new(row.total_minor(), currency),
        credit: (row.credit_minor > 0).then(|| Money::new(row.credit_minor, currency)),
        welcome: (row.welcome_minor > 0).then(|| Money::new(row.welcome_minor, currency)),
        to_pay: Money::new(row.to_pay_minor(), currency),
        refunded: (row.refunded_minor > 0).then(|| Money::new(row.refunded_minor, currency)),
        refund_left: Money::new((row.to_pay_minor() - row.refunded_minor).max(0), currency),
        shipping_method: row.shipping_method.clone(),
        address: serde_json::from_value(row.shipping_address.clone()).ok(),
        carrier: row.carrier.clone(),
        tracking_number: row.tracking_number.clone(),
        tracking_url: tracking,
        cancel_reason: row.cancel_reason.clone(),
        timeline: events
            .into_iter()
            .map(|e| TimelineEntry {
                kind: e.kind,
                at: stamp(ctx.prefs.lang, e.at),
                note: e.note,
            })
            .collect(),
        can_cancel: buyer && status.before_shipment(),
        can_change_address: buyer && status.before_shipment(),
        can_return: buyer && ret.is_none() && return_open(&row, state.now()),
        can_confirm: buyer && status == OrderStatus::Shipped,
        confirm_by: row
            .confirm_by
            .filter(|_| status == OrderStatus::Shipped)
            .map(|at| stamp(ctx.prefs.lang, at)),
        delivery_reported: row.delivery_reported_at.is_some(),
        can_claim: buyer
            && claim.is_none()
            && ret
                .as_ref()
                .is_some_and(|r| super::claims::claimable(r, state.now())),
        claim: claim.map(|c| ClaimView {
            status: DisputeStatus::parse(&c.status).unwrap_or(DisputeStatus::UnderReview),
            statement: c.statement,
            seller_statement: c.seller_statement,
            answer_by: stamp(ctx.prefs.lang, c.answer_by),
            outcome: c.outcome.as_deref().and_then(Outcome::parse),
            decision_statement: c.decision_statement,
            amount: c.amount_minor.map(|m| Money::new(m, currency)),
        }),
        return_request: ret.map(|r| return_view(r, &lines, currency, ctx.prefs.lang)),
        seller_view: viewer == Viewer::Seller,
    })
}

/// A seller's orders (`seller` holds the seller role); a seller without a shop has none.
pub async fn seller_orders(
    seller: &Ctx,
    status: Option<String>,
) -> Result<Vec<OrderSummary>, AppError> {
    let Ctx { state, user, .. } = seller;
    let Some(shop) = crate::ctx::find_shop_of(&state.db, user).await? else {
        return Ok(Vec::new());
    };
    let status = status.filter(|s| OrderStatus::parse(s).is_some());
    summaries(
        state,
        store::orders_of_shop(&state.db, &shop.id, status, 100).await?,
        seller.prefs.lang,
    )
    .await
}

pub async fn notifications(ctx: &Ctx) -> Result<Vec<Notification>, AppError> {
    let Ctx { state, user, .. } = ctx;
    let list = store::notifications(&state.db, &user.id, 100).await?;
    // opening the feed reads everything in it
    store::mark_notifications_read(&state.db, &user.id, state.now()).await?;
    Ok(list
        .into_iter()
        .map(|r| Notification {
            subject: r.subject,
            body: r.body,
            link: r.link,
            at: stamp(ctx.prefs.lang, r.created_at),
        })
        .collect())
}

/// A return as its order page (and a moderator's claim) shows it.
pub fn return_view(
    r: store::ReturnRow,
    lines: &[store::LineRow],
    currency: Currency,
    lang: domain::Lang,
) -> ReturnView {
    let status = ReturnStatus::parse(&r.status).unwrap_or(ReturnStatus::Requested);
    ReturnView {
        kind: ReturnKind::parse(&r.kind).unwrap_or(ReturnKind::Return),
        items: r
            .lines
            .iter()
            .filter_map(|b| {
                let l = lines.iter().find(|l| key_of(&l.id) == b.line)?;
                Some((l.title.clone(), b.quantity.clamp(0, 999) as u32))
            })
            .collect(),
        seller_pays_postage: r.postage_payer == "seller",
        respond_by: r
            .respond_by
            .filter(|_| status == ReturnStatus::Requested)
            .map(|at| stamp(lang, at)),
        refusal: r.refusal,
        return_carrier: r.return_carrier,
        return_tracking: r.return_tracking,
        receive_by: r
            .receive_by
            .filter(|_| status == ReturnStatus::ShippedBack)
            .map(|at| stamp(lang, at)),
        refund: r.refund_minor.map(|m| Money::new(m, currency)),
        reason: r.reason,
        body: r.body,
        photos: r.photos,
        status,
        requested_at: stamp(lang, r.created_at),
    }
}
