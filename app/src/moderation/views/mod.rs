//! The moderation overview page, and moderators' review of seller applications
//! (`applications`).

mod applications;

pub use self::applications::SellerApplicationsPage;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::{t, K};
use crate::moderation::api::get_admin_overview;
use crate::moderation::AuditEntry;
use crate::shell::GateError;
use crate::ui::{utc_datetime, LoadingBlock, Stat};

#[component]
fn AuditTable(entries: Vec<AuditEntry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="text-slate-600">{t(K::NoAudit)}</p> }.into_any();
    }
    let th = "px-4 py-2 text-left font-medium text-slate-600";
    view! {
        <div class="overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table class="min-w-full divide-y divide-slate-200 text-sm" data-testid="audit-table">
                <thead class="bg-slate-50">
                    <tr>
                        <th scope="col" class=th>
                            {t(K::AuditTime)}
                        </th>
                        <th scope="col" class=th>
                            {t(K::AuditAction)}
                        </th>
                        <th scope="col" class=th>
                            {t(K::AuditSubject)}
                        </th>
                        <th scope="col" class=th>
                            {t(K::AuditActor)}
                        </th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-100">
                    {entries
                        .into_iter()
                        .map(|e| {
                            view! {
                                <tr>
                                    <td class="whitespace-nowrap px-4 py-2 text-slate-500">
                                        <time>{utc_datetime(e.at)}</time>
                                    </td>
                                    <td class="px-4 py-2 font-mono text-slate-800">{e.action}</td>
                                    <td class="px-4 py-2 text-slate-700">{e.subject}</td>
                                    <td class="px-4 py-2 text-slate-500">
                                        {e.actor.unwrap_or_default()}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The admin's pages, from the overview: (address, name, test id).
const ADMIN_PAGES: &[(&str, K, &str)] = &[
    ("/admin/moderation", K::ModQueue, "admin-moderation-link"),
    ("/admin/disputes", K::DisputesTitle, "admin-disputes-link"),
    ("/admin/notices", K::NoAdminTitle, "admin-notices-link"),
    (
        "/admin/sellers",
        K::SellerApplications,
        "admin-sellers-link",
    ),
    (
        "/admin/settings",
        K::PlatformSettings,
        "admin-settings-link",
    ),
    ("/admin/campaigns", K::RfCampaigns, "admin-campaigns-link"),
    ("/admin/rates", K::FxTitle, "admin-rates-link"),
    ("/admin/payments", K::PayAlertsTitle, "admin-payments-link"),
];

#[component]
fn AdminNav() -> impl IntoView {
    view! {
        <nav class="mt-3 flex flex-wrap gap-2 text-sm" data-testid="admin-nav">
            {ADMIN_PAGES
                .iter()
                .map(|(href, name, testid)| {
                    view! {
                        <a
                            href=*href
                            class="rounded-lg border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-100"
                            data-testid=*testid
                        >
                            {t(*name)}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_admin_overview());
    view! {
        <Title text=format!("{} · {}", t(K::AdminTitle), t(K::Brand)) />
        <section class="space-y-6">
            <header>
                <h1 class="text-2xl font-bold text-slate-900">{t(K::AdminTitle)}</h1>
                <p class="text-slate-600">{t(K::AdminIntro)}</p>
                <AdminNav />
            </header>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(o) => {
                            view! {
                                <dl class="grid grid-cols-2 gap-3 md:grid-cols-6">
                                    <Stat label=K::Users value=o.users testid="stat-users" />
                                    <Stat label=K::Shops value=o.shops testid="stat-shops" />
                                    <Stat
                                        label=K::PendingShops
                                        value=o.pending_shops
                                        testid="stat-pending"
                                    />
                                    <Stat
                                        label=K::Products
                                        value=o.products
                                        testid="stat-products"
                                    />
                                    <Stat
                                        label=K::OpenReports
                                        value=o.open_reports
                                        testid="stat-reports"
                                    />
                                    <Stat
                                        label=K::PayAlertsTitle
                                        value=o.payment_alerts
                                        testid="stat-payment-alerts"
                                    />
                                </dl>
                                <section>
                                    <h2 class="mb-2 text-lg font-semibold">{t(K::RecentAudit)}</h2>
                                    <AuditTable entries=o.recent />
                                </section>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <GateError error=e path="/admin" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
