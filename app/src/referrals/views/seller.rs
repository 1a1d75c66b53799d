//! `/seller/sharing`: a seller's own sharing campaigns — rewards for shoppers who share
//! the shop's products, paid by the shop (charged to its ledger when a reward becomes
//! available) — with what each has cost and brought in.

use leptos::prelude::*;
use leptos_meta::Title;

use super::admin::{rule_fields, CampaignRowView};
use crate::i18n::{t, K};
use crate::referrals::*;
use crate::sellers::views::SellerNav;
use crate::shell::GateError;
use crate::ui::{on_success, reload_page, EmptyState, FormField, LoadingBlock};

#[component]
pub fn SellerSharingPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_shop_campaigns());
    let action = ServerAction::<SaveShopCampaign>::new();
    on_success(action.value(), |_| reload_page());
    let err = Signal::derive(move || action.value().get().and_then(|v| v.err()));
    let name_error = Signal::derive(move || err.get().and_then(|e| e.field("name")));
    view! {
        <Title text=format!("{} · {}", t(K::RfSellerHeading), t(K::SellerCentre)) />
        <section class="space-y-5">
            <SellerNav current="/seller/sharing" />
            <header>
                <h1 class="text-2xl font-bold text-slate-900">{t(K::RfSellerHeading)}</h1>
                <p class="text-slate-600">{t(K::RfSellerIntro)}</p>
            </header>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(rows) if rows.is_empty() => {
                            view! { <EmptyState message=K::RfNoShopCampaigns /> }.into_any()
                        }
                        Ok(rows) => {
                            view! {
                                <div class="overflow-x-auto rounded-xl border border-slate-200 bg-white">
                                    <table class="w-full text-sm" data-testid="shop-campaigns">
                                        <thead class="bg-slate-50 text-left text-slate-600">
                                            <tr>
                                                <th class="px-3 py-2">{t(K::RfCampaign)}</th>
                                                <th class="px-3 py-2">{t(K::RfFunder)}</th>
                                                <th class="px-3 py-2">{t(K::RfRule)}</th>
                                                <th class="px-3 py-2 text-right">{t(K::RfRewardsCount)}</th>
                                                <th class="px-3 py-2 text-right">{t(K::RfCost)}</th>
                                                <th class="px-3 py-2 text-right">{t(K::RfRevenue)}</th>
                                                <th class="px-3 py-2 text-right">{t(K::RfFraudRate)}</th>
                                                <th class="px-3 py-2">{t(K::RfStatus)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {rows
                                                .into_iter()
                                                .map(|c| view! { <CampaignRowView c=c /> })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <GateError error=e path="/seller/sharing" /> }.into_any(),
                    }
                })}
            </Suspense>
            <section class="rounded-xl border border-slate-200 bg-white p-4">
                <h2 class="mb-1 text-lg font-semibold">{t(K::RfNewCampaign)}</h2>
                <p class="mb-3 text-sm text-slate-600">{t(K::RfSellerFormNote)}</p>
                <ActionForm
                    action=action
                    attr:class="grid gap-x-4 sm:grid-cols-2"
                    attr:data-testid="shop-campaign-form"
                >
                    <FormField label=K::RfName name="name" error=name_error />
                    {rule_fields(err)}
                </ActionForm>
            </section>
        </section>
    }
}
