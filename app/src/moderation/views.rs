//! The moderation overview page.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::get_admin_overview;
use crate::i18n::{t, K};
use crate::shell::GateError;
use crate::ui::LoadingBlock;

#[component]
fn Stat(label: K, value: i64, testid: &'static str) -> impl IntoView {
    view! {
        <div class="rounded-xl border border-slate-200 bg-white p-4">
            <dt class="text-sm text-slate-500">{t(label)}</dt>
            <dd class="mt-1 text-2xl font-bold text-slate-900" data-testid=testid>{value}</dd>
        </div>
    }
}

fn utc_datetime(unix: i64) -> String {
    // yyyy-mm-dd hh:mm UTC from unix seconds, without a date library in the browser.
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let (h, m) = (secs / 3600, (secs % 3600) / 60);
    // civil-from-days (Howard Hinnant)
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(mo <= 2);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{m:02} UTC")
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
            </header>
            <Suspense fallback=|| view! { <LoadingBlock /> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(o) => view! {
                            <dl class="grid grid-cols-2 gap-3 md:grid-cols-5">
                                <Stat label=K::Users value=o.users testid="stat-users" />
                                <Stat label=K::Shops value=o.shops testid="stat-shops" />
                                <Stat label=K::PendingShops value=o.pending_shops testid="stat-pending" />
                                <Stat label=K::Products value=o.products testid="stat-products" />
                                <Stat label=K::OpenReports value=o.open_reports testid="stat-reports" />
                            </dl>
                            <section>
                                <h2 class="mb-2 text-lg font-semibold">{t(K::RecentAudit)}</h2>
                                {if o.recent.is_empty() {
                                    view! { <p class="text-slate-600">{t(K::NoAudit)}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
                                            {o.recent.into_iter().map(|e| view! {
                                                <li class="flex flex-wrap justify-between gap-2 px-4 py-2 text-sm">
                                                    <span class="font-mono text-slate-800">{e.action}</span>
                                                    <span class="text-slate-600">{e.subject}</span>
                                                    <span class="text-slate-500">{e.actor.unwrap_or_default()}</span>
                                                    <time class="text-slate-500">{utc_datetime(e.at)}</time>
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            </section>
                        }.into_any(),
                        Err(e) => view! { <GateError error=e path="/admin" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_utc() {
        assert_eq!(super::utc_datetime(0), "1970-01-01 00:00 UTC");
        assert_eq!(super::utc_datetime(1_795_651_200), "2026-11-26 00:00 UTC");
    }
}
