//! The pages and components.

use super::*;

// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
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
