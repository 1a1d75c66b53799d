//! The share dialog (product, shop and order-confirmation pages) and the shopper's
//! "My rewards" page; the campaigns pages in `admin` (with the held rewards shown on the
//! moderation page) and `seller`.

mod admin;
mod seller;

pub use self::admin::{CampaignsPage, HeldRewards};
pub use self::seller::SellerSharingPage;

use leptos::prelude::*;
use leptos_meta::Title;

use super::*;
use crate::i18n::{t, K};
use crate::prefs::encode_query_value;
use crate::shell::GateError;
use crate::ui::utc_datetime;
use crate::ui::{EmptyState, LoadingBlock};

/// A network's share address for `url` with `text`.
pub fn network_href(network: &str, url: &str, text: &str) -> Option<String> {
    let u = encode_query_value(url);
    let tx = encode_query_value(text);
    Some(match network {
        "line" => format!("https://social-plugins.line.me/lineit/share?url={u}"),
        "facebook" => format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
        "x" => format!("https://twitter.com/intent/tweet?url={u}&text={tx}"),
        "whatsapp" => format!("https://wa.me/?text={tx}%20{u}"),
        "telegram" => format!("https://t.me/share/url?url={u}&text={tx}"),
        _ => return None,
    })
}

fn network_name(network: &str) -> &'static str {
    match network {
        "line" => "LINE",
        "facebook" => "Facebook",
        "x" => "X",
        "whatsapp" => "WhatsApp",
        "telegram" => "Telegram",
        _ => "WeChat",
    }
}

/// Calls `navigator.<object>.<method>(arg)` (or `navigator.<method>(arg)`) if the
/// browser has it; returns whether it did.
#[cfg(feature = "hydrate")]
fn navigator_call(
    object: Option<&str>,
    method: &str,
    arg: &web_sys::wasm_bindgen::JsValue,
) -> bool {
    use web_sys::js_sys::{Function, Reflect};
    use web_sys::wasm_bindgen::{JsCast, JsValue};
    let Some(w) = web_sys::window() else {
        return false;
    };
    let Ok(nav) = Reflect::get(&w, &JsValue::from_str("navigator")) else {
        return false;
    };
    let target = match object {
        Some(o) => match Reflect::get(&nav, &JsValue::from_str(o)) {
            Ok(v) if !v.is_undefined() => v,
            _ => return false,
        },
        None => nav,
    };
    match Reflect::get(&target, &JsValue::from_str(method)) {
        Ok(f) if f.is_function() => f.unchecked_into::<Function>().call1(&target, arg).is_ok(),
        _ => false,
    }
}

#[cfg(feature = "hydrate")]
fn has_native_share() -> bool {
    use web_sys::js_sys::Reflect;
    use web_sys::wasm_bindgen::JsValue;
    web_sys::window()
        .and_then(|w| Reflect::get(&w, &JsValue::from_str("navigator")).ok())
        .and_then(|n| Reflect::get(&n, &JsValue::from_str("share")).ok())
        .is_some_and(|f| f.is_function())
}

