//! The checkout: its page (lines, shipping, promotions, addresses, credit) and placing
//! it as one order per seller with stock reserved, all in one transaction.

use std::collections::HashMap;

use backend::db::Stmts;
use chrono::Duration;
use domain::order::{order_number, shipping_fee, Address, OrderError, OrderStatus};
use domain::{Currency, Money};
use surrealdb::types::RecordId;

use super::cart_pricing::{
    by_shop, digest, priced_cart, promotion_uses, promotions_for, spend_statements, subtotal,
    Priced,
};
use super::referral_pricing::{
    count_shared_orders, credit_per_order, referral_for, referral_statements, spendable_credit,
    PlacedPart,
};
use super::{new_key, order_err, provider, OFFLINE_RESERVATION_HOURS};
use crate::accounts::session::SessionUser;
use crate::catalog::{localized, store as catalog};
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::orders::store;
use crate::orders::{
    CheckoutData, CheckoutGroup, CheckoutLine, Placed, SavedAddress, ShippingOption,
};
use crate::state::{is_record_key, key_of, AppState};
use backend::notify::Notice;
use domain::order::money::Provider;

pub async fn checkout_data(ctx: &Ctx) -> Result<CheckoutData, AppError> {
    let Ctx {
        state, user, prefs, ..
    } = ctx;
    let (_, _, lines, blocked) = priced_cart(ctx).await?;
    let rates = crate::catalog::cache::usd_rates(state).await?;
    let groups_raw = by_shop(&lines);
    let methods = store::shipping_methods(
        &state.db,
        groups_raw.iter().map(|(s, _)| s.clone()).collect(),
    )
    .await?;
    let promos = promotions_for(ctx, &groups_raw).await?;
    let referral = referral_for(state, &ctx.req, user, &groups_raw, &promos).await?;
    let mut groups = Vec::new();
    for (((shop, ls), promo), rp) in groups_raw.iter().zip(&promos).zip(&referral.parts) {
        let currency = ls[0].unit.currency;
        let sub = subtotal(ls);
        groups.push(CheckoutGroup {
            promotions: promo.applied(currency, prefs.lang),
            welcome: (rp.welcome_minor > 0).then(|| Money::new(rp.welcome_minor, currency)),
            after_discounts: Money::new(sub - promo.saving() - rp.welcome_minor, currency),
            shop_id: key_of(shop),
            shop_name: ls[0].shop_name.clone(),
            lines: ls
                .iter()
                .zip(&promo.lines)
                .map(|(l, (off, _))| CheckoutLine {
                    product_id: l.product.clone(),
                    title: l.title.clone(),
                    image: l.image.clone(),
                    quantity: l.quantity,
                    unit_price: catalog::price_view(l.unit, prefs.currency, &rates),
                    line_total: Money::new(
                        l.unit.amount_minor.saturating_mul(i64::from(l.quantity)),
                        l.unit.currency,
                    ),
                    discount: (*off > 0).then(|| Money::new(*off, l.unit.currency)),
                })
                .collect(),
            subtotal: catalog::price_view(Money::new(sub, currency), prefs.currency, &rates),
            methods: methods
                .iter()
                .filter(|m| m.shop == *shop && m.currency == currency.code())
                .map(|m| ShippingOption {
                    code: m.code.clone(),
                    name: localized(prefs.lang, m.name_en.clone(), m.name_zh.clone()),
                    fee: Money::new(
                        shipping_fee(m.price_minor, m.free_over_minor, sub),
                        currency,
                    ),
                    days_min: m.days_min,
                    days_max: m.days_max,
                    countries: m.countries.clone(),
                })
                .collect(),
        });
    }
    let addresses = store::addresses(&state.db, &user.id)
        .await?
        .into_iter()
        .map(|r| SavedAddress {
            id: key_of(&r.id),
            address: r.address(),
        })
        .collect();
    let credit = spendable_credit(state, user, &groups_raw).await?;
    Ok(CheckoutData {
        fingerprint: digest(&lines, &promos, &referral.parts),
        groups,
        addresses,
        blocked,
        provider: provider(state).as_str().to_string(),
        credit,
    })
}

pub struct AddressInput {
    pub address_id: Option<String>,
    pub raw: Address,
    pub save: bool,
}

