//! The product page's questions and answers: search (a GET form, so the address holds
//! it), the list with answers labelled seller or verified buyer, the form to ask, and
//! the answer form for the product's seller and its buyers. The seller centre's list
//! is in [`seller`], the moderators' in [`admin`].

mod admin;
mod seller;

pub use admin::ModerationQuestions;
pub use seller::SellerQuestionsPage;

use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::codec::AsciiJson;
use crate::i18n::{t, K};
use crate::qa::*;
use crate::ui::{action_failure, on_success, utc_date, ErrorBanner, LoadingBlock};

fn posted_key(status: &str) -> K {
    if status == "held" {
        K::QaHeld
    } else {
        K::QaPosted
    }
}

/// What the reader's last post became: `(question key or "", message)`.
type Posted = RwSignal<Option<(String, K)>>;

/// The product page's questions and answers.
#[component]
pub fn QuestionsSection(product: String, href: String) -> impl IntoView {
    let query = use_query_map();
    let search = Memo::new(move |_| query.read().get("qa").unwrap_or_default());
    let pages = Memo::new(move |_| query.read().get("qa_pages").unwrap_or_default());
    let key = product.clone();
    let data = Resource::<_, AsciiJson>::new_with_options(
        move || (key.clone(), search.get(), pages.get()),
        |(p, s, n): (String, String, String)| async move { product_questions(p.parse()?, s, n).await },
        false,
    );
    // kept outside the list, which is drawn again when it reloads
    let posted: Posted = RwSignal::new(None);
    let reload = Callback::new(move |(question, status): (String, String)| {
        posted.set(Some((question, posted_key(&status))));
        data.refetch();
    });
    view! {
        <section
            id="questions"
            class="mt-10 scroll-mt-24"
            data-testid="questions"
            aria-labelledby="questions-heading"
        >
            <h2 id="questions-heading" class="mb-3 text-lg font-bold text-slate-900">
                {t(K::QaHeading)}
            </h2>
            <SearchForm href=href.clone() search=search />
            <Transition fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || {
                    let href = href.clone();
                    let product = product.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok(page) => {
                                let (signed_in, can_ask) = (page.signed_in, page.can_ask);
                                Either::Left(
                                    view! {
                                        <QuestionList
                                            page=page
                                            search=search.get_untracked()
                                            pages=pages.get_untracked()
                                            href=href.clone()
                                            posted=posted
                                            reload=reload
                                        />
                                        <AskForm
                                            product=product
                                            href=href
                                            signed_in=signed_in
                                            can_ask=can_ask
                                            posted=posted
                                            reload=reload
                                        />
                                    },
                                )
                            }
                            Err(e) => Either::Right(view! { <ErrorBanner error=e /> }),
                        }
                    })
                }}
            </Transition>
        </section>
    }
}

/// A GET form: the search is in the address (`?qa=…`), so it can be shared and works
/// before the page's code has loaded.
#[component]
fn SearchForm(href: String, search: Memo<String>) -> impl IntoView {
    view! {
        <Form method="GET" action=href attr:class="mb-4 flex max-w-xl gap-2" attr:role="search">
            <label for="qa-search" class="sr-only">
                {t(K::QaSearch)}
            </label>
            <input
                id="qa-search"
                type="search"
                name="qa"
                maxlength="100"
                prop:value=move || search.get()
                placeholder=t(K::QaSearch)
                class="min-w-0 flex-1 rounded-lg border border-slate-300 px-3 py-2 text-sm"
                data-testid="qa-search"
            />
            <button
                type="submit"
                class="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100"
            >
                {t(K::QaSearchButton)}
            </button>
        </Form>
    }
}

