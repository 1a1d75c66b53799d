//! The mail settings on the account page, and the page an unsubscribe link opens.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::*;
use crate::i18n::{t, K};
use crate::ui::{ErrorBanner, LoadingBlock};

/// The name of an optional kind of mail.
fn category_name(category: &str) -> K {
    match category {
        "stock" => K::MailStock,
        "messages" => K::MailMessages,
        _ => K::MailReviews,
    }
}

/// The account page's mail settings: the language mail is written in, and which of
/// the optional kinds arrive.
#[component]
pub fn MailPrefsForm() -> impl IntoView {
    let prefs = Resource::new(|| (), |_| get_mail_prefs());
    let save = ServerAction::<SaveMailPrefs>::new();
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    let error = move || save.value().get().and_then(|v| v.err());
    view! {
        <section
            id="mail"
            class="space-y-3 rounded-2xl border border-slate-200 bg-white p-6"
            data-testid="mail-prefs"
        >
            <h2 class="text-lg font-semibold text-slate-900">{t(K::MailPrefsTitle)}</h2>
            <p class="text-sm text-slate-600">{t(K::MailPrefsIntro)}</p>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match prefs.await {
                        Ok(p) => {
                            let kinds = ["reviews", "stock", "messages"]
                                .map(|c| (c, p.on.iter().any(|o| o == c)));
                            let lang = p.lang.clone();
                            view! {
                                <ActionForm action=save attr:class="space-y-3">
                                    <div class="space-y-1">
                                        <label
                                            for="mail-lang"
                                            class="block text-sm font-medium text-slate-800"
                                        >
                                            {t(K::MailLanguage)}
                                        </label>
                                        <select
                                            id="mail-lang"
                                            name="lang"
                                            class="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 sm:w-64"
                                        >
                                            {domain::Lang::ALL
                                                .into_iter()
                                                .map(move |l| {
                                                    view! {
                                                        <option value=l.code() selected=lang == l.code()>
                                                            {l.native_name()}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </div>
                                    {kinds
                                        .into_iter()
                                        .map(|(c, on)| {
                                            view! {
                                                <label class="flex items-center gap-2 text-sm">
                                                    <input type="checkbox" name=c checked=on />
                                                    {t(category_name(c))}
                                                </label>
                                            }
                                        })
                                        .collect_view()}
                                    <p class="text-sm text-slate-500">{t(K::MailAlways)}</p>
                                    <button
                                        type="submit"
                                        class="rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                                    >
                                        {t(K::MailSave)}
                                    </button>
                                    {move || {
                                        saved()
                                            .then(|| {
                                                view! {
                                                    <p
                                                        role="status"
                                                        class="text-sm text-teal-800"
                                                        data-testid="mail-saved"
                                                    >
                                                        {t(K::MailSaved)}
                                                    </p>
                                                }
                                            })
                                    }}
                                    {move || error().map(|e| view! { <ErrorBanner error=e /> })}
                                </ActionForm>
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

/// `/email/unsubscribe?c=<kind>&t=<secret>`: asks before turning one kind of mail
/// off (link checkers open links too), then says it is done.
#[component]
pub fn UnsubscribedPage() -> impl IntoView {
    let query = use_query_map();
    let category = query.with_untracked(|q| q.get("c").unwrap_or_default());
    let token = query.with_untracked(|q| q.get("t").unwrap_or_default());
    let act = ServerAction::<Unsubscribe>::new();
    let what = t(category_name(&category));
    view! {
        <Title text=format!("{} · {}", t(K::MailUnsubTitle), t(K::Brand)) />
        <section class="mx-auto max-w-lg space-y-4 rounded-2xl border border-slate-200 bg-white p-6">
            <h1 class="text-xl font-bold text-slate-900">{t(K::MailUnsubTitle)}</h1>
            {move || match act.value().get() {
                Some(Ok(true)) => {
                    view! {
                        <p role="status" class="text-teal-900" data-testid="unsubscribed">
                            {t(K::MailUnsubDone)}
                            " "
                            <a href="/account#mail" class="underline">
                                {t(K::MailSettings)}
                            </a>
                        </p>
                    }
                        .into_any()
                }
                Some(Ok(false)) => {
                    view! {
                        <p role="alert" class="text-red-800" data-testid="unsubscribe-invalid">
                            {t(K::MailUnsubInvalid)}
                        </p>
                    }
                        .into_any()
                }
                Some(Err(e)) => view! { <ErrorBanner error=e /> }.into_any(),
                None => {
                    let (category, token) = (category.clone(), token.clone());
                    view! {
                        <p class="text-slate-700">
                            {t(K::MailUnsubAsk)} " " <strong>{what}</strong>
                        </p>
                        <ActionForm action=act>
                            <input type="hidden" name="category" value=category />
                            <input type="hidden" name="token" value=token />
                            <button
                                type="submit"
                                class="rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                            >
                                {t(K::MailUnsubscribe)}
                            </button>
                        </ActionForm>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
