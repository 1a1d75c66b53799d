//! The database side of reviews. Every change that moves a review in or out of
//! "published" applies its `domain::review::Aggregate::delta` to the product's and the
//! shop's ratings in the same transaction, guarded by the state it read, so the
//! ratings never need a scan (and [`recompute_all`] — used by the seed and to check
//! the deltas — always agrees with them).

use chrono::{DateTime, Duration, Utc};
use domain::review::{self, Aggregate, Counted, Flag};
use domain::{FieldErrorCode, Role};
use surrealdb::types::{RecordId, SurrealValue, Variables};

use super::*;
use crate::accounts::session::{require_role, SessionUser};
use crate::error::{internal, invalid};
use crate::state::{app_state, is_record_key, key_of, AppState, Db};
use backend::db::{Audit, AuditAction, Refusal, Stmts, Tx};

/// The public URL of a stored review photo (`reviews/…`).
pub fn photo_url(key: &str) -> String {
    format!("/media/{key}")
}

fn photo_pair(key: &str) -> (String, String) {
    let full = photo_url(key);
    let thumb = full.replacen(".jpg", "-t.jpg", 1);
    (thumb, full)
}

pub async fn seller_user() -> Result<(AppState, SessionUser), AppError> {
    let user = require_role(Role::Seller).await?;
    Ok((app_state()?, user))
}

fn vote_id(review: &str, user: &RecordId) -> RecordId {
    RecordId::new("review_vote", format!("{review}|{}", key_of(user)))
}

fn report_id(review: &str, user: &RecordId) -> RecordId {
    RecordId::new("review_report", format!("{review}|{}", key_of(user)))
}

fn summary_of(a: &Aggregate) -> RatingSummary {
    RatingSummary {
        avg_x10: (a.average() * 10.0).round() as u16,
        count: a.count,
        dist: a.dist,
        with_photos: a.photos,
    }
}

/// Binds a rating delta as `$dn $ds $d1…$d5 $dp` and the Bayesian prior `$pw $pm`.
fn bind_delta(v: &mut Variables, d: Aggregate) {
    v.insert("dn", d.count);
    v.insert("ds", d.sum);
    for (i, n) in d.dist.iter().enumerate() {
        v.insert(format!("d{}", i + 1), *n);
    }
    v.insert("dp", d.photos);
    v.insert("pw", review::PRIOR_WEIGHT);
    v.insert("pm", review::PRIOR_MEAN);
}

/// Adds the bound delta to `$product` and `$shop` and recomputes their averages from
/// the stored sums (nothing is scanned).
const APPLY_DELTA: &str = "\
IF $dn != 0 OR $ds != 0 OR $dp != 0 {\n\
  UPDATE $product SET rating_count += $dn, rating_sum += $ds, rating_1 += $d1, rating_2 += $d2, rating_3 += $d3, rating_4 += $d4, rating_5 += $d5, review_photos += $dp;\n\
  UPDATE $product SET rating_avg = IF rating_count > 0 { <float> rating_sum / rating_count } ELSE { 0.0 }, \
    rating_bayes = IF rating_count > 0 { ($pw * $pm + rating_sum) / ($pw + rating_count) } ELSE { 0.0 };\n\
  UPDATE $shop SET rating_count += $dn, rating_sum += $ds, rating_1 += $d1, rating_2 += $d2, rating_3 += $d3, rating_4 += $d4, rating_5 += $d5;\n\
  UPDATE $shop SET rating_avg = IF rating_count > 0 { <float> rating_sum / rating_count } ELSE { 0.0 };\n\
};\n";

#[derive(SurrealValue)]
struct AggRow {
    rating_count: i64,
    rating_sum: i64,
    rating_1: i64,
    rating_2: i64,
    rating_3: i64,
    rating_4: i64,
    rating_5: i64,
    review_photos: Option<i64>,
}

impl AggRow {
    fn aggregate(&self) -> Aggregate {
        Aggregate {
            count: self.rating_count,
            sum: self.rating_sum,
            dist: [
                self.rating_1,
                self.rating_2,
                self.rating_3,
                self.rating_4,
                self.rating_5,
            ],
            photos: self.review_photos.unwrap_or(0),
        }
    }
}

const AGG_FIELDS: &str =
    "rating_count, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5";

/// A product's stored ratings.
pub async fn product_aggregate(db: &Db, product: &RecordId) -> Result<Aggregate, AppError> {
    let mut res = db
        .query(format!("SELECT {AGG_FIELDS}, review_photos FROM $p"))
        .bind(("p", product.clone()))
        .await?
        .check()?;
    let rows: Vec<AggRow> = res.take(0)?;
    Ok(rows.first().map(AggRow::aggregate).unwrap_or_default())
}

/// A shop's stored ratings (no photo count).
pub async fn shop_aggregate(db: &Db, shop: &RecordId) -> Result<Aggregate, AppError> {
    let mut res = db
        .query(format!(
            "SELECT {AGG_FIELDS}, NONE AS review_photos FROM $s"
        ))
        .bind(("s", shop.clone()))
        .await?
        .check()?;
    let rows: Vec<AggRow> = res.take(0)?;
    Ok(rows.first().map(AggRow::aggregate).unwrap_or_default())
}

