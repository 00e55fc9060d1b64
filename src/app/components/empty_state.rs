use leptos::prelude::*;

/// A friendly panel for a page with nothing to show yet.
#[component]
pub fn EmptyState(
    #[prop(into)] title: String,
    #[prop(into)] message: String,
    icon: fn() -> AnyView,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="flex flex-col items-center justify-center rounded-2xl border-2 border-dashed border-slate-200 bg-white px-6 py-16 text-center">
            <div class="mb-4 flex h-12 w-12 items-center justify-center rounded-full bg-indigo-50 text-indigo-600">
                {icon()}
            </div>
            <h2 class="text-base font-semibold text-slate-900">{title}</h2>
            <p class="mt-1 max-w-md text-sm text-slate-500">{message}</p>
            {children.map(|children| view! { <div class="mt-6">{children()}</div> })}
        </div>
    }
}
