//! `/seller/questions`: shoppers' questions about the shop's products, those waiting
//! for the seller's answer first, each with its answers and the answer form.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{AnswerForm, Posted, QuestionBody};
use crate::i18n::{t, K};
use crate::qa::*;
use crate::sellers::views::SellerNav;
use crate::shell::GateError;
use crate::ui::{EmptyState, FilterTab, LoadingBlock};

#[component]
pub fn SellerQuestionsPage() -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| query.read().get("filter").unwrap_or_default());
    let data = Resource::new(move || filter.get(), seller_questions);
    let posted: Posted = RwSignal::new(None);
    let reload = Callback::new(move |(question, status): (String, String)| {
        posted.set(Some((question, super::posted_key(&status))));
        data.refetch();
    });
    let tab = move |value: &'static str, label: K| {
        let href = format!("/seller/questions?filter={value}");
        let active = Signal::derive(move || {
            let f = filter.get();
            f == value || (value == "unanswered" && f.is_empty())
        });
        view! { <FilterTab href=href active=active label=label /> }
    };
    view! {
        <Title text=format!("{} · {}", t(K::QaSellerTitle), t(K::SellerCentre)) />
        <section class="space-y-5">
            <SellerNav current="/seller/questions" />
            <header>
                <h1 class="text-2xl font-bold text-slate-900">{t(K::QaSellerTitle)}</h1>
                <p class="text-slate-600">{t(K::QaSellerIntro)}</p>
            </header>
            // the answered question leaves the "unanswered" list: the note stays here
            {move || {
                posted
                    .get()
                    .map(|(_, k)| {
                        view! {
                            <p role="status" class="text-sm text-teal-800" data-testid="qa-posted">
                                {t(k)}
                            </p>
                        }
                    })
            }}
            <nav class="flex flex-wrap gap-2" aria-label=t(K::QaSellerTitle)>
                {tab("unanswered", K::QaFilterUnanswered)}
                {tab("all", K::QaFilterAll)}
            </nav>
            <Transition fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) if d.questions.is_empty() => {
                            Either::Left(view! { <EmptyState message=K::QaSellerEmpty /> })
                        }
                        Ok(d) => {
                            Either::Right(
                                Either::Left(
                                    view! {
                                        <p
                                            class="text-sm text-slate-600"
                                            data-testid="qa-unanswered"
                                        >
                                            {t(K::QaFilterUnanswered)}
                                            ": "
                                            {d.unanswered}
                                        </p>
                                        <ol class="space-y-3" data-testid="seller-questions">
                                            {d
                                                .questions
                                                .into_iter()
                                                .map(|q| {
                                                    view! { <SellerQuestionCard q=q reload=reload /> }
                                                })
                                                .collect_view()}
                                        </ol>
                                    },
                                ),
                            )
                        }
                        Err(e) => {
                            Either::Right(
                                Either::Right(
                                    view! { <GateError error=e path="/seller/questions" /> },
                                ),
                            )
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn SellerQuestionCard(q: SellerQuestion, reload: Callback<(String, String)>) -> impl IntoView {
    let view_of = QuestionView {
        key: q.key.clone(),
        body: q.body.clone(),
        asker: q.asker.clone(),
        created_at: q.created_at,
        held: false,
        answers: q.answers.clone(),
    };
    view! {
        <li
            class="rounded-xl border border-slate-200 bg-white p-4"
            id=format!("question-{}", q.key)
            data-testid="seller-question"
        >
            <a
                href=format!("/p/{}#question-{}", q.product_key, q.key)
                class="text-sm font-medium text-teal-800 underline"
            >
                {q.product_title.clone()}
            </a>
            <div class="mt-1">
                <QuestionBody q=view_of />
            </div>
            <AnswerForm question=q.key.clone() reload=reload />
        </li>
    }
}
