//! XRPC calls with a kept session. Access tokens last minutes, refresh tokens weeks, and
//! createSession is rate limited, so a publish logs in only when nothing else works.
use crate::server::platforms::{NetworkError, SessionCache, body, response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

/// What createSession and refreshSession answer (the fields Herald uses).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub access_jwt: String,
    pub refresh_jwt: String,
    pub did: String,
    pub handle: String,
}

/// A cached session and whom it was made for, so edited credentials log in anew.
#[derive(Debug, Serialize, Deserialize)]
pub struct Kept {
    pub pds: String,
    pub identifier: String,
    pub session: Session,
}

/// Who to log in as, and where.
pub struct Login<'a> {
    pub pds: &'a str,
    pub identifier: &'a str,
    pub app_password: &'a str,
}

pub fn url(pds: &str, method: &str) -> String {
    format!("{}/xrpc/{method}", pds.trim_end_matches('/'))
}

pub async fn login(http: &reqwest::Client, login: &Login<'_>) -> Result<Session, NetworkError> {
    let request = http
        .post(url(login.pds, "com.atproto.server.createSession"))
        .json(&json!({ "identifier": login.identifier, "password": login.app_password }));
    read(fetch(request).await?).await
}

async fn refresh(http: &reqwest::Client, pds: &str, session: &Session) -> Result<Session, NetworkError> {
    let request = http
        .post(url(pds, "com.atproto.server.refreshSession"))
        .bearer_auth(&session.refresh_jwt);
    read(fetch(request).await?).await
}

/// One account's calls to its PDS during one publish.
pub struct Xrpc<'a> {
    http: &'a reqwest::Client,
    sessions: &'a SessionCache,
    login: Login<'a>,
    account_id: Uuid,
    session: Session,
    /// Logged in during this publish: a refused token is then the account's fault.
    fresh: bool,
}

impl<'a> Xrpc<'a> {
    /// Takes the kept session, or logs in when there is none for these credentials.
    pub async fn open(
        http: &'a reqwest::Client,
        sessions: &'a SessionCache,
        login: Login<'a>,
        account_id: Uuid,
    ) -> Result<Self, NetworkError> {
        let kept = sessions
            .get::<Kept>(account_id)
            .filter(|kept| kept.pds == login.pds && kept.identifier == login.identifier);
        let (session, fresh) = match kept {
            Some(kept) => (kept.session, false),
            None => (self::login(http, &login).await?, true),
        };
        let xrpc = Xrpc {
            http,
            sessions,
            login,
            account_id,
            session,
            fresh,
        };
        if fresh {
            xrpc.keep();
        }
        Ok(xrpc)
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn http(&self) -> &'a reqwest::Client {
        self.http
    }

    pub fn url(&self, method: &str) -> String {
        url(self.login.pds, method)
    }

    /// Sends an authenticated call (`build` gets the access token); a token the PDS calls
    /// expired or invalid is renewed once and the call sent again.
    pub async fn call(
        &mut self,
        build: impl Fn(&reqwest::Client, &str) -> reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, NetworkError> {
        match send(build(self.http, &self.session.access_jwt)).await {
            Err(failure) if failure.stale_token => {
                if self.fresh {
                    return Err(self.give_up(failure));
                }
            }
            answer => return answer.map_err(|failure| failure.error),
        }
        self.renew().await?;
        send(build(self.http, &self.session.access_jwt))
            .await
            .map_err(|failure| {
                if failure.stale_token {
                    self.give_up(failure)
                } else {
                    failure.error
                }
            })
    }

    /// refreshSession with the refresh token; when that is refused too, createSession once.
    async fn renew(&mut self) -> Result<(), NetworkError> {
        self.session = match refresh(self.http, self.login.pds, &self.session).await {
            Ok(session) => session,
            Err(error) if error.is_transient() => return Err(error),
            Err(_) => {
                self.fresh = true;
                login(self.http, &self.login).await.inspect_err(|_| {
                    self.sessions.forget(self.account_id);
                })?
            }
        };
        self.keep();
        Ok(())
    }

    fn give_up(&self, failure: Failure) -> NetworkError {
        self.sessions.forget(self.account_id);
        match failure.error {
            NetworkError::Rejected { message, .. } => NetworkError::Unauthorized(message),
            error => error,
        }
    }

    fn keep(&self) {
        let kept = Kept {
            pds: self.login.pds.to_owned(),
            identifier: self.login.identifier.to_owned(),
            session: self.session.clone(),
        };
        self.sessions.put(self.account_id, &kept);
    }
}

/// A failed call, and whether the PDS blamed the access token.
struct Failure {
    error: NetworkError,
    stale_token: bool,
}

/// An unauthenticated call (or one that cannot renew its token).
pub async fn fetch(request: reqwest::RequestBuilder) -> Result<reqwest::Response, NetworkError> {
    send(request).await.map_err(|failure| failure.error)
}

pub async fn read<T: DeserializeOwned>(response: reqwest::Response) -> Result<T, NetworkError> {
    body::json(response).await
}

async fn send(request: reqwest::RequestBuilder) -> Result<reqwest::Response, Failure> {
    let response = request.send().await.map_err(|e| Failure {
        error: NetworkError::from_transport(e),
        stale_token: false,
    })?;
    let status = response.status().as_u16();
    if response.status().is_success() {
        return Ok(response);
    }
    let retry_after = response::wait_asked(&response);
    let body = body::error_text(response).await;
    let code = serde_json::from_str::<serde_json::Value>(&body)
        .ok()
        .and_then(|json| json.get("error")?.as_str().map(str::to_owned));
    // The PDS answers an expired access token with 400 ExpiredToken, other services with 401.
    let stale_token =
        status == 401 || (status == 400 && matches!(code.as_deref(), Some("ExpiredToken" | "InvalidToken")));
    Err(Failure {
        error: response::classify(status, &body, retry_after),
        stale_token,
    })
}
