//! Each step's outcome as it happens and in a closing table; a panic in a step (the shared
//! calls assert on answers) counts as that step's failure instead of ending the program.
use anyhow::{Result, anyhow};
use futures::FutureExt;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::time::Instant;

#[derive(Default)]
pub struct Report {
    rows: Vec<(String, Result<f64, String>)>,
}

impl Report {
    pub async fn step<T>(&mut self, name: &str, step: impl Future<Output = Result<T>>) -> Result<T> {
        eprintln!("image-test: {name} …");
        let started = Instant::now();
        let outcome = match AssertUnwindSafe(step).catch_unwind().await {
            Ok(outcome) => outcome,
            Err(panic) => Err(anyhow!("{}", panic_message(&*panic))),
        };
        let seconds = started.elapsed().as_secs_f64();
        match &outcome {
            Ok(_) => eprintln!("image-test: {name}: ok ({seconds:.1} s)"),
            Err(error) => eprintln!("image-test: {name}: FAILED: {error:#}"),
        }
        let row = outcome
            .as_ref()
            .map(|_| seconds)
            .map_err(|error| format!("{error:#}"));
        self.rows.push((name.to_owned(), row));
        outcome
    }

    /// A failure outside any step (the fake network would not start, or Ctrl-C).
    pub fn abort(&mut self, error: &anyhow::Error) {
        if self.rows.last().is_none_or(|(_, row)| row.is_ok()) {
            self.rows.push(("the run".to_owned(), Err(format!("{error:#}"))));
        }
    }

    pub fn passed(&self) -> bool {
        !self.rows.is_empty() && self.rows.iter().all(|(_, row)| row.is_ok())
    }

    pub fn print(&self) {
        for (name, row) in &self.rows {
            match row {
                Ok(seconds) => println!("ok      {name} ({seconds:.1} s)"),
                Err(error) => println!("FAILED  {name}: {}", error.lines().next().unwrap_or_default()),
            }
        }
        let passed = self.rows.iter().filter(|(_, row)| row.is_ok()).count();
        println!("image: {passed} passed, {} failed", self.rows.len() - passed);
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    match (panic.downcast_ref::<String>(), panic.downcast_ref::<&str>()) {
        (Some(message), _) => message.clone(),
        (None, Some(message)) => (*message).to_owned(),
        _ => "a panic".to_owned(),
    }
}