/// "Share": copy the link, the browser's share sheet, LINE, Facebook, X, WhatsApp,
/// Telegram and a WeChat QR code. A signed-in user's link carries their referral code
/// (fetched when the dialog opens). Without wasm the dialog still opens and its links work.
// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
#[component]
pub fn ShareButton(
    /// The page to share (a path of this site).
    path: String,
    /// The page's absolute address (shown until the personal link arrives).
    url: String,
    /// The text networks show with the link.
    text: String,
    /// Open the dialog towards the left (for a button at the right edge).
    #[prop(optional)]
    right: bool,
) -> impl IntoView {
    let link = RwSignal::new(url);
    let code = RwSignal::new(None::<String>);
    let copied = RwSignal::new(false);
    let native = RwSignal::new(false);
    let loaded = RwSignal::new(false);
    let record = ServerAction::<RecordShare>::new();
    let open = {
        let path = path.clone();
        move || {
            if loaded.get_untracked() {
                return;
            }
            loaded.set(true);
            #[cfg(feature = "hydrate")]
            native.set(has_native_share());
            let path = path.clone();
            leptos::task::spawn_local(async move {
                if let Ok(l) = share_link(path).await {
                    link.set(l.url);
                    code.set(l.code);
                }
            });
        }
    };
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let url = web_sys::wasm_bindgen::JsValue::from_str(&link.get_untracked());
            if navigator_call(Some("clipboard"), "writeText", &url) {
                copied.set(true);
            }
        }
        record.dispatch(RecordShare {
            network: "copy".into(),
        });
    };
    let text_native = text.clone();
    let share_native = move |_| {
        #[cfg(feature = "hydrate")]
        {
            use web_sys::js_sys::{Object, Reflect};
            use web_sys::wasm_bindgen::JsValue;
            let data = Object::new();
            let _ = Reflect::set(
                &data,
                &JsValue::from_str("url"),
                &JsValue::from_str(&link.get_untracked()),
            );
            let _ = Reflect::set(
                &data,
                &JsValue::from_str("text"),
                &JsValue::from_str(&text_native),
            );
            navigator_call(None, "share", &data.into());
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &text_native;
        record.dispatch(RecordShare {
            network: "native".into(),
        });
    };
    let login_href = format!("/login?next={}", encode_query_value(&path));
    view! {
        <details class="group relative inline-block" data-testid="share" on:toggle=move |_| open()>
            <summary
                class="inline-flex cursor-pointer list-none items-center gap-1.5 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-100"
                data-testid="share-button"
            >
                <svg aria-hidden="true" viewBox="0 0 20 20" class="h-4 w-4 fill-current">
                    <path d="M15 13a3 3 0 0 0-2.2 1l-5.5-3.2a3 3 0 0 0 0-1.6L12.8 6A3 3 0 1 0 12 4l-5.6 3.2a3 3 0 1 0 0 4.6l5.6 3.2A3 3 0 1 0 15 13z" />
                </svg>
                {t(K::RfShare)}
            </summary>
            <div
                role="dialog"
                aria-label=t(K::RfShareTitle)
                data-testid="share-dialog"
                class=if right {
                    "absolute right-0 z-40 mt-2 w-80 max-w-[90vw] space-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-xl"
                } else {
                    "absolute left-0 z-40 mt-2 w-80 max-w-[90vw] space-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-xl"
                }
            >
                <p class="font-semibold text-slate-900">{t(K::RfShareTitle)}</p>
                <label class="block">
                    <span class="sr-only">{t(K::RfLinkLabel)}</span>
                    <input
                        readonly
                        type="url"
                        prop:value=move || link.get()
                        value=move || link.get()
                        class="w-full rounded-lg border border-slate-300 bg-slate-50 px-2 py-1.5 font-mono text-xs"
                        data-testid="share-url"
                    />
                </label>
                <div class="flex flex-wrap gap-2">
                    <button
                        type="button"
                        on:click=copy
                        class="rounded-lg bg-teal-700 px-3 py-1.5 font-semibold text-white hover:bg-teal-800"
                        data-testid="share-copy"
                    >
                        {move || if copied.get() { t(K::RfCopied) } else { t(K::RfCopyLink) }}
                    </button>
                    <Show when=move || native.get()>
                        <button
                            type="button"
                            on:click=share_native.clone()
                            class="rounded-lg border border-slate-300 px-3 py-1.5 font-semibold hover:bg-slate-100"
                            data-testid="share-native"
                        >
                            {t(K::RfShareNative)}
                        </button>
                    </Show>
                </div>
                <ul class="grid grid-cols-3 gap-2" aria-label=t(K::RfNetworks)>
                    {NETWORKS
                        .iter()
                        .filter(|n| **n != "wechat")
                        .map(|n| {
                            let n = *n;
                            let text = text.clone();
                            view! {
                                <li>
                                    <a
                                        target="_blank"
                                        rel="noopener noreferrer"
                                        data-network=n
                                        href=move || {
                                            network_href(n, &link.get(), &text).unwrap_or_default()
                                        }
                                        on:click=move |_| {
                                            record.dispatch(RecordShare { network: n.into() });
                                        }
                                        class="block rounded-lg border border-slate-200 px-2 py-1.5 text-center font-medium hover:bg-slate-100"
                                    >
                                        {network_name(n)}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <figure class="flex items-center gap-3">
                    <img
                        loading="lazy"
                        width="96"
                        height="96"
                        alt=t(K::RfWeChatQr)
                        data-testid="share-qr"
                        src=move || {
                            let l = link.get();
                            l.starts_with("http")
                                .then(|| format!("/share/qr.svg?u={}", encode_query_value(&l)))
                        }
                        class="h-24 w-24 rounded border border-slate-200"
                    />
                    <figcaption class="text-xs text-slate-600">{t(K::RfWeChatScan)}</figcaption>
                </figure>
                {move || {
                    if code.get().is_some() {
                        view! {
                            <p class="text-xs text-emerald-800" data-testid="share-earn">
                                {t(K::RfEarnNote)}
                            </p>
                        }
                            .into_any()
                    } else {
                        view! {
                            <p class="text-xs text-slate-600">
                                <a
                                    href=login_href.clone()
                                    class="font-medium text-teal-800 underline"
                                >
                                    {t(K::LogIn)}
                                </a>
                                " · "
                                {t(K::RfSignInToEarn)}
                            </p>
                        }
                            .into_any()
                    }
                }}
            </div>
        </details>
    }
}

pub fn status_key(status: &str) -> K {
    match status {
        "awaiting_payment" => K::RfStAwaiting,
        "pending" => K::RfStPending,
        "available" => K::RfStAvailable,
        "reversed" => K::RfStReversed,
        "held" => K::RfStHeld,
        _ => K::RfStRejected,
    }
}

fn kind_key(kind: &str) -> K {
    match kind {
        "earned" => K::RfKEarned,
        "released" => K::RfKReleased,
        "reversed" => K::RfKReversed,
        "approved" => K::RfKApproved,
        "spent" => K::RfKSpent,
        _ => K::RfKRestored,
    }
}

/// `/rewards`: the shopper's link, what sharing did, credit and its history.
#[component]
pub fn MyRewardsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_my_rewards());
    view! {
        <Title text=format!("{} · {}", t(K::RfMyRewards), t(K::Brand)) />
        <section class="mx-auto max-w-4xl space-y-6">
            <header>
                <h1 class="text-2xl font-bold text-slate-900">{t(K::RfMyRewards)}</h1>
                <p class="text-slate-600">{t(K::RfMyRewardsIntro)}</p>
            </header>
            <Suspense fallback=|| {
                view! { <LoadingBlock /> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! { <RewardsView d=d /> }.into_any(),
                        Err(e) => view! { <GateError error=e path="/rewards" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn RewardsView(d: MyRewards) -> impl IntoView {
    let stat = |label: K, value: i64, testid: &'static str| {
        view! {
            <div class="rounded-xl border border-slate-200 bg-white p-3">
                <dt class="text-xs text-slate-500">{t(label)}</dt>
                <dd class="text-2xl font-bold text-slate-900" data-testid=testid>
                    {value}
                </dd>
            </div>
        }
    };
    let balances = if d.balances.is_empty() {
        view! {
            <div class="rounded-xl border border-slate-200 bg-white p-4">
                <p class="text-sm text-slate-500">{t(K::RfAvailable)}</p>
                <p class="text-3xl font-bold text-slate-900" data-testid="credit-available">
                    "0"
                </p>
            </div>
        }
        .into_any()
    } else {
        d.balances
            .iter()
            .map(|b| {
                view! {
                    <div class="grid grid-cols-2 gap-3 rounded-xl border border-teal-200 bg-teal-50 p-4">
                        <div>
                            <p class="text-sm text-teal-900">{t(K::RfAvailable)}</p>
                            <p
                                class="text-3xl font-bold text-teal-900"
                                data-testid="credit-available"
                            >
                                {b.available.format()}
                            </p>
                        </div>
                        <div>
                            <p class="text-sm text-slate-600">{t(K::RfPending)}</p>
                            <p
                                class="text-3xl font-bold text-slate-700"
                                data-testid="credit-pending"
                            >
                                {b.pending.format()}
                            </p>
                        </div>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
            <h2 class="font-semibold text-slate-900">{t(K::RfYourLink)}</h2>
            <div class="flex flex-wrap items-center gap-2">
                <input
                    readonly
                    value=d.link.clone()
                    class="min-w-0 flex-1 rounded-lg border border-slate-300 bg-slate-50 px-2 py-1.5 font-mono text-sm"
                    data-testid="my-link"
                    aria-label=t(K::RfYourLink)
                />
                <ShareButton
                    path="/".to_string()
                    url=d.link.clone()
                    text=t(K::Tagline).to_string()
                    right=true
                />
            </div>
            <p class="text-sm text-slate-600">
                {t(K::RfYourCode)} " "
                <code class="rounded bg-slate-100 px-1.5 py-0.5 font-mono" data-testid="my-code">
                    {d.code.clone()}
                </code>
            </p>
            <p class="text-xs text-slate-500">
                {t(K::RfWindowNote).replace("{n}", &d.window_days.to_string())} " "
                {t(K::RfAvailableNote)}
            </p>
        </div>
        {balances}
        <dl class="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {stat(K::RfShares, d.shares, "stat-shares")}
            {stat(K::RfClicks, d.clicks, "stat-clicks")}
            {stat(K::RfSignups, d.signups, "stat-signups")}
            {stat(K::RfOrders, d.orders, "stat-orders")}
        </dl>
        <section class="space-y-2">
            <h2 class="text-lg font-semibold text-slate-900">{t(K::RfRewardsHeading)}</h2>
            {if d.rewards.is_empty() {
                view! { <EmptyState message=K::RfNoRewards /> }.into_any()
            } else {
                view! {
                    <div class="overflow-x-auto rounded-xl border border-slate-200 bg-white">
                        <table class="w-full text-sm" data-testid="rewards">
                            <thead class="bg-slate-50 text-left text-slate-600">
                                <tr>
                                    <th class="px-3 py-2">{t(K::RfWhen)}</th>
                                    <th class="px-3 py-2">{t(K::RfFriend)}</th>
                                    <th class="px-3 py-2">{t(K::RfCampaign)}</th>
                                    <th class="px-3 py-2 text-right">{t(K::RfAmount)}</th>
                                    <th class="px-3 py-2">{t(K::RfStatus)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {d
                                    .rewards
                                    .into_iter()
                                    .map(|r| {
                                        view! {
                                            <tr
                                                class="border-t border-slate-100"
                                                data-testid="reward-row"
                                                data-status=r.status.clone()
                                            >
                                                <td class="px-3 py-2 whitespace-nowrap">
                                                    {utc_datetime(r.created_at)}
                                                </td>
                                                <td class="px-3 py-2">{r.buyer}</td>
                                                <td class="px-3 py-2">{r.campaign}</td>
                                                <td class="px-3 py-2 text-right font-medium">
                                                    {r.amount.format()}
                                                </td>
                                                <td class="px-3 py-2">{t(status_key(&r.status))}</td>
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
        </section>
        <section class="space-y-2">
            <h2 class="text-lg font-semibold text-slate-900">{t(K::RfHistory)}</h2>
            {if d.history.is_empty() {
                view! { <EmptyState message=K::RfNoHistory /> }.into_any()
            } else {
                view! {
                    <ul
                        class="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm"
                        data-testid="credit-history"
                    >
                        {d
                            .history
                            .into_iter()
                            .map(|h| {
                                let positive = h.amount.amount_minor >= 0;
                                view! {
                                    <li class="flex items-center justify-between gap-3 px-3 py-2">
                                        <span>
                                            {utc_datetime(h.at)} " · " {t(kind_key(&h.kind))} " · "
                                            {t(status_key(&h.account))}
                                        </span>
                                        <span class=if positive {
                                            "whitespace-nowrap font-semibold text-emerald-700"
                                        } else {
                                            "whitespace-nowrap font-semibold text-slate-700"
                                        }>
                                            {if positive { "+" } else { "" }}{h.amount.format()}
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}
