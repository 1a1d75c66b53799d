//! Pages of notice and action: `/rights` for rights owners (registration, filing
//! notices, their notices' progress and "legal action") in `rights`, `/admin/notices` for
//! moderators (verify owners, validate or reject notices) in `admin`, and here the
//! seller's notice cards with the counter-notice form (used on `/seller/notices`) and
//! the form pieces they share.

mod admin;
mod rights;

pub use self::admin::NoticesAdminPage;
pub use self::rights::RightsOwnerPage;

use leptos::prelude::*;

use super::{CounterNotice, ItemView};
use crate::error::AppError;
use crate::i18n::{field_error_key, t, K};
use crate::ui::utc_datetime;
use crate::ui::{on_success, reload_page, ErrorBanner};

const INPUT: &str = "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 focus:border-teal-600 focus:outline-none focus:ring-2 focus:ring-teal-600";

pub fn state_key(s: &str) -> K {
    match s {
        "received" => K::NsReceived,
        "validated" => K::NsValidated,
        "taken_down" | "seller_notified" => K::NsTakenDown,
        "counter_received" | "forwarded" => K::NsForwarded,
        "reinstated" => K::NsReinstated,
        "upheld" => K::NsUpheld,
        "rejected" => K::NsRejected,
        _ => K::NsClosed,
    }
}

fn kind_key(k: &str) -> K {
    match k {
        "trademark" => K::NkTrademark,
        "copyright" => K::NkCopyright,
        "counterfeit" => K::NkCounterfeit,
        _ => K::NkDesign,
    }
}

fn field_error(err: Signal<Option<AppError>>, field: &'static str) -> impl IntoView {
    move || {
        err.get().and_then(|e| {
            // per-line errors of a notice's listings (`listings.3`) show under the box
            let found = match &e {
                AppError::Invalid(list) => list
                    .iter()
                    .filter(|f| f.field == field || f.field.starts_with(&format!("{field}.")))
                    .map(|f| {
                        let line = f
                            .field
                            .strip_prefix(&format!("{field}."))
                            .map(|n| format!("{} {n}: ", t(K::Line)));
                        format!("{}{}", line.unwrap_or_default(), t(field_error_key(f.code)))
                    })
                    .collect::<Vec<_>>(),
                _ => Vec::new(),
            };
            (!found.is_empty()).then(|| {
                view! {
                    <ul role="alert" class="text-sm text-red-700" data-field-error=field>
                        {found.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                    </ul>
                }
            })
        })
    }
}

fn other_error(err: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        err.get()
            .filter(|e| !matches!(e, AppError::Invalid(_)))
            .map(|e| view! { <ErrorBanner error=e /> })
    }
}

#[component]
fn Labelled(label: K, children: Children) -> impl IntoView {
    view! {
        <label class="block space-y-1 text-sm">
            <span class="font-medium text-slate-800">{t(label)}</span>
            {children()}
        </label>
    }
}

/// One notice item as its parties see it.
#[component]
pub fn ItemCard(item: ItemView, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    view! {
        <article
            class="space-y-2 rounded-xl border border-slate-200 bg-white p-4 text-sm"
            data-testid="notice-item"
        >
            <p class="flex flex-wrap items-center gap-2">
                <strong>{item.product_title.clone()}</strong>
                <span
                    class="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold"
                    data-testid="notice-state"
                >
                    {t(state_key(&item.state))}
                </span>
                <span class="rounded bg-slate-100 px-2 py-0.5 text-xs">
                    {t(kind_key(&item.kind))}
                </span>
                {item
                    .fast_track
                    .then(|| {
                        view! {
                            <span class="rounded bg-emerald-100 px-2 py-0.5 text-xs text-emerald-800">
                                {t(K::NoFastTrack)}
                            </span>
                        }
                    })}
            </p>
            <p class="text-slate-600">
                {item.owner_name.clone()} " → " {item.shop_name.clone()} " · "
                {utc_datetime(item.created_at)}
            </p>
            <p class="whitespace-pre-line text-slate-800">{item.evidence.clone()}</p>
            {item
                .deadline
                .map(|d| {
                    view! {
                        <p class="font-medium text-amber-800" data-testid="notice-deadline">
                            {t(K::NoDeadline)}
                            " "
                            {utc_datetime(d)}
                        </p>
                    }
                })}
            {item
                .counter_text
                .clone()
                .map(|c| {
                    view! {
                        <div class="rounded-lg bg-slate-50 p-3">
                            <p class="text-xs font-semibold text-slate-500">
                                {t(K::NoCounterNotice)}
                            </p>
                            <p class="whitespace-pre-line">{c}</p>
                        </div>
                    }
                })}
            {children.map(|c| c())}
        </article>
    }
}

/// The seller's counter-notice form on an item in its window.
#[component]
pub fn CounterNoticeForm(key: String) -> impl IntoView {
    let action = ServerAction::<CounterNotice>::new();
    on_success(action.value(), |_| reload_page());
    let err = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <ActionForm
            action=action
            attr:class="space-y-2 border-t border-slate-100 pt-3"
            attr:novalidate=true
        >
            <input type="hidden" name="key" value=key />
            <Labelled label=K::NoCounterNotice>
                <textarea
                    name="statement"
                    rows="3"
                    class=INPUT
                    data-testid="counter-statement"
                ></textarea>
            </Labelled>
            <p class="text-xs text-slate-500">{t(K::NoCounterHint)}</p>
            {field_error(err, "statement")}
            <label class="flex items-start gap-2 text-sm">
                <input
                    type="checkbox"
                    name="good_faith"
                    class="mt-1 h-4 w-4"
                    data-testid="counter-good-faith"
                />
                <span>{t(K::NoCounterGoodFaith)}</span>
            </label>
            {field_error(err, "good_faith")}
            {field_error(err, "state")}
            {other_error(err)}
            <button
                type="submit"
                class="rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                data-testid="file-counter-notice"
            >
                {t(K::NoFileCounter)}
            </button>
        </ActionForm>
    }
}
