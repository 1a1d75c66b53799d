//! Every server function: who is let through. Reads come first, then changes in an
//! order the world can bear (a case is appealed after it is decided, a zone removed
//! last).

use super::{
    assert_covers, check, e, registered, session, Entry, Who, World, ADMIN, BUYER, EVERYONE,
    MODERATORS, OPEN_SELLERS, SELLERS, SELLER_A, SIGNED_IN,
};

/// An order's buyer and seller, and admins (support).
const ORDER_PARTIES: &[Who] = &[Who::Shopper, Who::SellerA, Who::Admin];
/// The order's (or campaign's) shop, and admins acting for the platform (an offline
/// payment recorded, a shipment fixed, a shop's campaign paused).
const SELLER_A_OR_ADMIN: &[Who] = &[Who::SellerA, Who::Admin];
const NOBODY: &[Who] = &[];
/// A conversation's shopper and its shop's owner.
const THREAD_PARTIES: &[Who] = &[Who::Shopper, Who::SellerA];
/// Everyone signed in but the seller of the product asked about.
const ASKERS: &[Who] = &[
    Who::Shopper,
    Who::SellerB,
    Who::Suspended,
    Who::Moderator,
    Who::Admin,
];

const PW: &str = "correct horse battery";
/// Refused past the gate: the password is checked after who may ask.
const WRONG_PASSWORD: &[(&str, &str)] = &[("password", "not the password")];

/// Long enough for every statement, appeal and note the functions ask for.
const WHY: &str = "The photos and the registered mark show this is the brand's own product.";