/// The ratings recomputed from the published reviews themselves (a scan: for the seed,
/// for repairs and for tests that check the deltas).
pub async fn recomputed(db: &Db, product: &RecordId) -> Result<Aggregate, AppError> {
    #[derive(SurrealValue)]
    struct R {
        rating: i64,
        has_photos: bool,
    }
    let mut res = db
        .query("SELECT rating, has_photos FROM review WHERE product = $p AND status = 'published'")
        .bind(("p", product.clone()))
        .await?
        .check()?;
    let rows: Vec<R> = res.take(0)?;
    let counted: Vec<Counted> = rows
        .iter()
        .map(|r| Counted {
            rating: r.rating.clamp(1, 5) as u8,
            photos: r.has_photos,
        })
        .collect();
    Ok(Aggregate::of(&counted))
}

/// Rewrites every product's and shop's ratings from the published reviews (the seed
/// inserts reviews in bulk and then calls this once).
pub async fn recompute_all(db: &Db) -> Result<(), surrealdb::Error> {
    db.query(
        "FOR $g IN (SELECT product, count() AS n, math::sum(rating) AS s, \
            count(rating = 1) AS r1, count(rating = 2) AS r2, count(rating = 3) AS r3, count(rating = 4) AS r4, count(rating = 5) AS r5, \
            count(has_photos) AS ph FROM review WHERE status = 'published' GROUP BY product) {\n\
           UPDATE $g.product SET rating_count = $g.n, rating_sum = $g.s, rating_1 = $g.r1, rating_2 = $g.r2, rating_3 = $g.r3, \
             rating_4 = $g.r4, rating_5 = $g.r5, review_photos = $g.ph, rating_avg = <float> $g.s / $g.n, \
             rating_bayes = ($pw * $pm + $g.s) / ($pw + $g.n);\n\
         };\n\
         FOR $g IN (SELECT shop, count() AS n, math::sum(rating) AS s, \
            count(rating = 1) AS r1, count(rating = 2) AS r2, count(rating = 3) AS r3, count(rating = 4) AS r4, count(rating = 5) AS r5 \
            FROM review WHERE status = 'published' GROUP BY shop) {\n\
           UPDATE $g.shop SET rating_count = $g.n, rating_sum = $g.s, rating_1 = $g.r1, rating_2 = $g.r2, rating_3 = $g.r3, \
             rating_4 = $g.r4, rating_5 = $g.r5, rating_avg = <float> $g.s / $g.n;\n\
         };",
    )
    .bind(("pw", review::PRIOR_WEIGHT))
    .bind(("pm", review::PRIOR_MEAN))
    .await?
    .check()?;
    Ok(())
}

// ---------------------------------------------------------------------------------
// The product page

#[derive(SurrealValue)]
struct ReviewRow {
    id: RecordId,
    rating: i64,
    title: String,
    body: String,
    lang: String,
    author: RecordId,
    author_name: String,
    item: Option<String>,
    created_at: DateTime<Utc>,
    edited_at: Option<DateTime<Utc>>,
    photos: Vec<String>,
    quality: Option<i64>,
    described: Option<i64>,
    shipping: Option<i64>,
    helpful: i64,
    reply: Option<String>,
    reply_at: Option<DateTime<Utc>>,
}

const REVIEW_FIELDS: &str =
    "id, rating, title, body, lang, author, author_name, order_line.title AS item, created_at, \
     edited_at, photos, quality, described, shipping, helpful, reply, reply_at";

fn aspect(v: Option<i64>) -> Option<u8> {
    v.filter(|n| (1..=5).contains(n)).map(|n| n as u8)
}

impl ReviewRow {
    fn view(self, viewer: Option<&RecordId>, voted: bool) -> ReviewView {
        ReviewView {
            key: key_of(&self.id),
            rating: self.rating.clamp(1, 5) as u8,
            title: self.title,
            body: self.body,
            lang: self.lang,
            mine: viewer == Some(&self.author),
            author: self.author_name,
            item: self.item.unwrap_or_default(),
            created_at: self.created_at.timestamp(),
            edited: self.edited_at.is_some(),
            photos: self.photos.iter().map(|k| photo_pair(k)).collect(),
            aspects: [
                aspect(self.quality),
                aspect(self.described),
                aspect(self.shipping),
            ],
            helpful: self.helpful,
            voted,
            reply: self.reply,
            reply_at: self.reply_at.map(|t| t.timestamp()),
        }
    }
}

