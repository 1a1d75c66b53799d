//! Checkout, order list and detail (with the buyer's and the seller's actions),
//! and the notifications page. Pieces shared by the pages are here.

mod buyer_action_views;
mod checkout_views;
mod claim_views;
mod list_views;
mod notification_views;
mod order_views;
mod return_views;
mod seller_views;

use domain::order::{Address, OrderStatus, COUNTRIES};
use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{t, use_lang, K};
use crate::ui::FormField;

pub use self::checkout_views::{CheckoutPage, PromotionLines};
pub use self::list_views::{CheckoutDonePage, OrdersPage, SellerOrdersPage};
pub use self::notification_views::NotificationsPage;
pub use self::order_views::OrderPage;
pub use self::return_views::ReturnCard;

pub use self::seller_views::PackingSlipPage;

const CARD: &str = "rounded-2xl border border-slate-200 bg-white p-4 sm:p-6";
const BUTTON: &str = "rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800 focus:outline-none focus:ring-2 focus:ring-teal-600 focus:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-50";
const BUTTON_QUIET: &str = "rounded-lg border border-slate-300 px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-teal-600";
const SELECT: &str = "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 focus:border-teal-600 focus:outline-none focus:ring-2 focus:ring-teal-600";

pub fn status_label(s: OrderStatus) -> &'static str {
    t(match s {
        OrderStatus::Placed => K::StatusPlaced,
        OrderStatus::Paid => K::StatusPaid,
        OrderStatus::Shipped => K::StatusShipped,
        OrderStatus::Delivered => K::StatusDelivered,
        OrderStatus::Completed => K::StatusCompleted,
        OrderStatus::Cancelled => K::StatusCancelled,
    })
}

/// A timeline entry's words (its status, or what happened).
pub fn event_label(kind: &str) -> String {
    match OrderStatus::parse(kind) {
        Some(s) => status_label(s).to_string(),
        None => t(match kind {
            "address_changed" => K::EventAddressChanged,
            "delivery_reported" => K::EventDeliveryReported,
            "return_requested" => K::EventReturnRequested,
            "return_refunded" => K::EventReturnRefunded,
            "return_refunded_partially" => K::EventReturnRefundedPartially,
            "return_accepted" => K::EventReturnAccepted,
            "return_shipped_back" => K::EventReturnShippedBack,
            "claim_opened" => K::EventClaimOpened,
            "claim_answered" => K::EventClaimAnswered,
            "claim_unanswered" => K::EventClaimUnanswered,
            "claim_decided" => K::EventClaimDecided,
            "refunded_partially" | "charge_refunded" => K::EventRefunded,
            "return_refused" => K::EventReturnRefused,
            _ => K::EventOther,
        })
        .to_string(),
    }
}

/// A timeline note or cancellation reason: a reason's code reads as its words, any
/// other text as it is.
pub fn reason_or_text(s: &str) -> String {
    if domain::order::RETURN_REASONS.contains(&s) || s.starts_with("payment_") {
        reason_label(s).to_string()
    } else {
        s.to_string()
    }
}

fn reason_label(code: &str) -> &'static str {
    t(match code {
        "damaged" => K::ReasonDamaged,
        "not_as_described" => K::ReasonNotAsDescribed,
        "wrong_item" => K::ReasonWrongItem,
        "changed_mind" => K::ReasonChangedMind,
        "payment_not_received" => K::ReasonPaymentNotReceived,
        "payment_session_expired" => K::ReasonPaymentNotReceived,
        "shop_closed" => K::ReasonShopClosed,
        _ => K::ReasonOther,
    })
}

#[component]
fn StatusBadge(status: OrderStatus) -> impl IntoView {
    let class = match status {
        OrderStatus::Cancelled => "bg-slate-200 text-slate-700",
        OrderStatus::Placed => "bg-amber-100 text-amber-900",
        OrderStatus::Completed | OrderStatus::Delivered => "bg-emerald-100 text-emerald-900",
        _ => "bg-sky-100 text-sky-900",
    };
    view! {
        <span
            class=format!("inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold {class}")
            data-testid="order-status"
        >
            {status_label(status)}
        </span>
    }
}

fn field_of(
    err: Signal<Option<AppError>>,
    name: &'static str,
) -> Signal<Option<domain::FieldErrorCode>> {
    Signal::derive(move || err.get().and_then(|e| e.field(name)))
}

/// Address inputs shared by checkout and "change address".
#[component]
fn AddressFields(err: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        <div class="grid gap-x-4 sm:grid-cols-2">
            <FormField
                label=K::FullName
                name="name"
                autocomplete="name"
                error=field_of(err, "name")
            />
            <FormField
                label=K::Phone
                name="phone"
                kind="tel"
                autocomplete="tel"
                error=field_of(err, "phone")
            />
            <div class="sm:col-span-2">
                <FormField
                    label=K::AddressLine1
                    name="line1"
                    autocomplete="address-line1"
                    error=field_of(err, "line1")
                />
            </div>
            <div class="sm:col-span-2">
                <FormField
                    label=K::AddressLine2
                    name="line2"
                    autocomplete="address-line2"
                    error=field_of(err, "line2")
                />
            </div>
            <FormField
                label=K::City
                name="city"
                autocomplete="address-level2"
                error=field_of(err, "city")
            />
            <FormField
                label=K::PostalCode
                name="postal_code"
                autocomplete="postal-code"
                error=field_of(err, "postal_code")
            />
            <div class="space-y-1">
                <label for="field-country" class="block text-sm font-medium text-slate-800">
                    {t(K::Country)}
                </label>
                <select id="field-country" name="country" class=SELECT autocomplete="country">
                    {COUNTRIES
                        .iter()
                        .map(|c| {
                            view! {
                                <option value=*c>
                                    {domain::shipping::country_name(
                                            c,
                                            use_lang() == domain::Lang::ZhHant,
                                        )
                                        .to_string()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <p class="min-h-5 text-sm text-red-700">
                    {move || {
                        field_of(err, "country").get().map(|c| t(crate::i18n::field_error_key(c)))
                    }}
                </p>
            </div>
        </div>
    }
}

fn address_text(a: &Address) -> String {
    let mut parts = vec![a.name.clone(), a.line1.clone()];
    if !a.line2.is_empty() {
        parts.push(a.line2.clone());
    }
    parts.push(format!("{} {}", a.city, a.postal_code).trim().to_string());
    parts.push(a.country.clone());
    parts.join(", ")
}
