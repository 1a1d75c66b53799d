//! The seller centre's overview page.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::get_seller_overview;
use super::ShopStatus;
use crate::i18n::{t, K};
use crate::shell::GateError;
use crate::ui::{LoadingBlock, Stat};

#[component]
pub fn SellerPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_seller_overview());
    view! {
        <Title text=format!("{} · {}", t(K::SellerTitle), t(K::Brand)) />
        <section class="space-y-6">
            <header>
                <h1 class="text-2xl font-bold text-slate-900">{t(K::SellerTitle)}</h1>
                <p class="text-slate-600">{t(K::SellerIntro)}</p>
            </header>
            <Suspense fallback=|| view! { <LoadingBlock /> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(o) => match o.shop {
                            Some(s) => {
                                let status = match s.status {
                                    ShopStatus::Approved => K::StatusApproved,
                                    ShopStatus::Pending => K::StatusPending,
                                    ShopStatus::Suspended => K::StatusSuspended,
                                };
                                view! {
                                    <div class="rounded-xl border border-slate-200 bg-white p-4">
                                        <p class="text-lg font-semibold" data-testid="shop-name">{s.name}</p>
                                        <p class="text-sm text-slate-600">{t(K::ShopStatus)} ": " {t(status)}</p>
                                    </div>
                                    <dl class="grid grid-cols-2 gap-3 md:grid-cols-4">
                                        <Stat label=K::TotalListings value=s.total_listings testid="stat-total" />
                                        <Stat label=K::ActiveListings value=s.active_listings testid="stat-active" />
                                        <Stat label=K::LowStockListings value=s.low_stock testid="stat-low" />
                                        <Stat label=K::OpenOrders value=s.open_orders testid="stat-orders" />
                                    </dl>
                                }.into_any()
                            }
                            None => view! {
                                <div class="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-700">
                                    <p>{t(K::NoShop)}</p>
                                    <a href="/sell" class="mt-3 inline-block rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800" data-testid="apply-link">{t(K::ApplyTitle)}</a>
                                </div>
                            }.into_any(),
                        },
                        Err(e) => view! { <GateError error=e path="/seller" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
