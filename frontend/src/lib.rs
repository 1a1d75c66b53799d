//! Browser entry point: hydrates the server-rendered HTML into the interactive app.
#![cfg(target_arch = "wasm32")]
#![recursion_limit = "256"]

use leptos::prelude::document;
use wasm_bindgen::{prelude::wasm_bindgen, JsCast};

/// Called by the generated JS loader once the wasm module is instantiated.
///
/// Hydrates asynchronously: the seller and admin pages are lazy routes whose code is a
/// separate wasm chunk, so hydration waits for the current page's chunk (the server
/// rendered a preload link for it) before attaching to the HTML.
#[wasm_bindgen]
pub fn hydrate() {
    // A panic (a hydration mismatch is one) goes to the console and is marked on the
    // page, so the end-to-end tests report it at once instead of waiting for hydration.
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-panic", &info.to_string());
        }
    }));
    wasm_bindgen_futures::spawn_local(async {
        let body = document().body().expect("the page has a body");
        leptos::mount::hydrate_from_async(body.unchecked_into(), app::App)
            .await
            .forget();
        // Marks the page interactive (end-to-end tests wait for this before using forms).
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
}