pub const FUNCTIONS: &[Entry] = &[
    // the storefront and the session
    e("current_user", EVERYONE, &[]),
    e("nav_data", EVERYONE, &[]),
    e("home_data", EVERYONE, &[]),
    e("category_page", EVERYONE, &[("slug", "tea")]),
    e("shop_page", EVERYONE, &[("slug", "$shop")]),
    e("shop_follow", EVERYONE, &[("shop", "$shop")]),
    e(
        "follow_shop",
        SIGNED_IN,
        &[("shop", "$shop"), ("follow", "true")],
    ),
    e("following", SIGNED_IN, &[]),
    e("product_page", EVERYONE, &[("id", "$product")]),
    e("search_products", EVERYONE, &[("q", "tea")]),
    e("search_suggestions", EVERYONE, &[("q", "te")]),
    e("product_reviews", EVERYONE, &[("product", "$product")]),
    e("transparency", EVERYONE, &[]),
    e("share_link", EVERYONE, &[("path", "/p/$product")]),
    e("record_share", EVERYONE, &[("network", "line")]),
    e("cart", EVERYONE, &[]),
    e(
        "add_to_cart",
        EVERYONE,
        &[("product_id", "$product"), ("quantity", "1")],
    ),
    e(
        "set_cart_quantity",
        EVERYONE,
        &[("product_id", "$product"), ("quantity", "0")],
    ),
    // the shopper's own session (anyone else naming it is told "not found"), then
    // every session of each caller
    Entry {
        name: "end_session",
        allowed: BUYER,
        args: &[("session", "$session")],
        session: true,
    },
    Entry {
        name: "sign_out_everywhere",
        allowed: SIGNED_IN,
        args: &[],
        session: true,
    },
    e("my_sessions", SIGNED_IN, &[]),
    e("my_vouchers", SIGNED_IN, &[]),
    e("claim_voucher", SIGNED_IN, &[("key", "$voucher")]),
    e("add_voucher_code", SIGNED_IN, &[("code", "NO-SUCH-CODE")]),
    e("two_step_status", SIGNED_IN, &[]),
    e("two_step_begin", SIGNED_IN, &[]),
    e("two_step_enable", SIGNED_IN, &[("code", "000000")]),
    e("two_step_new_codes", SIGNED_IN, WRONG_PASSWORD),
    e("two_step_disable", SIGNED_IN, WRONG_PASSWORD),
    // without a password step first, no code signs anyone in
    e("log_in_code", EVERYONE, &[("code", "000000")]),
    // the same answer for every address; a link that is not one is refused for all
    e("request_password_reset", EVERYONE, &[("email", "$fresh")]),
    e(
        "reset_password",
        EVERYONE,
        &[
            (
                "token",
                "0000000000000000000000000000000000000000000000000000000000000000",
            ),
            ("password", PW),
        ],
    ),
    e(
        "change_password",
        SIGNED_IN,
        &[
            ("current_password", "not the password"),
            ("new_password", PW),
        ],
    ),
    session(
        "sign_up",
        &[
            ("email", "$fresh"),
            ("display_name", "Newcomer"),
            ("password", PW),
        ],
    ),
    session(
        "log_in",
        &[
            ("email", "seller5@demo.test"),
            ("password", "marketplace-demo"),
        ],
    ),
    session("log_out", &[]),
    // a shopper's own things
    e("notifications", SIGNED_IN, &[]),
    e("my_rewards", SIGNED_IN, &[]),
    e("checkout_data", SIGNED_IN, &[]),
    e("my_orders", SIGNED_IN, &[]),
    e("checkout_orders", BUYER, &[("id", "$checkout")]),
    // the order's seller sees it too, and admins (support) see any order
    e("order_detail", ORDER_PARTIES, &[("id", "$order")]),
    e("order_reviews", BUYER, &[("order", "$order")]),
    e(
        "review_form",
        BUYER,
        &[("order", "$order"), ("line", "$line")],
    ),
    e("place_order", SIGNED_IN, &[("fingerprint", "stale")]),
    e(
        "cancel_order",
        BUYER,
        &[("id", "$order"), ("reason", "changed_mind")],
    ),
    e(
        "change_order_address",
        BUYER,
        &[
            ("id", "$order"),
            ("name", "Mei Lin"),
            ("phone", "+886 912 345 678"),
            ("line1", "No. 2, Section 5, Xinyi Rd"),
            ("city", "Taipei"),
            ("country", "TW"),
        ],
    ),
    e("confirm_delivery", BUYER, &[("id", "$order")]),
    e(
        "open_claim",
        BUYER,
        &[
            ("id", "$dispute"),
            ("statement", "It arrived broken, see the photos."),
        ],
    ),
    e(
        "ship_return",
        BUYER,
        &[("id", "$order"), ("carrier", "DHL"), ("tracking", "R1")],
    ),
    e(
        "request_return",
        BUYER,
        &[("id", "$order"), ("kind", "return"), ("reason", "damaged")],
    ),
    e("vote_helpful", SIGNED_IN, &[("review", "$review")]),
    e(
        "report_review",
        SIGNED_IN,
        &[("review", "$review"), ("reason", "spam")],
    ),
    e(
        "report_listing",
        SIGNED_IN,
        &[
            ("product", "$product"),
            ("reason", "counterfeit"),
            ("text", "The glaze looks printed on, not fired."),
        ],
    ),
    // rights owners
    e("rights_page", SIGNED_IN, &[]),
    e("register_rights_owner", SIGNED_IN, &[("name", "X")]),
    e("update_brand", BUYER, &[("terms", "maison lune, 月光之家")]),
    e(
        "file_notice",
        BUYER,
        &[
            ("listings", "$noticed"),
            ("kind", "trademark"),
            ("evidence", WHY),
            ("good_faith", "on"),
        ],
    ),
    // the seller centre
    e("seller_overview", SELLERS, &[]),
    e("seller_dashboard", SELLERS, &[("days", "30")]),
    e("seller_listings", SELLERS, &[]),
    e("seller_orders", SELLERS, &[]),
    e("seller_reviews", SELLERS, &[]),
    e("seller_notices", SELLERS, &[]),
    e("shop_money", SELLERS, &[]),
    e("shop_campaigns", SELLERS, &[]),
    e("marketing", SELLERS, &[]),
    e("promotion_report", SELLER_A, &[("key", "$promotion")]),
    e("shipping_setup", SELLERS, &[]),
    e("listing_editor", SELLER_A, &[("id", "$product")]),
    e("import_status", SELLER_A, &[("id", "$import")]),
    e("mark_paid", SELLER_A_OR_ADMIN, &[("id", "$order")]),
    e(
        "ship_order",
        SELLER_A_OR_ADMIN,
        &[("id", "$order"), ("carrier", "DHL"), ("tracking", "1234")],
    ),
    e("mark_delivered", SELLER_A_OR_ADMIN, &[("id", "$order")]),
    e("receive_return", SELLER_A_OR_ADMIN, &[("id", "$order")]),
    e(
        "answer_claim",
        SELLER_A_OR_ADMIN,
        &[
            ("id", "$dispute"),
            ("statement", "The bowl matches its photos."),
        ],
    ),
    e(
        "decide_return",
        SELLER_A_OR_ADMIN,
        &[("id", "$order"), ("accept", "false")],
    ),
    e(
        "refund_order",
        SELLER_A,
        &[("id", "$order"), ("amount", "1")],
    ),
    e(
        "reply_review",
        SELLER_A,
        &[
            ("review", "$review"),
            ("reply", "Thank you for the kind words!"),
        ],
    ),
    e(
        "save_listing",
        SELLER_A,
        &[
            ("id", "$product"),
            ("title_en", "Wood-fired tea bowl, large"),
            ("title_zh", "柴燒茶碗"),
            ("description_en", "Wood-fired stoneware, 220 ml."),
            ("category", "tea"),
            ("condition", "new"),
            ("currency", "TWD"),
            ("price", "520"),
            ("stock", "50"),
        ],
    ),
    e(
        "arrange_photo",
        SELLER_A,
        &[("id", "$product"), ("photo", "$photo"), ("op", "down")],
    ),
    e(
        "add_variant",
        SELLER_A,
        &[
            ("id", "$product"),
            ("axis1_en", "Size"),
            ("axis1_zh", "尺寸"),
            ("value1_en", "Large"),
            ("value1_zh", "大"),
            ("price", "560"),
            ("stock", "3"),
        ],
    ),
    e(
        "bulk_update",
        SELLER_A,
        &[
            ("id[0]", "$product"),
            ("price[0]", "500"),
            ("stock[0]", "40"),
        ],
    ),
    e(
        "listing_action",
        SELLER_A,
        &[("id", "$product"), ("op", "duplicate")],
    ),
    e(
        "set_campaign_active",
        SELLER_A_OR_ADMIN,
        &[("key", "$campaign"), ("active", "on")],
    ),
    e(
        "counter_notice",
        SELLER_A,
        &[
            ("key", "$notice_item"),
            ("statement", WHY),
            ("good_faith", "on"),
        ],
    ),
    e(
        "legal_action",
        BUYER,
        &[("key", "$notice_item"), ("statement", WHY)],
    ),
    e(
        "file_appeal",
        SELLER_A,
        &[("key", "$decision"), ("text", WHY)],
    ),
    e("set_sold_out_display", OPEN_SELLERS, &[("mode", "hide")]),
    e(
        "save_shop_campaign",
        OPEN_SELLERS,
        &[("name", "Friends"), ("kind", "fixed"), ("fixed", "20")],
    ),
    e("save_payout_account", OPEN_SELLERS, &[("holder", "A")]),
    e("save_promotion", OPEN_SELLERS, &[("kind", "percent")]),
    e(
        "move_promotion",
        SELLER_A,
        &[("key", "$promotion"), ("to", "pause")],
    ),
    // without a Stripe account nobody gets through; the Stripe tests connect a shop
    e("connect_stripe", NOBODY, &[]),
    e(
        "save_zone",
        OPEN_SELLERS,
        &[
            ("name_en", "Islands"),
            ("name_zh", "離島"),
            ("countries[0]", "TW"),
            ("price", "120"),
            ("days_min", "2"),
            ("days_max", "5"),
        ],
    ),
    // applying to sell
    e("my_application", SIGNED_IN, &[]),
    e(
        "save_application",
        SIGNED_IN,
        &[("shop_name", "Harbour Kiln")],
    ),
    // only someone with an application has one to submit
    e("submit_application", SELLERS, &[]),
    // moderators
    e("admin_overview", MODERATORS, &[]),
    e("moderation_queue", MODERATORS, &[]),
    e("moderation_case", MODERATORS, &[("key", "$case")]),
    e("open_reports", MODERATORS, &[]),
    e("open_appeals", MODERATORS, &[]),
    e("disputes", MODERATORS, &[]),
    e("dispute", MODERATORS, &[("key", "$dispute")]),
    e(
        "decide_dispute",
        MODERATORS,
        &[
            ("key", "$dispute"),
            ("outcome", "close"),
            ("statement", "Both sides heard; the photos match."),
        ],
    ),
    e("notice_admin", MODERATORS, &[]),
    e("held_rewards", MODERATORS, &[]),
    e("moderation_reviews", MODERATORS, &[]),
    e("seller_applications", MODERATORS, &[("filter", "all")]),
    e("seller_application", MODERATORS, &[("key", "$application")]),
    e(
        "decide_case",
        MODERATORS,
        &[("key", "$case"), ("action", "approve")],
    ),
    e(
        "decide_cases",
        MODERATORS,
        &[("case[0]", "$case"), ("action", "approve")],
    ),
    e(
        "decide_report",
        MODERATORS,
        &[("key", "$report"), ("decision", "dismiss")],
    ),
    e(
        "decide_appeal",
        MODERATORS,
        &[
            ("key", "$decision"),
            ("decision", "uphold"),
            ("statement", WHY),
        ],
    ),
    e(
        "decide_rights_owner",
        MODERATORS,
        &[("key", "$rights_owner"), ("decision", "verify")],
    ),
    e(
        "decide_notice_item",
        MODERATORS,
        &[
            ("key", "$notice_item"),
            ("decision", "reinstate"),
            ("statement", WHY),
        ],
    ),
    e(
        "decide_reward",
        MODERATORS,
        &[("key", "$reward"), ("decision", "approve")],
    ),
    e(
        "decide_review",
        MODERATORS,
        &[("review", "$review"), ("decision", "keep")],
    ),
    e(
        "decide_application",
        MODERATORS,
        &[("key", "$application"), ("action", "approve")],
    ),
    // admins
    e("rates_admin", ADMIN, &[]),
    e("platform_settings", ADMIN, &[]),
    e("moderation_policy", ADMIN, &[]),
    e("campaign_dashboard", ADMIN, &[]),
    e(
        "set_rate",
        ADMIN,
        &[("currency", "JPY"), ("rate", "150"), ("mode", "manual")],
    ),
    e("set_fx_stale_hours", ADMIN, &[("hours", "48")]),
    e("set_moderation_policy", ADMIN, &[]),
    e(
        "set_commission",
        ADMIN,
        &[("category", "tea"), ("percent", "8")],
    ),
    e(
        "add_requirement",
        ADMIN,
        &[
            ("country", "TW"),
            ("business_type", "company"),
            ("document", "business_registration"),
        ],
    ),
    e("remove_requirement", ADMIN, &[("id", "$requirement")]),
    e("set_auto_approve", ADMIN, &[("enabled", "off")]),
    e(
        "save_campaign",
        ADMIN,
        &[
            ("name", "Spring sharing"),
            ("currency", "TWD"),
            ("kind", "percent"),
        ],
    ),
    e(
        "record_payout",
        ADMIN,
        &[("shop", "$shop"), ("amount", "1"), ("reference", "TX-1")],
    ),
    // conversations: a thread is its shopper's and its shop's, nobody else's
    e("my_threads", SIGNED_IN, &[]),
    e("shop_threads", SELLERS, &[("filter", "unanswered")]),
    e("chat_pulse", SIGNED_IN, &[]),
    e("shop_response", EVERYONE, &[("shop", "$shop")]),
    e("shop_conversation", SIGNED_IN, &[("shop", "$shop")]),
    e("thread_page", THREAD_PARTIES, &[("thread", "$thread")]),
    e(
        "send_message",
        THREAD_PARTIES,
        &[("thread", "$thread"), ("body", "Thank you!")],
    ),
    e(
        "save_canned_replies",
        SELLERS,
        &[("replies", "Thanks for asking!")],
    ),
    // product questions: anyone reads; a shopper asks (not about their own shop's
    // product); its seller and its buyers answer; moderators decide held ones
    e("product_questions", EVERYONE, &[("product", "$product")]),
    e("seller_questions", SELLERS, &[("filter", "all")]),
    e("moderation_questions", MODERATORS, &[]),
    e(
        "ask_question",
        ASKERS,
        &[
            ("product", "$product"),
            ("question", "Does it come gift-wrapped?"),
        ],
    ),
    e(
        "answer_question",
        THREAD_PARTIES,
        &[("question", "$question"), ("answer", "Yes, it does.")],
    ),
    e(
        "decide_question",
        MODERATORS,
        &[("question", "$held_question"), ("decision", "publish")],
    ),
    // a link's secret, not a session, says whose address it confirms
    e("verify_email", EVERYONE, &[("token", "not-a-link")]),
    e("resend_verification", SIGNED_IN, &[]),
    e("mail_prefs", SIGNED_IN, &[]),
    e(
        "save_mail_prefs",
        SIGNED_IN,
        &[
            ("lang", "en"),
            ("reviews", "on"),
            ("stock", "on"),
            ("messages", "on"),
        ],
    ),
    // a link's secret, not a session, says whose mail it stops: a wrong one changes nothing
    e(
        "unsubscribe",
        EVERYONE,
        &[("category", "reviews"), ("token", "not-a-link")],
    ),
    e("payment_alerts", ADMIN, &[]),
    e(
        "attribute_refund",
        ADMIN,
        &[
            ("alert", "$provider_alert"),
            ("order", "$order"),
            ("amount", "1"),
        ],
    ),
    e("retry_card_refund", ADMIN, &[("alert", "$refused_alert")]),
    // last: the code names each open seller's own zone of that name
    e("remove_zone", OPEN_SELLERS, &[("code", "$zone")]),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_server_function_lets_through_exactly_its_callers() {
    let registered = registered();
    assert!(registered.len() >= 100, "{registered:?}");
    let named: Vec<&str> = FUNCTIONS.iter().map(|e| e.name).collect();
    assert_covers("server function", &registered, &named);

    let mut w = World::new().await;
    let mut faults = Vec::new();
    for entry in FUNCTIONS {
        check(&mut w, entry, &mut faults).await;
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}
