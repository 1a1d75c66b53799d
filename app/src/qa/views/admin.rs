//! Held questions and answers on `/admin/moderation`: publish, or remove with a reason
//! the author is sent; every decision is audited.

use leptos::either::Either;
use leptos::prelude::*;

use crate::i18n::{t, K};
use crate::qa::*;
use crate::reviews::views::flag_key;
use crate::ui::{action_failure, utc_datetime, ErrorBanner};

#[component]
pub fn ModerationQuestions() -> impl IntoView {
    let data = Resource::new(|| (), |_| moderation_questions());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => {
                        Either::Left(
                            view! {
                                <section class="space-y-3" data-testid="moderation-questions">
                                    <h2 class="text-lg font-semibold">
                                        {t(K::QaModHeading)} " (" {list.len()} ")"
                                    </h2>
                                    {if list.is_empty() {
                                        Either::Left(
                                            view! {
                                                <p class="text-sm text-slate-600">{t(K::QaModNone)}</p>
                                            },
                                        )
                                    } else {
                                        Either::Right(
                                            list
                                                .into_iter()
                                                .map(|m| view! { <ModQaCard m=m /> })
                                                .collect_view(),
                                        )
                                    }}
                                </section>
                            },
                        )
                    }
                    Err(e) => Either::Right(view! { <ErrorBanner error=e /> }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ModQaCard(m: ModQa) -> impl IntoView {
    let action = ServerAction::<DecideQuestion>::new();
    let done = move || action.value().get().is_some_and(|v| v.is_ok());
    let reason_id = format!(
        "qa-reason-{}",
        m.answer_key.as_ref().unwrap_or(&m.question_key)
    );
    let (qk, ak) = (m.question_key.clone(), m.answer_key.clone());
    view! {
        <article
            class="rounded-xl border border-slate-200 bg-white p-4 text-sm"
            data-testid="mod-question"
        >
            <a
                href=format!("/p/{}#questions", m.product_key)
                class="font-medium text-teal-800 underline"
            >
                {m.product_title.clone()}
            </a>
            <p class="mt-1 text-xs text-slate-500">
                {m.author.clone()} " · " {utc_datetime(m.created_at)}
            </p>
            <ul class="mt-2 flex flex-wrap gap-2">
                {m
                    .flags
                    .iter()
                    .map(|f| {
                        view! {
                            <li class="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
                                {t(flag_key(f))}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p class="mt-2 text-slate-800">
                <span class="font-bold text-teal-800">"Q "</span>
                {m.question.clone()}
            </p>
            {m
                .answer
                .clone()
                .map(|a| {
                    view! {
                        <p class="mt-1 whitespace-pre-line text-slate-800" data-testid="mod-answer">
                            <span class="font-bold text-teal-800">"A "</span>
                            {a}
                        </p>
                    }
                })}
            <Show
                when=done
                fallback=move || {
                    let (reason_id, qk, ak) = (reason_id.clone(), qk.clone(), ak.clone());
                    view! {
                        <ActionForm action=action attr:class="mt-3 space-y-2">
                            <input type="hidden" name="question" value=qk />
                            {ak.map(|a| view! { <input type="hidden" name="answer" value=a /> })}
                            <label for=reason_id.clone() class="block font-medium">
                                {t(K::QaReason)}
                            </label>
                            <textarea
                                id=reason_id
                                name="reason"
                                rows="2"
                                maxlength="2000"
                                class="block w-full rounded-lg border border-slate-300 px-3 py-2"
                            ></textarea>
                            {action_failure(action.value())}
                            <div class="flex gap-2">
                                <button
                                    type="submit"
                                    name="decision"
                                    value="publish"
                                    class="rounded-lg bg-teal-700 px-3 py-1.5 font-semibold text-white"
                                    data-testid="mod-qa-publish"
                                >
                                    {t(K::QaPublish)}
                                </button>
                                <button
                                    type="submit"
                                    name="decision"
                                    value="remove"
                                    class="rounded-lg border border-red-300 px-3 py-1.5 font-semibold text-red-800"
                                    data-testid="mod-qa-remove"
                                >
                                    {t(K::QaRemove)}
                                </button>
                            </div>
                        </ActionForm>
                    }
                }
            >
                <p class="mt-3 font-medium text-teal-800" role="status" data-testid="mod-qa-done">
                    {t(K::RvModDone)}
                </p>
            </Show>
        </article>
    }
}
