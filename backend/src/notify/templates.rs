//! The words of every notice, one entry per language. A subject here is without the
//! order number some notices end with ([`Notice::text`] and [`Notice::render`] add it).

use domain::Lang;

use super::{Notice, Text};

fn t(subject: impl Into<String>, body: impl Into<String>) -> Text {
    Text {
        subject: subject.into(),
        body: body.into(),
    }
}

impl Notice {
    /// The notice's subject (without its order number) and body in `lang`.
    // one arm per notice in both languages: a table, read by finding the notice
    #[allow(clippy::too_many_lines)]
    pub(super) fn words(&self, lang: Lang) -> Text {
        let en = lang == Lang::En;
        match self {
            Notice::OrderPlaced {
                number,
                shop,
                total,
                ..
            } => {
                if en {
                    t(
                        format!("Order {number} placed"),
                        format!(
                            "Thank you! {shop} will ship your order once payment of {total} is received."
                        ),
                    )
                } else {
                    t(
                        format!("訂單 {number} 已成立"),
                        format!("謝謝您！{shop} 收到 {total} 的付款後即會出貨。"),
                    )
                }
            }
            Notice::PaymentReceived { .. } => {
                if en {
                    t("Payment received", "Your seller is preparing your order.")
                } else {
                    t("已收到付款", "賣家正在準備您的訂單。")
                }
            }
            Notice::OrderShipped {
                carrier, tracking, ..
            } => {
                let body = format!("{carrier} {tracking}");
                if en {
                    t("Your order has shipped", body)
                } else {
                    t("訂單已出貨", body)
                }
            }
            Notice::DeliveryReported { auto_days, .. } => {
                if en {
                    t(
                        "The seller says your order arrived",
                        format!("Please confirm it on the order page, or tell the seller if it has not arrived. Otherwise it counts as delivered {auto_days} days after shipping."),
                    )
                } else {
                    t(
                        "賣家表示訂單已送達",
                        format!("請在訂單頁面確認收貨；若尚未收到，請告訴賣家。出貨 {auto_days} 天後將自動確認收貨。"),
                    )
                }
            }
            Notice::OrderDelivered { return_days, .. } => {
                if en {
                    t(
                        "Delivered",
                        format!("Returns are possible for {return_days} days."),
                    )
                } else {
                    t("已送達", format!("送達後 {return_days} 天內可申請退貨。"))
                }
            }
            Notice::OrderCancelled {
                reason, refunded, ..
            } => match (en, refunded) {
                (true, true) => t(
                    "Order cancelled",
                    format!("Your order was cancelled ({reason}). Your payment will be refunded."),
                ),
                (true, false) => t(
                    "Order cancelled",
                    format!("Your order was cancelled ({reason})."),
                ),
                (false, true) => t(
                    "訂單已取消",
                    format!("您的訂單已取消（{reason}）。款項將退還給您。"),
                ),
                (false, false) => t("訂單已取消", format!("您的訂單已取消（{reason}）。")),
            },
            Notice::ReturnDecided {
                accepted,
                seller_pays_postage,
                refusal,
                ..
            } => match (en, accepted, seller_pays_postage) {
                (true, true, true) => t(
                    "Return accepted",
                    "Please send the items back and enter the tracking number on the order page. The seller pays the postage. You are refunded when they arrive.",
                ),
                (true, true, false) => t(
                    "Return accepted",
                    "Please send the items back at your own cost and enter the tracking number on the order page. You are refunded when they arrive.",
                ),
                (true, false, _) => t(
                    "Return refused",
                    format!("The seller's reason: {refusal} If you disagree, you may ask Harbour Market to decide."),
                ),
                (false, true, true) => t(
                    "退貨申請已接受",
                    "請寄回商品並在訂單頁面填寫追蹤號碼，運費由賣家負擔。賣家收到後即為您退款。",
                ),
                (false, true, false) => t(
                    "退貨申請已接受",
                    "請自付運費寄回商品並在訂單頁面填寫追蹤號碼。賣家收到後即為您退款。",
                ),
                (false, false, _) => t(
                    "退貨申請未通過",
                    format!("賣家的理由：{refusal} 若您不同意，可請港灣市集裁決。"),
                ),
            },
            Notice::ReturnRefunded { amount, .. } => {
                if en {
                    t("Return received, refunded", format!("The seller received the items back. {amount} is refunded to how you paid."))
                } else {
                    t("退貨已收到並退款", format!("賣家已收到退回的商品，{amount} 將退回您的原付款方式。"))
                }
            }
            Notice::ClaimOpened { statement, .. } => {
                if en {
                    t(
                        "A buyer asked Harbour Market to decide about a return",
                        format!("The buyer says: {statement} Please give your side on the order page within three working days; after that a moderator decides without it."),
                    )
                } else {
                    t(
                        "買家請港灣市集裁決一筆退貨",
                        format!("買家表示：{statement} 請於三個工作天內在訂單頁面說明您的立場；逾期將由平台逕行裁決。"),
                    )
                }
            }
            Notice::ClaimDecided {
                refunded,
                statement,
                ..
            } => match (en, refunded.is_empty()) {
                (true, false) => t(
                    "Claim decided: refund",
                    format!("{refunded} is refunded to the buyer from the shop's balance. Reasons: {statement}"),
                ),
                (true, true) => t(
                    "Claim decided: closed without a refund",
                    format!("Reasons: {statement}"),
                ),
                (false, false) => t(
                    "申訴裁決：退款",
                    format!("{refunded} 將從商店餘額退還給買家。理由：{statement}"),
                ),
                (false, true) => t("申訴裁決：結案不退款", format!("理由：{statement}")),
            },
            Notice::ReturnShippedBack {
                carrier, tracking, ..
            } => {
                let body = format!("{carrier} {tracking}");
                if en {
                    t("Return on its way back", body)
                } else {
                    t("退貨已寄回", body)
                }
            }
            Notice::NewOrder {
                number,
                items,
                total,
                ..
            } => {
                if en {
                    t(
                        format!("New order {number}"),
                        format!("{items} item(s), {total}."),
                    )
                } else {
                    t(
                        format!("新訂單 {number}"),
                        format!("{items} 件商品，{total}。"),
                    )
                }
            }
            Notice::OrderCancelledForSeller { reason, .. } => {
                if en {
                    t("Order cancelled", reason.clone())
                } else {
                    t("訂單已取消", reason.clone())
                }
            }
            Notice::AddressChanged { line1, city, .. } => {
                let body = format!("{line1}, {city}");
                if en {
                    t("Shipping address changed", body)
                } else {
                    t("收件地址已變更", body)
                }
            }
            Notice::ReturnRequested {
                kind,
                reason,
                details,
                ..
            } => {
                let body = format!("{reason}: {details}");
                if en {
                    t(format!("{} requested", kind.as_str()), body)
                } else {
                    t("退貨申請", body)
                }
            }
            Notice::ListingSentForReview { title, .. } => {
                pick(en, ("Listing sent for review", "商品送審"), title)
            }
            Notice::ListingDecided { title } => {
                pick(en, ("Decision on your listing", "商品審查結果"), title)
            }
            Notice::AppealDecided { statement } => {
                pick(en, ("Appeal decided", "申訴結果"), statement)
            }
            Notice::RightsOwnerDecided { statement } => {
                pick(en, ("Rights owner registration", "權利人登記"), statement)
            }
            Notice::ListingTakenDown { title } => pick(
                en,
                (
                    "Listing taken down after a rights notice",
                    "商品因權利通知下架",
                ),
                title,
            ),
            Notice::NoticeRejected { statement } => {
                pick(en, ("Notice rejected", "通知未受理"), statement)
            }
            Notice::CounterNoticeReceived { title } => {
                pick(en, ("Counter-notice received", "收到反通知"), title)
            }
            Notice::ListingReinstated { title } => {
                pick(en, ("Listing reinstated", "商品已恢復上架"), title)
            }
            Notice::TakedownUpheld { title } => pick(en, ("Takedown upheld", "下架維持"), title),
            Notice::NegativeReview {
                rating,
                title,
                body,
                ..
            } => {
                if en {
                    t(format!("{rating}★ review of {title}"), body.clone())
                } else {
                    t(format!("{rating} 星評價"), body.clone())
                }
            }
            Notice::ReviewReplied { reply, .. } => pick(
                en,
                ("The seller replied to your review", "賣家回覆了您的評價"),
                reply,
            ),
            Notice::ReviewRemoved { reason, .. } => {
                pick(en, ("Your review was removed", "您的評價已被移除"), reason)
            }
            Notice::LowStock { title, .. } => pick(en, ("Low stock", "庫存偏低"), title),
            Notice::PayoutSent { reference } => pick(en, ("Payout sent", "已撥款"), reference),
            Notice::PasswordReset { minutes, .. } => {
                if en {
                    t(
                        "Reset your password",
                        format!(
                            "Someone (we hope you) asked to set a new password for your account. The link below works once, for {minutes} minutes. If it was not you, ignore this mail: your password stays as it is."
                        ),
                    )
                } else {
                    t(
                        "重設您的密碼",
                        format!(
                            "有人（希望是您）要求為您的帳號設定新密碼。下方連結僅能使用一次，{minutes} 分鐘內有效。若不是您本人，請忽略此郵件，您的密碼不會改變。"
                        ),
                    )
                }
            }
            Notice::PasswordChanged => {
                if en {
                    t(
                        "Your password was changed",
                        "Your password was just changed and every other session was signed out. If this was not you, reset your password now and check your account's sessions.",
                    )
                } else {
                    t(
                        "您的密碼已變更",
                        "您的密碼剛剛已變更，其他所有登入階段均已登出。若不是您本人操作，請立即重設密碼並檢查帳號的登入階段。",
                    )
                }
            }
            Notice::TwoStepChanged { on: true } => {
                if en {
                    t(
                        "Two-step sign-in is on",
                        "Signing in to your account now needs a code from your authenticator app as well as your password, and every other session was signed out. If this was not you, reset your password now.",
                    )
                } else {
                    t(
                        "兩步驟登入已開啟",
                        "登入您的帳號現在除了密碼，還需要驗證器應用程式的代碼，其他所有登入階段均已登出。若不是您本人操作，請立即重設密碼。",
                    )
                }
            }
            Notice::TwoStepChanged { on: false } => {
                if en {
                    t(
                        "Two-step sign-in is off",
                        "Your account now signs in with its password alone. If this was not you, reset your password now and turn two-step sign-in on again.",
                    )
                } else {
                    t(
                        "兩步驟登入已關閉",
                        "您的帳號現在只需密碼即可登入。若不是您本人操作，請立即重設密碼並重新開啟兩步驟登入。",
                    )
                }
            }
            Notice::RecoveryCodes { used: true, left } => {
                if en {
                    t(
                        "A recovery code was used to sign in",
                        format!(
                            "Someone signed in to your account with one of its recovery codes instead of a code from your authenticator app. {left} unused codes are left; make new ones on your account page if you are running low. If this was not you, reset your password now."
                        ),
                    )
                } else {
                    t(
                        "已使用一組備用碼登入",
                        format!(
                            "有人以備用碼代替驗證器 App 的驗證碼登入了您的帳號。目前還剩 {left} 組未使用的備用碼，如所剩不多，請到帳號頁面重新產生。若不是您本人操作，請立即重設密碼。"
                        ),
                    )
                }
            }
            Notice::RecoveryCodes { used: false, left } => {
                if en {
                    t(
                        "New recovery codes for two-step sign-in",
                        format!(
                            "{left} new recovery codes were made for your account; the old ones no longer work. Keep the new ones somewhere safe. If this was not you, reset your password now."
                        ),
                    )
                } else {
                    t(
                        "兩步驟登入的新備用碼",
                        format!(
                            "已為您的帳號產生 {left} 組新的備用碼，舊的備用碼已失效。請妥善保存新的備用碼。若不是您本人操作，請立即重設密碼。"
                        ),
                    )
                }
            }
            Notice::VerifyEmail { hours, .. } => {
                if en {
                    t(
                        "Confirm your email address",
                        format!(
                            "Welcome to Harbour Market. Open the link below to confirm this is your address; it works once, for {hours} hours. Until then you can shop, but not open a shop or write reviews. If you did not sign up, ignore this mail."
                        ),
                    )
                } else {
                    t(
                        "確認您的電子郵件地址",
                        format!(
                            "歡迎來到 Harbour Market。請開啟下方連結確認這是您的電子郵件地址；連結僅能使用一次，{hours} 小時內有效。確認前可以購物，但無法開設商店或撰寫評價。若您沒有註冊，請忽略此郵件。"
                        ),
                    )
                }
            }
            Notice::NewMessage { from, text, .. } => {
                if en {
                    t(format!("New message from {from}"), text.clone())
                } else {
                    t(format!("{from} 傳來新訊息"), text.clone())
                }
            }
            Notice::NewQuestion { title, text } => {
                if en {
                    t(format!("New question about {title}"), text.clone())
                } else {
                    t(format!("顧客詢問「{title}」"), text.clone())
                }
            }
            Notice::QuestionAnswered { title, text, .. } => {
                if en {
                    t(
                        format!("Your question about {title} was answered"),
                        text.clone(),
                    )
                } else {
                    t(format!("您對「{title}」的提問有新回答"), text.clone())
                }
            }
            Notice::QaRemoved { reason, .. } => pick(
                en,
                (
                    "Your question or answer was removed",
                    "您的提問或回答已被移除",
                ),
                reason,
            ),
        }
    }
}

/// A subject that differs by language over a body that is the event's own data.
fn pick(en: bool, (subject_en, subject_zh): (&str, &str), body: &str) -> Text {
    t(if en { subject_en } else { subject_zh }, body)
}
