//! Everything that can go wrong while connecting by sign-in, each with what to do next.
use super::tokens::TokenError;
use crate::domain::platform::Platform;
use crate::error::AppError;

#[derive(Debug, thiserror::Error)]
pub enum Problem {
    #[error("{0}")]
    BadInput(String),
    /// The outbound guard would not call the address.
    #[error("{0}")]
    Refused(String),
    #[error(
        "{0} does not look like a Mastodon server (it has no Mastodon API). Check the address, or connect it under Advanced."
    )]
    NotMastodon(String),
    #[error("{}", unreachable_text(.host, *.timed_out))]
    Unreachable { host: String, timed_out: bool },
    #[error("An instance admin has not set up {} yet. They add Herald's app under Settings → Network apps; until then, connect it under Advanced.", .0.label())]
    NoApp(Platform),
    #[error("{} cannot be connected by signing in; use the form under Advanced.", .0.label())]
    NoSignIn(Platform),
    #[error("You declined on {}, so nothing was connected. Connect again when you are ready.", .0.label())]
    Declined(Platform),
    #[error("{} said no: {}. Nothing was connected; connect again.", .0.label(), .1)]
    NetworkSaidNo(Platform, String),
    #[error("{}", network_text(*.0, .1))]
    Network(Platform, TokenError),
    #[error(
        "This sign-in took longer than {0} minutes, so it expired. Nothing was connected; connect again."
    )]
    Expired(i64),
    #[error(
        "This sign-in was started in another browser or by someone else, so Herald did not finish it. Start it again here."
    )]
    OtherBrowser,
    #[error("{0}")]
    NotAllowed(String),
    #[error(
        "This connect link was already used, withdrawn or has expired. Ask whoever sent it for a new one."
    )]
    LinkSpent,
    #[error(
        "You signed in to {0}, but this card is {1}. Sign in as {1} to reconnect it, or connect {0} as a new account."
    )]
    OtherAccount(String, String),
    #[error("{}", nothing_listed_text(*.0))]
    NothingListed(Platform),
    #[error(
        "{0} was not among the accounts you let Herald manage this time. Connect again and tick it when the network asks."
    )]
    NotListed(String),
    #[error("These choices were already made, or the sign-in expired. Connect again.")]
    ChoicesGone,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

fn unreachable_text(host: &str, timed_out: bool) -> String {
    if timed_out {
        format!(
            "{host} did not answer in time. It may be busy: try again in a minute, and check the address."
        )
    } else {
        format!("Could not reach {host}. Check the address and try again.")
    }
}

fn nothing_listed_text(platform: Platform) -> String {
    match platform {
        Platform::Instagram => "None of the Facebook Pages you chose has an Instagram professional account linked to it, so nothing was connected. Link the Instagram account to a Page (Instagram: Settings → Account type and tools), then connect again and tick that Page.".into(),
        Platform::Facebook => "Facebook listed no Page you manage, so nothing was connected. Connect again and tick at least one Page when Facebook asks (you need a role on the Page that lets you post).".into(),
        other => format!("{} listed no account to connect. Connect again.", other.label()),
    }
}

fn network_text(platform: Platform, error: &TokenError) -> String {
    let network = platform.label();
    match error {
        TokenError::Refused { .. } => format!(
            "{network} refused Herald's sign-in ({error}). Nothing was connected; connect again, and if it \
             happens again an instance admin should check the app under Settings → Network apps."
        ),
        TokenError::Unavailable(_) => {
            format!(
                "{network} is not answering right now ({error}). Nothing was connected; try again in a minute."
            )
        }
        TokenError::Protocol(_) => format!("{network} answered something unexpected: {error}"),
    }
}

impl From<Problem> for AppError {
    fn from(problem: Problem) -> Self {
        match problem {
            Problem::Internal(error) => AppError::from(error),
            Problem::NotAllowed(message) => AppError::Forbidden(message),
            Problem::Unreachable { .. } | Problem::Network(_, TokenError::Unavailable(_)) => {
                AppError::Unavailable(problem.to_string())
            }
            other => AppError::BadRequest(other.to_string()),
        }
    }
}
