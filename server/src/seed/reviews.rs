//! Demo reviews: thirty demo buyers whose delivered (and settled) past orders hold the
//! lines they reviewed, so every seeded review is a verified purchase and every rating
//! on the storefront comes from reviews that exist. Ratings are then computed once
//! from the reviews (`app::reviews::imp::recompute_all`).

use chrono::{DateTime, Duration, Utc};
use surrealdb::types::RecordId;

use app::state::Db;

use super::{create_user, Rng};
use crate::db::DbError;
use crate::store::seed::{self as store, LineRow, OrderRow, ReviewRow};

/// Only the first this many listed products get reviews (a 100,000-product bench seed
/// stays quick to build).
const REVIEWED_PRODUCTS: usize = 1200;
const REVIEWERS: &[&str] = &[
    "Amy Chen",
    "林美玲",
    "Brian Wu",
    "陳志明",
    "Chloe Lin",
    "王小華",
    "Daniel Ho",
    "張雅婷",
    "Emma Tsai",
    "李建宏",
    "Felix Huang",
    "黃淑芬",
    "Grace Liu",
    "吳俊傑",
    "Henry Yang",
    "蔡佩君",
    "Ivy Kao",
    "鄭宇軒",
    "Jason Lee",
    "許家豪",
    "Karen Hsu",
    "謝欣怡",
    "Leo Chang",
    "郭怡君",
    "Mia Wang",
    "洪志偉",
    "Nina Lai",
    "曾詩涵",
    "Oscar Lu",
    "邱柏翰",
];

const EN: [&[(&str, &str)]; 5] = [
    &[
        (
            "Disappointed",
            "Arrived damaged and the seller took a week to answer. Would not buy again.",
        ),
        (
            "Not as pictured",
            "The colour is nothing like the photos and the finish feels cheap.",
        ),
    ],
    &[
        (
            "Below expectations",
            "Works, but the quality is well below what the price suggests.",
        ),
        (
            "Slow shipping",
            "Took almost two weeks to arrive and the box was crushed.",
        ),
    ],
    &[
        (
            "It's okay",
            "Does the job. Nothing special, but nothing wrong with it either.",
        ),
        (
            "Average",
            "Decent for the price, though the packaging could be better.",
        ),
    ],
    &[
        (
            "Good value",
            "Nice quality for the price and it arrived quickly. Happy with it.",
        ),
        (
            "Would recommend",
            "Exactly as described. Lost one star for the slow reply to my question.",
        ),
        (
            "Pleased",
            "Solid and well made. Took a few days longer than expected to arrive.",
        ),
    ],
    &[
        (
            "Love it",
            "Beautiful quality, carefully packed and faster than promised. Will buy again!",
        ),
        (
            "Perfect",
            "Exactly what I hoped for. The seller even added a handwritten thank-you note.",
        ),
        (
            "Excellent seller",
            "Great communication and the item is even nicer in person.",
        ),
        (
            "Five stars",
            "Second time buying from this shop and just as good as the first.",
        ),
    ],
];

const ZH: [&[(&str, &str)]; 5] = [
    &[
        ("很失望", "收到時已經損壞，賣家一週後才回覆，不會再購買。"),
        ("與圖片不符", "顏色和照片差很多，做工也很粗糙。"),
    ],
    &[
        ("不如預期", "可以用，但品質和價格不太相符。"),
        ("出貨很慢", "將近兩週才收到，外箱也壓壞了。"),
    ],
    &[
        ("還可以", "堪用，沒有特別好也沒有不好。"),
        ("普通", "以這個價格來說還行，包裝可以再加強。"),
    ],
    &[
        ("物超所值", "品質不錯，出貨也快，很滿意。"),
        ("推薦", "和描述一樣，回覆訊息稍慢所以扣一顆星。"),
        ("滿意", "做工扎實，只是比預期晚了幾天到貨。"),
    ],
    &[
        ("非常喜歡", "質感很好，包裝仔細，比預期還快收到，會再回購！"),
        ("完美", "完全符合期待，賣家還附上手寫感謝卡。"),
        ("優質賣家", "溝通順暢，實品比照片更漂亮。"),
        ("五星好評", "第二次在這家購買，品質一樣穩定。"),
    ],
];

const REPLIES: [&str; 3] = [
    "Thank you so much for your kind words! 謝謝您的支持！",
    "We're sorry about this and have sent you a message about a replacement. 很抱歉，我們已私訊您安排換貨。",
    "Thanks for the feedback — we have improved our packaging since. 感謝建議，我們已加強包裝。",
];

fn stars(rng: &mut Rng) -> usize {
    match rng.below(100) {
        0..=3 => 1,
        4..=9 => 2,
        10..=21 => 3,
        22..=49 => 4,
        _ => 5,
    }
}