/// The product page's reviews: the summary from the stored ratings and one indexed
/// read of the requested page (each filter and sort has its own index).
pub async fn product_page(
    state: &AppState,
    user: Option<&SessionUser>,
    product: &str,
    q: &ReviewQuery,
) -> Result<ReviewPage, AppError> {
    if !is_record_key(product) {
        return Err(AppError::NotFound);
    }
    let pid = RecordId::new("product", product);
    let mut filter = String::from("product = $p AND status = 'published'");
    if q.stars().is_some() {
        filter.push_str(" AND rating = $stars");
    }
    if q.with_photos() {
        filter.push_str(" AND has_photos = true");
    }
    if q.lang().is_some() {
        filter.push_str(" AND lang = $lang");
    }
    let order = match q.sort() {
        "helpful" => "sort_helpful",
        "lowest" => "sort_low",
        _ => "sort_new",
    };
    let shown = q.pages() * PAGE_SIZE;
    let sql = format!(
        "SELECT {AGG_FIELDS}, review_photos FROM $p;\n\
         SELECT {REVIEW_FIELDS} FROM review WHERE {filter} ORDER BY {order} LIMIT $limit;"
    );
    let mut res = state
        .db
        .query(sql)
        .bind(("p", pid))
        .bind(("stars", i64::from(q.stars().unwrap_or(0))))
        .bind(("lang", q.lang().unwrap_or_default().to_string()))
        .bind(("limit", (shown + 1) as i64))
        .await?
        .check()?;
    let agg: Vec<AggRow> = res.take(0)?;
    let Some(agg) = agg.first().map(AggRow::aggregate) else {
        return Err(AppError::NotFound);
    };
    let mut rows: Vec<ReviewRow> = res.take(1)?;
    let has_more = rows.len() > shown;
    rows.truncate(shown);
    // which of these the viewer found helpful: direct record reads, no scan
    let voted: Vec<String> = match user {
        Some(u) if !rows.is_empty() => {
            let ids: Vec<RecordId> = rows
                .iter()
                .map(|r| vote_id(&key_of(&r.id), &u.id))
                .collect();
            let mut res = state
                .db
                .query("SELECT VALUE record::id(review) FROM $ids")
                .bind(("ids", ids))
                .await?
                .check()?;
            res.take(0)?
        }
        _ => Vec::new(),
    };
    let viewer = user.map(|u| &u.id);
    let reviews = rows
        .into_iter()
        .map(|r| {
            let v = voted.contains(&key_of(&r.id));
            r.view(viewer, v)
        })
        .collect();
    Ok(ReviewPage {
        summary: summary_of(&agg),
        reviews,
        has_more,
    })
}

#[derive(SurrealValue)]
struct Target {
    id: RecordId,
    author: RecordId,
    status: String,
    shop: RecordId,
    product: RecordId,
}

async fn target(db: &Db, key: &str) -> Result<Target, AppError> {
    if !is_record_key(key) {
        return Err(AppError::NotFound);
    }
    let mut res = db
        .query("SELECT id, author, status, shop, product FROM $r")
        .bind(("r", RecordId::new("review", key)))
        .await?
        .check()?;
    let rows: Vec<Target> = res.take(0)?;
    rows.into_iter().next().ok_or(AppError::NotFound)
}

/// "Helpful": once per person, not on one's own review, only published reviews.
pub async fn vote(state: &AppState, user: &SessionUser, key: &str) -> Result<i64, AppError> {
    let t = target(&state.db, key).await?;
    if t.status != "published" {
        return Err(AppError::NotFound);
    }
    if t.author == user.id {
        return Err(invalid("review", FieldErrorCode::NotAllowed));
    }
    let mut v = Variables::new();
    v.insert("vote", vote_id(key, &user.id));
    v.insert("r", t.id.clone());
    v.insert("me", user.id.clone());
    let mut s = Stmts::new();
    s.bind_all(v)
        .refuse_if("record::exists($vote)", Refusal::AlreadyExists)
        .sql("CREATE $vote SET review = $r, voter = $me, at = $now; UPDATE $r SET helpful += 1");
    let mut tx = Tx::new();
    tx.bind("now", state.now()).add(s);
    tx.run(&state.db)
        .await?
        .map_err(|_| invalid("review", FieldErrorCode::AlreadyDone))?;
    let mut res = state
        .db
        .query("SELECT VALUE helpful FROM $r")
        .bind(("r", t.id))
        .await?
        .check()?;
    let n: Option<i64> = res.take(0)?;
    Ok(n.unwrap_or(0))
}

/// A shopper reports a review (once each); moderators see it on the moderation page.
pub async fn report(
    state: &AppState,
    user: &SessionUser,
    key: &str,
    reason: &str,
) -> Result<(), AppError> {
    if !REVIEW_REPORT_REASONS.contains(&reason) {
        return Err(invalid("reason", FieldErrorCode::InvalidChoice));
    }
    let t = target(&state.db, key).await?;
    if t.status != "published" {
        return Err(AppError::NotFound);
    }
    if t.author == user.id {
        return Err(invalid("reason", FieldErrorCode::NotAllowed));
    }
    let mut v = Variables::new();
    v.insert("rep", report_id(key, &user.id));
    v.insert("r", t.id);
    v.insert("me", user.id.clone());
    v.insert("reason", reason.to_string());
    let mut s = Stmts::new();
    s.bind_all(v)
        .refuse_if("record::exists($rep)", Refusal::AlreadyExists)
        .sql(
            "CREATE $rep SET review = $r, reporter = $me, reason = $reason, status = 'open', at = $now;\n\
             UPDATE $r SET reports += 1",
        );
    let mut tx = Tx::new();
    tx.bind("now", state.now()).add(s);
    tx.run(&state.db)
        .await?
        .map_err(|_| invalid("reason", FieldErrorCode::AlreadyDone))
}

// ---------------------------------------------------------------------------------
// Writing and editing

#[derive(SurrealValue)]
struct LineRow {
    id: RecordId,
    product: RecordId,
    parent: Option<RecordId>,
    title: String,
    order_id: RecordId,
    buyer: RecordId,
    shop: RecordId,
    owner: Option<RecordId>,
    status: String,
    delivered_at: Option<DateTime<Utc>>,
    checkout: RecordId,
    image: Option<String>,
}

