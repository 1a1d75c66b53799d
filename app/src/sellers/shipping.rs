//! `/seller/shipping`: where a shop ships. Each zone (a `shipping_method` row) lists the
//! countries it delivers to with its rate, free-shipping threshold and delivery time;
//! the shop ships to the union of its zones. Product pages tell shoppers elsewhere that
//! it doesn't ship to them, and checkout refuses such lines (`OrderError::CannotShip`).
// The zone form posts its fields flat (as the inputs are named).
#![allow(clippy::too_many_arguments)]

use domain::{Currency, Money};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::{field_error_key, t, use_lang, K};
use crate::sellers::onboarding::country_label;
use crate::sellers::views::SellerNav;
use crate::shell::GateError;
use crate::ui::{on_success, reload_page, EmptyState, FormField, LoadingBlock};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneView {
    /// The zone's code within the shop (from its English name).
    pub code: String,
    pub name: String,
    pub countries: Vec<String>,
    pub price: Money,
    pub free_over: Option<Money>,
    pub days_min: i64,
    pub days_max: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShippingSetup {
    pub ships_from: String,
    pub currency: Currency,
    pub zones: Vec<ZoneView>,
    pub ships_to: Vec<String>,
}

#[server(endpoint = "shipping_setup")]
pub async fn get_shipping_setup() -> Result<ShippingSetup, AppError> {
    imp::setup().await
}

/// Adds a zone, or replaces the one with the same English name.
#[server(endpoint = "save_zone")]
pub async fn save_zone(
    #[server(default)] name_en: String,
    #[server(default)] name_zh: String,
    #[server(default)] countries: Vec<String>,
    #[server(default)] price: String,
    #[server(default)] free_over: String,
    #[server(default)] days_min: String,
    #[server(default)] days_max: String,
) -> Result<(), AppError> {
    imp::save(imp::ZoneForm {
        name_en,
        name_zh,
        countries,
        price,
        free_over,
        days_min,
        days_max,
    })
    .await
}

#[server(endpoint = "remove_zone")]
pub async fn remove_zone(#[server(default)] code: String) -> Result<(), AppError> {
    imp::remove(&code).await
}

#[component]
pub fn SellerShippingPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_shipping_setup());
    let save = ServerAction::<SaveZone>::new();
    let remove = ServerAction::<RemoveZone>::new();
    on_success(save.value(), |_| reload_page());
    on_success(remove.value(), |_| reload_page());
    let err = Signal::derive(move || save.value().get().and_then(|v| v.err()));
    let field =
        move |name: &'static str| Signal::derive(move || err.get().and_then(|e| e.field(name)));
    let lang = use_lang();
    view! {
        <Title text=format!("{} · {}", t(K::ShTitle), t(K::SellerCentre)) />
        <section class="space-y-5">
            <SellerNav current="/seller/shipping" />
            <header>
                <h1 class="text-2xl font-bold text-slate-900">{t(K::ShTitle)}</h1>
                <p class="text-slate-600">{t(K::ShIntro)}</p>
            </header>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(s) => {
                            view! {
                                <p class="text-sm text-slate-700" data-testid="ships-to-summary">
                                    <span class="font-medium">{t(K::ShShipsFrom)}</span>
                                    " "
                                    {country_label(&s.ships_from, lang)}
                                    " · "
                                    <span class="font-medium">{t(K::ShShopShipsTo)}</span>
                                    " "
                                    {if s.ships_to.is_empty() {
                                        t(K::ShNowhere).to_string()
                                    } else {
                                        domain::locale::join_list(
                                            lang,
                                            &s
                                                .ships_to
                                                .iter()
                                                .map(|c| country_label(c, lang))
                                                .collect::<Vec<_>>(),
                                        )
                                    }}
                                </p>
                                {if s.zones.is_empty() {
                                    view! { <EmptyState message=K::ShNoZones /> }.into_any()
                                } else {
                                    view! {
                                        <div class="overflow-x-auto rounded-xl border border-slate-200 bg-white">
                                            <table class="w-full text-sm" data-testid="zones">
                                                <caption class="px-3 py-2 text-left font-semibold">
                                                    {t(K::ShZones)}
                                                </caption>
                                                <thead class="bg-slate-50 text-left text-slate-600">
                                                    <tr>
                                                        <th class="px-3 py-2">{t(K::ShZone)}</th>
                                                        <th class="px-3 py-2">{t(K::ShShipsTo)}</th>
                                                        <th class="px-3 py-2 text-right">{t(K::ShRate)}</th>
                                                        <th class="px-3 py-2">{t(K::ShDays)}</th>
                                                        <th class="px-3 py-2"></th>
                                                    </tr>
                                                </thead>
                                                <tbody>
                                                    {s
                                                        .zones
                                                        .into_iter()
                                                        .map(|z| {
                                                            let code = z.code.clone();
                                                            view! {
                                                                <tr
                                                                    class="border-t border-slate-100"
                                                                    data-testid=format!("zone-{}", z.code)
                                                                >
                                                                    <td class="px-3 py-2 font-medium">{z.name}</td>
                                                                    <td class="px-3 py-2">
                                                                        {domain::locale::join_list(
                                                                            lang,
                                                                            &z
                                                                                .countries
                                                                                .iter()
                                                                                .map(|c| country_label(c, lang))
                                                                                .collect::<Vec<_>>(),
                                                                        )}
                                                                    </td>
                                                                    <td class="px-3 py-2 text-right">
                                                                        {z.price.format()}
                                                                        {z
                                                                            .free_over
                                                                            .map(|f| {
                                                                                view! {
                                                                                    <span class="block text-xs text-slate-500">
                                                                                        {t(K::ShFreeOverShort)} {domain::locale::colon(lang)}
                                                                                        {f.format()}
                                                                                    </span>
                                                                                }
                                                                            })}
                                                                    </td>
                                                                    <td class="px-3 py-2">
                                                                        {format!(
                                                                            "{}–{} {}",
                                                                            z.days_min,
                                                                            z.days_max,
                                                                            t(K::ShDaysUnit),
                                                                        )}
                                                                    </td>
                                                                    <td class="px-3 py-2 text-right">
                                                                        <ActionForm action=remove>
                                                                            <input type="hidden" name="code" value=code />
                                                                            <button
                                                                                type="submit"
                                                                                class="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100"
                                                                            >
                                                                                {t(K::ShRemove)}
                                                                            </button>
                                                                        </ActionForm>
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
                                }}
                            }
                                .into_any()
                        }
                        Err(e) => view! { <GateError error=e path="/seller/shipping" /> }.into_any(),
                    }
                })}
            </Suspense>
            <section class="rounded-xl border border-slate-200 bg-white p-4">
                <h2 class="mb-3 text-lg font-semibold">{t(K::ShNewZone)}</h2>
                <ActionForm
                    action=save
                    attr:class="grid gap-x-4 gap-y-3 sm:grid-cols-2"
                    attr:data-testid="zone-form"
                >
                    <FormField label=K::ShNameEn name="name_en" error=field("name_en") />
                    <FormField label=K::ShNameZh name="name_zh" error=field("name_zh") />
                    <fieldset class="sm:col-span-2">
                        <legend class="text-sm font-medium text-slate-800">
                            {t(K::ShShipsTo)}
                        </legend>
                        <div class="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                            {domain::shipping::DESTINATIONS
                                .into_iter()
                                .enumerate()
                                .map(|(i, c)| {
                                    view! {
                                        <label class="inline-flex items-center gap-1 text-sm">
                                            <input
                                                type="checkbox"
                                                name=format!("countries[{i}]")
                                                value=c
                                            />
                                            {country_label(c, lang)}
                                        </label>
                                    }
                                })
                                .collect_view()}
                        </div>
                        {move || {
                            field("countries")
                                .get()
                                .map(|c| {
                                    view! {
                                        <p
                                            class="text-sm text-red-700"
                                            data-testid="countries-error"
                                        >
                                            {t(field_error_key(c))}
                                        </p>
                                    }
                                })
                        }}
                    </fieldset>
                    <FormField
                        label=K::ShRate
                        name="price"
                        hint=K::ShRateNote
                        error=field("price")
                    />
                    <FormField label=K::ShFreeOver name="free_over" error=field("free_over") />
                    <FormField
                        label=K::ShDaysMin
                        name="days_min"
                        kind="number"
                        error=field("days_min")
                    />
                    <FormField
                        label=K::ShDaysMax
                        name="days_max"
                        kind="number"
                        error=field("days_max")
                    />
                    <div class="sm:col-span-2">
                        <button
                            type="submit"
                            class="rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                        >
                            {t(K::ShSaveZone)}
                        </button>
                    </div>
                </ActionForm>
            </section>
        </section>
    }
}