#[component]
fn QuestionList(
    page: QaPage,
    search: String,
    pages: String,
    href: String,
    posted: Posted,
    reload: Callback<(String, String)>,
) -> impl IntoView {
    let answer_as = page.answer_as.clone();
    let empty = if page.total == 0 && page.questions.is_empty() {
        Some(K::QaNone)
    } else if page.questions.is_empty() {
        Some(K::QaNoMatch)
    } else {
        None
    };
    let more = page.has_more.then(|| {
        let next = pages.parse::<usize>().unwrap_or(1).clamp(1, 49) + 1;
        let q = crate::prefs::encode_query_value(&search);
        view! {
            <a
                href=format!("{href}?qa={q}&qa_pages={next}#questions")
                class="mt-3 inline-block rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100"
                data-testid="qa-more"
            >
                {t(K::QaMore)}
            </a>
        }
    });
    view! {
        <p class="mb-2 text-sm text-slate-600" data-testid="qa-count">
            {page.total}
            " "
            {t(if page.total == 1 { K::QaCountOne } else { K::QaCount })}
        </p>
        {empty
            .map(|k| {
                view! {
                    <p
                        class="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600"
                        data-testid="qa-empty"
                    >
                        {t(k)}
                    </p>
                }
            })}
        <ul class="space-y-3">
            {page
                .questions
                .into_iter()
                .map(|q| {
                    let can_answer = answer_as.is_some() && !q.held;
                    view! {
                        <li
                            class="rounded-xl border border-slate-200 bg-white p-4"
                            id=format!("question-{}", q.key)
                            data-testid="question"
                        >
                            <QuestionBody q=q.clone() />
                            {can_answer
                                .then(|| {
                                    view! { <AnswerForm question=q.key.clone() reload=reload /> }
                                })}
                            {posted_note(posted, q.key.clone())}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {more}
    }
}

/// A question, who asked it and when, and its answers.
#[component]
pub fn QuestionBody(q: QuestionView) -> impl IntoView {
    view! {
        <p class="font-medium text-slate-900">
            <span class="mr-1 font-bold text-teal-800" aria-hidden="true">
                "Q"
            </span>
            <span data-testid="question-body">{q.body.clone()}</span>
            {q.held.then(|| view! { <HeldBadge /> })}
        </p>
        <p class="mt-0.5 text-xs text-slate-500">
            {t(K::QaAskedBy)} " " {q.asker.clone()} " · " {utc_date(q.created_at)}
        </p>
        {if q.answers.is_empty() {
            Either::Left(view! { <p class="mt-2 text-sm text-slate-500">{t(K::QaNoAnswers)}</p> })
        } else {
            Either::Right(
                view! {
                    <ul class="mt-2 space-y-2 border-l-2 border-teal-100 pl-3">
                        {q.answers.into_iter().map(|a| view! { <AnswerItem a=a /> }).collect_view()}
                    </ul>
                },
            )
        }}
    }
}

#[component]
fn HeldBadge() -> impl IntoView {
    view! {
        <span class="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
            {t(K::QaAwaiting)}
        </span>
    }
}

#[component]
fn AnswerItem(a: AnswerView) -> impl IntoView {
    let (badge, label) = if a.by == "seller" {
        ("bg-teal-700 text-white", K::QaSeller)
    } else {
        ("bg-slate-100 text-slate-800", K::QaBuyer)
    };
    view! {
        <li class="text-sm" data-testid="answer">
            <p class="whitespace-pre-line text-slate-800">
                <span class=format!(
                    "mr-2 rounded-full px-2 py-0.5 text-xs font-semibold {badge}",
                )>{t(label)}</span>
                <span data-testid="answer-body">{a.body.clone()}</span>
                {a.held.then(|| view! { <HeldBadge /> })}
            </p>
            <p class="mt-0.5 text-xs text-slate-500">
                {a.author.clone()} " · " {utc_date(a.created_at)}
            </p>
        </li>
    }
}

/// The note under a form once its post went through (published, or held); `which`:
/// the question answered, or `""` for the question asked.
fn posted_note(posted: Posted, which: String) -> impl IntoView {
    move || {
        posted.get().filter(|(q, _)| *q == which).map(|(_, k)| {
            view! {
                <p role="status" class="text-sm text-teal-800" data-testid="qa-posted">
                    {t(k)}
                </p>
            }
        })
    }
}

/// The answer form under a question (the product page and the seller centre).
#[component]
pub fn AnswerForm(question: String, reload: Callback<(String, String)>) -> impl IntoView {
    let action = ServerAction::<AnswerQuestion>::new();
    let mine = question.clone();
    on_success(action.value(), move |status| {
        reload.run((mine.clone(), status))
    });
    let id = format!("answer-{question}");
    view! {
        <details class="mt-2">
            <summary class="cursor-pointer text-sm font-medium text-teal-800">
                {t(K::QaAnswer)}
            </summary>
            <ActionForm action=action attr:class="mt-2 space-y-2">
                <input type="hidden" name="question" value=question.clone() />
                <label for=id.clone() class="sr-only">
                    {t(K::QaAnswerLabel)}
                </label>
                <textarea
                    id=id
                    name="answer"
                    rows="2"
                    maxlength="2000"
                    required=true
                    class="block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm"
                    data-testid="answer-text"
                ></textarea>
                {action_failure(action.value())}
                <button
                    type="submit"
                    class="rounded-lg bg-teal-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-teal-800"
                    disabled=move || action.pending().get()
                    data-testid="answer-submit"
                >
                    {t(K::QaAnswerSubmit)}
                </button>
            </ActionForm>
        </details>
    }
}

/// Asking: the form for a signed-in shopper, a log-in link for a visitor, nothing for
/// the product's own seller.
#[component]
fn AskForm(
    product: String,
    href: String,
    signed_in: bool,
    can_ask: bool,
    posted: Posted,
    reload: Callback<(String, String)>,
) -> impl IntoView {
    if !signed_in {
        let login = format!(
            "/login?next={}",
            crate::prefs::encode_query_value(&format!("{href}#questions"))
        );
        return Either::Left(Either::Left(view! {
            <a href=login class="mt-4 inline-block text-sm font-medium text-teal-800 underline">
                {t(K::QaLogInToAsk)}
            </a>
        }));
    }
    if !can_ask {
        return Either::Left(Either::Right(()));
    }
    let action = ServerAction::<AskQuestion>::new();
    on_success(action.value(), move |status| {
        reload.run((String::new(), status))
    });
    Either::Right(view! {
        <ActionForm action=action attr:class="mt-4 max-w-xl space-y-2" attr:data-testid="ask-form">
            <input type="hidden" name="product" value=product />
            <label for="qa-ask" class="block text-sm font-semibold">
                {t(K::QaAsk)}
            </label>
            <textarea
                id="qa-ask"
                name="question"
                rows="2"
                maxlength="500"
                required=true
                placeholder=t(K::QaAskPlaceholder)
                aria-describedby="qa-ask-help"
                class="block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm"
                data-testid="ask-text"
            ></textarea>
            <p id="qa-ask-help" class="text-xs text-slate-500">
                {t(K::QaAskHelp)}
            </p>
            {action_failure(action.value())}
            <button
                type="submit"
                class="rounded-lg bg-teal-700 px-4 py-2 text-sm font-semibold text-white hover:bg-teal-800"
                disabled=move || action.pending().get()
                data-testid="ask-submit"
            >
                {t(K::QaAskSubmit)}
            </button>
        </ActionForm>
        {posted_note(posted, String::new())}
    })
}