const LINE_FIELDS: &str = "id, product, product.variant_of AS parent, title, shop_order AS order_id, \
     shop_order.buyer AS buyer, shop_order.shop AS shop, shop_order.shop.owner AS owner, shop_order.status AS status, \
     shop_order.delivered_at AS delivered_at, shop_order.checkout AS checkout, product.image_url AS image";

impl LineRow {
    /// Reviews belong to the listed product (a variant's parent), so all sizes and
    /// colours share one rating.
    fn listed(&self) -> RecordId {
        self.parent.clone().unwrap_or_else(|| self.product.clone())
    }
}

#[derive(SurrealValue)]
struct MineRow {
    id: RecordId,
    rating: i64,
    title: String,
    body: String,
    quality: Option<i64>,
    described: Option<i64>,
    shipping: Option<i64>,
    photos: Vec<String>,
    status: String,
    has_photos: bool,
    created_at: DateTime<Utc>,
    author: RecordId,
    revisions: i64,
}

const MINE_FIELDS: &str =
    "id, rating, title, body, quality, described, shipping, photos, status, has_photos, \
     created_at, author, revisions";

async fn window_days(db: &Db) -> Result<i64, AppError> {
    let mut res = db
        .query("RETURN platform_setting:main.review_window_days")
        .await?
        .check()?;
    let v: Option<i64> = res.take(0)?;
    Ok(v.unwrap_or(review::DEFAULT_WINDOW_DAYS))
}

fn line_state(
    line: &LineRow,
    mine: Option<&MineRow>,
    user: &SessionUser,
    now: DateTime<Utc>,
    window: i64,
) -> LineReviewState {
    if let Some(m) = mine {
        return LineReviewState::Written {
            status: m.status.clone(),
            rating: m.rating.clamp(1, 5) as u8,
            can_edit: m.status != "removed"
                && review::may_edit(m.created_at.timestamp(), now.timestamp()),
        };
    }
    if line.owner.as_ref() == Some(&user.id) {
        return LineReviewState::OwnProduct;
    }
    if !matches!(line.status.as_str(), "delivered" | "completed") {
        return LineReviewState::NotYet;
    }
    let delivered = line.delivered_at.map(|t| t.timestamp());
    match review::may_review(delivered, now.timestamp(), window) {
        Ok(()) => LineReviewState::CanWrite {
            until: delivered.unwrap_or_default() + window * 86_400,
        },
        Err(review::Refusal::NotDelivered) => LineReviewState::NotYet,
        Err(review::Refusal::WindowClosed) => LineReviewState::Closed,
    }
}

/// Each line of one of the buyer's orders with what can be done about its review.
pub async fn order_lines(
    state: &AppState,
    user: &SessionUser,
    order: &str,
) -> Result<Vec<LineReview>, AppError> {
    if !is_record_key(order) {
        return Err(AppError::NotFound);
    }
    let mut res = state
        .db
        .query(format!(
            "SELECT {LINE_FIELDS} FROM order_line WHERE shop_order = $o;\n\
             SELECT {MINE_FIELDS} FROM (SELECT VALUE type::record('review', record::id(id)) FROM order_line WHERE shop_order = $o);"
        ))
        .bind(("o", RecordId::new("shop_order", order)))
        .await?
        .check()?;
    let lines: Vec<LineRow> = res.take(0)?;
    let mine: Vec<MineRow> = res.take(1)?;
    if lines.first().is_none_or(|l| l.buyer != user.id) {
        return Err(AppError::NotFound);
    }
    let window = window_days(&state.db).await?;
    let now = state.now();
    Ok(lines
        .iter()
        .map(|l| {
            let m = mine.iter().find(|m| key_of(&m.id) == key_of(&l.id));
            LineReview {
                line_key: key_of(&l.id),
                product_key: key_of(&l.listed()),
                title: l.title.clone(),
                state: line_state(l, m, user, now, window),
            }
        })
        .collect())
}

async fn load_line(
    db: &Db,
    user: &SessionUser,
    order: &str,
    line: &str,
) -> Result<(LineRow, Option<MineRow>), AppError> {
    if !is_record_key(order) || !is_record_key(line) {
        return Err(AppError::NotFound);
    }
    let mut res = db
        .query(format!(
            "SELECT {LINE_FIELDS} FROM $l;\n\
             SELECT {MINE_FIELDS} FROM $r;"
        ))
        .bind(("l", RecordId::new("order_line", line)))
        .bind(("r", RecordId::new("review", line)))
        .await?
        .check()?;
    let lines: Vec<LineRow> = res.take(0)?;
    let mine: Vec<MineRow> = res.take(1)?;
    let l = lines.into_iter().next().ok_or(AppError::NotFound)?;
    // someone else's order line is "not found", whoever asks
    if l.buyer != user.id || key_of(&l.order_id) != order {
        return Err(AppError::NotFound);
    }
    Ok((l, mine.into_iter().next()))
}

/// The review form's data (new or edit).
pub async fn form(
    state: &AppState,
    user: &SessionUser,
    order: &str,
    line: &str,
) -> Result<ReviewFormData, AppError> {
    let (l, mine) = load_line(&state.db, user, order, line).await?;
    let window = window_days(&state.db).await?;
    let st = line_state(&l, mine.as_ref(), user, state.now(), window);
    Ok(ReviewFormData {
        order_id: order.to_string(),
        line_key: line.to_string(),
        product_key: key_of(&l.listed()),
        title: l.title.clone(),
        image: l.image.clone().unwrap_or_default(),
        state: st,
        existing: mine.map(|m| ExistingReview {
            rating: m.rating.clamp(1, 5) as u8,
            title: m.title,
            body: m.body,
            aspects: [aspect(m.quality), aspect(m.described), aspect(m.shipping)],
            photos: m.photos.iter().map(|k| photo_pair(k).0).collect(),
            status: m.status,
            revisions: m.revisions,
        }),
    })
}

