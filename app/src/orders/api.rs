//! Checkout, order and notification server functions.
// Address forms post their fields flat (as the inputs are named), so two server
// functions take more than seven arguments.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::{CheckoutData, Notification, OrderDetail, OrderSummary, Placed};
use crate::error::AppError;

#[cfg(feature = "ssr")]
pub mod imp {
    use std::collections::HashMap;

    use backend::db::Stmts;
    use chrono::Duration;
    use domain::order::{
        fingerprint, order_number, release_on_cancel, shipping_fee, tracking_url, Address,
        OrderAction, OrderError, OrderEvent, OrderStatus, PricedLine, ReturnKind, ReturnStatus,
        StockRelease, CARRIERS, RETURN_REASONS, RETURN_WINDOW_DAYS,
    };
    use domain::promotion::SpendSave;
    use domain::{Currency, FieldError, FieldErrorCode, Money, Role};
    use surrealdb::types::RecordId;

    use super::super::store::{self, Mail, OrderPatch, OrderRow, StockChange, Transition};
    use super::super::{
        stamp, AppliedPromotion, CheckoutData, CheckoutGroup, CheckoutLine, Notification,
        OrderDetail, OrderLineView, OrderSummary, Placed, ReturnView, SavedAddress, ShippingOption,
        TimelineEntry,
    };
    use crate::accounts::session::{require_user, SessionUser};
    use crate::cart::store as carts;
    use crate::catalog::{localized, store as catalog};
    use crate::error::AppError;
    use crate::prefs::Prefs;
    use crate::state::{app_state, is_record_key, key_of, AppState};

    /// How long an unpaid checkout holds its stock.
    pub const OFFLINE_RESERVATION_HOURS: i64 = 72;

    pub fn new_key() -> String {
        use rand::Rng;
        const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
        let mut rng = rand::thread_rng();
        (0..16)
            .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
            .collect()
    }

    fn order_err(e: OrderError) -> AppError {
        AppError::Order(e)
    }

    /// A cart line joined with its product's current state.
    struct Priced {
        product: String,
        title: String,
        image: String,
        quantity: u32,
        unit: Money,
        shop: RecordId,
        shop_name: String,
        available: i64,
    }

    /// The user's cart (its id and the version read), its lines priced, and the titles
    /// of lines that cannot be bought now.
    async fn priced_cart(
        state: &AppState,
        user: &SessionUser,
    ) -> Result<(RecordId, Option<i64>, Vec<Priced>, Vec<String>), AppError> {
        let cart = carts::user_cart(&user.email);
        let loaded = carts::load_versioned(&state.db, &cart).await?;
        let (lines, version) = (loaded.lines, loaded.version);
        let keys: Vec<String> = lines.iter().map(|l| l.product.clone()).collect();
        let products = carts::products(&state.db, &keys).await?;
        let stock = carts::available(&state.db, &keys).await?;
        let lang = Prefs::current().lang;
        let mut priced = Vec::new();
        let mut blocked = Vec::new();
        for line in lines {
            let Some(p) = products.iter().find(|p| key_of(&p.id) == line.product) else {
                continue;
            };
            let title = localized(lang, p.title_en.clone(), p.title_zh.clone());
            let available = stock
                .iter()
                .find(|(k, _)| *k == line.product)
                .map(|(_, a)| *a)
                .unwrap_or(0);
            let Some(currency) = Currency::parse(&p.currency) else {
                continue;
            };
            if p.status != "active" || available < i64::from(line.quantity) {
                blocked.push(title.clone());
            }
            priced.push(Priced {
                product: line.product,
                title,
                image: p.image_url.clone(),
                quantity: line.quantity,
                unit: Money::new(p.price_minor, currency),
                shop: p.shop.clone(),
                shop_name: p.shop_name.clone().unwrap_or_default(),
                available,
            });
        }
        Ok((cart, version, priced, blocked))
    }

    /// A running promotion that applies to one shop's part of the cart, and its saving.
    type Promo = Option<(catalog::PromotionRow, i64)>;

    /// The best running promotion for each shop's part of the cart (in its currency).
    async fn promotions_for(
        state: &AppState,
        groups: &[(RecordId, Vec<&Priced>)],
    ) -> Result<Vec<Promo>, AppError> {
        let rows = catalog::shop_promotions(
            &state.db,
            groups.iter().map(|(s, _)| s.clone()).collect(),
            state.now(),
        )
        .await?;
        Ok(groups
            .iter()
            .map(|(shop, ls)| {
                let currency = ls[0].unit.currency.code();
                let mine: Vec<(&catalog::PromotionRow, SpendSave)> = rows
                    .iter()
                    .filter(|p| p.shop == *shop && p.currency == currency)
                    .filter_map(|p| p.offer().map(|o| (p, o)))
                    .collect();
                let offers: Vec<SpendSave> = mine.iter().map(|(_, o)| *o).collect();
                domain::promotion::best(subtotal(ls), &offers)
                    .map(|(i, saving)| (mine[i].0.clone(), saving))
            })
            .collect())
    }

    /// What the checkout page showed: every line's price and every promotion's saving.
    fn digest(
        lines: &[Priced],
        promos: &[Promo],
        referral: &[crate::referrals::imp::PartReferral],
    ) -> String {
        use std::fmt::Write;
        let priced: Vec<PricedLine<'_>> = lines
            .iter()
            .map(|l| PricedLine {
                product: &l.product,
                quantity: l.quantity,
                unit_price_minor: l.unit.amount_minor,
                currency: l.unit.currency.code(),
            })
            .collect();
        let mut d = fingerprint(&priced);
        for (p, saving) in promos.iter().flatten() {
            let _ = write!(d, "-{}.{saving}", key_of(&p.id));
        }
        for r in referral.iter().filter(|r| r.welcome_minor > 0) {
            let _ = write!(d, "-w{}", r.welcome_minor);
        }
        d
    }

