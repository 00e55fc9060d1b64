//! No secret reaches the logs. A real `herald serve` process, logging at debug level, is
//! taken through sign-up, a wrong password, connecting accounts (one with a wrong token)
//! and a publish the network refuses with a message quoting the token, an invite link and a
//! signed image link opened; then everything it printed is searched for each secret.
use crate::calls::{mastodon, send};
use crate::fakes::{MASTODON_TOKEN, mount_mastodon};
use crate::helpers::PASSWORD;
use herald::api::accounts::ConnectAccount;
use herald::api::auth::{SignIn, SignUp};
use herald::api::posts::UploadImage;
use herald::api::team::{InviteDelivery, InviteMember};
use herald::domain::platform::Platform;
use herald::domain::role::Role;
use leptos::server_fn::ServerFn;
use sqlx::PgPool;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const WRONG_PASSWORD: &str = "tr0ub4dor-and-3-wrong";
const WRONG_TOKEN: &str = "not-the-token-987654";
const SIGNING_SECRET: &str = "webhook-signing-secret-555";

#[sqlx::test]
async fn no_secret_reaches_the_logs(pool: PgPool) {
    herald::server::outbound::use_ring_for_tls();
    let network = MockServer::start().await;
    mount_mastodon(&network).await;
    Mock::given(method("POST"))
        .and(path("/api/v1/statuses"))
        .respond_with(ResponseTemplate::new(422).set_body_json(serde_json::json!({
            "error": format!("Validation failed: token {MASTODON_TOKEN} may not post")
        })))
        .mount(&network)
        .await;
    Mock::given(method("POST"))
        .and(path("/hook"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&network)
        .await;
    let key = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        [
            uuid::Uuid::new_v4().into_bytes(),
            uuid::Uuid::new_v4().into_bytes(),
        ]
        .concat(),
    );
    let herald = Herald::start(&pool, &key);

    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let browser = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .build()
        .unwrap();
    let address = herald.address.as_str();
    let sign_up = SignUp {
        name: "Olive".into(),
        email: "olive@example.com".into(),
        password: PASSWORD.into(),
        workspace_name: "Acme".into(),
        timezone: "UTC".into(),
    };
    assert_eq!(send(&browser, address, &sign_up).await.status(), 200);
    let wrong_password = SignIn {
        email: "olive@example.com".into(),
        password: WRONG_PASSWORD.into(),
        next: String::new(),
    };
    let refused = send(&reqwest::Client::new(), address, &wrong_password).await;
    assert_eq!(refused.status(), 401);
    let instance = network.uri();
    for (token, expected) in [(WRONG_TOKEN, 400), (MASTODON_TOKEN, 200)] {
        let connected = send(&browser, address, &mastodon(&instance, token)).await;
        assert_eq!(connected.status(), expected);
    }
    let hook = ConnectAccount {
        platform: Platform::Webhook,
        display_name: "Hook".into(),
        colour: "#0EA5E9".into(),
        fields: [
            ("url".to_owned(), format!("{instance}/hook")),
            ("secret".to_owned(), SIGNING_SECRET.to_owned()),
        ]
        .into(),
    };
    let webhook = send(&browser, address, &hook).await;
    assert_eq!(webhook.status(), 200, "{}", webhook.body());

    let (workspace, account): (uuid::Uuid, uuid::Uuid) =
        sqlx::query_as("select workspace_id, id from accounts where platform = 'mastodon'")
            .fetch_one(&pool)
            .await
            .unwrap();
    let (_, targets) = crate::seed::post_in(&pool, workspace, &[account], chrono::Utc::now()).await;
    wait_for_failure(&pool, targets[0]).await;

    // An invite link, opened as the invitee would (also through sign-in and back), and a
    // signed link to an image, fetched as a network would.
    let ivy = InviteMember {
        email: "ivy@example.com".into(),
        role: Role::Editor,
    };
    let invited = send(&browser, address, &ivy).await.ok();
    let InviteDelivery::Link(invite_link) = invited.delivery else {
        panic!("without mail, the inviter gets the link");
    };
    let invite_token = invite_link.rsplit('/').next().unwrap().to_owned();
    let stranger = reqwest::Client::new();
    let opened = stranger.get(&invite_link).send().await.unwrap();
    assert_eq!(opened.status(), 200);
    let sign_in_first = format!("{}/signin?next=/invite/{invite_token}", herald.address);
    assert_eq!(stranger.get(&sign_in_first).send().await.unwrap().status(), 200);
    let image = reqwest::multipart::Part::bytes(crate::media::PNG.to_vec()).file_name("red.png");
    let uploaded: herald::api::posts::UploadedImage = browser
        .post(format!("{address}{}", UploadImage::PATH))
        .header("accept", "application/json")
        .multipart(reqwest::multipart::Form::new().part("image", image))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut settings = herald::server::config::Settings::load(None).unwrap();
    settings.secrets.key = Some(key.clone().into());
    let cipher = herald::server::crypto::Cipher::from_settings(&settings).unwrap();
    let signed_link = herald::server::images::signed_links::public_url(
        &cipher,
        &herald.address,
        uploaded.id,
        chrono::Utc::now(),
    );
    assert_eq!(stranger.get(&signed_link).send().await.unwrap().status(), 200);
    let signature = signed_link.rsplit("signature=").next().unwrap().to_owned();

    let session = jar_session(&jar, &herald.address);
    let logs = herald.stop();
    assert!(logs.contains("publishing"), "the logs were not captured:\n{logs}");
    assert!(
        logs.contains("finished processing request"),
        "requests were not logged:\n{logs}"
    );
    for (what, secret) in [
        ("password", PASSWORD),
        ("wrong password", WRONG_PASSWORD),
        ("access token", MASTODON_TOKEN),
        ("wrong access token", WRONG_TOKEN),
        ("webhook signing secret", SIGNING_SECRET),
        ("secrets key", key.as_str()),
        ("session cookie", session.as_str()),
        ("invite token", invite_token.as_str()),
        ("media link signature", signature.as_str()),
    ] {
        assert!(!logs.contains(secret), "the {what} is in the logs");
    }
}

