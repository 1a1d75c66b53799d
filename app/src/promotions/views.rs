//! `/seller/marketing`: the shop's promotions (status, schedule, budget used, orders
//! and sales they were on) with pause, resume, end and duplicate, and the form that
//! creates one (a duplicate opens the form filled with the promotion it copies).

use domain::promotion::PromotionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{get_marketing, MarketingData, MovePromotion, PromotionView, SavePromotion};
use crate::error::AppError;
use crate::i18n::{t, K};
use crate::sellers::views::SellerNav;
use crate::shell::GateError;
use crate::ui::{on_success, reload_page, EmptyState, ErrorBanner, FormField, LoadingBlock};

fn status_key(status: &str) -> K {
    match status {
        "scheduled" => K::PmScheduled,
        "running" => K::PmRunning,
        "paused" => K::PmPaused,
        "spent" => K::PmSpent,
        _ => K::PmEnded,
    }
}

#[component]
pub fn MarketingPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_marketing());
    let query = use_query_map();
    view! {
        <Title text=format!("{} · {}", t(K::PmHeading), t(K::SellerCentre)) />
        <section class="space-y-5">
            <SellerNav current="/seller/marketing" />
            <header>
                <h1 class="text-2xl font-bold text-slate-900">{t(K::PmHeading)}</h1>
                <p class="text-slate-600">{t(K::PmIntro)}</p>
            </header>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => {
                            let copy = query
                                .with(|q| q.get("copy"))
                                .and_then(|k| d.promotions.iter().find(|p| p.key == k))
                                .map(|p| p.copy.clone());
                            view! { <Marketing data=d copy=copy /> }.into_any()
                        }
                        Err(e) => {
                            view! { <GateError error=e path="/seller/marketing" /> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Marketing(data: MarketingData, copy: Option<PromotionForm>) -> impl IntoView {
    let MarketingData {
        promotions,
        currency,
        categories,
    } = data;
    let list = if promotions.is_empty() {
        view! { <EmptyState message=K::PmNone /> }.into_any()
    } else {
        view! {
            <div class="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
                <table class="w-full text-sm" data-testid="promotions">
                    <thead class="bg-slate-50 text-left text-slate-600">
                        <tr>
                            <th class="px-3 py-2">{t(K::PmTitle)}</th>
                            <th class="px-3 py-2">{t(K::PmStatus)}</th>
                            <th class="px-3 py-2">{t(K::PmWhen)}</th>
                            <th class="px-3 py-2 text-right">{t(K::PmBudgetUsed)}</th>
                            <th class="px-3 py-2 text-right">{t(K::PmOrders)}</th>
                            <th class="px-3 py-2 text-right">{t(K::PmSales)}</th>
                            <th class="px-3 py-2">
                                <span class="sr-only">{t(K::PmActions)}</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        {promotions
                            .into_iter()
                            .map(|p| view! { <PromotionRowView p=p /> })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        {list}
        <PromotionFormView currency=currency.clone() categories=categories copy=copy />
        <super::simulator::MarginSimulator currency=currency />
    }
}

#[component]
fn PromotionRowView(p: PromotionView) -> impl IntoView {
    let act = ServerAction::<MovePromotion>::new();
    on_success(act.value(), |_| reload_page());
    let err = move || act.value().get().and_then(|v| v.err());
    let button = move |to: &'static str, label: K| {
        view! {
            <button
                type="submit"
                name="to"
                value=to
                class="rounded border border-slate-300 px-2 py-0.5 text-xs font-medium hover:bg-slate-100"
            >
                {t(label)}
            </button>
        }
    };
    let live = matches!(
        p.status.as_str(),
        "scheduled" | "running" | "paused" | "spent"
    );
    let budget = p.budget.as_ref().map(|b| format!(" / {}", b.format()));
    view! {
        <tr class="border-t border-slate-100 align-top" data-testid="promotion-row">
            <td class="px-3 py-2">
                <p class="font-medium">{p.title.clone()}</p>
                <p class="text-slate-600">{p.rule.clone()}</p>
            </td>
            <td class="px-3 py-2" data-testid="promotion-status">
                {t(status_key(&p.status))}
            </td>
            <td class="px-3 py-2 whitespace-nowrap">{p.starts.clone()} " – " {p.ends.clone()}</td>
            <td class="px-3 py-2 text-right whitespace-nowrap">
                <span data-testid="promotion-spent">{p.spent.format()}</span>
                {budget}
            </td>
            <td class="px-3 py-2 text-right" data-testid="promotion-orders">
                {p.orders}
            </td>
            <td class="px-3 py-2 text-right">{p.revenue.format()}</td>
            <td class="px-3 py-2">
                <ActionForm action=act attr:class="flex flex-wrap gap-1">
                    <input type="hidden" name="key" value=p.key.clone() />
                    {(p.status == "paused").then(|| button("resume", K::PmResume))}
                    {matches!(p.status.as_str(), "running" | "scheduled")
                        .then(|| button("pause", K::PmPause))}
                    {live.then(|| button("end", K::PmEnd))}
                    <a
                        href=format!("/seller/marketing/{}", p.key)
                        class="rounded border border-slate-300 px-2 py-0.5 text-xs font-medium hover:bg-slate-100"
                        data-testid="promotion-report"
                    >
                        {t(K::PmReport)}
                    </a>
                    <a
                        href=format!("/seller/marketing?copy={}#new-promotion", p.key)
                        class="rounded border border-slate-300 px-2 py-0.5 text-xs font-medium hover:bg-slate-100"
                    >
                        {t(K::PmDuplicate)}
                    </a>
                </ActionForm>
                {move || err().map(|e| view! { <ErrorBanner error=e /> })}
            </td>
        </tr>
    }
}

/// A `<select>` with its options (value, label) and the chosen one.
fn choice(
    id: &'static str,
    label: K,
    options: Vec<(String, String)>,
    chosen: String,
    error: Signal<Option<domain::FieldErrorCode>>,
) -> impl IntoView {
    view! {
        <div class="space-y-1">
            <label for=id class="block text-sm font-medium text-slate-800">
                {t(label)}
            </label>
            <select
                id=id
                name=id.trim_start_matches("field-")
                class="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2"
            >
                {options
                    .into_iter()
                    .map(|(v, l)| {
                        let selected = v == chosen;
                        view! {
                            <option value=v selected=selected>
                                {l}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p class="min-h-5 text-sm text-red-700">
                {move || error.get().map(|c| t(crate::i18n::field_error_key(c)))}
            </p>
        </div>
    }
}

/// The kinds each of the form's fields serves (its `kf-<kind>` classes; shown only for
/// them, see `style/main.css`): what to discount, by how much, and a flash sale's and a
/// voucher's own terms.
const ITEM_KINDS: &str = "kf kf-percent kf-amount kf-bundle";

/// The form's plain text fields: name, label, hint, the kinds it serves.
const FIELDS: [(&str, K, Option<K>, &str); 11] = [
    (
        "products",
        K::PmProducts,
        Some(K::PmProductsHint),
        "kf kf-percent kf-amount kf-bundle kf-flash",
    ),
    (
        "percent",
        K::PmPercent,
        None,
        "kf kf-percent kf-bundle kf-voucher",
    ),
    ("amount", K::PmAmount, None, "kf kf-amount kf-voucher"),
    ("min_quantity", K::PmMinQuantity, None, "kf kf-bundle"),
    ("price", K::PmFlashPrice, None, "kf kf-flash"),
    ("units", K::PmFlashUnits, None, "kf kf-flash"),
    (
        "per_buyer",
        K::PmFlashPerBuyer,
        None,
        "kf kf-flash kf-voucher",
    ),
    ("min_spend", K::PmMinSpend, None, "kf kf-voucher"),
    ("cap", K::PmCap, None, "kf kf-voucher"),
    ("code", K::PmCode, None, "kf kf-voucher"),
    ("total", K::PmTotal, None, "kf kf-voucher"),
];

/// What the form (or the promotion it copies) has in field `name`.
fn value_of(f: &PromotionForm, name: &str) -> String {
    match name {
        "products" => &f.products,
        "percent" => &f.percent,
        "amount" => &f.amount,
        "min_quantity" => &f.min_quantity,
        "price" => &f.price,
        "units" => &f.units,
        "per_buyer" => &f.per_buyer,
        "min_spend" => &f.min_spend,
        "cap" => &f.cap,
        "code" => &f.code,
        "total" => &f.total,
        _ => "",
    }
    .to_string()
}

/// Options (value, label) of a `<select>` in the page's language.
fn options(choices: &[(&str, K)]) -> Vec<(String, String)> {
    choices
        .iter()
        .map(|(v, k)| (v.to_string(), t(*k).to_string()))
        .collect()
}

#[component]
fn PromotionFormView(
    currency: String,
    categories: Vec<(String, String)>,
    copy: Option<PromotionForm>,
) -> impl IntoView {
    let action = ServerAction::<SavePromotion>::new();
    on_success(action.value(), |_| reload_page());
    let err = Signal::derive(move || action.value().get().and_then(|v| v.err()));
    let field =
        move |name: &'static str| Signal::derive(move || err.get().and_then(|e| e.field(name)));
    let f = copy.unwrap_or_default();
    let kinds = options(&[
        ("percent", K::PmKindPercent),
        ("amount", K::PmKindAmount),
        ("spend_save", K::PmKindSpendSave),
        ("bundle", K::PmKindBundle),
        ("flash", K::PmKindFlash),
        ("voucher", K::PmKindVoucher),
    ]);
    let targets = options(&[
        ("shop", K::PmTargetShop),
        ("category", K::PmTargetCategory),
        ("products", K::PmTargetProducts),
    ]);
    let categories = std::iter::once((String::new(), "—".to_string()))
        .chain(categories)
        .collect();
    let plain = FIELDS.map(|(name, label, hint, kinds)| {
        let value = value_of(&f, name);
        view! {
            <div class=kinds>
                {match hint {
                    Some(hint) => {
                        view! {
                            <FormField
                                label=label
                                name=name
                                hint=hint
                                error=field(name)
                                value=value
                            />
                        }
                            .into_any()
                    }
                    None => {
                        view! { <FormField label=label name=name error=field(name) value=value /> }
                            .into_any()
                    }
                }}
            </div>
        }
    });
    let tiers = (0..3)
        .map(|i| {
            let (sn, vn) = (
                ["spend_0", "spend_1", "spend_2"][i],
                ["save_0", "save_1", "save_2"][i],
            );
            view! {
                <div class="kf kf-spend_save">
                    <FormField label=K::PmSpend name=sn error=field(sn) value=f.spend[i].clone() />
                </div>
                <div class="kf kf-spend_save">
                    <FormField label=K::PmSave name=vn error=field(vn) value=f.save[i].clone() />
                </div>
            }
        })
        .collect_view();
    view! {
        <section id="new-promotion" class="rounded-xl border border-slate-200 bg-white p-4">
            <h2 class="mb-1 text-lg font-semibold">{t(K::PmNew)}</h2>
            <p class="mb-3 text-sm text-slate-600">
                {t(K::PmFormNote).replace("{currency}", &currency)}
            </p>
            <ActionForm
                action=action
                attr:class="promo-form grid grid-cols-1 gap-x-4 sm:grid-cols-2"
                attr:data-testid="promotion-form"
            >
                <FormField
                    label=K::PmTitleEn
                    name="title_en"
                    error=field("title_en")
                    value=f.title_en.clone()
                />
                <FormField
                    label=K::PmTitleZh
                    name="title_zh"
                    error=field("title_zh")
                    value=f.title_zh.clone()
                />
                <div>{choice("field-kind", K::PmKind, kinds, f.kind.clone(), field("kind"))}</div>
                <div class=ITEM_KINDS>
                    {choice(
                        "field-target",
                        K::PmTarget,
                        targets,
                        f.target.clone(),
                        field("target"),
                    )}
                </div>
                <div class=ITEM_KINDS>
                    {choice(
                        "field-category",
                        K::PmCategory,
                        categories,
                        f.category.clone(),
                        field("category"),
                    )}
                </div>
                {plain}
                <label class="kf kf-voucher flex items-center gap-2 self-center text-sm">
                    <input
                        type="checkbox"
                        name="new_buyers"
                        value="on"
                        checked=f.new_buyers == "on"
                    />
                    {t(K::PmNewBuyers)}
                </label>
                <label class="kf kf-percent kf-amount flex items-center gap-2 self-center text-sm">
                    <input
                        type="checkbox"
                        name="members"
                        value="on"
                        checked=f.members == "on"
                        data-testid="members-only"
                    />
                    {t(K::PmMembers)}
                </label>
                {tiers}
                <FormField
                    label=K::PmBudget
                    name="budget"
                    hint=K::PmBudgetHint
                    error=field("budget")
                    value=f.budget.clone()
                />
                <FormField
                    label=K::PmStarts
                    name="starts_at"
                    kind="datetime-local"
                    error=field("starts_at")
                    value=f.starts_at.clone()
                />
                <FormField
                    label=K::PmEnds
                    name="ends_at"
                    kind="datetime-local"
                    error=field("ends_at")
                    value=f.ends_at.clone()
                />
                <div class="sm:col-span-2">
                    {move || {
                        err.get()
                            .filter(|e| !matches!(e, AppError::Invalid(_)))
                            .map(|e| view! { <ErrorBanner error=e /> })
                    }}
                    <button
                        type="submit"
                        class="mt-2 rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                    >
                        {t(K::PmCreate)}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}
