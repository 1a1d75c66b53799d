//! The pages and components.

use super::*;

fn reason_key(r: &str) -> crate::i18n::K {
    use crate::i18n::K;
    match r {
        "counterfeit" => K::RpCounterfeit,
        "ip" => K::RpIp,
        "prohibited" => K::RpProhibited,
        _ => K::RpOther,
    }
}

/// "Report this listing" on the product page: a plain form inside a disclosure (works
/// before wasm loads); visitors who are not signed in are sent to log in.
#[component]
pub fn ReportListingForm(product: String) -> impl IntoView {
    use crate::i18n::{field_error_key, t, K};
    let action = ServerAction::<ReportListing>::new();
    let done = move || action.value().get().is_some_and(|r| r.is_ok());
    let err = move || action.value().get().and_then(|r| r.err());
    view! {
        <details class="text-sm text-slate-600" data-testid="report-listing">
            <summary class="cursor-pointer hover:underline">{t(K::RpTitle)}</summary>
            <Show
                when=done
                fallback=move || {
                    let product = product.clone();
                    view! {
                        <ActionForm
                            action=action
                            attr:class="mt-2 space-y-2 rounded-lg border border-slate-200 bg-white p-3"
                        >
                            <input type="hidden" name="product" value=product />
                            <fieldset class="space-y-1">
                                <legend class="font-medium text-slate-800">{t(K::RpWhy)}</legend>
                                {REPORT_REASONS
                                    .iter()
                                    .map(|r| {
                                        view! {
                                            <label class="flex items-center gap-2">
                                                <input type="radio" name="reason" value=*r required=true />
                                                {t(reason_key(r))}
                                            </label>
                                        }
                                    })
                                    .collect_view()}
                            </fieldset>
                            <label class="block">
                                <span class="font-medium text-slate-800">{t(K::RpDetails)}</span>
                                <textarea
                                    name="text"
                                    rows="2"
                                    maxlength="2000"
                                    class="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2"
                                ></textarea>
                            </label>
                            {move || {
                                err()
                                    .map(|e| match e {
                                        AppError::Unauthenticated => {
                                            view! {
                                                <p role="alert" class="text-red-700">
                                                    <a href="/login" class="underline">
                                                        {t(K::RpLogIn)}
                                                    </a>
                                                </p>
                                            }
                                                .into_any()
                                        }
                                        AppError::Invalid(list) => {
                                            view! {
                                                <p
                                                    role="alert"
                                                    class="text-red-700"
                                                    data-testid="report-error"
                                                >
                                                    {list
                                                        .first()
                                                        .map(|f| t(field_error_key(f.code)))
                                                        .unwrap_or_default()}
                                                </p>
                                            }
                                                .into_any()
                                        }
                                        other => {
                                            view! { <crate::ui::ErrorBanner error=other /> }.into_any()
                                        }
                                    })
                            }}
                            <button
                                type="submit"
                                class="rounded-lg border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-100"
                                data-testid="report-submit"
                            >
                                {t(K::RpSubmit)}
                            </button>
                        </ActionForm>
                    }
                }
            >
                <p class="mt-2 font-medium text-teal-800" role="status" data-testid="report-done">
                    {t(K::RpThanks)}
                </p>
            </Show>
        </details>
    }
}

/// Open reports for moderators (on `/admin/moderation`).
#[component]
pub fn OpenReports() -> impl IntoView {
    use crate::i18n::{t, K};
    let data = Resource::new(|| (), |_| get_open_reports());
    let action = ServerAction::<DecideReport>::new();
    crate::ui::on_success(action.value(), |_| crate::ui::reload_page());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                data.await
                    .ok()
                    .filter(|r| !r.is_empty())
                    .map(|reports| {
                        view! {
                            <section class="space-y-3" data-testid="open-reports">
                                <h2 class="text-lg font-semibold">{t(K::RpOpen)}</h2>
                                {reports
                                    .into_iter()
                                    .map(|r| {
                                        view! {
                                            <article
                                                class="flex flex-wrap items-center gap-3 rounded-xl border border-slate-200 bg-white p-3 text-sm"
                                                data-testid="report-row"
                                            >
                                                <div class="grow">
                                                    <a
                                                        href=format!("/p/{}", r.product_key)
                                                        class="font-medium text-teal-800 underline"
                                                    >
                                                        {r.product_title.clone()}
                                                    </a>
                                                    <p class="text-slate-600">
                                                        {r.shop_name.clone()} " · " {t(reason_key(&r.reason))}
                                                        " · " {r.reports_on_listing} " " {t(K::RpCount)}
                                                    </p>
                                                    {(!r.text.is_empty())
                                                        .then(|| {
                                                            view! {
                                                                <p class="whitespace-pre-line">{r.text.clone()}</p>
                                                            }
                                                        })}
                                                </div>
                                                <ActionForm action=action attr:class="flex gap-2">
                                                    <input type="hidden" name="key" value=r.key.clone() />
                                                    <button
                                                        type="submit"
                                                        name="decision"
                                                        value="review"
                                                        class="rounded-lg bg-teal-700 px-3 py-1.5 font-semibold text-white"
                                                    >
                                                        {t(K::RpHold)}
                                                    </button>
                                                    <button
                                                        type="submit"
                                                        name="decision"
                                                        value="dismiss"
                                                        class="rounded-lg border border-slate-300 px-3 py-1.5 font-semibold"
                                                    >
                                                        {t(K::RpDismiss)}
                                                    </button>
                                                </ActionForm>
                                            </article>
                                        }
                                    })
                                    .collect_view()}
                            </section>
                        }
                    })
            })}
        </Suspense>
    }
}
