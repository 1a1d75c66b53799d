//! Step 2 of the application: the documents it needs, one upload form each.

use domain::onboarding::DocumentKind;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::document_key;
use crate::i18n::{t, K};
use crate::sellers::onboarding::Application;

/// Step 2: one upload form per document kind; required ones are marked.
// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
#[component]
pub(super) fn Documents(app: Application) -> impl IntoView {
    let query = use_query_map();
    let doc_error = move || query.read().get("doc_error");
    view! {
        <section class="space-y-3" id="documents">
            <h2 class="text-lg font-semibold">"2 · " {t(K::ApplyStepDocuments)}</h2>
            <p class="text-sm text-slate-600">{t(K::DocumentsIntro)}</p>
            {move || {
                doc_error()
                    .map(|code| {
                        view! {
                            <div
                                role="alert"
                                class="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
                                data-testid="document-error"
                            >
                                {t(upload_error_key(&code))}
                            </div>
                        }
                    })
            }}
            <ul class="space-y-2">
                {DocumentKind::ALL
                    .into_iter()
                    .map(|kind| {
                        let required = app.required.contains(&kind);
                        let uploaded = app.documents.iter().find(|d| d.kind == kind).cloned();
                        let input_id = format!("doc-{}", kind.as_str());
                        view! {
                            <li
                                class="rounded-xl border border-slate-200 bg-white p-3"
                                data-testid=format!("doc-row-{}", kind.as_str())
                            >
                                <div class="flex flex-wrap items-center justify-between gap-2">
                                    <p class="font-medium">
                                        {t(document_key(kind))}
                                        {required
                                            .then(|| {
                                                view! {
                                                    <span class="ml-2 rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-900">
                                                        {t(K::Required)}
                                                    </span>
                                                }
                                            })}
                                    </p>
                                    {match uploaded {
                                        Some(d) => {
                                            view! {
                                                <a
                                                    href=d.url
                                                    class="text-sm font-medium text-teal-800 underline"
                                                    target="_blank"
                                                    data-testid="doc-uploaded"
                                                >
                                                    {t(K::DocUploaded)}
                                                </a>
                                            }
                                                .into_any()
                                        }
                                        None => {
                                            view! {
                                                <span class="text-sm text-slate-500">
                                                    {t(K::DocNotUploaded)}
                                                </span>
                                            }
                                                .into_any()
                                        }
                                    }}
                                </div>
                                <form
                                    method="post"
                                    action="/sell/documents"
                                    enctype="multipart/form-data"
                                    class="mt-2 flex flex-wrap items-center gap-2"
                                >
                                    <input type="hidden" name="kind" value=kind.as_str() />
                                    <label for=input_id.clone() class="sr-only">
                                        {t(document_key(kind))}
                                    </label>
                                    <input
                                        id=input_id
                                        type="file"
                                        name="file"
                                        accept=".pdf,image/jpeg,image/png,image/webp"
                                        required
                                        class="text-sm file:mr-2 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1.5"
                                    />
                                    <button
                                        type="submit"
                                        class="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
                                    >
                                        {t(K::Upload)}
                                    </button>
                                </form>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p class="text-xs text-slate-500">{t(K::DocumentsPrivacy)}</p>
        </section>
    }
}

/// Messages for the document upload's failure codes (see the `/sell/documents` route).
fn upload_error_key(code: &str) -> K {
    match code {
        "FileTooLarge" => K::ErrDocumentTooLarge,
        "NotADocument" => K::ErrNotADocument,
        "Required" => K::ErrRequired,
        "state" => K::ErrApplicationState,
        "missing" => K::ErrSaveFirst,
        _ => K::ErrInternal,
    }
}
