//! Returns on the order page: the buyer's request (which items, why, photos), the
//! return as both sides see it, the buyer's "sent back" form and the seller's answers.

use domain::order::{ReturnStatus, CARRIERS, RETURN_REASONS};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{field_of, reason_label, BUTTON, BUTTON_QUIET, CARD, SELECT};
use crate::error::AppError;
use crate::i18n::{t, K};
use crate::orders::api::{DecideReturn, ReceiveReturn, ShipReturn};
use crate::orders::{OrderDetail, ReturnView};
use crate::ui::{ErrorBanner, FormField};

const NOTE: &str = "mt-1 text-sm text-slate-700";

/// The return request: how many of each line come back (all by default), the reason
/// (with the postage rule beside it), details and photos. A plain multipart form, so
/// photos upload with or without wasm; a refusal comes back in the address with what
/// was typed.
#[component]
pub(super) fn ReturnRequestForm(order: OrderDetail) -> impl IntoView {
    let query = use_query_map();
    let q = move |k: &str| query.read_untracked().get(k).unwrap_or_default();
    let error = q("return_error");
    let (reason, details) = (q("reason"), q("details"));
    let id = order.id.clone();
    view! {
        <details id="return" class=CARD data-testid="return-panel" open=!error.is_empty()>
            <summary class="cursor-pointer font-semibold text-slate-900">
                {t(K::RequestReturn)}
            </summary>
            <form
                method="post"
                action=format!("/orders/{id}/return")
                enctype="multipart/form-data"
                class="mt-3 space-y-3"
                novalidate
            >
                {(!error.is_empty())
                    .then(|| {
                        view! {
                            <div
                                role="alert"
                                class="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
                                data-testid="return-error"
                            >
                                {t(return_error_key(&error))}
                            </div>
                        }
                    })}
                <ReturnLines lines=order.lines.clone() />
                <div>
                    <label for="return-reason" class="block text-sm font-medium">
                        {t(K::Reason)}
                    </label>
                    <select id="return-reason" name="reason" class=SELECT>
                        {RETURN_REASONS
                            .iter()
                            .map(|r| {
                                view! {
                                    <option value=*r selected=reason == *r>
                                        {reason_label(r)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <p class=NOTE data-testid="postage-rule">
                        {t(K::PostageRule)}
                    </p>
                </div>
                <div>
                    <label for="return-details" class="block text-sm font-medium">
                        {t(K::ReturnDetails)}
                    </label>
                    <textarea
                        id="return-details"
                        name="details"
                        rows="3"
                        maxlength="2000"
                        class=SELECT
                    >
                        {details}
                    </textarea>
                </div>
                <div>
                    <label for="return-photos" class="block text-sm font-medium">
                        {t(K::Photos)}
                    </label>
                    <input
                        id="return-photos"
                        name="photos"
                        type="file"
                        multiple
                        accept="image/jpeg,image/png,image/webp"
                        class="block w-full text-sm file:mr-3 file:rounded-lg file:border-0 file:bg-slate-100 file:px-3 file:py-2"
                    />
                </div>
                <button type="submit" class=BUTTON data-testid="submit-return">
                    {t(K::SubmitReturn)}
                </button>
            </form>
        </details>
    }
}

/// How many of each line to return (all of it at first; none leaves a line out).
#[component]
fn ReturnLines(lines: Vec<crate::orders::OrderLineView>) -> impl IntoView {
    view! {
        <fieldset>
            <legend class="text-sm font-medium">{t(K::ReturnItems)}</legend>
            <ul class="mt-1 space-y-2">
                {lines
                    .iter()
                    .map(|l| {
                        let field = format!("return-line-{}", l.key);
                        view! {
                            <li class="flex items-center justify-between gap-3">
                                <label for=field.clone() class="text-sm">
                                    {l.title.clone()}
                                </label>
                                <select
                                    id=field
                                    name="lines"
                                    class="rounded-lg border border-slate-300 bg-white px-2 py-1"
                                    aria-label=t(K::ReturnQuantity)
                                    data-testid="return-line"
                                >
                                    {(0..=l.quantity)
                                        .rev()
                                        .map(|n| {
                                            view! {
                                                <option value=format!("{}:{n}", l.key)>{n}</option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </fieldset>
    }
}

/// The message for a return form's error code (carried in the address).
fn return_error_key(code: &str) -> K {
    match code {
        "photos.FileTooLarge" => K::ErrFileTooLarge,
        "photos.NotAnImage" => K::ErrNotAnImage,
        "photos.TooMany" => K::ErrTooManyPhotos,
        "details.Required" => K::ErrReturnDetailsRequired,
        "details.TooLong" => K::ErrTooLong,
        "order.ReturnExists" => K::ErrReturnExists,
        "order.ReturnWindowClosed" => K::ErrReturnWindowClosed,
        "order.WrongState" => K::ErrOrderState,
        "lines.Required" => K::ReturnItems,
        c if c.starts_with("kind.") || c.starts_with("reason.") || c.starts_with("lines.") => {
            K::ErrInvalidChoice
        }
        _ => K::ErrInternal,
    }
}

fn status_key(s: ReturnStatus) -> K {
    match s {
        ReturnStatus::Requested => K::ReturnRequested,
        ReturnStatus::Accepted => K::ReturnAccepted,
        ReturnStatus::ShippedBack => K::ReturnShippedBack,
        ReturnStatus::Refused => K::ReturnRefused,
        ReturnStatus::Refunded => K::ReturnRefunded,
    }
}

/// The return as both sides see it: what comes back and why, the photos, who pays
/// the postage, where it stands and by when the next step is due.
#[component]
pub fn ReturnCard(r: ReturnView) -> impl IntoView {
    let date = |k: K, d: Option<String>| {
        d.map(|d| view! { <p class=NOTE>{t(k).replace("{date}", &d)}</p> })
    };
    view! {
        <section class=CARD data-testid="return-status">
            <h2 class="font-semibold">{t(K::ReturnRequest)}</h2>
            <p class="mt-1 text-sm">{reason_label(&r.reason)} " · " {r.requested_at.clone()}</p>
            <ul class="mt-1 text-sm" data-testid="return-items">
                {r
                    .items
                    .iter()
                    .map(|(title, n)| view! { <li>{title.clone()} " × " {*n}</li> })
                    .collect_view()}
            </ul>
            {(!r.body.is_empty()).then(|| view! { <p class=NOTE>{r.body.clone()}</p> })}
            <ReturnPhotos photos=r.photos.clone() />
            <p class=NOTE data-testid="return-postage">
                {t(if r.seller_pays_postage { K::PostageBySeller } else { K::PostageByBuyer })}
            </p>
            <p class="mt-2 text-sm font-semibold" data-testid="return-state">
                {t(status_key(r.status))}
            </p>
            {r
                .refusal
                .clone()
                .map(|why| {
                    view! {
                        <p class=NOTE data-testid="return-refusal">
                            {t(K::SellersReason)}
                            " "
                            {why}
                        </p>
                    }
                })}
            {r
                .return_carrier
                .clone()
                .zip(r.return_tracking.clone())
                .map(|(c, n)| {
                    view! {
                        <p class=NOTE data-testid="return-tracking">
                            {t(K::ReturnSentWith)}
                            " "
                            {c}
                            " "
                            {n}
                        </p>
                    }
                })}
            {r
                .refund
                .map(|m| {
                    view! {
                        <p class=NOTE data-testid="return-refund">
                            {t(K::RefundGiven)}
                            " "
                            {m.format()}
                        </p>
                    }
                })}
            {date(K::ReturnRespondBy, r.respond_by.clone())}
            {date(K::ReturnReceiveBy, r.receive_by.clone())}
        </section>
    }
}

#[component]
fn ReturnPhotos(photos: Vec<String>) -> impl IntoView {
    (!photos.is_empty())
        .then(|| {
            view! {
                <ul
                    class="mt-2 flex flex-wrap gap-2"
                    aria-label=t(K::ReturnPhotos)
                    data-testid="return-photos"
                >
                    {photos
                        .iter()
                        .map(|p| {
                            view! {
                                <li>
                                    <a
                                        href=format!("/media/private/{p}")
                                        target="_blank"
                                        rel="noopener"
                                    >
                                        <img
                                            src=format!("/media/private/{p}")
                                            alt=""
                                            width="96"
                                            height="96"
                                            loading="lazy"
                                            class="h-24 w-24 rounded-lg border border-slate-200 object-cover"
                                        />
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
        })
}

/// The carrier picker and tracking field of a parcel form (shipping an order, or
/// sending a return back).
#[component]
pub(super) fn ParcelFields(err: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        <div>
            <label for="parcel-carrier" class="block text-sm font-medium">
                {t(K::Carrier)}
            </label>
            <select id="parcel-carrier" name="carrier" class=SELECT>
                {CARRIERS
                    .iter()
                    .map(|(c, _)| view! { <option value=*c>{*c}</option> })
                    .collect_view()}
            </select>
        </div>
        <FormField label=K::TrackingNumber name="tracking" error=field_of(err, "tracking") />
    }
}

/// The buyer's "sent it back" form for an accepted return.
#[component]
pub(super) fn ShipBackForm(id: String, done: Callback<()>) -> impl IntoView {
    let ship = ServerAction::<ShipReturn>::new();
    Effect::new(move |_| {
        if matches!(ship.value().get(), Some(Ok(()))) {
            done.run(());
        }
    });
    let err = Signal::derive(move || ship.value().get().and_then(|r| r.err()));
    view! {
        <section class=CARD data-testid="ship-return-panel">
            <h2 class="font-semibold text-slate-900">{t(K::ShipReturnTitle)}</h2>
            <ActionForm
                action=ship
                attr:class="mt-3 grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
                attr:novalidate=true
            >
                <input type="hidden" name="id" value=id />
                <ParcelFields err=err />
                <button
                    type="submit"
                    class=format!("{BUTTON} mb-6")
                    data-testid="ship-return"
                    disabled=move || ship.pending().get()
                >
                    {t(K::ShipReturn)}
                </button>
            </ActionForm>
        </section>
    }
}

/// The seller's part of a return: accept it or refuse it with a reason while it waits
/// for an answer; confirm it arrived (refunding the buyer, restocking if chosen) once
/// it is on its way back.
#[component]
pub(super) fn SellerReturnActions(
    id: String,
    status: ReturnStatus,
    done: Callback<()>,
) -> impl IntoView {
    let decide = ServerAction::<DecideReturn>::new();
    let receive = ServerAction::<ReceiveReturn>::new();
    Effect::new(move |_| {
        let ok = |v: Option<Result<(), AppError>>| matches!(v, Some(Ok(())));
        if ok(decide.value().get()) || ok(receive.value().get()) {
            done.run(());
        }
    });
    let err = Signal::derive(move || {
        decide
            .value()
            .get()
            .or_else(|| receive.value().get())
            .and_then(|r| r.err())
    });
    let (id_accept, id_refuse, id_receive) = (id.clone(), id.clone(), id);
    view! {
        {move || err.get().map(|e| view! { <ErrorBanner error=e /> })}
        {(status == ReturnStatus::Requested)
            .then(|| {
                view! {
                    <div class="space-y-3" data-testid="return-decision">
                        <ActionForm action=decide>
                            <input type="hidden" name="id" value=id_accept />
                            <input type="hidden" name="accept" value="true" />
                            <button type="submit" class=BUTTON data-testid="accept-return">
                                {t(K::AcceptReturn)}
                            </button>
                        </ActionForm>
                        <ActionForm action=decide attr:class="space-y-2" attr:novalidate=true>
                            <input type="hidden" name="id" value=id_refuse />
                            <input type="hidden" name="accept" value="false" />
                            <label for="refusal" class="block text-sm font-medium">
                                {t(K::RefusalReason)}
                            </label>
                            <textarea
                                id="refusal"
                                name="reason"
                                rows="2"
                                maxlength="1000"
                                class=SELECT
                                data-testid="refusal-reason"
                            ></textarea>
                            <button type="submit" class=BUTTON_QUIET data-testid="refuse-return">
                                {t(K::RefuseReturn)}
                            </button>
                        </ActionForm>
                    </div>
                }
            })}
        {(status == ReturnStatus::ShippedBack)
            .then(|| {
                view! {
                    <ActionForm action=receive attr:class="space-y-2">
                        <input type="hidden" name="id" value=id_receive />
                        <label class="flex items-center gap-2 text-sm">
                            <input type="checkbox" name="restock" value="on" checked=true />
                            {t(K::Restock)}
                        </label>
                        <button
                            type="submit"
                            class=BUTTON
                            data-testid="receive-return"
                            disabled=move || receive.pending().get()
                        >
                            {t(K::ReceiveReturn)}
                        </button>
                    </ActionForm>
                }
            })}
    }
}
