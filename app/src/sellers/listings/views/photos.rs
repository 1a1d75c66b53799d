//! The editor's photos: the list with its move and remove buttons, and the upload
//! (a plain multipart form; files can be dropped on it).

use domain::listing::MAX_LISTING_IMAGES;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::i18n::{t, K};
use crate::sellers::listings::{ArrangePhoto, ListingEditor};
use crate::ui::on_success;

// a page's markup in one piece; split it into components when it next changes
#[allow(clippy::too_many_lines)]
#[component]
pub(super) fn Photos(ed: ListingEditor) -> impl IntoView {
    let id = ed.id.clone().unwrap_or_default();
    let query = use_query_map();
    let photo_error = move || query.read().get("photo_error");
    let arrange = ServerAction::<ArrangePhoto>::new();
    // the same address (only the fragment differs): load it again
    on_success(arrange.value(), move |_| crate::ui::reload_page());
    let n = ed.photos.len();
    let full = n >= MAX_LISTING_IMAGES;
    // files dropped anywhere on the zone go into the file input (a plain input takes
    // drops only on itself); without wasm the input still works as a file chooser
    let file_input = NodeRef::<leptos::html::Input>::new();
    let dragging = RwSignal::new(false);
    view! {
        <section id="photos" class="space-y-3 rounded-2xl border border-slate-200 bg-white p-6">
            <h2 class="text-lg font-semibold">
                {t(K::ListingPhotos)} " (" {n} "/" {MAX_LISTING_IMAGES} ")"
            </h2>
            {move || {
                photo_error()
                    .map(|c| {
                        view! {
                            <div
                                role="alert"
                                class="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
                                data-testid="photo-error"
                            >
                                {t(photo_error_key(&c))}
                            </div>
                        }
                    })
            }}
            <ol class="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="photo-list">
                {ed
                    .photos
                    .into_iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let id = id.clone();
                        let btn = "rounded border border-slate-300 bg-white px-2 py-0.5 text-sm hover:bg-slate-100";
                        let form = move |
                            op: &'static str,
                            label: &'static str,
                            aria: K,
                            disabled: bool|
                        {
                            let id = id.clone();
                            let photo = p.id.clone();
                            view! {
                                <ActionForm action=arrange attr:class="contents">
                                    <input type="hidden" name="id" value=id />
                                    <input type="hidden" name="photo" value=photo />
                                    <input type="hidden" name="op" value=op />
                                    <button
                                        type="submit"
                                        class=btn
                                        aria-label=t(aria)
                                        disabled=disabled
                                    >
                                        {label}
                                    </button>
                                </ActionForm>
                            }
                        };
                        view! {
                            <li class="space-y-1">
                                <img
                                    src=p.thumb.clone()
                                    alt=format!("{} {}", t(K::Photo), i + 1)
                                    class="aspect-square w-full rounded-lg border border-slate-200 object-cover"
                                />
                                <div class="flex items-center justify-between gap-1">
                                    <span class="text-xs text-slate-500">
                                        {if i == 0 {
                                            t(K::MainPhoto).to_string()
                                        } else {
                                            format!("#{}", i + 1)
                                        }}
                                    </span>
                                    <span class="flex gap-1">
                                        {form("up", "←", K::MoveEarlier, i == 0)}
                                        {form("down", "→", K::MoveLater, i + 1 == n)}
                                        {form("remove", "✕", K::Remove, false)}
                                    </span>
                                </div>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            {(!full)
                .then(|| {
                    view! {
                        <form
                            method="post"
                            action=format!(
                                "/seller/listings/{}/photos",
                                ed.id.clone().unwrap_or_default(),
                            )
                            enctype="multipart/form-data"
                            class="space-y-2"
                            data-testid="photo-upload"
                        >
                            <label
                                for="photo-files"
                                class=move || {
                                    if dragging.get() {
                                        "block rounded-xl border-2 border-dashed border-teal-600 bg-teal-50 p-6 text-center text-sm text-slate-700"
                                    } else {
                                        "block rounded-xl border-2 border-dashed border-slate-300 bg-slate-50 p-6 text-center text-sm text-slate-600 hover:border-teal-600"
                                    }
                                }
                                on:dragover=move |ev| {
                                    ev.prevent_default();
                                    dragging.set(true);
                                }
                                on:dragleave=move |_| dragging.set(false)
                                on:drop=move |ev| {
                                    ev.prevent_default();
                                    dragging.set(false);
                                    #[cfg(feature = "hydrate")]
                                    if let (Some(files), Some(input)) = (
                                        ev.data_transfer().and_then(|d| d.files()),
                                        file_input.get(),
                                    ) {
                                        input.set_files(Some(&files));
                                    }
                                }
                            >
                                <span class="block font-medium text-slate-800">
                                    {t(K::DropPhotos)}
                                </span>
                                <span class="block">{t(K::PhotoRules)}</span>
                                <input
                                    id="photo-files"
                                    node_ref=file_input
                                    type="file"
                                    name="photos"
                                    multiple
                                    accept="image/jpeg,image/png,image/webp"
                                    class="mt-3 text-sm"
                                />
                            </label>
                            <button
                                type="submit"
                                class="rounded-lg border border-slate-300 px-4 py-2 font-semibold hover:bg-slate-100"
                                data-testid="upload-photos"
                            >
                                {t(K::UploadPhotos)}
                            </button>
                        </form>
                    }
                })}
        </section>
    }
}

fn photo_error_key(code: &str) -> K {
    match code {
        "FileTooLarge" => K::ErrFileTooLarge,
        "NotAnImage" => K::ErrNotAnImage,
        "TooMany" => K::ErrTooManyListingPhotos,
        "Required" => K::ErrRequired,
        "Forbidden" => K::ErrForbidden,
        _ => K::ErrInternal,
    }
}