/// A published review of `p` by `reviewer` (written a few days after `delivered`),
/// with the seller's reply to some.
fn review_row(
    rng: &mut Rng,
    key: &str,
    p: &store::Listed,
    line: RecordId,
    reviewer: &(RecordId, String, bool),
    delivered: DateTime<Utc>,
) -> ReviewRow {
    let (author, name, zh) = reviewer;
    let s = stars(rng);
    let bank = if *zh { ZH[s - 1] } else { EN[s - 1] };
    let (title, body) = bank[rng.below(bank.len() as u64) as usize];
    let written = delivered + Duration::days(1 + rng.below(5) as i64);
    let reply = (rng.below(10) < 3).then(|| {
        let text = if s <= 2 {
            REPLIES[1]
        } else if s == 3 {
            REPLIES[2]
        } else {
            REPLIES[0]
        };
        text.to_string()
    });
    ReviewRow {
        id: RecordId::new("review", key),
        product: p.id.clone(),
        order_line: line,
        author: author.clone(),
        author_name: name.clone(),
        shop: p.shop.clone(),
        rating: s as i64,
        title: title.to_string(),
        body: body.to_string(),
        lang: if *zh { "zh-Hant" } else { "en" }.to_string(),
        status: "published".into(),
        helpful: rng.below(4) as i64 * rng.below(6) as i64,
        created_at: written,
        reply_at: reply.as_ref().map(|_| written + Duration::days(1)),
        reply,
    }
}

pub(super) async fn seed_reviews(db: &Db, pw: &str, now: DateTime<Utc>) -> Result<usize, DbError> {
    let mut rng = Rng(0x0052_4556_4945_5753);
    let listed = store::listed_products(db, REVIEWED_PRODUCTS as i64).await?;
    let mut reviewers = Vec::new();
    for (i, name) in REVIEWERS.iter().enumerate() {
        let id = create_user(
            db,
            &format!("reviewer{:02}@demo.test", i + 1),
            name,
            &["shopper"],
            pw,
            now - Duration::days(300),
        )
        .await?;
        let zh = !name.is_ascii();
        reviewers.push((id, domain::review::public_name(name), zh));
    }
    let address = serde_json::to_value(super::demo_address()).unwrap_or_default();
    let mut orders: Vec<OrderRow> = Vec::new();
    let mut lines = Vec::new();
    let mut reviews = Vec::new();
    for (k, p) in listed.iter().enumerate() {
        let n = match rng.below(100) {
            0..=29 => 0,
            30..=94 => 1 + rng.below(8) as usize,
            _ => 15 + rng.below(15) as usize,
        };
        let first = rng.below(REVIEWERS.len() as u64) as usize;
        for j in 0..n.min(REVIEWERS.len()) {
            let r = (first + j) % REVIEWERS.len();
            let (author, _, _) = &reviewers[r];
            let shop_key = app::state::key_of(&p.shop);
            let order_id = RecordId::new("shop_order", format!("rv{r:02}_{shop_key}"));
            let delivered = now - Duration::days(10 + rng.below(80) as i64);
            match orders.iter_mut().find(|o| o.id == order_id) {
                Some(o) => o.subtotal_minor += p.price_minor,
                None => orders.push(OrderRow {
                    id: order_id.clone(),
                    checkout: RecordId::new("checkout", format!("rv{r:02}")),
                    buyer: author.clone(),
                    shop: p.shop.clone(),
                    status: "completed".into(),
                    subtotal_minor: p.price_minor,
                    shipping_minor: 0,
                    currency: p.currency.clone(),
                    shipping_address: address.clone(),
                    created_at: delivered - Duration::days(4),
                    number: domain::order::order_number(&format!("rv{r:02}{shop_key}")),
                    shipping_method: "Standard delivery".into(),
                    payment_status: "paid".into(),
                    delivered_at: delivered,
                    settled_at: delivered + Duration::days(8),
                }),
            }
            let key = format!("rv{r:02}_{k:05}");
            let line = RecordId::new("order_line", key.as_str());
            lines.push(LineRow {
                id: line.clone(),
                shop_order: order_id,
                product: p.id.clone(),
                title: p.title_en.clone(),
                unit_price_minor: p.price_minor,
                quantity: 1,
                currency: p.currency.clone(),
            });
            reviews.push(review_row(
                &mut rng,
                &key,
                p,
                line,
                &reviewers[r],
                delivered,
            ));
        }
    }
    for (r, (buyer, _, _)) in reviewers.iter().enumerate() {
        store::create_paid_checkout(
            db,
            RecordId::new("checkout", format!("rv{r:02}")),
            buyer.clone(),
            now - Duration::days(95),
        )
        .await?;
    }
    let n = reviews.len();
    store::insert_shop_orders(db, orders).await?;
    store::insert_order_lines(db, lines).await?;
    store::insert_reviews(db, reviews).await?;
    app::reviews::imp::recompute_all(db).await?;
    Ok(n)
}
