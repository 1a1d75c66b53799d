//! The footer on every page.

use leptos::prelude::*;

use crate::i18n::{t, K};

#[component]
pub(super) fn Footer() -> impl IntoView {
    view! {
        <footer class="mt-12 border-t border-slate-200 bg-white">
            <div class="mx-auto grid max-w-7xl gap-6 px-4 py-8 text-sm text-slate-600 sm:grid-cols-3 sm:px-6">
                <div>
                    <p class="font-semibold text-slate-900">{t(K::Brand)}</p>
                    <p>{t(K::Tagline)}</p>
                </div>
                <ul class="space-y-1">
                    <li>
                        <a href="/sell" class="hover:underline" data-testid="footer-sell">
                            {t(K::FooterSell)}
                        </a>
                    </li>
                    <li>
                        <a href="/rights" class="hover:underline" data-testid="footer-rights">
                            {t(K::RightsOwnersLink)}
                        </a>
                    </li>
                    <li>
                        <a
                            href="/transparency"
                            class="hover:underline"
                            data-testid="footer-transparency"
                        >
                            {t(K::TrTitle)}
                        </a>
                    </li>
                </ul>
                <p class="text-xs">{t(K::FooterRights)}</p>
            </div>
        </footer>
    }
}
