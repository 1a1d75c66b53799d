//! `/admin/settings`: what admins tune without a release — commission rates (default
//! and per category), the documents seller applications require, and payouts to
//! shops with money available. Every change is in the audit log.

use domain::onboarding::{BusinessType, DocumentKind, COUNTRIES};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::{field_error_key, t, use_lang, K};
use crate::sellers::money::RecordPayout;
use crate::sellers::onboarding::country_label;
use crate::sellers::onboarding::views::document_key;
use crate::shell::GateError;
use crate::ui::{navigate_full, on_success, ErrorBanner, LoadingBlock};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequirementRow {
    pub id: String,
    pub country: Option<String>,
    pub business_type: Option<String>,
    pub document: DocumentKind,
    pub only_with_brand: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayoutDue {
    pub shop: String,
    pub name: String,
    pub currency: String,
    pub available_minor: i64,
    pub account: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformSettings {
    pub default_bps: i64,
    /// (category slug, English name, Chinese name, rate in basis points if set)
    pub categories: Vec<(String, String, String, Option<i64>)>,
    pub requirements: Vec<RequirementRow>,
    pub payouts: Vec<PayoutDue>,
}

#[cfg(feature = "ssr")]
pub mod imp {
    use backend::db::{Audit, AuditAction};
    use domain::onboarding::{parse_country, BusinessType, DocumentKind};
    use domain::{FieldErrorCode, Role};
    use surrealdb::types::RecordId;

    use super::{PayoutDue, PlatformSettings, RequirementRow};
    use crate::accounts::session::{require_role, SessionUser};
    use crate::error::{invalid, AppError};
    use crate::moderation::store;
    use crate::state::{app_state, key_of, AppState};

    pub async fn load() -> Result<PlatformSettings, AppError> {
        require_role(Role::Admin).await?;
        let state = app_state()?;
        let rows = store::settings_rows(&state.db).await?;
        let mut payouts = Vec::new();
        for d in rows.dues {
            let acct = store::payout_account_number(&state.db, &d.shop).await?;
            payouts.push(PayoutDue {
                shop: key_of(&d.shop),
                name: d.name.unwrap_or_default(),
                currency: d.currency,
                available_minor: d.available_minor,
                account: acct.as_deref().map(crate::sellers::money::imp::mask),
            });
        }
        Ok(PlatformSettings {
            default_bps: rows.default_bps.unwrap_or(1000),
            categories: rows
                .categories
                .into_iter()
                .map(|c| (c.slug, c.name_en, c.name_zh, c.rate))
                .collect(),
            requirements: rows
                .requirements
                .into_iter()
                .filter_map(|r| {
                    Some(RequirementRow {
                        id: key_of(&r.id),
                        country: r.country,
                        business_type: r.business_type,
                        document: DocumentKind::parse(&r.document)?,
                        only_with_brand: r.only_with_brand,
                    })
                })
                .collect(),
            payouts,
        })
    }

    async fn audit(
        state: &AppState,
        admin: &SessionUser,
        action: AuditAction,
        subject: &str,
        detail: serde_json::Value,
    ) -> Result<(), AppError> {
        crate::accounts::store::audit(
            &state.db,
            Audit::new(Some(&admin.id), action, subject, state.now()).detail(detail),
        )
        .await?;
        Ok(())
    }

    /// Sets the default rate (blank category) or one category's; `percent` blank
    /// removes a category's own rate. At most 50 %.
    pub async fn set_commission(category: &str, percent: &str) -> Result<(), AppError> {
        let admin = require_role(Role::Admin).await?;
        let state = app_state()?;
        let percent = percent.trim();
        let bps = if percent.is_empty() {
            None
        } else {
            let m = domain::Money::parse_major(percent, domain::Currency::USD)
                .filter(|m| (0..=5_000).contains(&m.amount_minor))
                .ok_or_else(|| invalid("percent", FieldErrorCode::InvalidNumber))?;
            Some(m.amount_minor)
        };
        if category.is_empty() {
            let bps = bps.ok_or_else(|| invalid("percent", FieldErrorCode::Required))?;
            store::set_default_commission(&state.db, bps, state.now()).await?;
            return audit(
                &state,
                &admin,
                AuditAction::SettingsCommission,
                "platform_setting:main",
                serde_json::json!({ "bps": bps }),
            )
            .await;
        }
        if !crate::state::is_record_key(category) {
            return Err(invalid("category", FieldErrorCode::InvalidChoice));
        }
        if !store::is_subcategory(&state.db, &RecordId::new("category", category)).await? {
            return Err(invalid("category", FieldErrorCode::InvalidChoice));
        }
        let rate = RecordId::new("commission_rate", category);
        match bps {
            Some(b) => store::set_category_rate(&state.db, &rate, b, state.now()).await?,
            None => store::remove_category_rate(&state.db, &rate).await?,
        }
        audit(
            &state,
            &admin,
            AuditAction::SettingsCommission,
            &format!("category:{category}"),
            serde_json::json!({ "bps": bps }),
        )
        .await
    }

    pub async fn add_requirement(
        country: &str,
        business_type: &str,
        document: &str,
        brand: bool,
    ) -> Result<(), AppError> {
        let admin = require_role(Role::Admin).await?;
        let state = app_state()?;
        let country = match country.trim() {
            "" => None,
            c => Some(
                parse_country(c)
                    .ok_or_else(|| invalid("country", FieldErrorCode::InvalidChoice))?
                    .to_string(),
            ),
        };
        let business_type = match business_type.trim() {
            "" => None,
            b => Some(
                BusinessType::parse(b)
                    .ok_or_else(|| invalid("business_type", FieldErrorCode::InvalidChoice))?
                    .as_str()
                    .to_string(),
            ),
        };
        let document = DocumentKind::parse(document.trim())
            .ok_or_else(|| invalid("document", FieldErrorCode::InvalidChoice))?;
        store::add_document_requirement(
            &state.db,
            country.clone(),
            business_type.clone(),
            document.as_str(),
            brand,
        )
        .await?;
        audit(
            &state,
            &admin,
            AuditAction::SettingsRequirementAdded,
            "document_requirement",
            serde_json::json!({ "country": country, "business_type": business_type, "document": document.as_str(), "only_with_brand": brand }),
        )
        .await
    }

    pub async fn remove_requirement(id: &str) -> Result<(), AppError> {
        let admin = require_role(Role::Admin).await?;
        let state = app_state()?;
        if !crate::state::is_record_key(id) {
            return Err(AppError::NotFound);
        }
        let requirement = RecordId::new("document_requirement", id);
        if !store::remove_document_requirement(&state.db, &requirement).await? {
            return Err(AppError::NotFound);
        }
        audit(
            &state,
            &admin,
            AuditAction::SettingsRequirementRemoved,
            &format!("document_requirement:{id}"),
            serde_json::json!({}),
        )
        .await
    }
}

#[server(endpoint = "platform_settings")]
pub async fn get_platform_settings() -> Result<PlatformSettings, AppError> {
    imp::load().await
}

/// `category` blank: the default rate. `percent` blank: remove the category's rate.
#[server(endpoint = "set_commission")]
pub async fn set_commission(
    #[server(default)] category: String,
    #[server(default)] percent: String,
) -> Result<(), AppError> {
    imp::set_commission(&category, &percent).await
}

#[server(endpoint = "add_requirement")]
pub async fn add_requirement(
    #[server(default)] country: String,
    #[server(default)] business_type: String,
    #[server(default)] document: String,
    #[server(default)] only_with_brand: Option<String>,
) -> Result<(), AppError> {
    imp::add_requirement(
        &country,
        &business_type,
        &document,
        only_with_brand.is_some(),
    )
    .await
}

#[server(endpoint = "remove_requirement")]
pub async fn remove_requirement(id: String) -> Result<(), AppError> {
    imp::remove_requirement(&id).await
}

const CARD: &str = "space-y-3 rounded-2xl border border-slate-200 bg-white p-6";
const INPUT: &str = "rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm";
const BUTTON: &str =
    "rounded-lg bg-teal-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-teal-800";

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
                                <super::policy_settings::ModerationPolicyForm />
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