async fn wait_for_failure(pool: &PgPool, target: uuid::Uuid) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let status: String = sqlx::query_scalar("select status::text from post_targets where id = $1")
            .bind(target)
            .fetch_one(pool)
            .await
            .unwrap();
        if status == "failed" {
            return;
        }
        assert!(Instant::now() < deadline, "the target is still {status}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn jar_session(jar: &reqwest::cookie::Jar, address: &str) -> String {
    use reqwest::cookie::CookieStore;
    let cookies = jar.cookies(&address.parse().unwrap()).expect("a session cookie");
    let cookies = cookies.to_str().unwrap();
    let value = cookies
        .split(';')
        .find_map(|pair| pair.trim().strip_prefix("herald_session="))
        .expect("a session cookie");
    assert!(value.len() >= 16, "{value}");
    value.to_owned()
}

/// `herald serve` on this test's database, its output going to a file.
struct Herald {
    address: String,
    child: std::process::Child,
    log: std::path::PathBuf,
}

impl Herald {
    fn start(pool: &PgPool, key: &str) -> Self {
        let options = pool.connect_options();
        let database = format!(
            "postgres://{}@{}:{}/{}",
            options.get_username(),
            options.get_host(),
            options.get_port(),
            options.get_database().unwrap()
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let address = format!("http://127.0.0.1:{port}");
        let dir = std::env::temp_dir().join(format!("herald-logs-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let log = dir.join("herald.log");
        let output = std::fs::File::create(&log).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_herald"))
            .arg("serve")
            .env("HERALD_DATABASE__URL", database)
            .env("HERALD_SERVER__PORT", port.to_string())
            .env("HERALD_SERVER__BASE_URL", &address)
            .env("HERALD_SECRETS__KEY", key)
            .env("HERALD_DATA_DIR", &dir)
            .env("HERALD_LOG_FILTER", "info,herald=debug,tower_http=debug")
            .env("HERALD_OUTBOUND__ALLOW_PRIVATE", "127.0.0.1")
            .env_remove("HERALD_LOG")
            .env_remove("RUST_LOG")
            .stdout(output.try_clone().unwrap())
            .stderr(output)
            .stdin(Stdio::null())
            .spawn()
            .expect("herald starts");
        let herald = Self { address, child, log };
        herald.wait_until_up();
        herald
    }

    fn wait_until_up(&self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while std::net::TcpStream::connect(self.address.trim_start_matches("http://")).is_err() {
            assert!(
                Instant::now() < deadline,
                "herald did not start:\n{}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn output(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Stops it as a service manager would (SIGTERM) and returns all it printed.
    fn stop(mut self) -> String {
        let _ = Command::new("kill").arg(self.child.id().to_string()).status();
        let _ = self.child.wait();
        self.output()
    }
}

impl Drop for Herald {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
