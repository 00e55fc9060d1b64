//! A token endpoint's answer, read as the networks send it: LinkedIn leaves out `token_type`
//! (which RFC 6749 requires), and some list the granted scopes with commas.
use oauth2::basic::BasicTokenType;
use oauth2::{AccessToken, RefreshToken, Scope, TokenResponse};
use serde::{Deserialize, Deserializer, Serialize};
use std::time::Duration;

#[derive(Debug, Deserialize, Serialize)]
pub struct LenientTokenResponse {
    access_token: AccessToken,
    #[serde(
        default = "bearer",
        deserialize_with = "oauth2::helpers::deserialize_untagged_enum_case_insensitive"
    )]
    token_type: BasicTokenType,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    refresh_token: Option<RefreshToken>,
    #[serde(default, deserialize_with = "scopes")]
    scope: Option<Vec<Scope>>,
}

fn bearer() -> BasicTokenType {
    BasicTokenType::Bearer
}

fn scopes<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Vec<Scope>>, D::Error> {
    let listed = Option::<String>::deserialize(deserializer)?;
    Ok(listed.map(|listed| {
        listed
            .split([' ', ','])
            .filter(|scope| !scope.is_empty())
            .map(|scope| Scope::new(scope.to_owned()))
            .collect()
    }))
}

impl TokenResponse for LenientTokenResponse {
    type TokenType = BasicTokenType;

    fn access_token(&self) -> &AccessToken {
        &self.access_token
    }

    fn token_type(&self) -> &BasicTokenType {
        &self.token_type
    }

    fn expires_in(&self) -> Option<Duration> {
        self.expires_in.map(Duration::from_secs)
    }

    fn refresh_token(&self) -> Option<&RefreshToken> {
        self.refresh_token.as_ref()
    }

    fn scopes(&self) -> Option<&Vec<Scope>> {
        self.scope.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linkedin_answers_without_a_token_type_and_with_commas() {
        let answer: LenientTokenResponse = serde_json::from_str(
            r#"{"access_token":"AQU","expires_in":5184000,"scope":"openid,profile,w_member_social"}"#,
        )
        .unwrap();
        assert_eq!(answer.token_type(), &BasicTokenType::Bearer);
        assert_eq!(answer.scopes().unwrap().len(), 3);
        assert_eq!(answer.expires_in(), Some(Duration::from_secs(5_184_000)));
        let standard: LenientTokenResponse = serde_json::from_str(
            r#"{"access_token":"a","token_type":"Bearer","scope":"tweet.read users.read"}"#,
        )
        .unwrap();
        assert_eq!(standard.scopes().unwrap().len(), 2);
        assert!(serde_json::from_str::<LenientTokenResponse>(r#"{"token_type":"bearer"}"#).is_err());
    }
}
