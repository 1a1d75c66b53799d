//! The pages and components.

use super::*;

/// A server-rendered SVG bar chart of daily sales (readable without wasm): bars
/// scaled to the largest day, with an accessible title and a table fallback.
pub fn sales_chart_svg(series: &[DayPoint], currency: domain::Currency, label: &str) -> String {
    bars_svg(series, &|_| "#0f766e", currency, label, "sales-chart")
}

/// A bar per day of `series` in the colour `fill` gives its index, scaled to the
/// largest day, titled `label` (for screen readers) and tested as `testid`.
pub fn bars_svg(
    series: &[DayPoint],
    fill: &dyn Fn(usize) -> &'static str,
    currency: domain::Currency,
    label: &str,
    testid: &str,
) -> String {
    let w = 720.0_f64;
    let h = 200.0_f64;
    let pad_left = 8.0;
    let pad_bottom = 22.0;
    let max = series
        .iter()
        .map(|p| p.sales_minor)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let n = series.len().max(1) as f64;
    let slot = (w - pad_left) / n;
    let bar = (slot * 0.7).max(1.0);
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{testid}-title" class="h-auto w-full" data-testid="{testid}"><title id="{testid}-title">{}</title>"##,
        escape(label)
    );
    out.push_str(&format!(
        r##"<line x1="{pad_left}" y1="{y}" x2="{w}" y2="{y}" stroke="#cbd5e1" stroke-width="1"/>"##,
        y = h - pad_bottom
    ));
    for (i, p) in series.iter().enumerate() {
        let bh = (p.sales_minor.max(0) as f64 / max) * (h - pad_bottom - 10.0);
        let x = pad_left + i as f64 * slot + (slot - bar) / 2.0;
        let y = h - pad_bottom - bh;
        let amount = domain::Money::new(p.sales_minor, currency).format();
        out.push_str(&format!(
            r##"<rect x="{x:.1}" y="{y:.1}" width="{bar:.1}" height="{bh:.1}" rx="2" fill="{}" data-day="{}" data-sales="{}"><title>{} · {} · {}</title></rect>"##,
            fill(i), p.day, p.sales_minor, p.day, escape(&amount), p.orders
        ));
    }
    // first, middle and last dates under the axis
    let marks = [0, series.len() / 2, series.len().saturating_sub(1)];
    for (j, i) in marks.iter().enumerate() {
        if let Some(p) = series.get(*i) {
            let x = pad_left + *i as f64 * slot + slot / 2.0;
            let anchor = ["start", "middle", "end"][j];
            out.push_str(&format!(
                r##"<text x="{x:.1}" y="{}" font-size="11" fill="#64748b" text-anchor="{anchor}">{}</text>"##,
                h - 6.0,
                &p.day[5..]
            ));
        }
    }
    out.push_str("</svg>");
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
