//! One token's view of a Graph API: every call carries the token in the header (never in the
//! URL) and is read with Meta's error codes.
use super::answer;
use crate::server::platforms::NetworkError;
use serde::Serialize;
use serde::de::DeserializeOwned;

pub struct Graph<'a> {
    http: &'a reqwest::Client,
    /// The API's root: the Facebook Graph for Facebook and Instagram, graph.threads.net for Threads.
    base: &'a str,
    token: &'a str,
}

impl<'a> Graph<'a> {
    pub fn new(http: &'a reqwest::Client, base: &'a str, token: &'a str) -> Self {
        Graph { http, base, token }
    }

    /// `fields` (comma-separated) of the node at `node`.
    pub async fn fields<T: DeserializeOwned>(&self, node: &str, fields: &str) -> Result<T, NetworkError> {
        let url = format!("{}/{node}?fields={fields}", self.base);
        self.read(self.http.get(url)).await
    }

    /// POSTs form fields to `edge`, as Meta's examples send them.
    pub async fn post_form<T: DeserializeOwned, F: Serialize + ?Sized>(
        &self,
        edge: &str,
        form: &F,
    ) -> Result<T, NetworkError> {
        self.read(self.http.post(self.url(edge)).form(form)).await
    }

    /// POSTs to `edge` with its parameters in the query and no body.
    pub async fn post_query<T: DeserializeOwned>(
        &self,
        edge: &str,
        query: &[(&str, &str)],
    ) -> Result<T, NetworkError> {
        self.read(self.http.post(self.url(edge)).query(query)).await
    }

    /// Meta's text with this token taken out.
    pub fn readable(&self, text: &str) -> String {
        answer::readable(text, self.token)
    }

    fn url(&self, path: &str) -> String {
        format!("{}/{path}", self.base)
    }

    async fn read<T: DeserializeOwned>(&self, request: reqwest::RequestBuilder) -> Result<T, NetworkError> {
        answer::read(request.bearer_auth(self.token), self.token).await
    }
}
