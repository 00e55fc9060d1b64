use leptos::prelude::*;

#[component]
pub fn PageHeader(#[prop(into)] title: String, #[prop(into)] description: String) -> impl IntoView {
    view! {
        <div class="mb-8">
            <h1 class="text-2xl font-bold tracking-tight text-slate-900">{title}</h1>
            <p class="mt-1 text-sm text-slate-500">{description}</p>
        </div>
    }
}
