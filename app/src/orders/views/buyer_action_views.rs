//! What the buyer can do with an order: confirm delivery, cancel, change the address,
//! request a return and send it back.

use domain::order::{ReturnStatus, RETURN_WINDOW_DAYS};
use leptos::prelude::*;

use super::claim_views::ClaimForm;
use super::return_views::{ReturnRequestForm, ShipBackForm};
use super::{AddressFields, BUTTON, CARD, SELECT};
use crate::error::AppError;
use crate::i18n::{t, K};
use crate::orders::api::{CancelOrder, ChangeOrderAddress, ConfirmDelivery};
use crate::orders::OrderDetail;
use crate::ui::ErrorBanner;

// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
#[component]
pub(super) fn BuyerActions(order: OrderDetail, done: Callback<()>) -> impl IntoView {
    let cancel = ServerAction::<CancelOrder>::new();
    let change = ServerAction::<ChangeOrderAddress>::new();
    let confirm = ServerAction::<ConfirmDelivery>::new();
    Effect::new(move |_| {
        let ok = |v: Option<Result<(), AppError>>| matches!(v, Some(Ok(())));
        if ok(cancel.value().get()) || ok(change.value().get()) || ok(confirm.value().get()) {
            done.run(());
        }
    });
    let change_err = Signal::derive(move || change.value().get().and_then(|r| r.err()));
    let id = order.id.clone();
    let (id1, id2, id3) = (id.clone(), id.clone(), id.clone());
    view! {
        <div class="space-y-4">
            {move || {
                cancel
                    .value()
                    .get()
                    .and_then(|r| r.err())
                    .map(|e| view! { <ErrorBanner error=e /> })
            }}
            {move || {
                confirm
                    .value()
                    .get()
                    .and_then(|r| r.err())
                    .map(|e| view! { <ErrorBanner error=e /> })
            }}
            {order
                .can_confirm
                .then(|| {
                    let reported = order.delivery_reported;
                    let by = order.confirm_by.clone().unwrap_or_default();
                    view! {
                        <div class=CARD data-testid="confirm-panel">
                            {reported
                                .then(|| {
                                    view! {
                                        <p
                                            class="mb-2 font-semibold text-slate-900"
                                            data-testid="delivery-reported"
                                        >
                                            {t(K::DeliveryReportedNote)}
                                        </p>
                                    }
                                })}
                            <p class="mb-3 text-sm text-slate-700">
                                {t(K::ConfirmDeliveryNote)
                                    .replace("{date}", &by)
                                    .replace("{days}", &RETURN_WINDOW_DAYS.to_string())}
                            </p>
                            <ActionForm action=confirm>
                                <input type="hidden" name="id" value=id.clone() />
                                <button
                                    type="submit"
                                    class=BUTTON
                                    data-testid="confirm-delivery"
                                    disabled=move || confirm.pending().get()
                                >
                                    {t(K::ConfirmReceived)}
                                </button>
                            </ActionForm>
                        </div>
                    }
                })}
            {order
                .can_cancel
                .then(|| {
                    view! {
                        <details class=CARD data-testid="cancel-panel">
                            <summary class="cursor-pointer font-semibold text-slate-900">
                                {t(K::CancelOrder)}
                            </summary>
                            <ActionForm action=cancel attr:class="mt-3 space-y-3">
                                <input type="hidden" name="id" value=id1 />
                                <label for="cancel-reason" class="block text-sm font-medium">
                                    {t(K::Reason)}
                                </label>
                                <select id="cancel-reason" name="reason" class=SELECT>
                                    <option value="changed_mind">{t(K::ReasonChangedMind)}</option>
                                    <option value="wrong_item">{t(K::ReasonOrderedWrong)}</option>
                                    <option value="other">{t(K::ReasonOther)}</option>
                                </select>
                                <button
                                    type="submit"
                                    class="rounded-lg bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800"
                                    data-testid="confirm-cancel"
                                >
                                    {t(K::CancelOrder)}
                                </button>
                            </ActionForm>
                        </details>
                    }
                })}
            {order
                .can_change_address
                .then(|| {
                    view! {
                        <details class=CARD>
                            <summary class="cursor-pointer font-semibold text-slate-900">
                                {t(K::ChangeAddress)}
                            </summary>
                            <ActionForm
                                action=change
                                attr:class="mt-3 space-y-2"
                                attr:novalidate=true
                            >
                                <input type="hidden" name="id" value=id2 />
                                <AddressFields err=change_err />
                                {move || {
                                    change_err.get().map(|e| view! { <ErrorBanner error=e /> })
                                }}
                                <button type="submit" class=BUTTON>
                                    {t(K::SaveAddressChange)}
                                </button>
                            </ActionForm>
                        </details>
                    }
                })}
            {order
                .can_return
                .then(|| {
                    view! { <ReturnRequestForm order=order.clone() /> }
                })}
            {order
                .return_request
                .as_ref()
                .filter(|r| r.status == ReturnStatus::Accepted)
                .map(|_| view! { <ShipBackForm id=id3.clone() done=done /> })}
            {order.can_claim.then(|| view! { <ClaimForm id=order.id.clone() done=done /> })}
        </div>
    }
}
