use super::draft::{Draft, Image};
use crate::api::posts::upload_image;
use crate::app::components::alert::{Alert, Tone};
use crate::app::components::field::INPUT_CLASS;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Attached images with their alt text. Uploading needs JavaScript; the list is part of
/// the form either way (`images[i][media_id]`, `images[i][alt_text]`).
#[component]
pub fn Images(draft: Draft) -> impl IntoView {
    let uploading = RwSignal::new(0usize);
    let error = RwSignal::new(None::<String>);
    let on_files = move |event: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&event);
        let Some(files) = input.files() else { return };
        error.set(None);
        for index in 0..files.length() {
            let Some(file) = files.get(index) else { continue };
            let Ok(form) = web_sys::FormData::new() else {
                continue;
            };
            if form.append_with_blob("image", &file).is_err() {
                continue;
            }
            uploading.update(|n| *n += 1);
            spawn_local(async move {
                match upload_image(form.into()).await {
                    Ok(uploaded) => draft.images.update(|images| {
                        if !images.iter().any(|i| i.id == uploaded.id) {
                            images.push(Image {
                                id: uploaded.id,
                                alt_text: String::new(),
                                width: uploaded.width as i32,
                                height: uploaded.height as i32,
                            });
                        }
                    }),
                    Err(failure) => error.set(Some(failure.to_string())),
                }
                uploading.update(|n| *n = n.saturating_sub(1));
            });
        }
        input.set_value("");
    };
    let list = move || {
        draft
            .images
            .get()
            .into_iter()
            .enumerate()
            .map(|(index, image)| {
                let id = image.id;
                view! {
                    <li class="flex gap-3 rounded-lg p-2 ring-1 ring-slate-200" data-testid="attached-image">
                        <input type="hidden" name=format!("images[{index}][media_id]") value=id.to_string() />
                        <img src=format!("/media/{id}") alt="" class="h-16 w-16 shrink-0 rounded-md object-cover" />
                        <div class="min-w-0 flex-1">
                            <label for=format!("alt-{id}") class="block text-xs font-medium text-slate-700">"Alt text"</label>
                            <input
                                id=format!("alt-{id}")
                                name=format!("images[{index}][alt_text]")
                                value=image.alt_text.clone()
                                placeholder="Describe the image for people who cannot see it"
                                class=format!("{INPUT_CLASS} mt-1")
                                on:input=move |event| {
                                    let text = event_target_value(&event);
                                    draft.images.update(|images| {
                                        if let Some(image) = images.iter_mut().find(|i| i.id == id) {
                                            image.alt_text = text;
                                        }
                                    });
                                }
                            />
                        </div>
                        <button
                            type="button"
                            class="self-start rounded-md px-2 py-1 text-xs font-semibold text-red-600 hover:bg-red-50"
                            on:click=move |_| draft.images.update(|images| images.retain(|i| i.id != id))
                        >
                            "Remove"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div>
            <p class="text-sm font-semibold text-slate-900">"Images"</p>
            <ul class="mt-2 space-y-2">{list}</ul>
            {move || error.get().map(|message| view! { <div class="mt-2"><Alert tone=Tone::Error message /></div> })}
            <label class="mt-2 inline-flex cursor-pointer items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-50">
                <input type="file" accept="image/png,image/jpeg,image/gif,image/webp" multiple class="sr-only" on:change=on_files data-testid="image-upload" />
                {move || if uploading.get() > 0 { "Uploading…" } else { "Add images" }}
            </label>
        </div>
    }
}
