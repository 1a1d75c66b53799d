//! `/admin/moderation`: the queue (filters, bulk decisions; in `list`), one case
//! (`?case=…`; in `case`), and decisions with their appeals (in `decisions`); here the
//! page and the pieces its parts share.

mod case;
mod decisions;
mod list;

pub use self::decisions::DecisionCard;

use domain::strikes::Ground;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use self::case::CaseView;
use self::decisions::Appeals;
use self::list::QueueTable;
use super::{get_moderation_case, get_moderation_queue, CaseDetail, Queue, QueueFilter};
use crate::i18n::{field_error_key, t, K};
use crate::shell::GateError;
use crate::ui::LoadingBlock;

pub fn ground_key(g: &str) -> K {
    match Ground::parse(g) {
        Some(Ground::Counterfeit) => K::GrCounterfeit,
        Some(Ground::Trademark) => K::GrTrademark,
        Some(Ground::Copyright) => K::GrCopyright,
        Some(Ground::Prohibited) => K::GrProhibited,
        Some(Ground::Misleading) => K::GrMisleading,
        _ => K::GrOther,
    }
}

pub fn action_key(a: &str) -> K {
    match a {
        "approve" => K::ModApprove,
        "reject" => K::ModReject,
        "request_changes" => K::ModRequestChanges,
        // a buyer's claim about an order
        "refund" => K::ClaimDecidedRefund,
        "partial_refund" => K::ClaimDecidedPartial,
        "close" => K::ClaimDecidedClose,
        _ => K::ModDecided,
    }
}

pub fn sanction_key(s: &str) -> K {
    match s {
        "warning" => K::ScWarning,
        "listing_limit" => K::ScListingLimit,
        "suspension" => K::ScSuspension,
        "termination" => K::ScTermination,
        _ => K::ScNone,
    }
}

fn risk_badge(verdict: &str) -> impl IntoView {
    let (class, key) = if verdict == "hold" {
        (
            "rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800",
            K::ModRiskHold,
        )
    } else {
        (
            "rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900",
            K::ModRiskQueue,
        )
    };
    view! {
        <span class=class data-testid="case-risk">
            {t(key)}
        </span>
    }
}

const SELECT: &str = "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 focus:border-teal-600 focus:outline-none focus:ring-2 focus:ring-teal-600";

/// Ground select and statement, shared by the case form and the bulk form.
#[component]
fn ReasonFields(err: Signal<Option<crate::error::AppError>>) -> impl IntoView {
    let field_err = move |f: &'static str| {
        err.get().and_then(|e| e.field(f)).map(|c| {
            view! {
                <p role="alert" class="text-sm text-red-700" data-field-error=f>
                    {t(field_error_key(c))}
                </p>
            }
        })
    };
    view! {
        <label class="block text-sm">
            <span class="font-medium">{t(K::ModGround)}</span>
            <select name="ground" class=SELECT data-testid="decision-ground">
                <option value="">{t(K::ModChooseGround)}</option>
                {Ground::ALL
                    .iter()
                    .map(|g| {
                        view! { <option value=g.as_str()>{t(ground_key(g.as_str()))}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
        {move || field_err("ground")}
        <label class="block text-sm">
            <span class="font-medium">{t(K::StatementLabel)}</span>
            <textarea
                name="statement"
                rows="3"
                maxlength="4000"
                class=SELECT
                data-testid="decision-statement"
            ></textarea>
        </label>
        <p class="text-xs text-slate-500">{t(K::ModStatementHint)}</p>
        {move || field_err("statement")}
    }
}

fn decision_buttons() -> impl IntoView {
    view! {
        <div class="flex flex-wrap gap-2">
            <button
                type="submit"
                name="action"
                value="approve"
                class="rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                data-testid="decide-approve"
            >
                {t(K::ModApprove)}
            </button>
            <button
                type="submit"
                name="action"
                value="request_changes"
                class="rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold hover:bg-slate-100"
                data-testid="decide-request_changes"
            >
                {t(K::ModRequestChanges)}
            </button>
            <button
                type="submit"
                name="action"
                value="reject"
                class="rounded-lg border border-red-300 bg-white px-4 py-2 font-semibold text-red-800 hover:bg-red-50"
                data-testid="decide-reject"
            >
                {t(K::ModReject)}
            </button>
        </div>
    }
}

#[derive(Clone, serde::Serialize, serde::Deserialize)]
enum Page {
    List(Queue, QueueFilter),
    Case(Box<CaseDetail>),
}

#[component]
pub fn ModerationPage() -> impl IntoView {
    let query = use_query_map();
    let params = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        (
            get("case"),
            QueueFilter {
                risk: get("risk"),
                kind: get("kind"),
                brand: get("brand"),
                shop: get("shop"),
                age: get("age"),
            },
        )
    };
    let data = Resource::new(params, |(case, filter)| async move {
        if case.is_empty() {
            get_moderation_queue(filter.clone())
                .await
                .map(|q| Page::List(q, filter))
        } else {
            get_moderation_case(case.parse()?)
                .await
                .map(|c| Page::Case(Box::new(c)))
        }
    });
    view! {
        <Title text=format!("{} · {}", t(K::ModQueue), t(K::Brand)) />
        <section class="space-y-5">
            <header>
                <h1 class="text-2xl font-bold text-slate-900">{t(K::ModQueue)}</h1>
                <p class="text-slate-600">{t(K::ModQueueIntro)}</p>
            </header>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(Page::List(queue, filter)) => {
                            view! {
                                <crate::moderation::reports::OpenReports />
                                <QueueTable queue filter />
                                <crate::reviews::views::ModerationReviews />
                                <crate::qa::views::ModerationQuestions />
                                <crate::referrals::views::HeldRewards />
                                <Appeals />
                            }
                                .into_any()
                        }
                        Ok(Page::Case(c)) => view! { <CaseView c=*c /> }.into_any(),
                        Err(e) => {
                            view! { <GateError error=e path="/admin/moderation" /> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