    /// Lines grouped by shop, in cart order.
    fn by_shop(lines: &[Priced]) -> Vec<(RecordId, Vec<&Priced>)> {
        let mut groups: Vec<(RecordId, Vec<&Priced>)> = Vec::new();
        for l in lines {
            match groups.iter_mut().find(|(s, _)| *s == l.shop) {
                Some((_, v)) => v.push(l),
                None => groups.push((l.shop.clone(), vec![l])),
            }
        }
        groups
    }

    fn subtotal(lines: &[&Priced]) -> i64 {
        lines
            .iter()
            .map(|l| l.unit.amount_minor.saturating_mul(i64::from(l.quantity)))
            .sum()
    }

    pub fn provider(state: &AppState) -> &'static str {
        if state.settings.stripe.is_some() {
            "stripe"
        } else {
            "offline"
        }
    }

    pub async fn checkout_data() -> Result<CheckoutData, AppError> {
        let user = require_user().await?;
        let state = app_state()?;
        let (_, _, lines, blocked) = priced_cart(&state, &user).await?;
        let prefs = Prefs::current();
        let rates = crate::catalog::cache::usd_rates(&state).await?;
        let groups_raw = by_shop(&lines);
        let methods = store::shipping_methods(
            &state.db,
            groups_raw.iter().map(|(s, _)| s.clone()).collect(),
        )
        .await?;
        let promos = promotions_for(&state, &groups_raw).await?;
        let referral = referral_for(&state, &user, &groups_raw, &promos).await?;
        let mut groups = Vec::new();
        for (((shop, ls), promo), rp) in groups_raw.iter().zip(&promos).zip(&referral.parts) {
            let currency = ls[0].unit.currency;
            let sub = subtotal(ls);
            groups.push(CheckoutGroup {
                promotion: promo.as_ref().map(|(p, saving)| AppliedPromotion {
                    title: localized(prefs.lang, p.title_en.clone(), p.title_zh.clone()),
                    saving: Money::new(*saving, currency),
                }),
                welcome: (rp.welcome_minor > 0).then(|| Money::new(rp.welcome_minor, currency)),
                shop_id: key_of(shop),
                shop_name: ls[0].shop_name.clone(),
                lines: ls
                    .iter()
                    .map(|l| CheckoutLine {
                        product_id: l.product.clone(),
                        title: l.title.clone(),
                        image: l.image.clone(),
                        quantity: l.quantity,
                        unit_price: catalog::price_view(l.unit, prefs.currency, &rates),
                        line_total: Money::new(
                            l.unit.amount_minor * i64::from(l.quantity),
                            l.unit.currency,
                        ),
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
        let mut credit = Vec::new();
        for (cur, available) in crate::referrals::imp::credits(&state.db, &user.id).await? {
            if let Some(c) = Currency::parse(&cur)
                .filter(|c| groups_raw.iter().any(|(_, ls)| ls[0].unit.currency == *c))
            {
                credit.push(Money::new(available, c));
            }
        }
        Ok(CheckoutData {
            fingerprint: digest(&lines, &promos, &referral.parts),
            groups,
            addresses,
            blocked,
            provider: provider(&state).to_string(),
            credit,
        })
    }

    /// The referral rules for each shop's part of the cart (welcome discount, reward).
    async fn referral_for(
        state: &AppState,
        user: &SessionUser,
        groups: &[(RecordId, Vec<&Priced>)],
        promos: &[Promo],
    ) -> Result<crate::referrals::imp::CheckoutReferral, AppError> {
        let parts: Vec<crate::referrals::imp::OrderPart> = groups
            .iter()
            .zip(promos)
            .map(|((shop, ls), promo)| crate::referrals::imp::OrderPart {
                shop: shop.clone(),
                currency: ls[0].unit.currency,
                goods_minor: subtotal(ls) - promo.as_ref().map_or(0, |(_, s)| *s),
            })
            .collect();
        crate::referrals::imp::for_checkout(state, &user.id, &parts).await
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
            let address =
                store::address(&state.db, &user.id, RecordId::new("address", id.as_str()))
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

    pub async fn place_order(
        address: AddressInput,
        shipping: Vec<String>,
        expected: String,
        use_credit: bool,
    ) -> Result<Placed, AppError> {
        let user = require_user().await?;
        let state = app_state()?;
        let (cart, cart_version, lines, blocked) = priced_cart(&state, &user).await?;
        if lines.is_empty() {
            return Err(order_err(OrderError::EmptyCart));
        }
        let groups = by_shop(&lines);
        let promos = promotions_for(&state, &groups).await?;
        let referral = referral_for(&state, &user, &groups, &promos).await?;
        // a price or a promotion changed (or ended) since the page was shown
        if digest(&lines, &promos, &referral.parts) != expected {
            return Err(order_err(OrderError::PricesChanged));
        }
        if let Some(l) = lines
            .iter()
            .find(|l| blocked.contains(&l.title) || l.available < i64::from(l.quantity))
        {
            return Err(order_err(OrderError::OutOfStock {
                product: l.product.clone(),
            }));
        }
        let choices: HashMap<&str, &str> =
            shipping.iter().filter_map(|s| s.split_once(':')).collect();
        let methods =
            store::shipping_methods(&state.db, groups.iter().map(|(s, _)| s.clone()).collect())
                .await?;
        let lang = Prefs::current().lang;
        // check shipping before the address so a missing choice is reported with nothing saved
        let mut chosen = Vec::new();
        for (shop, ls) in &groups {
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
        if provider(&state) == "stripe" {
            let currencies: Vec<Currency> = lines.iter().map(|l| l.unit.currency).collect();
            if super::super::payments::single_currency(&currencies).is_none() {
                return Err(order_err(OrderError::MixedCurrencies));
            }
        }
        let address = resolve_address(&state, &user, address, |a| {
            check_destination(&groups, &chosen, &a.country)
        })
        .await?;
        let now = state.now();
        let checkout = RecordId::new("checkout", new_key());
        let provider = provider(&state).to_string();
        let address_json =
            serde_json::to_value(&address).map_err(|e| crate::error::internal("address", e))?;
        let mut plan = store::PlacePlan {
            checkout: checkout.clone(),
            buyer: user.id.clone(),
            provider: provider.clone(),
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
        };
        // store credit: spread over the goods of the orders in its currency
        let mut credit_of: Vec<i64> = vec![0; groups.len()];
        if use_credit {
            let mut currencies: Vec<Currency> =
                groups.iter().map(|(_, ls)| ls[0].unit.currency).collect();
            currencies.dedup();
            for c in currencies {
                let available =
                    crate::referrals::imp::available_credit(&state.db, &user.id, c.code()).await?;
                let idx: Vec<usize> = (0..groups.len())
                    .filter(|i| groups[*i].1[0].unit.currency == c)
                    .collect();
                let goods: Vec<i64> = idx
                    .iter()
                    .map(|i| {
                        subtotal(&groups[*i].1)
                            - promos[*i].as_ref().map_or(0, |(_, s)| *s)
                            - referral.parts[*i].welcome_minor
                    })
                    .collect();
                for (i, amount) in idx
                    .into_iter()
                    .zip(crate::referrals::imp::split_credit(available, &goods))
                {
                    credit_of[i] = amount;
                }
            }
        }
        let mut parts = Vec::new();
        let owners =
            store::shop_owners(&state.db, groups.iter().map(|(s, _)| s.clone()).collect()).await?;
        for (gi, (((shop, ls), method), promo)) in
            groups.iter().zip(chosen).zip(&promos).enumerate()
        {
            let key = new_key();
            let id = RecordId::new("shop_order", key.as_str());
            let number = order_number(&key);
            let currency = ls[0].unit.currency;
            let sub = subtotal(ls);
            // free shipping thresholds count the goods before the promotion
            let fee = shipping_fee(method.price_minor, method.free_over_minor, sub);
            let discount = promo.as_ref().map_or(0, |(_, saving)| *saving);
            let welcome = referral.parts[gi].welcome_minor;
            let credit = credit_of[gi];
            parts.push(crate::referrals::imp::PlacedPart {
                order: id.clone(),
                currency: currency.code().to_string(),
                goods_minor: sub - discount - welcome,
                credit_minor: credit,
                referral: referral.parts[gi].clone(),
            });
            for l in ls {
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
                });
            }
            // what the buyer pays: credit and a welcome discount are the campaign's
            let total = Money::new(sub - discount + fee - welcome - credit, currency);
            plan.payments.push(store::PaymentInsert {
                checkout: checkout.clone(),
                shop_order: Some(id.clone()),
                provider: provider.clone(),
                status: "pending".into(),
                amount_minor: total.amount_minor,
                currency: currency.code().to_string(),
                created_at: now,
            });
            let link = Some(format!("/orders/{key}"));
            plan.mails.push(Mail {
                recipient: user.id.clone(),
                kind: "order_placed".into(),
                subject: format!("Order {number} placed · 訂單 {number} 已成立"),
                body: format!(
                    "Thank you! {} will ship your order once payment of {} is received.",
                    ls[0].shop_name,
                    total.format()
                ),
                link: link.clone(),
                created_at: now,
            });
            if let Some((_, owner)) = owners.iter().find(|(s, _)| s == shop) {
                plan.mails.push(Mail {
                    recipient: owner.clone(),
                    kind: "seller_new_order".into(),
                    subject: format!("New order {number} · 新訂單 {number}"),
                    body: format!(
                        "{} item(s), {}.",
                        ls.iter().map(|l| l.quantity).sum::<u32>(),
                        total.format()
                    ),
                    link: Some(format!("/seller/orders/{key}")),
                    created_at: now,
                });
            }
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
                discount_minor: discount,
                credit_minor: credit,
                welcome_minor: welcome,
                promotion: promo.as_ref().map(|(p, _)| p.id.clone()),
                promotion_title: promo
                    .as_ref()
                    .map(|(p, _)| format!("{} · {}", p.title_en, p.title_zh)),
                currency: currency.code().to_string(),
                shipping_method: localized(lang, method.name_en.clone(), method.name_zh.clone()),
                shipping_address: address_json.clone(),
                created_at: now,
                updated_at: now,
            });
        }
        plan.extra = crate::referrals::imp::place_sql(
            &state,
            &user.id,
            referral.sharer.as_ref(),
            &address,
            &parts,
        )
        .await?;
        store::place(&state.db, plan).await?.map_err(order_err)?;
        if let Some(sharer) = &referral.sharer {
            let n = parts.iter().filter(|p| p.referral.reward_minor > 0).count();
            crate::referrals::imp::count_orders(&state, sharer, n).await?;
        }
        // one checkout per shop in it, counted against the shop's first product
        for (_, ls) in &groups {
            if let Some(first) = ls.first() {
                crate::sellers::stats::record(
                    crate::sellers::stats::Event::Checkout,
                    &first.product,
                );
            }
        }
        let checkout_key = key_of(&checkout);
        let redirect = if provider == "stripe" {
            super::super::payments::start_stripe_checkout(&state, &checkout, &user.email).await?
        } else {
            format!("/checkout/done/{checkout_key}")
        };
        if crate::accounts::api::imp::wants_html() {
            leptos_axum::redirect(&redirect);
        }
        Ok(Placed {
            checkout_id: checkout_key,
            redirect,
        })
    }

    fn status_of(row: &OrderRow) -> OrderStatus {
        OrderStatus::parse(&row.status).unwrap_or(OrderStatus::Placed)
    }

    fn summary(row: OrderRow, lines: &[store::LineRow]) -> OrderSummary {
        let currency = Currency::parse(&row.currency).unwrap_or_default();
        OrderSummary {
            id: key_of(&row.id),
            number: row.number.clone(),
            shop_name: row.shop_name.clone().unwrap_or_default(),
            status: status_of(&row),
            total: Money::new(row.total_minor(), currency),
            placed_at: stamp(row.created_at),
            item_count: lines.iter().map(|l| l.quantity.clamp(0, 99) as u32).sum(),
            image: lines
                .first()
                .and_then(|l| l.image_url.clone())
                .unwrap_or_default(),
        }
    }

    pub async fn my_orders() -> Result<Vec<OrderSummary>, AppError> {
        let user = require_user().await?;
        let state = app_state()?;
        summaries(
            &state,
            store::orders_of_buyer(&state.db, &user.id, 100).await?,
        )
        .await
    }

    pub async fn summaries(
        state: &AppState,
        rows: Vec<OrderRow>,
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
                summary(row, &mine)
            })
            .collect())
    }

    pub async fn checkout_orders(id: String) -> Result<Vec<OrderSummary>, AppError> {
        let user = require_user().await?;
        let state = app_state()?;
        if !is_record_key(&id) {
            return Err(AppError::NotFound);
        }
        let rows =
            store::orders_of_checkout(&state.db, &RecordId::new("checkout", id.as_str())).await?;
        if rows.is_empty() || rows.iter().any(|r| r.buyer != user.id) {
            return Err(AppError::NotFound);
        }
        summaries(&state, rows).await
    }

    /// Who is looking at an order: its buyer, its seller, or an admin.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Viewer {
        Buyer,
        Seller,
    }

    /// Loads an order the caller may see; anyone else's order is "not found".
    pub async fn load_order(
        state: &AppState,
        user: &SessionUser,
        id: &str,
    ) -> Result<(OrderRow, Viewer), AppError> {
        if !is_record_key(id) {
            return Err(AppError::NotFound);
        }
        let row = store::order(&state.db, RecordId::new("shop_order", id))
            .await?
            .ok_or(AppError::NotFound)?;
        if row.buyer == user.id {
            Ok((row, Viewer::Buyer))
        } else if row.shop_owner.as_ref() == Some(&user.id) || user.roles.satisfies(Role::Admin) {
            Ok((row, Viewer::Seller))
        } else {
            Err(AppError::NotFound)
        }
    }

    fn return_open(row: &OrderRow, now: chrono::DateTime<chrono::Utc>) -> bool {
        status_of(row) == OrderStatus::Delivered
            && row
                .delivered_at
                .is_some_and(|d| now <= d + Duration::days(RETURN_WINDOW_DAYS))
    }

    pub async fn order_detail(id: String) -> Result<OrderDetail, AppError> {
        let user = require_user().await?;
        let state = app_state()?;
        let (row, viewer) = load_order(&state, &user, &id).await?;
        let lines = store::lines(&state.db, &row.id).await?;
        let events = store::events(&state.db, &row.id).await?;
        let ret = store::return_request(&state.db, &row.id).await?;
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
            status,
            payment_status: row.payment_status.clone(),
            provider: row.provider.clone().unwrap_or_else(|| "offline".into()),
            lines: lines
                .iter()
                .map(|l| OrderLineView {
                    product_id: key_of(&l.product),
                    title: l.title.clone(),
                    quantity: l.quantity.clamp(0, 999) as u32,
                    unit_price: Money::new(l.unit_price_minor, currency),
                    line_total: Money::new(l.unit_price_minor * l.quantity, currency),
                })
                .collect(),
            subtotal: Money::new(row.subtotal_minor, currency),
            shipping: Money::new(row.shipping_minor, currency),
            discount: (row.discount_minor > 0).then(|| AppliedPromotion {
                title: row.promotion_title.clone().unwrap_or_default(),
                saving: Money::new(row.discount_minor, currency),
            }),
            total: Money::new(row.total_minor(), currency),
            credit: (row.credit_minor > 0).then(|| Money::new(row.credit_minor, currency)),
            welcome: (row.welcome_minor > 0).then(|| Money::new(row.welcome_minor, currency)),
            to_pay: Money::new(
                row.total_minor() - row.credit_minor - row.welcome_minor,
                currency,
            ),
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
                    at: stamp(e.at),
                    note: e.note,
                })
                .collect(),
            can_cancel: buyer && status.before_shipment(),
            can_change_address: buyer && status.before_shipment(),
            can_return: buyer && ret.is_none() && return_open(&row, state.now()),
            can_confirm: buyer && status == OrderStatus::Delivered,
            return_request: ret.map(|r| ReturnView {
                kind: ReturnKind::parse(&r.kind).unwrap_or(ReturnKind::Return),
                reason: r.reason,
                body: r.body,
                photos: r.photos,
                status: ReturnStatus::parse(&r.status).unwrap_or(ReturnStatus::Requested),
                requested_at: stamp(r.created_at),
            }),
            seller_view: viewer == Viewer::Seller,
        })
    }

    /// The status change `action` makes, as the domain's state machine defines it
    /// (from its source statuses to the status it reaches), with nothing else set.
    fn action_transition(
        row: &OrderRow,
        action: OrderAction,
        actor: Option<&SessionUser>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Transition {
        let from = OrderStatus::sources(action).to_vec();
        Transition {
            order: row.id.clone(),
            event: OrderEvent::of(action),
            to: from.first().and_then(|f| f.apply(action).ok()),
            from,
            patch: OrderPatch::new(),
            stock: Vec::new(),
            note: None,
            actor: actor.map(|a| a.id.clone()),
            mails: Vec::new(),
            extra: Stmts::new(),
            now,
        }
    }

    fn mail_to(
        recipient: &RecordId,
        row: &OrderRow,
        kind: &str,
        subject: String,
        body: String,
        link: String,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Mail {
        Mail {
            recipient: recipient.clone(),
            kind: kind.to_string(),
            subject: format!("{subject} · {}", row.number),
            body,
            link: Some(link),
            created_at: at,
        }
    }

    /// Stock changes for every line of an order.
    async fn stock_changes(
        state: &AppState,
        row: &OrderRow,
        change: StockChange,
    ) -> Result<Vec<(RecordId, i64, StockChange)>, AppError> {
        Ok(store::lines(&state.db, &row.id)
            .await?
            .into_iter()
            .map(|l| {
                (
                    RecordId::new("stock", key_of(&l.product)),
                    l.quantity,
                    change,
                )
            })
            .collect())
    }

    /// Cancels an order before shipment, releasing or restocking its units.
    pub async fn cancel(
        state: &AppState,
        row: &OrderRow,
        actor: Option<&SessionUser>,
        reason: String,
    ) -> Result<(), AppError> {
        let from = status_of(row);
        from.apply(OrderAction::Cancel).map_err(order_err)?;
        let change = match release_on_cancel(from) {
            Some(StockRelease::Unreserve) => StockChange::Unreserve,
            Some(StockRelease::Restock) => StockChange::Restock,
            None => return Err(order_err(OrderError::WrongState)),
        };
        let now = state.now();
        let refund = from == OrderStatus::Paid;
        let payment = if refund { "refunded" } else { "cancelled" };
        let mut mails = vec![mail_to(
            &row.buyer,
            row,
            "order_cancelled",
            "Order cancelled · 訂單已取消".into(),
            if refund {
                format!("Your order was cancelled ({reason}). Your payment will be refunded.")
            } else {
                format!("Your order was cancelled ({reason}).")
            },
            format!("/orders/{}", key_of(&row.id)),
            now,
        )];
        if let Some(owner) = &row.shop_owner {
            mails.push(mail_to(
                owner,
                row,
                "seller_order_cancelled",
                "Order cancelled · 訂單已取消".into(),
                reason.clone(),
                format!("/seller/orders/{}", key_of(&row.id)),
                now,
            ));
        }
        store::transition(
            &state.db,
            &state.listeners,
            Transition {
                order: row.id.clone(),
                event: OrderEvent::of(OrderAction::Cancel),
                // only from the status read: if it moved on meanwhile, the stock rule may differ
                from: vec![from],
                to: Some(OrderStatus::Cancelled),
                patch: OrderPatch::new()
                    .cancel_reason(reason.clone())
                    .payment_status(payment),
                stock: stock_changes(state, row, change).await?,
                note: Some(reason),
                actor: actor.map(|a| a.id.clone()),
                mails,
                extra: store::payment_status(payment),
                now,
            },
        )
        .await?
        .map_err(order_err)
    }

    pub async fn cancel_order(id: String, reason: String) -> Result<(), AppError> {
        let user = require_user().await?;
        let state = app_state()?;
        let (row, viewer) = load_order(&state, &user, &id).await?;
        if viewer != Viewer::Buyer {
            return Err(AppError::NotFound);
        }
        let reason = reason.trim();
        let reason = if reason.is_empty() {
            "changed_mind"
        } else {
            reason
        };
        if reason.chars().count() > 200 {
            return Err(AppError::Invalid(vec![FieldError::new(
                "reason",
                FieldErrorCode::TooLong,
            )]));
        }
        cancel(&state, &row, Some(&user), reason.to_string()).await
    }

    pub async fn change_address(id: String, raw: Address) -> Result<(), AppError> {
        let user = require_user().await?;
        let state = app_state()?;
        let (row, viewer) = load_order(&state, &user, &id).await?;
        if viewer != Viewer::Buyer {
            return Err(AppError::NotFound);
        }
        let address = Address::parse(raw).map_err(AppError::Invalid)?;
        if !status_of(&row).before_shipment() {
            return Err(order_err(OrderError::WrongState));
        }
        let now = state.now();
        let address_json =
            serde_json::to_value(&address).map_err(|e| crate::error::internal("address", e))?;
        let mails = row
            .shop_owner
            .iter()
            .map(|o| {
                mail_to(
                    o,
                    &row,
                    "seller_address_changed",
                    "Shipping address changed · 收件地址已變更".into(),
                    format!("{}, {}", address.line1, address.city),
                    format!("/seller/orders/{}", key_of(&row.id)),
                    now,
                )
            })
            .collect();
        store::transition(
            &state.db,
            &state.listeners,
            Transition {
                order: row.id.clone(),
                event: OrderEvent::AddressChanged,
                from: OrderStatus::ALL
                    .into_iter()
                    .filter(|s| s.before_shipment())
                    .collect(),
                to: None,
                patch: OrderPatch::new().shipping_address(address_json),
                stock: Vec::new(),
                note: None,
                actor: Some(user.id.clone()),
                mails,
                extra: Stmts::new(),
                now,
            },
        )
        .await?
        .map_err(order_err)
    }

    pub async fn request_return(
        id: String,
        kind: String,
        reason: String,
        details: String,
    ) -> Result<(), AppError> {
        let user = require_user().await?;
        let state = app_state()?;
        request_return_for(&state, &user, &id, kind, reason, details, Vec::new()).await
    }

    /// A return or exchange request with up to four photos (recognised by their
    /// bytes, 5 MB each), stored privately and listed on the request.
    pub async fn request_return_for(
        state: &AppState,
        user: &SessionUser,
        id: &str,
        kind: String,
        reason: String,
        details: String,
        photos: Vec<Vec<u8>>,
    ) -> Result<(), AppError> {
        use domain::media::{ImageKind, MAX_PHOTO_BYTES, MAX_RETURN_PHOTOS};
        let (row, viewer) = load_order(state, user, id).await?;
        if viewer != Viewer::Buyer {
            return Err(AppError::NotFound);
        }
        let mut errors = Vec::new();
        let mut kinds = Vec::new();
        if photos.len() > MAX_RETURN_PHOTOS {
            errors.push(FieldError::new("photos", FieldErrorCode::TooMany));
        } else if photos.iter().any(|p| p.len() > MAX_PHOTO_BYTES) {
            errors.push(FieldError::new("photos", FieldErrorCode::FileTooLarge));
        } else {
            for p in &photos {
                match ImageKind::sniff(p) {
                    Some(k) => kinds.push(k),
                    None => {
                        errors.push(FieldError::new("photos", FieldErrorCode::NotAnImage));
                        break;
                    }
                }
            }
        }
        let kind = ReturnKind::parse(&kind);
        if kind.is_none() {
            errors.push(FieldError::new("kind", FieldErrorCode::InvalidChoice));
        }
        if !RETURN_REASONS.contains(&reason.as_str()) {
            errors.push(FieldError::new("reason", FieldErrorCode::InvalidChoice));
        }
        let details = details.trim().to_string();
        if details.chars().count() > 2000 {
            errors.push(FieldError::new("details", FieldErrorCode::TooLong));
        }
        if reason == "other" && details.is_empty() {
            errors.push(FieldError::new("details", FieldErrorCode::Required));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let now = state.now();
        if status_of(&row) != OrderStatus::Delivered {
            return Err(order_err(OrderError::WrongState));
        }
        if !return_open(&row, now) {
            return Err(order_err(OrderError::ReturnWindowClosed));
        }
        let kind = kind.unwrap_or(ReturnKind::Return);
        let order_key = key_of(&row.id);
        let mut keys = Vec::new();
        for (bytes, k) in photos.into_iter().zip(&kinds) {
            let key = format!("returns/{order_key}/{}.{}", new_key(), k.ext());
            state
                .media
                .put(&key, bytes)
                .await
                .map_err(|e| crate::error::internal("store return photo", e))?;
            keys.push(key);
        }
        let mails = row
            .shop_owner
            .iter()
            .map(|o| {
                mail_to(
                    o,
                    &row,
                    "seller_return_requested",
                    format!("{} requested · 退貨申請", kind.as_str()),
                    format!("{reason}: {details}"),
                    format!("/seller/orders/{}", key_of(&row.id)),
                    now,
                )
            })
            .collect();
        let extra = store::open_return(
            &row.buyer,
            &row.shop,
            kind.as_str(),
            &reason,
            &details,
            keys.clone(),
            &row.id,
        );
        let result = store::transition(
            &state.db,
            &state.listeners,
            Transition {
                order: row.id.clone(),
                event: OrderEvent::ReturnRequested,
                from: vec![OrderStatus::Delivered],
                to: None,
                patch: OrderPatch::new(),
                stock: Vec::new(),
                note: Some(reason),
                actor: Some(user.id.clone()),
                mails,
                extra,
                now,
            },
        )
        .await;
        if !matches!(result, Ok(Ok(()))) {
            // nothing refers to the files: remove them
            for key in &keys {
                let _ = state.media.delete(key).await;
            }
        }
        result?.map_err(order_err)
    }

    /// A short code for why a return form failed, carried in the redirect back.
    pub fn return_error_code(e: &AppError) -> String {
        match e {
            AppError::Invalid(errs) => errs
                .first()
                .map(|f| format!("{}.{:?}", f.field, f.code))
                .unwrap_or_else(|| "invalid".into()),
            AppError::Order(OrderError::ReturnExists) => "order.ReturnExists".into(),
            AppError::Order(OrderError::ReturnWindowClosed) => "order.ReturnWindowClosed".into(),
            AppError::Order(_) => "order.WrongState".into(),
            _ => "internal".into(),
        }
    }

    /// A return photo for someone who may see it (the order's buyer, its seller or
    /// an admin) and only if it is listed on that order's return request.
    pub async fn private_photo(
        state: &AppState,
        user: &SessionUser,
        key: &str,
    ) -> Result<Option<(Vec<u8>, &'static str)>, AppError> {
        let mut parts = key.split('/');
        let (Some("returns"), Some(order), Some(file), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Ok(None);
        };
        if !crate::media::valid_key(key) {
            return Ok(None);
        }
        let Some(kind) = file
            .rsplit_once('.')
            .and_then(|(_, ext)| domain::media::ImageKind::from_ext(ext))
        else {
            return Ok(None);
        };
        let row = match load_order(state, user, order).await {
            Ok((row, _)) => row,
            Err(AppError::NotFound) => return Ok(None),
            Err(e) => return Err(e),
        };
        let listed = store::return_request(&state.db, &row.id)
            .await?
            .is_some_and(|r| r.photos.iter().any(|p| p == key));
        if !listed {
            return Ok(None);
        }
        let bytes = state
            .media
            .get(key)
            .await
            .map_err(|e| crate::error::internal("read return photo", e))?;
        Ok(bytes.map(|b| (b, kind.content_type())))
    }

    pub async fn confirm_delivery(id: String) -> Result<(), AppError> {
        let user = require_user().await?;
        let state = app_state()?;
        let (row, viewer) = load_order(&state, &user, &id).await?;
        if viewer != Viewer::Buyer {
            return Err(AppError::NotFound);
        }
        status_of(&row)
            .apply(OrderAction::Complete)
            .map_err(order_err)?;
        let now = state.now();
        store::transition(
            &state.db,
            &state.listeners,
            action_transition(&row, OrderAction::Complete, Some(&user), now),
        )
        .await?
        .map_err(order_err)
    }

    // ---- seller (or admin) actions -------------------------------------------------

    async fn seller_order(id: &str) -> Result<(AppState, SessionUser, OrderRow), AppError> {
        let user = require_user().await?;
        let state = app_state()?;
        let (row, viewer) = load_order(&state, &user, id).await?;
        if viewer != Viewer::Seller {
            return Err(AppError::NotFound);
        }
        Ok((state, user, row))
    }

    /// Records payment (offline provider, or the Stripe webhook): reserved units leave stock.
    pub async fn mark_paid_row(
        state: &AppState,
        row: &OrderRow,
        actor: Option<&SessionUser>,
        note: Option<String>,
    ) -> Result<(), AppError> {
        status_of(row)
            .apply(OrderAction::MarkPaid)
            .map_err(order_err)?;
        let now = state.now();
        let mails = vec![mail_to(
            &row.buyer,
            row,
            "order_paid",
            "Payment received · 已收到付款".into(),
            "Your seller is preparing your order.".into(),
            format!("/orders/{}", key_of(&row.id)),
            now,
        )];
        store::transition(
            &state.db,
            &state.listeners,
            Transition {
                patch: OrderPatch::new().payment_status("paid"),
                stock: stock_changes(state, row, StockChange::Commit).await?,
                note,
                mails,
                extra: store::payment_paid(),
                ..action_transition(row, OrderAction::MarkPaid, actor, now)
            },
        )
        .await?
        .map_err(order_err)
    }

    pub async fn mark_paid(id: String) -> Result<(), AppError> {
        let (state, user, row) = seller_order(&id).await?;
        mark_paid_row(
            &state,
            &row,
            Some(&user),
            Some("offline payment received".into()),
        )
        .await
    }

    pub async fn ship(id: String, carrier: String, tracking: String) -> Result<(), AppError> {
        let (state, user, row) = seller_order(&id).await?;
        let tracking = tracking.trim().to_string();
        let mut errors = Vec::new();
        if !CARRIERS.iter().any(|(c, _)| *c == carrier) {
            errors.push(FieldError::new("carrier", FieldErrorCode::InvalidChoice));
        }
        if tracking.is_empty() {
            errors.push(FieldError::new("tracking", FieldErrorCode::Required));
        } else if tracking_url(&carrier, &tracking).is_none() && tracking.len() > 40 {
            errors.push(FieldError::new("tracking", FieldErrorCode::TooLong));
        } else if !tracking
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            errors.push(FieldError::new("tracking", FieldErrorCode::InvalidChoice));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        status_of(&row)
            .apply(OrderAction::Ship)
            .map_err(order_err)?;
        let now = state.now();
        let mails = vec![mail_to(
            &row.buyer,
            &row,
            "order_shipped",
            "Your order has shipped · 訂單已出貨".into(),
            format!("{carrier} {tracking}"),
            format!("/orders/{}", key_of(&row.id)),
            now,
        )];
        store::transition(
            &state.db,
            &state.listeners,
            Transition {
                note: Some(format!("{carrier} {tracking}")),
                patch: OrderPatch::new().shipment(carrier, tracking),
                mails,
                ..action_transition(&row, OrderAction::Ship, Some(&user), now)
            },
        )
        .await?
        .map_err(order_err)
    }

    pub async fn mark_delivered(id: String) -> Result<(), AppError> {
        let (state, user, row) = seller_order(&id).await?;
        status_of(&row)
            .apply(OrderAction::Deliver)
            .map_err(order_err)?;
        let now = state.now();
        let mails = vec![mail_to(
            &row.buyer,
            &row,
            "order_delivered",
            "Delivered · 已送達".into(),
            format!("Returns are possible for {RETURN_WINDOW_DAYS} days."),
            format!("/orders/{}", key_of(&row.id)),
            now,
        )];
        store::transition(
            &state.db,
            &state.listeners,
            Transition {
                patch: OrderPatch::new().delivered_at(now),
                mails,
                ..action_transition(&row, OrderAction::Deliver, Some(&user), now)
            },
        )
        .await?
        .map_err(order_err)
    }

    pub async fn decide_return(id: String, accept: bool) -> Result<(), AppError> {
        let (state, user, row) = seller_order(&id).await?;
        let now = state.now();
        let outcome = if accept {
            ReturnStatus::Refunded
        } else {
            ReturnStatus::Refused
        };
        let mails = vec![mail_to(
            &row.buyer,
            &row,
            "return_decided",
            if accept {
                "Return accepted, refund issued · 退貨已接受並退款"
            } else {
                "Return refused · 退貨申請未通過"
            }
            .into(),
            String::new(),
            format!("/orders/{}", key_of(&row.id)),
            now,
        )];
        store::transition(
            &state.db,
            &state.listeners,
            Transition {
                order: row.id.clone(),
                event: if accept {
                    OrderEvent::ReturnRefunded
                } else {
                    OrderEvent::ReturnRefused
                },
                from: vec![OrderStatus::Delivered, OrderStatus::Completed],
                to: None,
                patch: if accept {
                    OrderPatch::new().payment_status("refunded")
                } else {
                    OrderPatch::new()
                },
                stock: Vec::new(),
                note: None,
                actor: Some(user.id.clone()),
                mails,
                extra: store::decide_return(&row.id, outcome.as_str()),
                now,
            },
        )
        .await?
        .map_err(order_err)
    }

    pub async fn seller_orders(status: Option<String>) -> Result<Vec<OrderSummary>, AppError> {
        let user = crate::accounts::session::require_role(Role::Seller).await?;
        let state = app_state()?;
        let Some(shop) = crate::ctx::find_shop_of(&state.db, &user).await? else {
            return Ok(Vec::new());
        };
        let status = status.filter(|s| OrderStatus::parse(s).is_some());
        summaries(
            &state,
            store::orders_of_shop(&state.db, &shop.id, status, 100).await?,
        )
        .await
    }

    pub async fn notifications() -> Result<Vec<Notification>, AppError> {
        let user = require_user().await?;
        let state = app_state()?;
        let list = store::notifications(&state.db, &user.id, 100).await?;
        // opening the feed reads everything in it
        store::mark_notifications_read(&state.db, &user.id, state.now()).await?;
        Ok(list
            .into_iter()
            .map(|r| Notification {
                subject: r.subject,
                body: r.body,
                link: r.link,
                at: stamp(r.created_at),
            })
            .collect())
    }

    /// Cancels the unpaid orders of checkouts whose reservation ran out and frees
    /// their stock. Run by a background task; returns how many orders it cancelled.
    pub async fn release_expired(state: &AppState) -> Result<usize, AppError> {
        let mut cancelled = 0;
        for checkout in store::expired_checkouts(&state.db, state.now()).await? {
            cancelled += release_checkout(state, &checkout, "payment_not_received").await?;
            store::close_checkout(&state.db, &checkout, "expired").await?;
        }
        Ok(cancelled)
    }

    /// Cancels the still-unpaid orders of one checkout (reservation expired or the
    /// payment session ended without payment).
    pub async fn release_checkout(
        state: &AppState,
        checkout: &RecordId,
        reason: &str,
    ) -> Result<usize, AppError> {
        let mut n = 0;
        for row in store::orders_of_checkout(&state.db, checkout).await? {
            if status_of(&row) != OrderStatus::Placed {
                continue;
            }
            match cancel(state, &row, None, reason.to_string()).await {
                Ok(()) => n += 1,
                // paid or cancelled meanwhile: nothing to release
                Err(AppError::Order(OrderError::WrongState)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(n)
    }
}

#[cfg(feature = "ssr")]
fn address_of(
    name: String,
    phone: String,
    line1: String,
    line2: Option<String>,
    city: String,
    postal_code: Option<String>,
    country: String,
) -> domain::order::Address {
    domain::order::Address {
        name,
        phone,
        line1,
        line2: line2.unwrap_or_default(),
        city,
        postal_code: postal_code.unwrap_or_default(),
        country,
    }
}

#[server(endpoint = "checkout_data")]
pub async fn get_checkout_data() -> Result<CheckoutData, AppError> {
    crate::error::respond(imp::checkout_data().await)
}

/// Places one order per seller from the caller's cart. `shipping` holds
/// `shop:method` choices; `fingerprint` is the digest the checkout page showed.
#[server(endpoint = "place_order")]
pub async fn place_order(
    address_id: Option<String>,
    #[server(default)] name: String,
    #[server(default)] phone: String,
    #[server(default)] line1: String,
    line2: Option<String>,
    #[server(default)] city: String,
    postal_code: Option<String>,
    #[server(default)] country: String,
    save_address: Option<String>,
    #[server(default)] shipping: Vec<String>,
    fingerprint: String,
    use_credit: Option<String>,
) -> Result<Placed, AppError> {
    let address = imp::AddressInput {
        address_id,
        raw: address_of(name, phone, line1, line2, city, postal_code, country),
        save: save_address.is_some(),
    };
    crate::error::respond(
        imp::place_order(address, shipping, fingerprint, use_credit.is_some()).await,
    )
}

#[server(endpoint = "my_orders")]
pub async fn get_my_orders() -> Result<Vec<OrderSummary>, AppError> {
    crate::error::respond(imp::my_orders().await)
}

#[server(endpoint = "checkout_orders")]
pub async fn get_checkout_orders(id: String) -> Result<Vec<OrderSummary>, AppError> {
    crate::error::respond(imp::checkout_orders(id).await)
}

#[server(endpoint = "order_detail")]
pub async fn get_order_detail(id: String) -> Result<OrderDetail, AppError> {
    crate::error::respond(imp::order_detail(id).await)
}

#[server(endpoint = "cancel_order")]
pub async fn cancel_order(id: String, #[server(default)] reason: String) -> Result<(), AppError> {
    crate::error::respond(imp::cancel_order(id, reason).await)
}

#[server(endpoint = "change_order_address")]
pub async fn change_order_address(
    id: String,
    #[server(default)] name: String,
    #[server(default)] phone: String,
    #[server(default)] line1: String,
    line2: Option<String>,
    #[server(default)] city: String,
    postal_code: Option<String>,
    #[server(default)] country: String,
) -> Result<(), AppError> {
    let raw = address_of(name, phone, line1, line2, city, postal_code, country);
    crate::error::respond(imp::change_address(id, raw).await)
}

#[server(endpoint = "request_return")]
pub async fn request_return(
    id: String,
    #[server(default)] kind: String,
    #[server(default)] reason: String,
    #[server(default)] details: String,
) -> Result<(), AppError> {
    crate::error::respond(imp::request_return(id, kind, reason, details).await)
}

#[server(endpoint = "confirm_delivery")]
pub async fn confirm_delivery(id: String) -> Result<(), AppError> {
    crate::error::respond(imp::confirm_delivery(id).await)
}

#[server(endpoint = "seller_orders")]
pub async fn get_seller_orders(status: Option<String>) -> Result<Vec<OrderSummary>, AppError> {
    crate::error::respond(imp::seller_orders(status).await)
}

#[server(endpoint = "mark_paid")]
pub async fn mark_paid(id: String) -> Result<(), AppError> {
    crate::error::respond(imp::mark_paid(id).await)
}

#[server(endpoint = "ship_order")]
pub async fn ship_order(
    id: String,
    #[server(default)] carrier: String,
    #[server(default)] tracking: String,
) -> Result<(), AppError> {
    crate::error::respond(imp::ship(id, carrier, tracking).await)
}

#[server(endpoint = "mark_delivered")]
pub async fn mark_delivered(id: String) -> Result<(), AppError> {
    crate::error::respond(imp::mark_delivered(id).await)
}

#[server(endpoint = "decide_return")]
pub async fn decide_return(id: String, accept: bool) -> Result<(), AppError> {
    crate::error::respond(imp::decide_return(id, accept).await)
}

#[server(endpoint = "notifications")]
pub async fn get_notifications() -> Result<Vec<Notification>, AppError> {
    crate::error::respond(imp::notifications().await)
}
