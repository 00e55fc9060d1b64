//! The worker's wake-up on new tasks (Postgres NOTIFY), kept alive across database outages.
//!
//! apalis-postgres 1.0.0's `Pubsub` ends for good at its first database error, and apalis'
//! combined poll strategy reads an ended stream as "fire" on every poll: the worker then spun
//! on one thread at 100% CPU and never reached its next await (on a current-thread runtime
//! the whole process froze). `Resubscribe` never ends: after an error or an end it waits, then
//! listens again on a fresh subscription (a clone of the template starts one).
use futures::{Stream, StreamExt};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// How long to wait before listening again after the subscription failed.
pub const RESUBSCRIBE_AFTER: Duration = Duration::from_secs(1);

pub struct Resubscribe<S> {
    template: S,
    current: S,
    /// Set while waiting to subscribe again.
    pause: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl<S: Clone> Resubscribe<S> {
    pub fn new(subscription: S) -> Self {
        Self {
            current: subscription.clone(),
            template: subscription,
            pause: None,
        }
    }
}

impl<S, T, E> Stream for Resubscribe<S>
where
    S: Stream<Item = Result<T, E>> + Clone + Unpin,
{
    type Item = ();

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<()>> {
        loop {
            if let Some(pause) = self.pause.as_mut() {
                if pause.as_mut().poll(cx).is_pending() {
                    return Poll::Pending;
                }
                self.pause = None;
                self.current = self.template.clone();
            }
            match self.current.poll_next_unpin(cx) {
                Poll::Ready(Some(Ok(_))) => return Poll::Ready(Some(())),
                Poll::Ready(Some(Err(_)) | None) => {
                    tracing::debug!("task notifications lost; listening again shortly");
                    self.pause = Some(Box::pin(tokio::time::sleep(RESUBSCRIBE_AFTER)));
                }
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A subscription that delivers one notification and then fails, counting how often it
    /// was started.
    struct OneThenFail {
        started: Arc<AtomicUsize>,
        sent: bool,
        failed: bool,
    }

    impl Clone for OneThenFail {
        fn clone(&self) -> Self {
            self.started.fetch_add(1, Ordering::SeqCst);
            Self {
                started: self.started.clone(),
                sent: false,
                failed: false,
            }
        }
    }

    impl Stream for OneThenFail {
        type Item = Result<u8, &'static str>;
        fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
            if !self.sent {
                self.sent = true;
                Poll::Ready(Some(Ok(1)))
            } else if !self.failed {
                self.failed = true;
                Poll::Ready(Some(Err("connection lost")))
            } else {
                Poll::Ready(None)
            }
        }
    }

    #[tokio::test]
    async fn a_failed_subscription_waits_and_listens_again_instead_of_firing() {
        let started = Arc::new(AtomicUsize::new(0));
        let template = OneThenFail {
            started: started.clone(),
            sent: true,
            failed: true,
        };
        let mut wake = Resubscribe::new(template);
        assert_eq!(wake.next().await, Some(()));
        assert_eq!(started.load(Ordering::SeqCst), 1);

        // Failed: nothing fires until the pause is over (an ended stream used to fire forever).
        let waker = futures::task::noop_waker();
        let mut cx = Context::from_waker(&waker);
        assert!(Pin::new(&mut wake).poll_next(&mut cx).is_pending());
        assert!(Pin::new(&mut wake).poll_next(&mut cx).is_pending());
        assert_eq!(started.load(Ordering::SeqCst), 1);

        let before = std::time::Instant::now();
        assert_eq!(wake.next().await, Some(()));
        assert!(before.elapsed() >= RESUBSCRIBE_AFTER - Duration::from_millis(50));
        assert_eq!(started.load(Ordering::SeqCst), 2);
    }
}
