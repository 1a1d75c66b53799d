//! The pages and components.

use super::*;

/// The median of `v` (lower middle), `None` when empty.
pub fn median(v: &mut [i64]) -> Option<i64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    Some(v[(v.len() - 1) / 2])
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Grouped bars per month: notices received, taken down, reinstated.
pub fn chart_svg(periods: &[Period], title: &str, names: [&str; 3]) -> String {
    let (w, h, bottom) = (720.0_f64, 220.0_f64, 24.0_f64);
    let colours = ["#0f766e", "#b45309", "#4f46e5"];
    let max = periods
        .iter()
        .flat_map(|p| [p.received, p.taken_down, p.reinstated])
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let slot = w / periods.len().max(1) as f64;
    let bar = slot * 0.22;
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-labelledby="tr-chart-title" class="h-auto w-full" data-testid="transparency-chart"><title id="tr-chart-title">{}</title>"##,
        escape(title)
    );
    out.push_str(&format!(
        r##"<line x1="0" y1="{y}" x2="{w}" y2="{y}" stroke="#cbd5e1" stroke-width="1"/>"##,
        y = h - bottom
    ));
    for (i, p) in periods.iter().enumerate() {
        for (j, v) in [p.received, p.taken_down, p.reinstated]
            .into_iter()
            .enumerate()
        {
            let bh = v.max(0) as f64 / max * (h - bottom - 12.0);
            let x = i as f64 * slot + slot * 0.14 + j as f64 * bar * 1.1;
            out.push_str(&format!(
                r##"<rect x="{x:.1}" y="{:.1}" width="{bar:.1}" height="{bh:.1}" rx="2" fill="{}" data-month="{}" data-series="{j}" data-value="{v}"><title>{} · {} · {v}</title></rect>"##,
                h - bottom - bh,
                colours[j],
                p.month,
                p.month,
                escape(names[j]),
            ));
        }
        out.push_str(&format!(
            r##"<text x="{:.1}" y="{}" font-size="11" fill="#64748b" text-anchor="middle">{}</text>"##,
            i as f64 * slot + slot / 2.0,
            h - 7.0,
            p.month
        ));
    }
    out.push_str("</svg>");
    out
}

// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
#[component]
pub fn TransparencyPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_transparency());
    let th = "px-3 py-2 text-right font-medium text-slate-600";
    let td = "px-3 py-2 text-right tabular-nums";
    view! {
        <Title text=format!("{} · {}", t(K::TrTitle), t(K::Brand)) />
        <Meta name="description" content=t(K::TrIntro) />
        <section class="space-y-5">
            <header>
                <h1 class="text-2xl font-bold text-slate-900">{t(K::TrTitle)}</h1>
                <p class="max-w-3xl text-slate-600">{t(K::TrIntro)}</p>
            </header>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(periods) => {
                            let svg = chart_svg(
                                &periods,
                                t(K::TrChartTitle),
                                [t(K::TrReceived), t(K::TrTakenDown), t(K::TrReinstated)],
                            );
                            view! {
                                <div class="rounded-2xl border border-slate-200 bg-white p-5">
                                    <h2 class="font-semibold">{t(K::TrChartTitle)}</h2>
                                    <ul class="mt-2 flex flex-wrap gap-4 text-sm">
                                        <li>
                                            <span class="mr-1 inline-block h-3 w-3 rounded-sm bg-teal-700"></span>
                                            {t(K::TrReceived)}
                                        </li>
                                        <li>
                                            <span class="mr-1 inline-block h-3 w-3 rounded-sm bg-amber-700"></span>
                                            {t(K::TrTakenDown)}
                                        </li>
                                        <li>
                                            <span class="mr-1 inline-block h-3 w-3 rounded-sm bg-indigo-600"></span>
                                            {t(K::TrReinstated)}
                                        </li>
                                    </ul>
                                    <div class="mt-3" inner_html=svg></div>
                                </div>
                                <div class="overflow-x-auto rounded-2xl border border-slate-200 bg-white">
                                    <table
                                        class="min-w-full divide-y divide-slate-200 text-sm"
                                        data-testid="transparency-table"
                                    >
                                        <thead class="bg-slate-50">
                                            <tr>
                                                <th
                                                    scope="col"
                                                    class="px-3 py-2 text-left font-medium text-slate-600"
                                                >
                                                    {t(K::TrMonth)}
                                                </th>
                                                <th scope="col" class=th>
                                                    {t(K::TrReceived)}
                                                </th>
                                                <th scope="col" class=th>
                                                    {t(K::TrTakenDown)}
                                                </th>
                                                <th scope="col" class=th>
                                                    {t(K::TrRejected)}
                                                </th>
                                                <th scope="col" class=th>
                                                    {t(K::TrCounter)}
                                                </th>
                                                <th scope="col" class=th>
                                                    {t(K::TrReinstated)}
                                                </th>
                                                <th scope="col" class=th>
                                                    {t(K::TrUpheld)}
                                                </th>
                                                <th scope="col" class=th>
                                                    {t(K::TrMedian)}
                                                </th>
                                                <th scope="col" class=th>
                                                    {t(K::TrListingsRejected)}
                                                </th>
                                                <th scope="col" class=th>
                                                    {t(K::TrStrikes)}
                                                </th>
                                            </tr>
                                        </thead>
                                        <tbody class="divide-y divide-slate-100">
                                            {periods
                                                .into_iter()
                                                .rev()
                                                .map(|p| {
                                                    view! {
                                                        <tr data-month=p.month.clone()>
                                                            <th
                                                                scope="row"
                                                                class="whitespace-nowrap px-3 py-2 text-left font-medium"
                                                            >
                                                                {p.month.clone()}
                                                            </th>
                                                            <td class=td data-testid="tr-received">
                                                                {p.received}
                                                            </td>
                                                            <td class=td data-testid="tr-taken-down">
                                                                {p.taken_down}
                                                            </td>
                                                            <td class=td>{p.rejected}</td>
                                                            <td class=td data-testid="tr-counter">
                                                                {p.counter_notices}
                                                            </td>
                                                            <td class=td data-testid="tr-reinstated">
                                                                {p.reinstated}
                                                            </td>
                                                            <td class=td>{p.upheld}</td>
                                                            <td class=td>
                                                                {p
                                                                    .median_hours_to_action
                                                                    .map(|h| format!("{h} h"))
                                                                    .unwrap_or_else(|| "—".into())}
                                                            </td>
                                                            <td class=td>{p.listings_rejected}</td>
                                                            <td class=td>{p.strikes}</td>
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
                        Err(e) => view! { <ErrorBanner error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