#[cfg(feature = "ssr")]
pub mod imp {
    use domain::shipping::{check_zone, ships_to};
    use domain::{FieldError, Lang, Role};
    use surrealdb::types::RecordId;

    use super::*;
    use crate::accounts::session::require_role;
    use crate::ctx::shop_of;
    use crate::error::bounded_text;
    use crate::orders::store::shipping_methods;
    use crate::state::{app_state, key_of};

    pub struct ZoneForm {
        pub name_en: String,
        pub name_zh: String,
        pub countries: Vec<String>,
        pub price: String,
        pub free_over: String,
        pub days_min: String,
        pub days_max: String,
    }

    pub async fn setup() -> Result<ShippingSetup, AppError> {
        let seller = require_role(Role::Seller).await?;
        let state = app_state()?;
        let shop = shop_of(&state.db, &seller).await?;
        let currency = shop.currency();
        let lang = crate::prefs::Prefs::current().lang;
        let ships_from = crate::sellers::store::shop_country(&state.db, &shop.id).await?;
        let methods = shipping_methods(&state.db, vec![shop.id.clone()]).await?;
        let zones: Vec<domain::shipping::ZoneRate> = methods.iter().map(|m| m.zone()).collect();
        Ok(ShippingSetup {
            ships_from,
            currency,
            ships_to: ships_to(&zones).into_iter().map(str::to_string).collect(),
            zones: methods
                .into_iter()
                .map(|m| ZoneView {
                    name: if lang == Lang::ZhHant {
                        m.name_zh.clone()
                    } else {
                        m.name_en.clone()
                    },
                    price: Money::new(m.price_minor, currency),
                    free_over: m.free_over_minor.map(|f| Money::new(f, currency)),
                    days_min: m.days_min,
                    days_max: m.days_max,
                    countries: m.countries,
                    code: m.code,
                })
                .collect(),
        })
    }