/// The lines whose chosen shipping method (zone) does not deliver to `country`:
/// refused before anything is saved or reserved.
fn check_destination(
    groups: &[(RecordId, Vec<&Priced>)],
    chosen: &[store::MethodRow],
    country: &str,
) -> Result<(), AppError> {
    let items: Vec<String> = groups
        .iter()
        .zip(chosen)
        .filter(|(_, m)| !m.countries.iter().any(|c| c == country))
        .flat_map(|((_, ls), _)| ls.iter().map(|l| l.title.clone()))
        .collect();
    if items.is_empty() {
        Ok(())
    } else {
        Err(order_err(OrderError::CannotShip {
            country: country.to_string(),
            items,
        }))
    }
}

async fn resolve_address(
    state: &AppState,
    user: &SessionUser,
    input: AddressInput,
    deliverable: impl Fn(&Address) -> Result<(), AppError>,
) -> Result<Address, AppError> {
    if let Some(id) = input.address_id.filter(|s| !s.is_empty() && s != "new") {
        if !is_record_key(&id) {
            return Err(AppError::NotFound);
        }
        let address = store::address(&state.db, &user.id, RecordId::new("address", id.as_str()))
            .await?
            .ok_or(AppError::NotFound)?;
        deliverable(&address)?;
        return Ok(address);
    }
    let address = Address::parse(input.raw).map_err(AppError::Invalid)?;
    deliverable(&address)?;
    if input.save {
        store::save_address(&state.db, &user.id, &address, state.now()).await?;
    }
    Ok(address)
}

/// Refuses the checkout when a line is out of stock or no longer for sale (`blocked`
/// titles).
fn all_available(lines: &[Priced], blocked: &[String]) -> Result<(), AppError> {
    match lines
        .iter()
        .find(|l| blocked.contains(&l.title) || l.available < i64::from(l.quantity))
    {
        Some(l) => Err(order_err(OrderError::OutOfStock {
            product: l.product.clone(),
        })),
        None => Ok(()),
    }
}

/// The shipping method the buyer chose for each shop's group (`<shop>:<code>`
/// choices), in the group's currency: checked before the address so a missing choice
/// is reported with nothing saved.
async fn chosen_methods(
    state: &AppState,
    groups: &[(RecordId, Vec<&Priced>)],
    shipping: &[String],
) -> Result<Vec<store::MethodRow>, AppError> {
    let choices: HashMap<&str, &str> = shipping.iter().filter_map(|s| s.split_once(':')).collect();
    let methods =
        store::shipping_methods(&state.db, groups.iter().map(|(s, _)| s.clone()).collect()).await?;
    let mut chosen = Vec::new();
    for (shop, ls) in groups {
        let shop_key = key_of(shop);
        let code = choices
            .get(shop_key.as_str())
            .ok_or(order_err(OrderError::ShippingMissing))?;
        let m = methods
            .iter()
            .find(|m| {
                m.shop == *shop && m.code == *code && m.currency == ls[0].unit.currency.code()
            })
            .ok_or(order_err(OrderError::ShippingMissing))?;
        chosen.push(m.clone());
    }
    Ok(chosen)
}

/// An offline checkout holds its stock for days before anyone pays: one buyer may
/// have a few such checkouts at once, and hold at most half of a product's free units
/// (`domain::order::unpaid_hold_limit`) across them.
async fn unpaid_limits(
    state: &AppState,
    user: &SessionUser,
    lines: &[Priced],
) -> Result<(), AppError> {
    use domain::order::{unpaid_hold_limit, MAX_UNPAID_CHECKOUTS};
    let holds = store::unpaid_holds(&state.db, &user.id).await?;
    if holds.checkouts >= MAX_UNPAID_CHECKOUTS {
        return Err(order_err(OrderError::UnpaidLimit {
            product: String::new(),
        }));
    }
    for l in lines {
        let held = holds
            .units
            .iter()
            .find(|(k, _)| *k == l.product)
            .map_or(0, |(_, n)| *n);
        let want = held + i64::from(l.quantity);
        if want > unpaid_hold_limit(l.available + held) {
            return Err(order_err(OrderError::UnpaidLimit {
                product: l.title.clone(),
            }));
        }
    }
    Ok(())
}

