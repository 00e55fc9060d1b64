use crate::api::auth::SessionState;
use crate::app::SessionResource;
use crate::app::components::icons;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// Shows `children` to signed-out visitors; someone already signed in goes to the calendar.
#[component]
pub fn SignedOutOnly(children: ChildrenFn) -> impl IntoView {
    let session = expect_context::<SessionResource>().0;
    view! {
        <Suspense>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    match session.await {
                        Ok(SessionState::SignedIn(_)) => view! { <Redirect path="/calendar" /> }.into_any(),
                        _ => children().into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// Whether new workspaces may be created here; read inside `SignedOutOnly`, where the
/// session has loaded.
pub fn signup_open() -> bool {
    let session = expect_context::<SessionResource>().0;
    matches!(
        session.get_untracked(),
        Some(Ok(SessionState::SignedOut {
            signup_open: true,
            ..
        }))
    )
}

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
