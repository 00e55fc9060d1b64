//! Group commit: many tasks' claims (or outcomes) written by one transaction.
//!
//! A request goes at once when a batch slot is free, so an idle engine adds no latency; the
//! requests that arrive while every slot is busy go together in the next batch.
use std::future::Future;
use std::sync::Arc;
use tokio::sync::{Semaphore, mpsc, oneshot};

type Reply<Resp> = oneshot::Sender<Result<Resp, String>>;

/// Hands requests to the batch loop; cheap to share.
pub struct Batcher<Req, Resp> {
    sender: mpsc::Sender<(Req, Reply<Resp>)>,
}

impl<Req: Send + 'static, Resp: Send + 'static> Batcher<Req, Resp> {
    /// Spawns the loop. `run` gets the batch and answers each request, in order; its error
    /// reaches every request of the batch. The loop ends when the `Batcher` is dropped.
    pub fn spawn<F, Fut>(max: usize, in_flight: usize, run: F) -> Self
    where
        F: Fn(Vec<Req>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = anyhow::Result<Vec<Resp>>> + Send + 'static,
    {
        let max = max.max(1);
        let (sender, mut receiver) = mpsc::channel::<(Req, Reply<Resp>)>(max * 4);
        let slots = Arc::new(Semaphore::new(in_flight.max(1)));
        let run = Arc::new(run);
        tokio::spawn(async move {
            let mut pending = Vec::with_capacity(max);
            loop {
                let Ok(slot) = slots.clone().acquire_owned().await else {
                    return;
                };
                if receiver.recv_many(&mut pending, max).await == 0 {
                    return;
                }
                let (requests, replies): (Vec<Req>, Vec<Reply<Resp>>) = pending.drain(..).unzip();
                let batch = run(requests);
                tokio::spawn(async move {
                    let _slot = slot;
                    answer(batch.await, replies);
                });
            }
        });
        Self { sender }
    }

    /// Queues one request and waits for its batch to be committed.
    pub async fn submit(&self, request: Req) -> anyhow::Result<Resp> {
        let (reply, answer) = oneshot::channel();
        self.sender
            .send((request, reply))
            .await
            .map_err(|_| anyhow::anyhow!("the batch loop has stopped"))?;
        match answer.await {
            Ok(Ok(response)) => Ok(response),
            Ok(Err(error)) => Err(anyhow::anyhow!(error)),
            Err(_) => Err(anyhow::anyhow!("the batch was lost (its task panicked)")),
        }
    }
}

fn answer<Resp>(result: anyhow::Result<Vec<Resp>>, replies: Vec<Reply<Resp>>) {
    match result {
        Ok(responses) if responses.len() == replies.len() => {
            for (reply, response) in replies.into_iter().zip(responses) {
                let _ = reply.send(Ok(response));
            }
        }
        Ok(responses) => {
            let error = format!(
                "a batch of {} answered {} requests",
                replies.len(),
                responses.len()
            );
            for reply in replies {
                let _ = reply.send(Err(error.clone()));
            }
        }
        Err(error) => {
            let error = format!("{error:#}");
            for reply in replies {
                let _ = reply.send(Err(error.clone()));
            }
        }
    }
}

/// Runs `attempt` again (up to three times in all) when Postgres aborted it for a deadlock or
/// a serialization failure; a batch that lost such a race is simply retried whole.
pub async fn retry_conflicts<T, F, Fut>(mut attempt: F) -> anyhow::Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<T>>,
{
    let mut tries = 0;
    loop {
        tries += 1;
        match attempt().await {
            Err(error) if tries < 3 && is_conflict(&error) => {
                tracing::debug!(error = format!("{error:#}"), "batch conflicted; again");
            }
            result => return result,
        }
    }
}

fn is_conflict(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        matches!(cause.downcast_ref::<sqlx::Error>(), Some(sqlx::Error::Database(e))
            if matches!(e.code().as_deref(), Some("40P01" | "40001")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[tokio::test]
    async fn requests_arriving_during_a_batch_form_the_next_one() {
        let sizes = Arc::new(Mutex::new(Vec::new()));
        let (release, released) = tokio::sync::watch::channel(false);
        let seen = sizes.clone();
        let batcher = Arc::new(Batcher::spawn(100, 1, move |batch: Vec<u32>| {
            seen.lock().unwrap().push(batch.len());
            let mut released = released.clone();
            async move {
                let _ = released.wait_for(|go| *go).await;
                Ok(batch.into_iter().map(|n| n * 2).collect())
            }
        }));
        // The first goes alone at once; five more queue behind it.
        let first = tokio::spawn({
            let batcher = batcher.clone();
            async move { batcher.submit(1).await.unwrap() }
        });
        while sizes.lock().unwrap().is_empty() {
            tokio::task::yield_now().await;
        }
        let rest: Vec<_> = (2..=6)
            .map(|n| {
                let batcher = batcher.clone();
                tokio::spawn(async move { batcher.submit(n).await.unwrap() })
            })
            .collect();
        while batcher.sender.capacity() > 400 - 5 {
            tokio::task::yield_now().await;
        }
        release.send(true).unwrap();
        assert_eq!(first.await.unwrap(), 2);
        let mut answers = Vec::new();
        for one in rest {
            answers.push(one.await.unwrap());
        }
        assert_eq!(answers, [4, 6, 8, 10, 12]);
        assert_eq!(*sizes.lock().unwrap(), [1, 5]);
    }

    #[tokio::test]
    async fn a_failed_batch_fails_each_of_its_requests() {
        let batcher = Batcher::spawn(10, 2, |_: Vec<u32>| async {
            Err::<Vec<u32>, _>(anyhow::anyhow!("database unreachable"))
        });
        let error = batcher.submit(7).await.unwrap_err();
        assert!(error.to_string().contains("database unreachable"));
    }
}
