//! A fake Graph API for the tests of the networks that publish through media containers: one
//! account (token `t0ken`) and the requests its flow makes, named as its network names them.
use crate::server::platforms::testing::Harness;
use crate::server::platforms::{Credentials, Network, NetworkError, Outgoing, Published, Verified};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

/// One network's account and names. The names are written out in each network's tests, apart
/// from the adapter's own, so a wrong edge or field name there fails.
pub struct FakeContainers {
    pub network: &'static dyn Network,
    pub credentials: Credentials,
    /// The node and fields verifying the credentials asks for.
    pub verify_asks: (&'static str, &'static str),
    /// The path that creates a container, e.g. `/1789/threads`.
    pub create_at: &'static str,
    /// The path that publishes a ready container, e.g. `/1789/threads_publish`.
    pub publish_at: &'static str,
    /// The container's fields naming its state and why it failed.
    pub state_field: &'static str,
    pub detail_field: &'static str,
    /// The form field a post's text goes in.
    pub text_field: &'static str,
    /// Form fields every image container carries besides `image_url` and `alt_text`.
    pub image_fields: &'static [(&'static str, &'static str)],
    /// The fewest images a post may have (Instagram refuses text alone).
    pub fewest_images: usize,
    /// What the permalink request answers for a published media.
    pub permalink: &'static str,
}

impl FakeContainers {
    pub async fn verify(&self, server: &MockServer) -> Result<Verified, NetworkError> {
        let harness = Harness::new(server);
        self.network.verify(&harness.ctx(), &self.credentials).await
    }

    pub async fn publish(&self, server: &MockServer, outgoing: &Outgoing) -> Result<Published, NetworkError> {
        let harness = Harness::new(server);
        self.network
            .publish(&harness.ctx(), &self.credentials, outgoing)
            .await
    }

    /// Verifies against a server answering the verification request once, with `response`.
    pub async fn verifying(&self, response: ResponseTemplate) -> Result<Verified, NetworkError> {
        let server = MockServer::start().await;
        let (node, fields) = self.verify_asks;
        graph_get(node, fields)
            .respond_with(response)
            .expect(1)
            .mount(&server)
            .await;
        self.verify(&server).await
    }

    /// Creating a container.
    pub fn create(&self) -> MockBuilder {
        Mock::given(method("POST"))
            .and(path(self.create_at))
            .and(header("authorization", "Bearer t0ken"))
    }

    /// Asking whether container `id` is ready.
    pub fn status(&self, id: &str) -> MockBuilder {
        graph_get(id, &format!("{},{}", self.state_field, self.detail_field))
    }

    /// Publishing container `id`.
    pub fn publish_container(&self, id: &str) -> MockBuilder {
        Mock::given(method("POST"))
            .and(path(self.publish_at))
            .and(query_param("creation_id", id))
            .and(header("authorization", "Bearer t0ken"))
    }

    /// A status answer: the container is in `state`.
    pub fn in_state(&self, state: &str) -> ResponseTemplate {
        answer(200, serde_json::json!({ self.state_field: state }))
    }

    /// A status answer: the container failed, for `detail`.
    pub fn failed(&self, detail: &str) -> ResponseTemplate {
        answer(
            200,
            serde_json::json!({ self.state_field: "ERROR", self.detail_field: detail }),
        )
    }

    /// Container `container` is published (once) as `media_id`, whose permalink is known.
    pub async fn mount_published(&self, server: &MockServer, container: &str, media_id: &str) {
        self.publish_container(container)
            .respond_with(created(media_id))
            .expect(1)
            .mount(server)
            .await;
        graph_get(media_id, "permalink")
            .respond_with(answer(
                200,
                serde_json::json!({ "id": media_id, "permalink": self.permalink }),
            ))
            .mount(server)
            .await;
    }
}

/// A GET of `fields` of `node`, with the token in the header.
pub fn graph_get(node: &str, fields: &str) -> MockBuilder {
    Mock::given(method("GET"))
        .and(path(format!("/{node}")))
        .and(query_param("fields", fields))
        .and(header("authorization", "Bearer t0ken"))
}

pub fn answer(status: u16, body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

/// The answer to a POST that created `id`.
pub fn created(id: &str) -> ResponseTemplate {
    answer(200, serde_json::json!({ "id": id }))
}
