//! The pages and components.

use super::*;

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
