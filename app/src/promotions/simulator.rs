//! The margin simulator on the marketing page: from a unit's price, the seller's cost
//! and a promo price, the margin per unit now and during the promotion, and how many
//! more units it must sell to earn the same (`domain::promotion::simulate`, run as the
//! seller types).

use domain::promotion::{simulate, Margin};
use domain::{Currency, Money};
use leptos::prelude::*;

use crate::i18n::{t, K};

#[component]
pub fn MarginSimulator(currency: String) -> impl IntoView {
    let c = Currency::parse(&currency).unwrap_or_default();
    let (price, cost, promo) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let result = move || {
        let (p, k, q) = (price.get(), cost.get(), promo.get());
        if p.trim().is_empty() || k.trim().is_empty() || q.trim().is_empty() {
            return None;
        }
        Some(simulate(&p, &k, &q, c))
    };
    let field = move |name: &'static str, label: K, value: RwSignal<String>| {
        view! {
            <label class="block text-sm">
                <span class="font-medium text-slate-700">{t(label)}</span>
                <span class="mt-1 flex items-center gap-1">
                    <input
                        name=name
                        inputmode="decimal"
                        class="w-full rounded border border-slate-300 px-2 py-1"
                        prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev))
                    />
                    <span class="text-slate-500">{currency.clone()}</span>
                </span>
            </label>
        }
    };
    view! {
        <section
            class="rounded-xl border border-slate-200 bg-white p-4 space-y-3"
            data-testid="margin-simulator"
        >
            <h2 class="text-lg font-semibold">{t(K::PmSimHeading)}</h2>
            <p class="text-sm text-slate-600">{t(K::PmSimIntro)}</p>
            <div class="grid gap-3 sm:grid-cols-3">
                {field("sim_price", K::PmSimPrice, price)} {field("sim_cost", K::PmSimCost, cost)}
                {field("sim_promo", K::PmSimPromo, promo)}
            </div>
            <div aria-live="polite" data-testid="margin-result">
                {move || result().map(|r| view! { <Outcome result=r currency=c /> })}
            </div>
        </section>
    }
}

#[component]
fn Outcome(result: Result<Margin, Vec<domain::FieldError>>, currency: Currency) -> impl IntoView {
    let money = |m: i64| Money::new(m, currency).format();
    match result {
        Err(_) => view! { <p class="text-sm text-red-700">{t(K::PmSimInvalid)}</p> }.into_any(),
        Ok(m) => {
            let volume = match m.break_even_extra_bp {
                Some(bp) => {
                    t(K::PmSimBreakEven).replace("{pct}", &format!("{}.{:02}", bp / 100, bp % 100))
                }
                None => t(K::PmSimLoss).to_string(),
            };
            view! {
                <dl class="grid gap-2 text-sm sm:grid-cols-3">
                    <div>
                        <dt class="text-slate-600">{t(K::PmSimNow)}</dt>
                        <dd class="font-semibold" data-testid="margin-now">
                            {money(m.before_minor)}
                        </dd>
                    </div>
                    <div>
                        <dt class="text-slate-600">{t(K::PmSimDuring)}</dt>
                        <dd class="font-semibold" data-testid="margin-during">
                            {money(m.after_minor)}
                        </dd>
                    </div>
                    <div>
                        <dt class="text-slate-600">{t(K::PmSimVolume)}</dt>
                        <dd class="font-semibold" data-testid="margin-volume">
                            {volume}
                        </dd>
                    </div>
                </dl>
            }
            .into_any()
        }
    }
}
