use domain::cart::{check_quantity, item_count, merge, CartError, StoredLine, MAX_QUANTITY};
use domain::keys::ProductKey;
use domain::{Currency, Money};
use surrealdb::types::RecordId;

use super::store;
use super::{CartGroup, CartLineView, CartView};
use crate::accounts::session::{self, SessionUser};
use crate::catalog::{localized, store as catalog};
use crate::ctx::Visitor;
use crate::error::AppError;
use crate::events::{Answer, ShopperActivity, SignInListener};
use crate::request::Request;
use crate::state::AppState;

const TOKEN_COOKIE: &str = "cart_token";

fn anonymous_token(req: &Request) -> Option<&str> {
    req.cookie(TOKEN_COOKIE).filter(|t| session::is_token(t))
}

fn token_cookie(state: &AppState, token: &str, max_age: i64) -> String {
    session::cookie_header(&state.settings, TOKEN_COOKIE, token, max_age)
}

/// The caller's cart: the account's when signed in, else the cookie's. With
/// `create`, an anonymous visitor without a cart cookie gets one.
async fn cart_for_request(
    v: &Visitor,
    create: bool,
) -> Result<Option<(RecordId, Option<RecordId>)>, AppError> {
    if let Some(user) = &v.user {
        return Ok(Some((store::user_cart(&user.email), Some(user.id.clone()))));
    }
    if let Some(token) = anonymous_token(&v.req) {
        return Ok(Some((store::anonymous_cart(token), None)));
    }
    if !create {
        return Ok(None);
    }
    let token = session::random_token();
    v.req
        .set_cookie(&token_cookie(&v.state, &token, 60 * 60 * 24 * 30))?;
    Ok(Some((store::anonymous_cart(&token), None)))
}

pub async fn cart_item_count(v: &Visitor) -> Result<u32, AppError> {
    let Some((cart, _)) = cart_for_request(v, false).await? else {
        return Ok(0);
    };
    let lines = store::load(&v.state.db, &cart).await?;
    Ok(item_count(&lines))
}

pub async fn add_to_cart(
    v: &Visitor,
    product_id: ProductKey,
    quantity: i64,
) -> Result<u32, AppError> {
    if !(1..=i64::from(MAX_QUANTITY)).contains(&quantity) {
        return Err(AppError::Cart(CartError::BadQuantity));
    }
    let product_id = String::from(product_id);
    let state = &v.state;
    let rid = RecordId::new("product", product_id.as_str());
    let product = catalog::product(&state.db, rid.clone())
        .await?
        .ok_or(AppError::NotFound)?;
    let available = catalog::available_stock(&state.db, rid).await?;
    state
        .listeners
        .shopper_did(ShopperActivity::AddToCart, &product_id);
    let (cart, owner) = cart_for_request(v, true).await?.ok_or(AppError::Internal)?;
    modify_cart(state, &cart, owner, |lines| {
        let existing = lines
            .iter()
            .find(|l| l.product == product_id)
            .map(|l| i64::from(l.quantity))
            .unwrap_or(0);
        let total = check_quantity(existing + quantity, available).map_err(AppError::Cart)?;
        match lines.iter_mut().find(|l| l.product == product_id) {
            Some(line) => line.quantity = total,
            None => lines.push(StoredLine {
                product: product_id.clone(),
                quantity: total,
                unit_price_minor: product.price_minor,
                currency: product.currency.clone(),
            }),
        }
        Ok(())
    })
    .await
}

/// Applies `change` to the cart's lines and writes them only if no other request
/// changed the cart in between (optimistic concurrency on `version`), re-reading
/// and retrying on a conflict. Returns the new item count.
async fn modify_cart(
    state: &AppState,
    cart: &RecordId,
    owner: Option<RecordId>,
    mut change: impl FnMut(&mut Vec<StoredLine>) -> Result<(), AppError>,
) -> Result<u32, AppError> {
    for _ in 0..16 {
        let loaded = store::load_versioned(&state.db, cart).await?;
        let mut lines = loaded.lines;
        change(&mut lines)?;
        if store::save_if_unchanged(
            &state.db,
            cart,
            owner.clone(),
            &lines,
            loaded.version,
            state.now(),
        )
        .await?
        {
            return Ok(item_count(&lines));
        }
    }
    Err(crate::error::internal(
        "cart",
        "gave up after repeated concurrent changes",
    ))
}

pub async fn set_quantity(
    v: &Visitor,
    product_id: ProductKey,
    quantity: i64,
) -> Result<u32, AppError> {
    let product_id = String::from(product_id);
    let state = &v.state;
    let Some((cart, owner)) = cart_for_request(v, false).await? else {
        return Err(AppError::NotFound);
    };
    let rid = RecordId::new("product", product_id.as_str());
    let available = if quantity == 0 {
        0
    } else {
        if !(1..=i64::from(MAX_QUANTITY)).contains(&quantity) {
            return Err(AppError::Cart(CartError::BadQuantity));
        }
        match catalog::product(&state.db, rid.clone()).await? {
            Some(_) => catalog::available_stock(&state.db, rid).await?,
            None => 0,
        }
    };
    modify_cart(state, &cart, owner, |lines| {
        let pos = lines
            .iter()
            .position(|l| l.product == product_id)
            .ok_or(AppError::NotFound)?;
        if quantity == 0 {
            lines.remove(pos);
        } else {
            lines[pos].quantity = check_quantity(quantity, available).map_err(AppError::Cart)?;
        }
        Ok(())
    })
    .await
}