    /// `Standard (Asia)` → `standard-asia`.
    fn code_of(name: &str) -> String {
        let mut out = String::new();
        for c in name.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        }
        let out: String = out.trim_end_matches('-').chars().take(40).collect();
        if out.is_empty() {
            // a name with no ASCII letters (亞洲): a stable code of its own, so two such
            // zones do not replace each other
            let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            });
            format!("zone-{:08x}", hash as u32)
        } else {
            out
        }
    }

    pub async fn save(f: ZoneForm) -> Result<(), AppError> {
        let seller = require_role(Role::Seller).await?;
        let state = app_state()?;
        let shop = shop_of(&state.db, &seller).await?;
        if shop.status != "approved" {
            return Err(AppError::Forbidden);
        }
        let currency = shop.currency();
        let mut errs: Vec<FieldError> = Vec::new();
        let name_en = bounded_text(&f.name_en, "name_en", 1, 60, &mut errs);
        let name_zh = bounded_text(&f.name_zh, "name_zh", 0, 60, &mut errs);
        let amount = |s: &str| Money::parse_major(s, currency).map(|m| m.amount_minor);
        let price = amount(&f.price);
        let free_over = if f.free_over.trim().is_empty() {
            Some(None)
        } else {
            amount(&f.free_over).map(Some)
        };
        let day = |s: &str| s.trim().parse::<i64>().ok();
        let zone = check_zone(
            &f.countries,
            price,
            free_over,
            day(&f.days_min),
            day(&f.days_max),
        );
        let zone = match zone {
            Ok(z) if errs.is_empty() => z,
            Ok(_) => return Err(AppError::Invalid(errs)),
            Err(more) => {
                errs.extend(more);
                return Err(AppError::Invalid(errs));
            }
        };
        let code = code_of(&name_en);
        let shop_key = key_of(&shop.id);
        let next_position = shipping_methods(&state.db, vec![shop.id.clone()])
            .await?
            .len() as i64;
        let name_zh = if name_zh.is_empty() {
            name_en.clone()
        } else {
            name_zh
        };
        crate::sellers::store::save_zone(
            &state.db,
            crate::sellers::store::ZoneInsert {
                id: RecordId::new("shipping_method", format!("{shop_key}/{code}")),
                shop: shop.id.clone(),
                code,
                name_en,
                name_zh,
                currency: currency.code().to_string(),
                zone,
                position: next_position,
            },
        )
        .await?;
        state.catalog_cache.invalidate();
        Ok(())
    }

    /// Removes one of the caller's own zones; the id is built from their shop, so
    /// nobody reaches another shop's zone.
    pub async fn remove(code: &str) -> Result<(), AppError> {
        let seller = require_role(Role::Seller).await?;
        let state = app_state()?;
        let shop = shop_of(&state.db, &seller).await?;
        if shop.status != "approved" {
            return Err(AppError::Forbidden);
        }
        if code.is_empty()
            || code.len() > 40
            || !code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(AppError::NotFound);
        }
        let id = RecordId::new("shipping_method", format!("{}/{code}", key_of(&shop.id)));
        if !crate::sellers::store::delete_zone(&state.db, id, &shop.id).await? {
            return Err(AppError::NotFound);
        }
        state.catalog_cache.invalidate();
        Ok(())
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn zone_codes() {
            assert_eq!(super::code_of("Standard (Asia)"), "standard-asia");
            assert_eq!(super::code_of("  Asia air!! "), "asia-air");
            let a = super::code_of("亞洲");
            let b = super::code_of("歐洲");
            assert!(a.starts_with("zone-") && b.starts_with("zone-"));
            assert_ne!(a, b);
            assert_eq!(a, super::code_of("亞洲"));
        }
    }
}
