//! What a page shows instead of itself: 404, the sign-in prompt, role gates; and the
//! names of roles.

use domain::Role;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use crate::error::AppError;
use crate::i18n::{t, K};
use crate::ui::{set_page_status, ErrorBanner};

pub fn role_label(role: Role) -> &'static str {
    t(match role {
        Role::Shopper => K::RoleShopper,
        Role::Seller => K::RoleSeller,
        Role::Moderator => K::RoleModerator,
        Role::Admin => K::RoleAdmin,
    })
}

#[component]
pub fn NotFound() -> impl IntoView {
    set_page_status(404);
    view! {
        <Title text=format!("{} · {}", t(K::NotFoundTitle), t(K::Brand)) />
        <section class="mx-auto max-w-lg py-16 text-center" data-testid="not-found">
            <p class="text-5xl font-bold text-teal-700">"404"</p>
            <h1 class="mt-2 text-2xl font-bold">{t(K::NotFoundTitle)}</h1>
            <p class="mt-2 text-slate-600">{t(K::NotFoundBody)}</p>
            <a
                href="/"
                class="mt-6 inline-block rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
            >
                {t(K::BackHome)}
            </a>
        </section>
    }
}

#[component]
pub fn SignInPrompt() -> impl IntoView {
    view! {
        <div class="rounded-xl border border-slate-200 bg-white p-6">
            <p>{t(K::ErrUnauthenticated)}</p>
            <a href="/login" class="mt-3 inline-block font-semibold text-teal-800 underline">
                {t(K::LogIn)}
            </a>
        </div>
    }
}

/// What a role-gated page shows when its data call is refused: a redirect to the
/// log-in page when nobody is signed in, a 403 message when the role is missing.
#[component]
pub fn GateError(error: AppError, path: &'static str) -> impl IntoView {
    match error {
        AppError::Unauthenticated => {
            view! { <Redirect path=format!("/login?next={path}") /> }.into_any()
        }
        AppError::Forbidden => {
            set_page_status(403);
            view! {
                <div
                    class="rounded-xl border border-amber-200 bg-amber-50 p-6 text-amber-900"
                    data-testid="forbidden"
                >
                    {t(K::ErrForbidden)}
                </div>
            }
            .into_any()
        }
        AppError::TwoStepRequired => {
            set_page_status(403);
            view! {
                <div
                    class="space-y-3 rounded-xl border border-amber-200 bg-amber-50 p-6 text-amber-900"
                    data-testid="two-step-required"
                >
                    <p>{t(K::ErrTwoStepRequired)}</p>
                    <a
                        href="/account#two-step"
                        class="inline-block rounded-lg bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800"
                    >
                        {t(K::TwoStepTurnOnLink)}
                    </a>
                </div>
            }
            .into_any()
        }
        other => view! { <ErrorBanner error=other /> }.into_any(),
    }
}