/// A submitted review form (from the multipart handler).
pub struct Submission {
    pub draft: review::Draft,
    pub photos: Vec<Vec<u8>>,
    /// The browser's device cookie.
    pub device: Option<String>,
}

/// Where the review ended up.
#[derive(Debug, PartialEq, Eq)]
pub struct Written {
    pub product_key: String,
    pub status: String,
}

fn refusal_error(r: review::Refusal) -> AppError {
    match r {
        review::Refusal::NotDelivered => invalid("review", FieldErrorCode::NotDelivered),
        review::Refusal::WindowClosed => invalid("review", FieldErrorCode::WindowClosed),
    }
}

/// Checks photos (count, size, that they decode) and stores them.
async fn store_photos(
    state: &AppState,
    line: &str,
    photos: Vec<Vec<u8>>,
) -> Result<Vec<String>, AppError> {
    use domain::media::MAX_PHOTO_BYTES;
    if photos.len() > review::MAX_REVIEW_PHOTOS {
        return Err(invalid("photos", FieldErrorCode::TooMany));
    }
    if photos.iter().any(|p| p.len() > MAX_PHOTO_BYTES) {
        return Err(invalid("photos", FieldErrorCode::FileTooLarge));
    }
    let processed = tokio::task::spawn_blocking(move || {
        photos
            .iter()
            .map(|p| crate::media::process_photo(p))
            .collect::<Option<Vec<_>>>()
    })
    .await
    .map_err(|e| internal("review photos", e))?
    .ok_or_else(|| invalid("photos", FieldErrorCode::NotAnImage))?;
    let mut keys = Vec::new();
    for p in processed {
        let token = crate::accounts::session::random_token();
        let key = format!("reviews/{line}/{}.jpg", &token[..24]);
        let thumb = key.replacen(".jpg", "-t.jpg", 1);
        state
            .media
            .put(&key, p.full)
            .await
            .map_err(|e| internal("store review photo", e))?;
        state
            .media
            .put(&thumb, p.thumb)
            .await
            .map_err(|e| internal("store review photo", e))?;
        keys.push(key);
    }
    Ok(keys)
}

/// The checks that need other reviews: copies of another account's text, linked
/// accounts (the same device or card as another reviewer of this shop, or the
/// seller's own device), and bursts on the product.
async fn context_flags(
    state: &AppState,
    user: &SessionUser,
    line: &LineRow,
    text_key: Option<&str>,
    device: Option<&str>,
    payment_fp: Option<&str>,
) -> Result<Vec<Flag>, AppError> {
    #[derive(SurrealValue)]
    struct Ctx {
        dup: Option<RecordId>,
        device_other: Option<RecordId>,
        seller_device: Option<RecordId>,
        card_other: Option<RecordId>,
        recent: i64,
    }
    let since = state.now() - Duration::minutes(review::BURST_MINUTES);
    let mut res = state
        .db
        .query(
            "RETURN {\n\
               dup: IF $tk != NONE { (SELECT VALUE author FROM review WHERE text_key = $tk AND author != $me LIMIT 1)[0] } ELSE { NONE },\n\
               device_other: IF $device != NONE { (SELECT VALUE author FROM review WHERE device = $device AND author != $me AND shop = $shop LIMIT 1)[0] } ELSE { NONE },\n\
               seller_device: IF $device != NONE AND $owner != NONE { (SELECT VALUE user FROM user_session WHERE device = $device AND user = $owner LIMIT 1)[0] } ELSE { NONE },\n\
               card_other: IF $fp != NONE { (SELECT VALUE author FROM review WHERE payment_fp = $fp AND author != $me AND shop = $shop LIMIT 1)[0] } ELSE { NONE },\n\
               recent: count(SELECT id FROM review WHERE product = $p AND created_at > $since),\n\
             };",
        )
        .bind(("tk", text_key.map(str::to_string)))
        .bind(("me", user.id.clone()))
        .bind(("device", device.map(str::to_string)))
        .bind(("owner", line.owner.clone()))
        .bind(("shop", line.shop.clone()))
        .bind(("fp", payment_fp.map(str::to_string)))
        .bind(("p", line.listed()))
        .bind(("since", since))
        .await?
        .check()?;
    let c: Option<Ctx> = res.take(0)?;
    let c = c.ok_or_else(|| internal("review checks", "no row"))?;
    let mut flags = Vec::new();
    if c.dup.is_some() {
        flags.push(Flag::Duplicate);
    }
    if c.device_other.is_some() || c.seller_device.is_some() || c.card_other.is_some() {
        flags.push(Flag::LinkedAccounts);
    }
    // this review would be the BURST_COUNT-th within the window
    if c.recent + 1 >= review::BURST_COUNT as i64 {
        flags.push(Flag::Burst);
    }
    Ok(flags)
}

