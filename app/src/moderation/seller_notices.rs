//! `/seller/notices`: what moderation decided about the seller's listings, with the
//! statement of reasons, the ground, any strike and until when an appeal is possible;
//! the shop's active strikes and sanction on top. Moderation owns this page: it shows
//! moderation's records, inside the seller centre's navigation.

use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use super::notices::views::{CounterNoticeForm, ItemCard};
use super::queue::views::{sanction_key, DecisionCard};
use super::queue::DecisionView;
use crate::error::AppError;
use crate::i18n::{t, K};
use crate::sellers::views::SellerNav;
use crate::shell::GateError;
use crate::ui::{EmptyState, LoadingBlock};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SellerNotices {
    pub active_strikes: i64,
    pub sanction: String,
    pub decisions: Vec<DecisionView>,
    /// Rights owners' notices against the shop's listings.
    pub items: Vec<super::notices::ItemView>,
}

#[server(endpoint = "seller_notices")]
pub async fn get_seller_notices() -> Result<SellerNotices, AppError> {
    let ctx = crate::ctx::Ctx::seller().await?;
    let (db, shop, now) = (&ctx.state.db, &ctx.shop.id, ctx.state.now());
    Ok(SellerNotices {
        active_strikes: super::queue::imp::active_strikes(db, shop, now).await?,
        sanction: crate::sellers::store::sanction_of(db, shop).await?,
        decisions: super::queue::imp::decisions_of(db, shop, now).await?,
        items: super::notices::imp::shop_items(db, shop).await?,
    })
}

#[component]
pub fn SellerNoticesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_seller_notices());
    view! {
        <Title text=format!("{} · {}", t(K::SellerNotices), t(K::SellerCentre)) />
        <section class="space-y-5">
            <SellerNav current="/seller/notices" />
            <header>
                <h1 class="text-2xl font-bold text-slate-900">{t(K::SellerNotices)}</h1>
                <p class="text-slate-600">{t(K::SellerNoticesIntro)}</p>
            </header>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(n) => {
                            view! {
                                <dl class="grid grid-cols-2 gap-3 rounded-xl border border-slate-200 bg-white p-4 text-sm sm:max-w-md">
                                    <dt class="text-slate-500">{t(K::ModActiveStrikes)}</dt>
                                    <dd class="font-semibold" data-testid="my-strikes">
                                        {n.active_strikes}
                                    </dd>
                                    <dt class="text-slate-500">{t(K::ModSanction)}</dt>
                                    <dd class="font-semibold" data-testid="my-sanction">
                                        {t(sanction_key(&n.sanction))}
                                    </dd>
                                </dl>
                                {(!n.items.is_empty())
                                    .then(|| {
                                        view! {
                                            <h2 class="text-lg font-semibold">{t(K::NoAdminTitle)}</h2>
                                            <div class="space-y-3" data-testid="my-notice-items">
                                                {n
                                                    .items
                                                    .clone()
                                                    .into_iter()
                                                    .map(|i| {
                                                        let open = i.state == "seller_notified";
                                                        let key = i.key.clone();
                                                        view! {
                                                            <ItemCard item=i>
                                                                {open
                                                                    .then(|| view! { <CounterNoticeForm key=key.clone() /> })}
                                                            </ItemCard>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </div>
                                        }
                                    })}
                                <h2 class="text-lg font-semibold">{t(K::ModDecisionsHeading)}</h2>
                                {if n.decisions.is_empty() {
                                    view! { <EmptyState message=K::NoNotices /> }.into_any()
                                } else {
                                    view! {
                                        <div
                                            class="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
                                            data-testid="my-decisions"
                                        >
                                            {n
                                                .decisions
                                                .into_iter()
                                                .map(|d| view! { <DecisionCard d appealable=true /> })
                                                .collect_view()}
                                        </div>
                                    }
                                        .into_any()
                                }}
                            }
                                .into_any()
                        }
                        Err(e) => view! { <GateError error=e path="/seller/notices" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
