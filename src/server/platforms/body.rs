//! Reading a network's answer without trusting its size: the body is read as it streams in and
//! abandoned once past a cap, so one misbehaving server (or a hostile webhook receiver) cannot
//! fill Herald's memory.
use super::NetworkError;
use serde::de::DeserializeOwned;

/// Largest answer Herald reads; every network's real answers are a few KiB.
pub const MAX_ANSWER_BYTES: usize = 1024 * 1024;

/// Of an error answer, only the start is kept (a reason is a sentence, not a page).
const MAX_ERROR_BYTES: usize = 64 * 1024;

/// The whole body of an answer of at most `MAX_ANSWER_BYTES`.
pub async fn bytes(response: reqwest::Response) -> Result<Vec<u8>, NetworkError> {
    let (body, complete) = read_up_to(response, MAX_ANSWER_BYTES).await?;
    if !complete {
        return Err(NetworkError::Protocol(format!(
            "the answer was larger than {} KiB; Herald stopped reading it",
            MAX_ANSWER_BYTES / 1024
        )));
    }
    Ok(body)
}

/// The body parsed as JSON. serde's message never quotes the URL (which may hold a token).
pub async fn json<T: DeserializeOwned>(response: reqwest::Response) -> Result<T, NetworkError> {
    let body = bytes(response).await?;
    serde_json::from_slice(&body)
        .map_err(|e| NetworkError::Protocol(format!("could not read the answer: {e}")))
}

/// The start of an error answer as text; whatever cannot be read is left out.
pub async fn error_text(response: reqwest::Response) -> String {
    match read_up_to(response, MAX_ERROR_BYTES).await {
        Ok((body, _)) => String::from_utf8_lossy(&body).into_owned(),
        Err(_) => String::new(),
    }
}

/// Reads chunks until the body ends (true) or `limit` bytes are in (false, the rest unread).
async fn read_up_to(mut response: reqwest::Response, limit: usize) -> Result<(Vec<u8>, bool), NetworkError> {
    if response
        .content_length()
        .is_some_and(|length| length > limit as u64)
    {
        return Ok((Vec::new(), false));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(NetworkError::from_transport)? {
        if body.len() + chunk.len() > limit {
            body.extend_from_slice(&chunk[..limit - body.len()]);
            return Ok((body, false));
        }
        body.extend_from_slice(&chunk);
    }
    Ok((body, true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    /// A server whose answer never ends: chunk after chunk of JSON-looking bytes, counting
    /// what it managed to send before the client hung up.
    async fn endless_server(status: &'static str) -> (String, Arc<AtomicUsize>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        let sent = Arc::new(AtomicUsize::new(0));
        let counter = sent.clone();
        tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut request = [0u8; 4096];
            let _ = socket.read(&mut request).await;
            let head = format!(
                "HTTP/1.1 {status}\r\ntransfer-encoding: chunked\r\ncontent-type: application/json\r\n\r\n"
            );
            if socket.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            let piece = vec![b' '; 64 * 1024];
            let chunk = [
                format!("{:x}\r\n", piece.len()).into_bytes(),
                piece,
                b"\r\n".to_vec(),
            ]
            .concat();
            // Paced, so a client that reads everything would gather it slowly, not crash the
            // machine before its timeout.
            while socket.write_all(&chunk).await.is_ok() {
                counter.fetch_add(chunk.len(), Ordering::Relaxed);
                tokio::time::sleep(std::time::Duration::from_millis(1)).await;
            }
        });
        (address, sent)
    }

    fn client() -> reqwest::Client {
        crate::server::outbound::use_ring_for_tls();
        reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(3))
            .build()
            .unwrap()
    }

    #[tokio::test]
    async fn an_endless_answer_is_abandoned_after_the_cap() {
        let (address, sent) = endless_server("200 OK").await;
        let answer = client().get(&address).send().await.unwrap();
        let error = json::<serde_json::Value>(answer).await.unwrap_err();
        assert!(error.to_string().contains("larger than 1024 KiB"), "{error}");
        // What the server got out is bounded by the cap plus socket buffers, not by time.
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        assert!(sent.load(Ordering::Relaxed) < 16 * MAX_ANSWER_BYTES, "{sent:?}");
    }

    #[tokio::test]
    async fn an_endless_error_answer_gives_its_start() {
        let (address, _) = endless_server("503 Service Unavailable").await;
        let answer = client().get(&address).send().await.unwrap();
        assert_eq!(error_text(answer).await.len(), MAX_ERROR_BYTES);
    }

    #[tokio::test]
    async fn an_announced_oversized_answer_is_not_read_at_all() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut request = [0u8; 4096];
            let _ = socket.read(&mut request).await;
            let _ = socket
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 1073741824\r\n\r\n{")
                .await;
            tokio::time::sleep(std::time::Duration::from_secs(60)).await;
        });
        let answer = client().get(&address).send().await.unwrap();
        assert!(bytes(answer).await.is_err());
    }
}
