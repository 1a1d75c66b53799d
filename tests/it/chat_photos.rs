//! Photos in conversations: up to four per message through the composer's multipart
//! form, re-encoded (no camera metadata reaches the other side), shown only to the
//! thread's shopper and shop, and refused with the reason and the text kept when there
//! are too many or one is not an image.

use integration::{Client, TestApp};

use crate::chat::{owner_of, shopper};
use crate::checkout::lifecycle::jpeg_with_location;
use crate::checkout::{count, two_shop_products};
use crate::seller_listings::png;

async fn post_photos(
    c: &mut Client,
    thread: &str,
    body: &str,
    photos: Vec<Vec<u8>>,
) -> integration::Reply {
    let back = format!("/messages/{thread}");
    let files: Vec<(&str, &str, Vec<u8>)> = photos
        .into_iter()
        .map(|p| ("photos", "photo.jpg", p))
        .collect();
    c.post_multipart(
        "/messages/send",
        &[("thread", thread), ("back", &back), ("body", body)],
        &files,
    )
    .await
}

const MESSAGES: &str = "SELECT count() AS n FROM chat_message GROUP ALL";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_in_a_message_are_reencoded_private_and_limited() {
    let app = TestApp::spawn().await;
    app.seed(20).await;
    let (product, other) = two_shop_products(&app, 5).await;
    let (mut seller, shop) = owner_of(&app, &product).await;
    let mut buyer = shopper(&app, "pics@example.com").await;
    let r = buyer
        .call(
            "send_message",
            &[
                ("shop", &shop),
                ("product", &product),
                ("body", "It arrived like this"),
            ],
        )
        .await;
    let thread = r.json().as_str().expect("thread key").to_string();

    // two photos and no words: back to the thread, where both show
    let r = post_photos(
        &mut buyer,
        &thread,
        "",
        vec![jpeg_with_location(), png(300, 200)],
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.headers["location"], format!("/messages/{thread}"));
    let page = seller
        .call("thread_page", &[("thread", &thread)])
        .await
        .json();
    let last = page["messages"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["body"], "");
    let photos = last["photos"].as_array().unwrap();
    assert_eq!(photos.len(), 2);
    let (full, thumb) = (
        photos[0][0].as_str().unwrap(),
        photos[0][1].as_str().unwrap(),
    );
    assert!(full.starts_with(&format!("/media/private/messages/{thread}/")));
    let inbox = seller
        .call("shop_threads", &[("filter", "all")])
        .await
        .json();
    assert_eq!(inbox["threads"][0]["last_text"], "📷 ×2");

    // re-encoded: a JPEG without the camera's EXIF block and its position
    for c in [&mut buyer, &mut seller] {
        let r = c.get(full).await;
        assert_eq!(r.status, 200);
        assert_eq!(r.headers["content-type"], "image/jpeg");
        assert!(!r.body.contains("GPSLatitude") && !r.body.contains("Exif"));
        assert_eq!(c.get(thumb).await.status, 200);
    }
    // nobody else sees them: not another shopper, not a visitor, not a moderator
    // without a claim between the two
    let mut stranger = shopper(&app, "nosy@example.com").await;
    let mut moderator = shopper(&app, "mod@example.com").await;
    integration::grant_roles(&app, "mod@example.com", &["moderator"]).await;
    for c in [&mut stranger, &mut app.client(), &mut moderator] {
        assert_eq!(c.get(full).await.status, 404);
    }
    let sneaky = format!("/media/private/messages/{thread}/../../returns/x.jpg");
    assert_eq!(buyer.get(&sneaky).await.status, 404);

    // too many, or not a photo: nothing sent, the reason and the words come back
    let before = crate::checkout::count(&app, MESSAGES).await;
    let five = vec![png(40, 40); 5];
    let r = post_photos(&mut buyer, &thread, "five of them", five).await;
    assert_eq!(r.status, 303);
    let back = r.headers["location"].to_str().unwrap().to_string();
    assert!(
        back.starts_with(&format!(
            "/messages/{thread}?send_error=photos.TooMany&body=five"
        )),
        "{back}"
    );
    let r = post_photos(
        &mut buyer,
        &thread,
        "",
        vec![b"%PDF-1.4 not a photo".to_vec()],
    )
    .await;
    assert!(r.headers["location"]
        .to_str()
        .unwrap()
        .contains("send_error=photos.NotAnImage"));
    assert_eq!(count(&app, MESSAGES).await, before);

    // someone else's thread, or a product of another shop: not found, nothing written,
    // no photo left behind (the two sent above are kept, each with its thumbnail)
    let r = post_photos(&mut stranger, &thread, "hello", vec![png(40, 40)]).await;
    assert_eq!(r.status, 404);
    let r = buyer
        .post_multipart(
            "/messages/send",
            &[
                ("thread", &thread),
                ("product", &other),
                ("body", "this one?"),
            ],
            &[("photos", "p.png", png(40, 40))],
        )
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(count(&app, MESSAGES).await, before);
    assert_eq!(files_under(&app.media_dir.path().join("messages")), 4);
}

fn files_under(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .map(|e| {
                let path = e.path();
                if path.is_dir() {
                    files_under(&path)
                } else {
                    1
                }
            })
            .sum()
    })
}