/// Writes or edits the review of `line` (an order line of `order`, the user's).
pub async fn submit(
    state: &AppState,
    user: &SessionUser,
    order: &str,
    line: &str,
    s: Submission,
) -> Result<Written, AppError> {
    let checked = review::check(&s.draft).map_err(AppError::Invalid)?;
    let (l, mine) = load_line(&state.db, user, order, line).await?;
    let now = state.now();
    if l.owner.as_ref() == Some(&user.id) {
        return Err(invalid("review", FieldErrorCode::NotAllowed));
    }
    match &mine {
        None => {
            if !matches!(l.status.as_str(), "delivered" | "completed") {
                return Err(refusal_error(review::Refusal::NotDelivered));
            }
            let window = window_days(&state.db).await?;
            review::may_review(
                l.delivered_at.map(|t| t.timestamp()),
                now.timestamp(),
                window,
            )
            .map_err(refusal_error)?;
        }
        Some(m) => {
            if m.status == "removed" {
                return Err(invalid("review", FieldErrorCode::NotAllowed));
            }
            if !review::may_edit(m.created_at.timestamp(), now.timestamp()) {
                return Err(invalid("review", FieldErrorCode::WindowClosed));
            }
        }
    }
    let photos = if s.photos.is_empty() {
        mine.as_ref().map(|m| m.photos.clone()).unwrap_or_default()
    } else {
        store_photos(state, line, s.photos).await?
    };
    let text_key = review::text_key(&checked.body);
    let payment_fp: Option<String> = {
        let mut res = state
            .db
            .query("SELECT VALUE fingerprint FROM payment WHERE checkout = $c AND fingerprint != NONE LIMIT 1")
            .bind(("c", l.checkout.clone()))
            .await?
            .check()?;
        let v: Vec<String> = res.take(0)?;
        v.into_iter().next()
    };
    let mut flags = review::text_flags(&checked.title, &checked.body);
    flags.extend(
        context_flags(
            state,
            user,
            &l,
            text_key.as_deref(),
            s.device.as_deref(),
            payment_fp.as_deref(),
        )
        .await?,
    );
    let status = if flags.is_empty() {
        "published"
    } else {
        "held"
    };
    let after = (status == "published").then_some(Counted {
        rating: checked.rating,
        photos: !photos.is_empty(),
    });
    let before = mine.as_ref().and_then(|m| {
        (m.status == "published").then_some(Counted {
            rating: m.rating.clamp(1, 5) as u8,
            photos: m.has_photos,
        })
    });
    let negative = status == "published"
        && review::is_negative(checked.rating)
        && before.is_none_or(|b| !review::is_negative(b.rating));
    let rid = RecordId::new("review", line);
    let mut v = Variables::new();
    bind_delta(&mut v, Aggregate::delta(before, after));
    v.insert("id", rid.clone());
    v.insert("product", l.listed());
    v.insert("shop", l.shop.clone());
    v.insert("line", l.id.clone());
    v.insert("me", user.id.clone());
    v.insert("name", review::public_name(&user.display_name));
    v.insert("rating", i64::from(checked.rating));
    v.insert("title", checked.title.clone());
    v.insert("body", checked.body.clone());
    v.insert("lang", checked.lang.code().to_string());
    v.insert("photos", photos);
    let [q, d, sh] = checked.aspects.map(|a| a.map(i64::from));
    v.insert("q", q);
    v.insert("d", d);
    v.insert("sh", sh);
    v.insert("status", status.to_string());
    v.insert(
        "flags",
        flags
            .iter()
            .map(|f| f.code().to_string())
            .collect::<Vec<_>>(),
    );
    v.insert("tk", text_key);
    v.insert("device", s.device);
    v.insert("fp", payment_fp);
    v.insert("notify", negative && l.owner.is_some());
    v.insert("owner", l.owner.clone());
    v.insert(
        "subject",
        format!(
            "{}★ review of {} · {} 星評價",
            checked.rating, l.title, checked.rating
        ),
    );
    v.insert(
        "link",
        format!("/seller/reviews?filter=needs_reply#review-{line}"),
    );
    let fields = "rating = $rating, title = $title, body = $body, lang = $lang, photos = $photos, quality = $q ?? NONE, \
                  described = $d ?? NONE, shipping = $sh ?? NONE, status = $status, flags = $flags, text_key = $tk ?? NONE, \
                  device = $device ?? NONE, payment_fp = $fp ?? NONE";
    let mut s = Stmts::new();
    match &mine {
        None => {
            s.refuse_if("record::exists($id)", Refusal::AlreadyExists)
                .sql(&format!(
                    "CREATE $id SET product = $product, shop = $shop, order_line = $line, author = $me, author_name = $name, \
                     created_at = $now, {fields}"
                ));
        }
        Some(m) => {
            s.bind("was_status", m.status.clone())
                .bind("was_rating", m.rating)
                .bind("was_photos", m.has_photos)
                .sql("LET $r = $id.*")
                .refuse_if("$r = NONE OR $r.author != $me", Refusal::NotFound)
                .refuse_if(
                    "$r.status != $was_status OR $r.rating != $was_rating OR $r.has_photos != $was_photos",
                    Refusal::Changed,
                )
                .sql(&format!(
                    "CREATE review_revision SET review = $id, rating = $r.rating, title = $r.title, body = $r.body, photos = $r.photos, \
                       at = $r.edited_at ?? $r.created_at;\n\
                     UPDATE $id SET edited_at = $now, revisions += 1, {fields}"
                ));
        }
    }
    s.bind_all(v).sql(APPLY_DELTA).sql(
        "IF $notify { CREATE outbox SET recipient = $owner, kind = 'review_negative', subject = $subject, body = $body, link = $link, created_at = $now }",
    );
    let mut tx = Tx::new();
    tx.bind("now", now).add(s);
    match tx.run(&state.db).await? {
        Ok(()) => Ok(Written {
            product_key: key_of(&l.listed()),
            status: status.to_string(),
        }),
        Err(Refusal::AlreadyExists) => Err(invalid("review", FieldErrorCode::AlreadyDone)),
        Err(Refusal::Changed) => Err(invalid("review", FieldErrorCode::AlreadyDecided)),
        Err(_) => Err(AppError::NotFound),
    }
}

