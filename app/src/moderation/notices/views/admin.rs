//! `/admin/notices`: moderators verify rights owners and validate or reject notices.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{field_error, other_error, ItemCard, Labelled, INPUT};
use crate::i18n::{t, K};
use crate::moderation::notices::{
    get_notice_admin, DecideNoticeItem, DecideRightsOwner, ItemView, OwnerView,
};
use crate::shell::GateError;
use crate::ui::{on_success, reload_page, EmptyState, LoadingBlock};

#[component]
fn OwnerDecision(o: OwnerView) -> impl IntoView {
    let action = ServerAction::<DecideRightsOwner>::new();
    on_success(action.value(), |_| reload_page());
    let err = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <article
            class="space-y-2 rounded-xl border border-slate-200 bg-white p-4 text-sm"
            data-testid="owner-row"
        >
            <p>
                <strong>{o.name.clone()}</strong>
                " · "
                {o.brand_name.clone()}
                " · "
                {o.registration_number.clone()}
                " ("
                {o.jurisdiction.clone()}
                ")"
            </p>
            <p class="whitespace-pre-line text-slate-700">{o.evidence.clone()}</p>
            <ActionForm action=action attr:class="space-y-2">
                <input type="hidden" name="key" value=o.key.clone() />
                <Labelled label=K::StatementLabel>
                    <textarea name="statement" rows="2" class=INPUT></textarea>
                </Labelled>
                {field_error(err, "statement")}
                {other_error(err)}
                <div class="flex gap-2">
                    <button
                        type="submit"
                        name="decision"
                        value="verify"
                        class="rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white"
                        data-testid="verify-owner"
                    >
                        {t(K::RoVerify)}
                    </button>
                    <button
                        type="submit"
                        name="decision"
                        value="reject"
                        class="rounded-lg border border-red-300 px-4 py-2 font-semibold text-red-800"
                    >
                        {t(K::ModReject)}
                    </button>
                </div>
            </ActionForm>
        </article>
    }
}

#[component]
fn ItemDecision(item: ItemView) -> impl IntoView {
    let action = ServerAction::<DecideNoticeItem>::new();
    on_success(action.value(), |_| reload_page());
    let err = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let key = item.key.clone();
    let flagged = item.owner_standing == "flagged";
    view! {
        <ItemCard item>
            {flagged
                .then(|| {
                    view! {
                        <p class="rounded bg-red-50 p-2 text-sm font-semibold text-red-800">
                            {t(K::NoFlaggedNotifier)}
                        </p>
                    }
                })} <ActionForm action=action attr:class="space-y-2 border-t border-slate-100 pt-3">
                <input type="hidden" name="key" value=key />
                <Labelled label=K::StatementLabel>
                    <textarea name="statement" rows="2" class=INPUT></textarea>
                </Labelled>
                {field_error(err, "statement")}
                {field_error(err, "state")}
                {other_error(err)}
                <div class="flex flex-wrap gap-2">
                    <button
                        type="submit"
                        name="decision"
                        value="validate"
                        class="rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white"
                        data-testid="validate-notice"
                    >
                        {t(K::NoValidate)}
                    </button>
                    <button
                        type="submit"
                        name="decision"
                        value="reject"
                        class="rounded-lg border border-red-300 px-4 py-2 font-semibold text-red-800"
                        data-testid="reject-notice"
                    >
                        {t(K::NoRejectUnfounded)}
                    </button>
                </div>
            </ActionForm>
        </ItemCard>
    }
}

#[component]
pub fn NoticesAdminPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_notice_admin());
    view! {
        <Title text=format!("{} · {}", t(K::NoAdminTitle), t(K::Brand)) />
        <section class="space-y-5">
            <header>
                <h1 class="text-2xl font-bold text-slate-900">{t(K::NoAdminTitle)}</h1>
                <p class="text-slate-600">{t(K::NoAdminIntro)}</p>
            </header>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(a) => {
                            view! {
                                <h2 class="text-lg font-semibold">{t(K::RoPendingOwners)}</h2>
                                {if a.owners.is_empty() {
                                    view! { <EmptyState message=K::NoNone /> }.into_any()
                                } else {
                                    a.owners
                                        .into_iter()
                                        .map(|o| view! { <OwnerDecision o /> })
                                        .collect_view()
                                        .into_any()
                                }}
                                <h2 class="text-lg font-semibold">{t(K::NoToValidate)}</h2>
                                {if a.received.is_empty() {
                                    view! { <EmptyState message=K::NoNone /> }.into_any()
                                } else {
                                    view! {
                                        <div class="space-y-3" data-testid="received-notices">
                                            {a
                                                .received
                                                .into_iter()
                                                .map(|item| view! { <ItemDecision item /> })
                                                .collect_view()}
                                        </div>
                                    }
                                        .into_any()
                                }}
                                <h2 class="text-lg font-semibold">{t(K::NoRecent)}</h2>
                                <div class="space-y-3">
                                    {a
                                        .recent
                                        .into_iter()
                                        .map(|item| view! { <ItemCard item /> })
                                        .collect_view()}
                                </div>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <GateError error=e path="/admin/notices" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
