use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Error,
    Success,
    Info,
}

/// A message box; errors are announced to screen readers as they appear.
#[component]
pub fn Alert(tone: Tone, #[prop(into)] message: String) -> impl IntoView {
    let (classes, role) = match tone {
        Tone::Error => ("border-red-200 bg-red-50 text-red-800", "alert"),
        Tone::Success => ("border-emerald-200 bg-emerald-50 text-emerald-800", "status"),
        Tone::Info => ("border-sky-200 bg-sky-50 text-sky-800", "status"),
    };
    view! {
        <div role=role class=format!("rounded-lg border px-4 py-3 text-sm {classes}")>
            {message}
        </div>
    }
}

/// The error of a server action's last run, if it failed.
pub fn action_error<I, O>(action: ServerAction<I>) -> impl Fn() -> Option<AnyView> + Copy
where
    I: leptos::server_fn::ServerFn<Output = O, Error = crate::error::AppError>
        + Clone
        + Send
        + Sync
        + 'static,
    O: Clone + Send + Sync + 'static,
{
    move || {
        action
            .value()
            .get()
            .and_then(Result::err)
            .map(|error| view! { <Alert tone=Tone::Error message=error.to_string() /> }.into_any())
    }
}
