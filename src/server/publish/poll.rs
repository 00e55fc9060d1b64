//! How often an idle worker asks for due tasks.
//!
//! apalis-core 1.0.0's interval and stream strategies report "ready" without re-arming their
//! wake-up; when the fetch that follows comes back empty in the same step, nothing wakes the
//! worker until its next heartbeat (seconds later). `Armed` keeps polling the inner strategy
//! until it is pending, which re-arms it.
use apalis::prelude::{PollSnapshot, PollStrategy};
use std::task::{Context, Poll};

/// A strategy that is ready on every poll (an ended stream reads so) must not hold the thread.
const MOST_POLLS: usize = 64;

pub struct Armed<S>(pub S);

impl<S: PollStrategy> PollStrategy for Armed<S> {
    fn poll_drive(&mut self, cx: &mut Context<'_>, snapshot: &PollSnapshot) -> Poll<Option<()>> {
        let mut fired = false;
        for _ in 0..MOST_POLLS {
            match self.0.poll_drive(cx, snapshot) {
                Poll::Ready(Some(())) => fired = true,
                _ => break,
            }
        }
        if fired {
            Poll::Ready(Some(()))
        } else {
            Poll::Pending
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct AlwaysReady(usize);

    impl PollStrategy for AlwaysReady {
        fn poll_drive(&mut self, _: &mut Context<'_>, _: &PollSnapshot) -> Poll<Option<()>> {
            self.0 += 1;
            Poll::Ready(Some(()))
        }
    }

    #[test]
    fn a_strategy_that_is_always_ready_fires_once_and_lets_go_of_the_thread() {
        let mut armed = Armed(AlwaysReady(0));
        let waker = futures::task::noop_waker();
        let snapshot = PollSnapshot::default();
        let fired = armed.poll_drive(&mut Context::from_waker(&waker), &snapshot);
        assert_eq!(fired, Poll::Ready(Some(())));
        assert_eq!(armed.0.0, MOST_POLLS);
    }
}