/// An empty plan for one checkout of `cart` (at `cart_version`), its stock reserved
/// until the offline payment window closes.
fn new_plan(
    checkout: &RecordId,
    buyer: &RecordId,
    provider: Provider,
    now: chrono::DateTime<chrono::Utc>,
    cart: RecordId,
    cart_version: Option<i64>,
) -> store::PlacePlan {
    store::PlacePlan {
        checkout: checkout.clone(),
        buyer: buyer.clone(),
        provider: provider.as_str().to_string(),
        expires_at: now + Duration::hours(OFFLINE_RESERVATION_HOURS),
        now,
        reserve: Vec::new(),
        orders: Vec::new(),
        lines: Vec::new(),
        payments: Vec::new(),
        mails: Vec::new(),
        cart,
        cart_version,
        extra: Stmts::new(),
    }
}

/// The payment `order` waits for: its total, by the checkout's provider.
fn pending_payment(
    plan: &store::PlacePlan,
    order: &RecordId,
    total: &Money,
) -> store::PaymentInsert {
    store::PaymentInsert {
        checkout: plan.checkout.clone(),
        shop_order: Some(order.clone()),
        provider: plan.provider.clone(),
        status: "pending".into(),
        amount_minor: total.amount_minor,
        currency: total.currency.code().to_string(),
        created_at: plan.now,
    }
}

