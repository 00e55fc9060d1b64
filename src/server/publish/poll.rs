//! How often an idle worker asks for due tasks.
//!
//! apalis-core 1.0.0's interval and stream strategies report "ready" without re-arming their
//! wake-up; when the fetch that follows comes back empty in the same step, nothing wakes the
//! worker until its next heartbeat (seconds later). `Armed` keeps polling the inner strategy
//! until it is pending, which re-arms it.
use apalis::prelude::{PollSnapshot, PollStrategy};
use std::task::{Context, Poll};

pub struct Armed<S>(pub S);

impl<S: PollStrategy> PollStrategy for Armed<S> {
    fn poll_drive(&mut self, cx: &mut Context<'_>, snapshot: &PollSnapshot) -> Poll<Option<()>> {
        let mut fired = false;
        while let Poll::Ready(Some(())) = self.0.poll_drive(cx, snapshot) {
            fired = true;
        }
        if fired {
            Poll::Ready(Some(()))
        } else {
            Poll::Pending
        }
    }
}