/// What checkout would take off each shop's goods, for a signed-in shopper (a visitor's
/// wallet and memberships are unknown: none).
async fn explained(
    v: &Visitor,
) -> Result<Vec<(RecordId, Vec<crate::orders::AppliedPromotion>, Money)>, AppError> {
    let Some(user) = &v.user else {
        return Ok(Vec::new());
    };
    let ctx = crate::ctx::Ctx {
        state: v.state.clone(),
        user: user.clone(),
        prefs: v.prefs,
        req: v.req.clone(),
    };
    crate::orders::imp::cart_promotions(&ctx).await
}

pub async fn cart_view(v: &Visitor) -> Result<CartView, AppError> {
    let state = &v.state;
    let Some((cart, _)) = cart_for_request(v, false).await? else {
        return Ok(CartView::default());
    };
    let lines = store::load(&state.db, &cart).await?;
    if lines.is_empty() {
        return Ok(CartView::default());
    }
    let keys: Vec<String> = lines.iter().map(|l| l.product.clone()).collect();
    let products = store::products(&state.db, &keys).await?;
    let stock = store::available(&state.db, &keys).await?;
    let rates = crate::catalog::cache::usd_rates(state).await?;
    let prefs = v.prefs;
    let price_view = |m: Money| catalog::price_view(m, prefs.currency, &rates);
    let mut groups: Vec<(RecordId, CartGroup, i64, Currency)> = Vec::new();
    for line in &lines {
        let Some(p) = products
            .iter()
            .find(|p| crate::state::key_of(&p.id) == line.product)
        else {
            continue;
        };
        let Some(currency) = Currency::parse(&p.currency) else {
            continue;
        };
        let unit = Money::new(p.price_minor, currency);
        let available = if p.status == "active" {
            stock
                .iter()
                .find(|(k, _)| *k == line.product)
                .map(|(_, a)| *a)
                .unwrap_or(0)
        } else {
            0
        };
        let total_minor = p.price_minor.saturating_mul(i64::from(line.quantity));
        let view = CartLineView {
            product_id: line.product.clone(),
            title: localized(prefs.lang, p.title_en.clone(), p.title_zh.clone()),
            image: p.image_url.clone(),
            unit_price: price_view(unit),
            added_price: (line.unit_price_minor != p.price_minor || line.currency != p.currency)
                .then(|| {
                    Currency::parse(&line.currency).map(|c| Money::new(line.unit_price_minor, c))
                })
                .flatten(),
            quantity: line.quantity,
            available,
            line_total: Money::new(total_minor, currency),
        };
        match groups.iter_mut().find(|(shop, ..)| *shop == p.shop) {
            Some((_, group, subtotal, _)) => {
                *subtotal = subtotal.saturating_add(total_minor);
                group.lines.push(view);
            }
            None => groups.push((
                p.shop.clone(),
                CartGroup {
                    shop_name: p.shop_name.clone().unwrap_or_default(),
                    ships_from: p.ships_from.clone().unwrap_or_default(),
                    lines: vec![view],
                    subtotal: price_view(Money::new(0, currency)),
                    shipping: None,
                    promotions: Vec::new(),
                    after_discounts: None,
                },
                total_minor,
                currency,
            )),
        }
    }
    let item_count = item_count(&lines);
    let methods = backend::orders::store::shipping_methods(
        &state.db,
        groups.iter().map(|(shop, ..)| shop.clone()).collect(),
    )
    .await?;
    let promotions = explained(v).await?;
    let groups = groups
        .into_iter()
        .map(|(shop, mut g, subtotal, currency)| {
            if let Some((_, applied, after)) = promotions.iter().find(|(s, ..)| *s == shop) {
                g.after_discounts = (!applied.is_empty()).then_some(*after);
                g.promotions = applied.clone();
            }
            g.subtotal = price_view(Money::new(subtotal, currency));
            g.shipping = methods
                .iter()
                .filter(|m| m.shop == shop && m.currency == currency.code())
                .map(|m| domain::order::shipping_fee(m.price_minor, m.free_over_minor, subtotal))
                .min()
                .map(|fee| price_view(Money::new(fee, currency)));
            g
        })
        .collect();
    Ok(CartView { groups, item_count })
}

/// On sign-in: the anonymous cart joins the account's cart.
pub struct CartMergeListener;

impl SignInListener for CartMergeListener {
    fn on_sign_in<'a>(
        &'a self,
        state: &'a AppState,
        req: &'a Request,
        user: &'a SessionUser,
    ) -> Answer<'a, ()> {
        Box::pin(merge_anonymous_cart(state, req, user))
    }
}

/// On sign-in: moves the anonymous cart's lines into the account's cart.
pub async fn merge_anonymous_cart(
    state: &AppState,
    req: &Request,
    user: &SessionUser,
) -> Result<(), AppError> {
    let Some(token) = anonymous_token(req) else {
        return Ok(());
    };
    let anon = store::anonymous_cart(token);
    let incoming = store::load(&state.db, &anon).await?;
    if !incoming.is_empty() {
        let mine = store::user_cart(&user.email);
        // the account's cart may be changing on another device: same versioned write
        modify_cart(state, &mine, Some(user.id.clone()), |lines| {
            *lines = merge(std::mem::take(lines), incoming.clone());
            Ok(())
        })
        .await?;
    }
    store::delete(&state.db, &anon).await?;
    req.set_cookie(&token_cookie(state, "", 0))?;
    Ok(())
}