// ---------------------------------------------------------------------------------
// Seller centre

pub async fn seller_list(
    state: &AppState,
    user: &SessionUser,
    filter: &str,
    pages: usize,
) -> Result<SellerReviewList, AppError> {
    let shop = crate::ctx::shop_of(&state.db, user).await?;
    #[derive(SurrealValue)]
    struct Row {
        id: RecordId,
        product: RecordId,
        product_title: Option<String>,
        rating: i64,
        title: String,
        body: String,
        author_name: String,
        created_at: DateTime<Utc>,
        photos: Vec<String>,
        reply: Option<String>,
    }
    let extra = match filter {
        "needs_reply" => " AND reply = NONE",
        "negative" => " AND rating <= 2",
        _ => "",
    };
    let mut res = state
        .db
        .query(format!(
            "SELECT id, product, product.title_en AS product_title, rating, title, body, author_name, created_at, photos, reply \
             FROM review WHERE shop = $shop AND status = 'published'{extra} ORDER BY created_at DESC LIMIT $limit;"
        ))
        .bind(("shop", shop.id.clone()))
        .bind(("limit", (pages * SELLER_PAGE + 1) as i64))
        .await?
        .check()?;
    let mut rows: Vec<Row> = res.take(0)?;
    let has_more = rows.len() > pages * SELLER_PAGE;
    rows.truncate(pages * SELLER_PAGE);
    Ok(SellerReviewList {
        shop_summary: summary_of(&shop_aggregate(&state.db, &shop.id).await?),
        needs_reply: awaiting_reply(&state.db, &shop.id).await?,
        has_more,
        reviews: rows
            .into_iter()
            .map(|r| SellerReview {
                key: key_of(&r.id),
                product_key: key_of(&r.product),
                product_title: r.product_title.unwrap_or_default(),
                rating: r.rating.clamp(1, 5) as u8,
                title: r.title,
                body: r.body,
                author: r.author_name,
                created_at: r.created_at.timestamp(),
                photos: r.photos.iter().map(|k| photo_pair(k)).collect(),
                reply: r.reply,
            })
            .collect(),
    })
}

/// Reviews of `shop` awaiting the seller's reply (the dashboard's count).
pub async fn awaiting_reply(db: &Db, shop: &RecordId) -> Result<i64, AppError> {
    let mut res = db
        .query("RETURN count(SELECT id FROM review WHERE shop = $shop AND status = 'published' AND reply = NONE)")
        .bind(("shop", shop.clone()))
        .await?
        .check()?;
    let n: Option<i64> = res.take(0)?;
    Ok(n.unwrap_or(0))
}

/// The seller's one public reply to a review of their shop (editing replaces it).
pub async fn reply(
    state: &AppState,
    user: &SessionUser,
    key: &str,
    text: &str,
) -> Result<(), AppError> {
    let shop = crate::ctx::shop_of(&state.db, user).await?;
    let t = target(&state.db, key).await?;
    if t.shop != shop.id || t.status != "published" {
        return Err(AppError::NotFound);
    }
    let mut errs = Vec::new();
    let text = crate::error::bounded_text(text, "reply", 1, review::MAX_REPLY, &mut errs);
    if !errs.is_empty() {
        return Err(AppError::Invalid(errs));
    }
    let mut v = Variables::new();
    v.insert("r", t.id);
    v.insert("text", text);
    v.insert("author", t.author);
    v.insert("link", format!("/p/{}#review-{key}", key_of(&t.product)));
    let mut s = Stmts::new();
    s.bind_all(v).sql(
        "LET $first = $r.reply = NONE;\n\
         UPDATE $r SET reply = $text, reply_at = $now;\n\
         IF $first { CREATE outbox SET recipient = $author, kind = 'review_reply', subject = 'The seller replied to your review · 賣家回覆了您的評價', \
           body = $text, link = $link, created_at = $now }",
    );
    let mut tx = Tx::new();
    tx.bind("now", state.now()).add(s);
    tx.run(&state.db).await?.map_err(|e| internal("reply", e))?;
    Ok(())
}

// ---------------------------------------------------------------------------------
// Moderation

