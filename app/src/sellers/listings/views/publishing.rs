//! The editor's publishing panel: status, screening result, publish, delist and
//! duplicate.

use leptos::prelude::*;

use super::{listing_status_key, lock_key, status_class};
use crate::i18n::reason_text;
use crate::i18n::{t, K};
use crate::sellers::listings::{ActionDone, ListingAction, ListingEditor, ScreeningView};
use crate::ui::{navigate_full, on_success, ErrorBanner};

#[component]
pub(super) fn Publishing(ed: ListingEditor) -> impl IntoView {
    let action = ServerAction::<ListingAction>::new();
    let id = ed.id.clone().unwrap_or_default();
    let id2 = id.clone();
    on_success(action.value(), move |done| match done {
        ActionDone::Duplicated(copy) => navigate_full(&format!("/seller/listings/{copy}")),
        ActionDone::Status(_) => navigate_full(&format!("/seller/listings/{id2}")),
    });
    let err = move || action.value().get().and_then(|r| r.err());
    let live = ed.status == "active";
    let locked = !ed.locks.is_empty();
    let button = |op: &'static str, label: K, primary: bool| {
        let id = id.clone();
        view! {
            <ActionForm action=action attr:class="contents">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="op" value=op />
                <button
                    type="submit"
                    data-testid=format!("listing-{op}")
                    class=if primary {
                        "rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                    } else {
                        "rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold hover:bg-slate-100"
                    }
                >
                    {t(label)}
                </button>
            </ActionForm>
        }
    };
    view! {
        <section class="space-y-3 rounded-2xl border border-slate-200 bg-white p-6">
            <div class="flex flex-wrap items-center gap-3">
                <h2 class="text-lg font-semibold">{t(K::Publishing)}</h2>
                <span class=status_class(&ed.status) data-testid="editor-status">
                    {t(listing_status_key(&ed.status))}
                </span>
                {ed
                    .public_url
                    .clone()
                    .filter(|_| live)
                    .map(|u| {
                        view! {
                            <a
                                href=u
                                class="text-sm font-medium text-teal-800 underline"
                                data-testid="view-live"
                            >
                                {t(K::ViewInShop)}
                            </a>
                        }
                    })}
            </div>
            <p class="text-sm text-slate-600">{t(K::ScreeningIntro)}</p>
            {locked.then(|| view! { <LockNotice locks=ed.locks.clone() /> })}
            {ed.screening.clone().map(|s| view! { <ScreeningResult s=s /> })}
            {move || {
                err()
                    .map(|e| match e.field("photos") {
                        Some(_) => {
                            view! {
                                <p role="alert" class="text-sm text-red-700">
                                    {t(K::ErrPhotoNeeded)}
                                </p>
                            }
                                .into_any()
                        }
                        None => view! { <ErrorBanner error=e /> }.into_any(),
                    })
            }}
            <div class="flex flex-wrap gap-2">
                {(!live && !locked).then(|| button("publish", K::Publish, true))}
                {(ed.status != "draft" && ed.status != "delisted")
                    .then(|| button("delist", K::Delist, false))}
                {(!locked).then(|| button("duplicate", K::Duplicate, false))}
            </div>
        </section>
    }
}

/// What keeps a locked listing off sale, one line per lock.
#[component]
fn LockNotice(locks: Vec<String>) -> impl IntoView {
    view! {
        <ul
            class="space-y-1 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
            data-testid="listing-locked"
        >
            {locks.iter().map(|l| view! { <li>{t(lock_key(l))}</li> }).collect_view()}
        </ul>
    }
}

/// The last screening's score and reasons.
#[component]
fn ScreeningResult(s: ScreeningView) -> impl IntoView {
    view! {
        <div
            class="rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm"
            data-testid="screening"
        >
            <p>{t(K::RiskScore)} ": " <strong>{s.score}</strong> " / 100"</p>
            {(!s.reasons.is_empty())
                .then(|| {
                    view! {
                        <ul class="mt-1 list-disc pl-5 text-slate-700">
                            {s
                                .reasons
                                .into_iter()
                                .map(|r| view! { <li>{reason_text(&r)}</li> })
                                .collect_view()}
                        </ul>
                    }
                })}
        </div>
    }
}