/// The buyer's "order placed" mail and, when the shop has an owner, the owner's "new
/// order" mail.
fn order_mails(
    buyer: &RecordId,
    owner: Option<&RecordId>,
    key: &str,
    number: &str,
    ls: &[&Priced],
    total: &Money,
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<backend::notify::Mail> {
    let mut mails = vec![Notice::OrderPlaced {
        order: key.to_string(),
        number: number.to_string(),
        shop: ls[0].shop_name.clone(),
        total: total.format(),
    }
    .mail(buyer, now)];
    if let Some(owner) = owner {
        mails.push(
            Notice::NewOrder {
                order: key.to_string(),
                number: number.to_string(),
                items: ls.iter().map(|l| l.quantity).sum::<u32>(),
                total: total.format(),
            }
            .mail(owner, now),
        );
    }
    mails
}

/// The order's lines, and the stock each reserves.
/// Each line of a shop's order (with its share of the promotions) and its stock
/// reservation.
fn push_lines(
    plan: &mut store::PlacePlan,
    id: &RecordId,
    ls: &[&Priced],
    shares: &[(i64, i64)],
    currency: Currency,
) {
    for (l, (off, platform)) in ls.iter().zip(shares) {
        plan.reserve.push((
            RecordId::new("stock", l.product.as_str()),
            l.product.clone(),
            i64::from(l.quantity),
        ));
        plan.lines.push(store::LineInsert {
            shop_order: id.clone(),
            product: RecordId::new("product", l.product.as_str()),
            title: l.title.clone(),
            unit_price_minor: l.unit.amount_minor,
            quantity: i64::from(l.quantity),
            currency: currency.code().to_string(),
            discount_minor: *off,
            platform_discount_minor: *platform,
        });
    }
}

/// Once the orders are placed: the shops' checkout counters, then where the buyer goes
/// next (Stripe's payment page, or the confirmation).
async fn after_placing(
    state: &AppState,
    user: &SessionUser,
    groups: &[(RecordId, Vec<&Priced>)],
    checkout: &RecordId,
    provider: Provider,
) -> Result<Placed, AppError> {
    // one checkout per shop in it, counted against the shop's first product
    for (_, ls) in groups {
        if let Some(first) = ls.first() {
            state
                .listeners
                .shopper_did(crate::events::ShopperActivity::Checkout, &first.product);
        }
    }
    let checkout_key = key_of(checkout);
    let redirect = if provider == Provider::Stripe {
        super::super::payments::start_stripe_checkout(state, checkout, &user.email).await?
    } else {
        format!("/checkout/done/{checkout_key}")
    };
    Ok(Placed {
        checkout_id: checkout_key,
        redirect,
    })
}

pub async fn place_order(
    ctx: &Ctx,
    address: AddressInput,
    shipping: Vec<String>,
    expected: String,
    use_credit: bool,
) -> Result<Placed, AppError> {
    let Ctx { state, user, .. } = ctx;
    let (cart, cart_version, lines, blocked) = priced_cart(ctx).await?;
    if lines.is_empty() {
        return Err(order_err(OrderError::EmptyCart));
    }
    let groups = by_shop(&lines);
    let promos = promotions_for(ctx, &groups).await?;
    let referral = referral_for(state, &ctx.req, user, &groups, &promos).await?;
    // a price or a promotion changed (or ended) since the page was shown
    if digest(&lines, &promos, &referral.parts) != expected {
        return Err(order_err(OrderError::PricesChanged));
    }
    all_available(&lines, &blocked)?;
    let provider = provider(state);
    if provider == Provider::Offline {
        unpaid_limits(state, user, &lines).await?;
    }
    let chosen = chosen_methods(state, &groups, &shipping).await?;
    let lang = ctx.prefs.lang;
    if provider == Provider::Stripe {
        let currencies: Vec<Currency> = lines.iter().map(|l| l.unit.currency).collect();
        if super::super::payments::single_currency(&currencies).is_none() {
            return Err(order_err(OrderError::MixedCurrencies));
        }
    }
    let address = resolve_address(state, user, address, |a| {
        check_destination(&groups, &chosen, &a.country)
    })
    .await?;
    let now = state.now();
    let checkout = RecordId::new("checkout", new_key());
    let address_json =
        serde_json::to_value(&address).map_err(|e| crate::error::internal("address", e))?;
    let mut plan = new_plan(&checkout, &user.id, provider, now, cart, cart_version);
    let credit_of = credit_per_order(state, user, &groups, &promos, &referral, use_credit).await?;
    let mut parts = Vec::new();
    let mut uses = promotion_uses(&promos, &user.id).into_iter();
    let owners =
        store::shop_owners(&state.db, groups.iter().map(|(s, _)| s.clone()).collect()).await?;
    for (gi, (((shop, ls), method), promo)) in groups.iter().zip(chosen).zip(&promos).enumerate() {
        let key = new_key();
        let id = RecordId::new("shop_order", key.as_str());
        let number = order_number(&key);
        let currency = ls[0].unit.currency;
        let sub = subtotal(ls);
        // free shipping thresholds count the goods before the promotion
        let fee = shipping_fee(method.price_minor, method.free_over_minor, sub);
        let (saving, platform) = (promo.saving(), promo.platform());
        let welcome = referral.parts[gi].welcome_minor;
        let credit = credit_of[gi];
        parts.push(PlacedPart {
            order: id.clone(),
            currency: currency.code().to_string(),
            goods_minor: sub - saving - welcome,
            credit_minor: credit,
            referral: referral.parts[gi].clone(),
        });
        push_lines(&mut plan, &id, ls, &promo.lines, currency);
        // what the buyer pays: credit and a welcome discount are the campaign's
        let total = Money::new(sub - saving + fee - welcome - credit, currency);
        let payment = pending_payment(&plan, &id, &total);
        plan.payments.push(payment);
        let owner = owners.iter().find(|(s, _)| s == shop).map(|(_, o)| o);
        plan.mails
            .extend(order_mails(&user.id, owner, &key, &number, ls, &total, now));
        plan.orders.push(store::OrderInsert {
            id,
            checkout: checkout.clone(),
            buyer: user.id.clone(),
            shop: shop.clone(),
            status: OrderStatus::Placed.as_str().into(),
            payment_status: "pending".into(),
            number,
            subtotal_minor: sub,
            shipping_minor: fee,
            discount_minor: saving - platform,
            platform_discount_minor: platform,
            credit_minor: credit,
            welcome_minor: welcome,
            welcome_by_shop: referral.parts[gi].funder.as_ref() == Some(shop),
            promotion: promo.taken.first().map(|t| t.row.id.clone()),
            promotions: promo.taken.iter().map(|t| t.row.id.clone()).collect(),
            promotion_uses: uses.next().unwrap_or_default(),
            promotion_title: promo.title(),
            currency: currency.code().to_string(),
            shipping_method: localized(lang, method.name_en.clone(), method.name_zh.clone()),
            shipping_address: address_json.clone(),
            created_at: now,
            updated_at: now,
        });
    }
    plan.extra = referral_statements(state, &ctx.req, user, &referral, &address, &parts).await?;
    for s in spend_statements(&groups, &promos, &user.id) {
        plan.extra.add(s);
    }
    store::place(&state.db, plan).await?.map_err(order_err)?;
    super::cart_pricing::after_flash_sales(state, &promos);
    count_shared_orders(state, &referral, &parts).await?;
    after_placing(state, user, &groups, &checkout, provider).await
}
