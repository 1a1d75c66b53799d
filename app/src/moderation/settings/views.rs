//! The pages and components.

use super::*;

fn percent_of(bps: i64) -> String {
    domain::Money::new(bps, domain::Currency::USD).decimal_string()
}

#[component]
fn Commission(s: PlatformSettings) -> impl IntoView {
    let action = ServerAction::<SetCommission>::new();
    on_success(action.value(), |_| navigate_full("/admin/settings"));
    let err = move || action.value().get().and_then(|r| r.err());
    let lang = use_lang();
    view! {
        <section class=CARD data-testid="commission">
            <h2 class="text-lg font-semibold">{t(K::CommissionRates)}</h2>
            <p class="text-sm text-slate-600">{t(K::CommissionHint)}</p>
            {move || err().map(|e| view! { <ErrorBanner error=e /> })}
            <ActionForm action=action attr:class="flex flex-wrap items-end gap-2">
                <input type="hidden" name="category" value="" />
                <label class="text-sm">
                    {t(K::DefaultRate)} " (%)"
                    <input
                        name="percent"
                        value=percent_of(s.default_bps)
                        class=format!("{INPUT} ml-2 w-24")
                        data-testid="default-rate"
                    />
                </label>
                <button type="submit" class=BUTTON>
                    {t(K::SaveChanges)}
                </button>
            </ActionForm>
            <ActionForm action=action attr:class="flex flex-wrap items-end gap-2">
                <label class="text-sm">
                    {t(K::Category)} <select name="category" class=format!("{INPUT} ml-2")>
                        {s
                            .categories
                            .iter()
                            .map(|(slug, en, zh, rate)| {
                                let name = if lang == domain::Lang::En {
                                    en.clone()
                                } else {
                                    zh.clone()
                                };
                                let label = match rate {
                                    Some(r) => format!("{name} · {}%", percent_of(*r)),
                                    None => name,
                                };
                                view! { <option value=slug.clone()>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class="text-sm">
                    "%"
                    <input
                        name="percent"
                        class=format!("{INPUT} ml-2 w-24")
                        placeholder=t(K::BlankForDefault)
                    />
                </label>
                <button type="submit" class=BUTTON>
                    {t(K::SaveChanges)}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Requirements(s: PlatformSettings) -> impl IntoView {
    let add = ServerAction::<AddRequirement>::new();
    let remove = ServerAction::<RemoveRequirement>::new();
    on_success(add.value(), |_| navigate_full("/admin/settings"));
    on_success(remove.value(), |_| navigate_full("/admin/settings"));
    let err = move || add.value().get().and_then(|r| r.err());
    let lang = use_lang();
    view! {
        <section class=CARD data-testid="requirements">
            <h2 class="text-lg font-semibold">{t(K::DocumentRequirements)}</h2>
            <ul class="divide-y divide-slate-100 text-sm">
                {s
                    .requirements
                    .into_iter()
                    .map(|r| {
                        let who = format!(
                            "{} · {}{}",
                            r
                                .country
                                .as_deref()
                                .map(|c| country_label(c, lang))
                                .unwrap_or_else(|| t(K::AnyCountry).to_string()),
                            match r.business_type.as_deref() {
                                Some("company") => t(K::BizCompany),
                                Some("individual") => t(K::BizIndividual),
                                _ => t(K::AnyBusiness),
                            },
                            if r.only_with_brand {
                                format!(" · {}", t(K::OnlyWithBrand))
                            } else {
                                String::new()
                            },
                        );
                        view! {
                            <li class="flex items-center justify-between gap-2 py-1.5">
                                <span>
                                    <strong>{t(document_key(r.document))}</strong>
                                    " — "
                                    {who}
                                </span>
                                <ActionForm action=remove>
                                    <input type="hidden" name="id" value=r.id />
                                    <button type="submit" class="text-sm text-red-700 underline">
                                        {t(K::Remove)}
                                    </button>
                                </ActionForm>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {move || {
                err()
                    .map(|e| match e {
                        AppError::Invalid(errs) => {
                            errs.into_iter()
                                .map(|e| {
                                    view! {
                                        <p role="alert" class="text-sm text-red-700">
                                            {e.field.clone()}
                                            ": "
                                            {t(field_error_key(e.code))}
                                        </p>
                                    }
                                })
                                .collect_view()
                                .into_any()
                        }
                        e => view! { <ErrorBanner error=e /> }.into_any(),
                    })
            }}
            <ActionForm action=add attr:class="flex flex-wrap items-end gap-2">
                <select name="document" class=INPUT aria-label=t(K::ApplyStepDocuments)>
                    {DocumentKind::ALL
                        .into_iter()
                        .map(|d| view! { <option value=d.as_str()>{t(document_key(d))}</option> })
                        .collect_view()}
                </select>
                <select name="country" class=INPUT aria-label=t(K::Country)>
                    <option value="">{t(K::AnyCountry)}</option>
                    {COUNTRIES
                        .iter()
                        .map(|(c, _, _)| {
                            view! { <option value=*c>{country_label(c, lang)}</option> }
                        })
                        .collect_view()}
                </select>
                <select name="business_type" class=INPUT aria-label=t(K::BusinessType)>
                    <option value="">{t(K::AnyBusiness)}</option>
                    <option value=BusinessType::Individual.as_str()>{t(K::BizIndividual)}</option>
                    <option value=BusinessType::Company.as_str()>{t(K::BizCompany)}</option>
                </select>
                <label class="flex items-center gap-1 text-sm">
                    <input type="checkbox" name="only_with_brand" value="on" />
                    {t(K::OnlyWithBrand)}
                </label>
                <button type="submit" class=BUTTON>
                    {t(K::AddRequirement)}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Payouts(s: PlatformSettings) -> impl IntoView {
    let action = ServerAction::<RecordPayout>::new();
    on_success(action.value(), |_| navigate_full("/admin/settings"));
    let err = move || action.value().get().and_then(|r| r.err());
    view! {
        <section class=CARD data-testid="payouts">
            <h2 class="text-lg font-semibold">{t(K::PayoutsDue)}</h2>
            {move || err().map(|e| view! { <ErrorBanner error=e /> })}
            {if s.payouts.is_empty() {
                view! { <p class="text-sm text-slate-500">{t(K::NothingYet)}</p> }.into_any()
            } else {
                view! {
                    <ul class="divide-y divide-slate-100 text-sm">
                        {s
                            .payouts
                            .into_iter()
                            .map(|p| {
                                let c = domain::Currency::parse(&p.currency).unwrap_or_default();
                                view! {
                                    <li class="flex flex-wrap items-center justify-between gap-2 py-2">
                                        <span>
                                            <strong>{p.name}</strong>
                                            " · "
                                            {domain::Money::new(p.available_minor, c).format()}
                                            " · "
                                            {p
                                                .account
                                                .unwrap_or_else(|| t(K::PayoutNotSet).to_string())}
                                        </span>
                                        <ActionForm
                                            action=action
                                            attr:class="flex items-center gap-2"
                                        >
                                            <input type="hidden" name="shop" value=p.shop />
                                            <input
                                                name="amount"
                                                value=domain::Money::new(p.available_minor, c)
                                                    .decimal_string()
                                                class=format!("{INPUT} w-28")
                                                aria-label=t(K::AmountColumn)
                                            />
                                            <input
                                                name="reference"
                                                placeholder=t(K::PayoutReference)
                                                class=format!("{INPUT} w-40")
                                                aria-label=t(K::PayoutReference)
                                            />
                                            <button type="submit" class=BUTTON>
                                                {t(K::RecordPayout)}
                                            </button>
                                        </ActionForm>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
pub fn AdminSettingsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_platform_settings());
    view! {
        <Title text=format!("{} · {}", t(K::PlatformSettings), t(K::Brand)) />
        <section class="space-y-6">
            <header>
                <h1 class="text-2xl font-bold text-slate-900">{t(K::PlatformSettings)}</h1>
                <p class="text-slate-600">{t(K::PlatformSettingsIntro)}</p>
            </header>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(s) => {
                            view! {
                                <crate::moderation::policy_settings::ModerationPolicyForm />
                                <Commission s=s.clone() />
                                <Requirements s=s.clone() />
                                <Payouts s />
                            }
                                .into_any()
                        }
                        Err(e) => view! { <GateError error=e path="/admin/settings" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