/// Held reviews and published reviews with open reports, oldest first.
pub async fn for_moderation(state: &AppState) -> Result<Vec<ModReview>, AppError> {
    #[derive(SurrealValue)]
    struct Row {
        id: RecordId,
        product: RecordId,
        product_title: Option<String>,
        shop_name: Option<String>,
        status: String,
        rating: i64,
        title: String,
        body: String,
        author_name: String,
        flags: Vec<String>,
        photos: Vec<String>,
        created_at: DateTime<Utc>,
    }
    let mut res = state
        .db
        .query(
            "SELECT id, product, product.title_en AS product_title, shop.name AS shop_name, status, rating, title, body, \
               author_name, flags, photos, created_at \
             FROM review WHERE status = 'held' ORDER BY created_at LIMIT 100;\n\
             SELECT id, product, product.title_en AS product_title, shop.name AS shop_name, status, rating, title, body, \
               author_name, flags, photos, created_at \
             FROM review WHERE reports > 0 AND status = 'published' ORDER BY created_at LIMIT 100;",
        )
        .await?
        .check()?;
    let mut rows: Vec<Row> = res.take(0)?;
    let reported: Vec<Row> = res.take(1)?;
    rows.extend(reported);
    #[derive(SurrealValue)]
    struct Rep {
        review: RecordId,
        reason: String,
    }
    let ids: Vec<RecordId> = rows.iter().map(|r| r.id.clone()).collect();
    let mut res = state
        .db
        .query("SELECT review, reason FROM review_report WHERE review IN $ids AND status = 'open'")
        .bind(("ids", ids))
        .await?
        .check()?;
    let reps: Vec<Rep> = res.take(0)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut reports: Vec<(String, i64)> = Vec::new();
            for reason in reps.iter().filter(|p| p.review == r.id).map(|p| &p.reason) {
                match reports.iter_mut().find(|(k, _)| k == reason) {
                    Some((_, n)) => *n += 1,
                    None => reports.push((reason.clone(), 1)),
                }
            }
            ModReview {
                key: key_of(&r.id),
                product_key: key_of(&r.product),
                product_title: r.product_title.unwrap_or_default(),
                shop_name: r.shop_name.unwrap_or_default(),
                status: r.status,
                rating: r.rating.clamp(1, 5) as u8,
                title: r.title,
                body: r.body,
                author: r.author_name,
                flags: r.flags,
                reports,
                photos: r.photos.iter().map(|k| photo_pair(k)).collect(),
                created_at: r.created_at.timestamp(),
            }
        })
        .collect())
}

/// `keep`: a held review is published, a reported one stays (its reports are closed);
/// otherwise the review is removed, with a reason the author is sent. Audited.
pub async fn decide(
    state: &AppState,
    moderator: &SessionUser,
    key: &str,
    keep: bool,
    reason: &str,
) -> Result<(), AppError> {
    #[derive(SurrealValue)]
    struct Row {
        id: RecordId,
        status: String,
        rating: i64,
        has_photos: bool,
        reports: i64,
        product: RecordId,
        shop: RecordId,
        author: RecordId,
    }
    if !is_record_key(key) {
        return Err(AppError::NotFound);
    }
    let mut errs = Vec::new();
    let reason =
        crate::error::bounded_text(reason, "reason", if keep { 0 } else { 10 }, 2000, &mut errs);
    if !errs.is_empty() {
        return Err(AppError::Invalid(errs));
    }
    let mut res = state
        .db
        .query("SELECT id, status, rating, has_photos, reports, product, shop, author FROM $r")
        .bind(("r", RecordId::new("review", key)))
        .await?
        .check()?;
    let rows: Vec<Row> = res.take(0)?;
    let r = rows.into_iter().next().ok_or(AppError::NotFound)?;
    let pending = r.status == "held" || (r.status == "published" && r.reports > 0);
    if !pending {
        return Err(invalid("review", FieldErrorCode::AlreadyDecided));
    }
    let counted = Counted {
        rating: r.rating.clamp(1, 5) as u8,
        photos: r.has_photos,
    };
    let was = (r.status == "published").then_some(counted);
    let now_published = keep.then_some(counted);
    let status = if keep { "published" } else { "removed" };
    let mut v = Variables::new();
    bind_delta(&mut v, Aggregate::delta(was, now_published));
    v.insert("r", r.id.clone());
    v.insert("was", r.status.clone());
    v.insert("status", status.to_string());
    v.insert("reason", reason.clone());
    v.insert("actor", moderator.id.clone());
    v.insert("author", r.author);
    v.insert("product", r.product.clone());
    v.insert("shop", r.shop);
    v.insert("keep", keep);
    v.insert("link", format!("/p/{}", key_of(&r.product)));
    let now = state.now();
    let audit = Audit::on(
        Some(&moderator.id),
        if keep {
            AuditAction::ReviewKept
        } else {
            AuditAction::ReviewRemoved
        },
        &r.id,
        now,
    )
    .detail(serde_json::json!({ "was": r.status, "reason": reason }));
    let mut s = Stmts::new();
    s.bind_all(v)
        .refuse_if("$r.status != $was", Refusal::AlreadyDecided)
        .sql(
            "UPDATE $r SET status = $status, reports = 0, decided_by = $actor, decided_reason = IF $keep { NONE } ELSE { $reason };\n\
             UPDATE review_report SET status = 'closed' WHERE review = $r AND status = 'open'",
        )
        .sql(APPLY_DELTA)
        .audit(audit)
        .sql(
            "IF !$keep { CREATE outbox SET recipient = $author, kind = 'review_removed', subject = 'Your review was removed · 您的評價已被移除', \
             body = $reason, link = $link, created_at = $now }",
        );
    let mut tx = Tx::new();
    tx.bind("now", now).add(s);
    tx.run(&state.db)
        .await?
        .map_err(|_| invalid("review", FieldErrorCode::AlreadyDecided))?;
    Ok(())
}
