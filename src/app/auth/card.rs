use crate::app::components::icons;
use leptos::prelude::*;

/// The centred card every signed-out page sits in.
#[component]
pub fn AuthCard(
    #[prop(into)] title: String,
    #[prop(into)] subtitle: String,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="flex min-h-full flex-col justify-center bg-gradient-to-b from-indigo-50 to-slate-50 px-4 py-12 sm:px-6">
            <div class="mx-auto flex w-full max-w-md flex-col items-center">
                <a href="/" class="flex items-center gap-2 text-xl font-bold tracking-tight text-slate-900">
                    {icons::logo()} "Herald"
                </a>
                <h1 class="mt-8 text-center text-2xl font-bold tracking-tight text-slate-900">{title}</h1>
                <p class="mt-2 text-center text-sm text-slate-600">{subtitle}</p>
            </div>
            <div class="mx-auto mt-8 w-full max-w-md rounded-2xl bg-white px-6 py-8 shadow-sm ring-1 ring-slate-200 sm:px-10">
                {children()}
            </div>
        </div>
    }
}
