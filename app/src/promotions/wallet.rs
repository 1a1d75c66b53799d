//! Vouchers as shoppers meet them: the shop's vouchers on its product pages, each
//! claimed into the wallet with one tap, and `/vouchers`, the wallet itself (where a
//! code is added too). The checkout takes the best usable voucher of each shop by
//! itself.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{my_vouchers, AddVoucherCode, ClaimVoucher, VoucherView};
use crate::error::AppError;
use crate::i18n::{t, K};
use crate::shell::GateError;
use crate::ui::{on_success, reload_page, ActionError, EmptyState, FormField, LoadingBlock};

fn status_key(status: &str) -> K {
    match status {
        "usable" => K::VcUsable,
        "used" => K::VcUsed,
        "gone" => K::VcGone,
        "scheduled" => K::PmScheduled,
        _ => K::PmEnded,
    }
}

/// One voucher: its title, shop, what it takes off and its last day.
fn voucher_card(v: &VoucherView) -> impl IntoView {
    view! {
        <div class="min-w-0">
            <p class="font-semibold text-rose-900">{v.rule.clone()}</p>
            <p class="truncate text-sm text-slate-700">{v.title.clone()} " · " {v.shop.clone()}</p>
            <p class="text-xs text-slate-500">{t(K::VcUntil)} " " {v.ends.clone()}</p>
        </div>
    }
}

/// The shop's vouchers on a product page, each with its claim button.
#[component]
pub fn VoucherStrip(vouchers: Vec<VoucherView>) -> impl IntoView {
    view! {
        <section class="space-y-2" data-testid="vouchers">
            <h2 class="text-sm font-semibold text-slate-800">{t(K::VcShopVouchers)}</h2>
            <ul class="grid gap-2 sm:grid-cols-2">
                {vouchers.into_iter().map(|v| view! { <ClaimCard v=v /> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn ClaimCard(v: VoucherView) -> impl IntoView {
    let claim = ServerAction::<ClaimVoucher>::new();
    let done = move || matches!(claim.value().get(), Some(Ok(())));
    let err = move || claim.value().get().and_then(|r| r.err());
    view! {
        <li
            class="flex min-w-0 items-center justify-between gap-2 rounded-lg border border-dashed border-rose-300 bg-rose-50 px-3 py-2"
            data-testid="voucher"
        >
            {voucher_card(&v)}
            <ActionForm action=claim>
                <input type="hidden" name="key" value=v.key.clone() />
                <button
                    type="submit"
                    class="shrink-0 rounded-lg bg-rose-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-rose-800 disabled:bg-slate-400"
                    disabled=done
                    data-testid="claim-voucher"
                >
                    {move || if done() { t(K::VcClaimed) } else { t(K::VcClaim) }}
                </button>
            </ActionForm>
            {move || err().map(|e| view! { <ActionError error=e /> })}
        </li>
    }
}

/// `/vouchers`: the shopper's wallet, and a code to add.
#[component]
pub fn WalletPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| my_vouchers());
    let add = ServerAction::<AddVoucherCode>::new();
    on_success(add.value(), |_| reload_page());
    let err = Signal::derive(move || add.value().get().and_then(|v| v.err()));
    let code_error = Signal::derive(move || err.get().and_then(|e| e.field("code")));
    view! {
        <Title text=format!("{} · {}", t(K::VcWallet), t(K::Brand)) />
        <section class="mx-auto max-w-3xl space-y-5">
            <h1 class="text-2xl font-bold text-slate-900">{t(K::VcWallet)}</h1>
            <p class="text-slate-600">{t(K::VcWalletIntro)}</p>
            <ActionForm
                action=add
                attr:class="flex flex-wrap items-start gap-3"
                attr:data-testid="voucher-code-form"
            >
                <div class="min-w-0 flex-1">
                    <FormField label=K::VcCode name="code" error=code_error />
                </div>
                <button
                    type="submit"
                    class="mt-6 rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                >
                    {t(K::VcAdd)}
                </button>
            </ActionForm>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(vs) if vs.is_empty() => {
                            view! { <EmptyState message=K::VcNone /> }.into_any()
                        }
                        Ok(vs) => {
                            view! {
                                <ul class="space-y-2" data-testid="wallet">
                                    {vs
                                        .into_iter()
                                        .map(|v| {
                                            let usable = v.status == "usable";
                                            view! {
                                                <li
                                                    class=if usable {
                                                        "flex items-center justify-between gap-2 rounded-lg border border-rose-300 bg-rose-50 px-3 py-2"
                                                    } else {
                                                        "flex items-center justify-between gap-2 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 opacity-75"
                                                    }
                                                    data-testid="wallet-voucher"
                                                >
                                                    {voucher_card(&v)}
                                                    <span
                                                        class="shrink-0 text-sm font-medium"
                                                        data-testid="voucher-status"
                                                    >
                                                        {t(status_key(&v.status))}
                                                    </span>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <GateError error=e path="/vouchers" /> }.into_any(),
                    }
                })}
            </Suspense>
            {move || {
                err.get()
                    .filter(|e| !matches!(e, AppError::Invalid(_)))
                    .map(|e| view! { <ActionError error=e /> })
            }}
        </section>
    }
}
