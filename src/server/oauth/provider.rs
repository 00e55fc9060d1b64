//! One network's OAuth 2.0 endpoints and Herald's app there, and the three calls a connection
//! needs: the authorize link, the code exchange and the refresh (RFC 6749, PKCE RFC 7636).
use super::http::{GuardedHttp, TransportError};
use super::meta::MetaLogin;
use super::token_response::LenientTokenResponse;
use super::tokens::{TokenError, Tokens};
use crate::domain::platform::Platform;
use oauth2::basic::BasicErrorResponse;
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, HttpClientError,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RefreshToken, RequestTokenError, Scope, TokenResponse,
    TokenUrl,
};

pub struct Provider {
    pub platform: Platform,
    pub client_id: String,
    /// None: a public client, proven by PKCE alone.
    pub client_secret: Option<String>,
    pub authorize_url: String,
    pub token_url: String,
    pub scopes: Vec<String>,
    pub pkce: bool,
    /// Client credentials in the form body instead of HTTP Basic (LinkedIn, Mastodon).
    pub credentials_in_body: bool,
    /// Meta's own token dialect, and the Graph API root its long-lived tokens come from.
    pub meta: Option<(MetaLogin, String)>,
}

/// The link the person follows, and the secrets kept until they come back.
pub struct Authorization {
    pub url: String,
    pub state: String,
    pub verifier: Option<String>,
}

type Configured = oauth2::Client<
    BasicErrorResponse,
    LenientTokenResponse,
    oauth2::basic::BasicTokenIntrospectionResponse,
    oauth2::StandardRevocableToken,
    oauth2::basic::BasicRevocationErrorResponse,
    oauth2::EndpointSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointSet,
>;

type Unset = oauth2::Client<
    BasicErrorResponse,
    LenientTokenResponse,
    oauth2::basic::BasicTokenIntrospectionResponse,
    oauth2::StandardRevocableToken,
    oauth2::basic::BasicRevocationErrorResponse,
>;

impl Provider {
    fn client(&self, redirect_uri: &str) -> Result<Configured, TokenError> {
        let bad = |what: &str| TokenError::Protocol(format!("{what} is not a valid address"));
        let mut client = Unset::new(ClientId::new(self.client_id.clone()))
            .set_auth_uri(AuthUrl::new(self.authorize_url.clone()).map_err(|_| bad("the authorize page"))?)
            .set_token_uri(TokenUrl::new(self.token_url.clone()).map_err(|_| bad("the token endpoint"))?)
            .set_redirect_uri(
                RedirectUrl::new(redirect_uri.to_owned()).map_err(|_| bad("the redirect URI"))?,
            );
        if let Some(secret) = &self.client_secret {
            client = client.set_client_secret(ClientSecret::new(secret.clone()));
        }
        if self.credentials_in_body {
            client = client.set_auth_type(AuthType::RequestBody);
        }
        Ok(client)
    }

    /// A fresh `state` and, where the network takes it, a PKCE challenge.
    pub fn authorize(&self, redirect_uri: &str) -> Result<Authorization, TokenError> {
        let client = self.client(redirect_uri)?;
        let mut request = client.authorize_url(CsrfToken::new_random);
        request = match self.meta {
            // Meta's dialogs take scopes comma-separated.
            Some(_) => request.add_scope(Scope::new(self.scopes.join(","))),
            None => request.add_scopes(self.scopes.iter().cloned().map(Scope::new)),
        };
        let mut verifier = None;
        if self.pkce {
            let (challenge, secret) = PkceCodeChallenge::new_random_sha256();
            request = request.set_pkce_challenge(challenge);
            verifier = Some(secret.secret().clone());
        }
        let (url, state) = request.url();
        Ok(Authorization {
            url: url.to_string(),
            state: state.secret().clone(),
            verifier,
        })
    }

    pub async fn exchange(
        &self,
        http: &reqwest::Client,
        redirect_uri: &str,
        code: &str,
        verifier: Option<&str>,
    ) -> Result<Tokens, TokenError> {
        if let Some((login, api)) = &self.meta {
            let secret = self.client_secret.as_deref().unwrap_or_default();
            let app = (self.client_id.as_str(), secret, self.token_url.as_str());
            let (tokens, subject) = login.exchange(http, app, api, redirect_uri, code).await?;
            return Ok(Tokens { subject, ..tokens });
        }
        let client = self.client(redirect_uri)?;
        let mut request = client.exchange_code(AuthorizationCode::new(code.to_owned()));
        if let Some(verifier) = verifier {
            request = request.set_pkce_verifier(PkceCodeVerifier::new(verifier.to_owned()));
        }
        let answer = request.request_async(&GuardedHttp(http)).await;
        answer.map(tokens).map_err(token_error)
    }

    pub async fn refresh(
        &self,
        http: &reqwest::Client,
        redirect_uri: &str,
        refresh_token: &str,
    ) -> Result<Tokens, TokenError> {
        if let Some((login, api)) = &self.meta {
            return login.refresh(http, api, refresh_token).await;
        }
        let client = self.client(redirect_uri)?;
        let refresh_token = RefreshToken::new(refresh_token.to_owned());
        let answer = client
            .exchange_refresh_token(&refresh_token)
            .request_async(&GuardedHttp(http))
            .await;
        answer.map(tokens).map_err(token_error)
    }
}

fn tokens(answer: LenientTokenResponse) -> Tokens {
    Tokens {
        access_token: answer.access_token().secret().clone(),
        refresh_token: answer.refresh_token().map(|token| token.secret().clone()),
        expires_in: answer.expires_in(),
        scopes: answer
            .scopes()
            .map(|scopes| scopes.iter().map(|scope| scope.to_string()).collect()),
        subject: None,
    }
}

fn token_error(error: RequestTokenError<HttpClientError<TransportError>, BasicErrorResponse>) -> TokenError {
    match error {
        RequestTokenError::ServerResponse(answer) => TokenError::Refused {
            code: answer.error().to_string(),
            description: answer.error_description().cloned(),
        },
        RequestTokenError::Request(HttpClientError::Reqwest(transport)) => {
            TokenError::Unavailable(transport.to_string())
        }
        RequestTokenError::Request(other) => TokenError::Unavailable(other.to_string()),
        RequestTokenError::Parse(error, _) => TokenError::Protocol(format!(
            "the token endpoint answered something that is not OAuth ({error})"
        )),
        RequestTokenError::Other(message) => TokenError::Protocol(message),
    }
}
