//! A stand-in for Stripe's API on loopback: it answers as Stripe would and records every call.

use super::*;

/// What the stand-in received: (path, form body, idempotency key).
pub(super) type Calls = Arc<Mutex<Vec<(String, Vec<(String, String)>, Option<String>)>>>;

pub(super) fn form(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect()
}

pub(super) fn decode(s: &str) -> String {
    let s = s.replace('+', " ");
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(super) fn get<'a>(f: &'a [(String, String)], key: &str) -> Option<&'a str> {
    f.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// Starts the Stripe stand-in; returns its base URL and the recorded calls.
pub(super) async fn stand_in() -> (String, Calls) {
    let calls: Calls = Arc::default();
    let app = Router::new()
        .route("/v1/checkout/sessions", post(stand_in_checkout_session))
        .route("/v1/transfers", post(stand_in_transfer))
        .route("/v1/transfers/{id}/reversals", post(stand_in_reversal))
        .route("/v1/accounts", post(stand_in_account))
        .route("/v1/refunds", post(stand_in_refund))
        .route("/v1/account_links", post(stand_in_account_link))
        .with_state(calls.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{addr}/"), calls)
}

/// Records a call to the stand-in (path, form body, idempotency key); returns the
/// form.
pub(super) async fn record(
    calls: &Calls,
    path: &str,
    headers: &HeaderMap,
    body: &str,
) -> Vec<(String, String)> {
    let f = form(body);
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    calls
        .lock()
        .unwrap()
        .push((path.to_string(), f.clone(), key));
    f
}

/// `POST /v1/checkout/sessions`: the session fixture with a fresh id and URL.
pub(super) async fn stand_in_checkout_session(
    State(calls): State<Calls>,
    headers: HeaderMap,
    body: String,
) -> Json<Value> {
    let f = record(&calls, "sessions", &headers, &body).await;
    let mut s: Value = serde_json::from_str(SESSION).unwrap();
    let n = calls.lock().unwrap().len();
    s["id"] = json!(format!("cs_test_standin{n}"));
    s["url"] = json!(format!(
        "https://checkout.stripe.com/c/pay/cs_test_standin{n}"
    ));
    s["client_reference_id"] = json!(get(&f, "client_reference_id"));
    Json(s)
}

/// `POST /v1/transfers`: the transfer fixture with the requested amount, currency,
/// destination and group.
pub(super) async fn stand_in_transfer(
    State(calls): State<Calls>,
    headers: HeaderMap,
    body: String,
) -> Json<Value> {
    let f = record(&calls, "transfers", &headers, &body).await;
    let mut t: Value = serde_json::from_str(TRANSFER).unwrap();
    let n = calls.lock().unwrap().len();
    t["id"] = json!(format!("tr_standin{n}"));
    t["amount"] = json!(get(&f, "amount").unwrap().parse::<i64>().unwrap());
    t["currency"] = json!(get(&f, "currency"));
    t["destination"] = json!(get(&f, "destination"));
    t["transfer_group"] = json!(get(&f, "transfer_group"));
    Json(t)
}

/// `POST /v1/accounts`: the account fixture with a fresh id, the requested type and
/// email.
pub(super) async fn stand_in_account(
    State(calls): State<Calls>,
    headers: HeaderMap,
    body: String,
) -> Json<Value> {
    let f = record(&calls, "accounts", &headers, &body).await;
    let mut a: Value = serde_json::from_str(ACCOUNT).unwrap();
    let n = calls.lock().unwrap().len();
    a["id"] = json!(format!("acct_standin{n}"));
    a["type"] = json!(get(&f, "type"));
    a["email"] = json!(get(&f, "email"));
    Json(a)
}

/// Payment intents whose refunds the stand-in refuses, as Stripe does when a charge
/// cannot be refunded (each test names its own, so tests running at once do not meet).
pub(super) static REFUSING: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// `POST /v1/refunds`: the refund fixture with a fresh id, the requested amount and
/// payment intent; refused (402, Stripe's error body) for a payment intent in
/// [`REFUSING`].
pub(super) async fn stand_in_refund(
    State(calls): State<Calls>,
    headers: HeaderMap,
    body: String,
) -> Result<Json<Value>, (axum::http::StatusCode, Json<Value>)> {
    let f = record(&calls, "refunds", &headers, &body).await;
    let pi = get(&f, "payment_intent").unwrap_or_default().to_string();
    if REFUSING.lock().unwrap().contains(&pi) {
        return Err((
            axum::http::StatusCode::PAYMENT_REQUIRED,
            Json(json!({"error": {
                "type": "invalid_request_error",
                "code": "charge_disputed",
                "message": format!("Charge for {pi} has been disputed; it cannot be refunded."),
            }})),
        ));
    }
    let mut r: Value = serde_json::from_str(REFUND).unwrap();
    let n = calls.lock().unwrap().len();
    r["id"] = json!(format!("re_standin{n}"));
    r["amount"] = json!(get(&f, "amount").unwrap().parse::<i64>().unwrap());
    r["payment_intent"] = json!(pi);
    Ok(Json(r))
}

/// `POST /v1/account_links`: the account link fixture pointing at the requested
/// account.
pub(super) async fn stand_in_account_link(
    State(calls): State<Calls>,
    headers: HeaderMap,
    body: String,
) -> Json<Value> {
    let f = record(&calls, "account_links", &headers, &body).await;
    let mut l: Value = serde_json::from_str(ACCOUNT_LINK).unwrap();
    l["url"] = json!(format!(
        "https://connect.stripe.com/setup/e/{}/standin",
        get(&f, "account").unwrap()
    ));
    Json(l)
}

/// `POST /v1/transfers/{id}/reversals`: the reversal fixture with a fresh id, the
/// requested amount and the transfer (recorded as `reversals:<transfer>`).
pub(super) async fn stand_in_reversal(
    State(calls): State<Calls>,
    axum::extract::Path(transfer): axum::extract::Path<String>,
    headers: HeaderMap,
    body: String,
) -> Json<Value> {
    let f = record(&calls, &format!("reversals:{transfer}"), &headers, &body).await;
    let mut r: Value = serde_json::from_str(REVERSAL).unwrap();
    let n = calls.lock().unwrap().len();
    r["id"] = json!(format!("trr_standin{n}"));
    r["amount"] = json!(get(&f, "amount").unwrap().parse::<i64>().unwrap());
    r["transfer"] = json!(transfer);
    Json(r)
}
