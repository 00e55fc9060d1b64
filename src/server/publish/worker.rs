//! The apalis worker that runs publish tasks, configured on purpose:
//! a fast poll so tasks fire on time, a unique name per process start so a restart recovers
//! orphaned tasks, explicit concurrency and attempts, and a graceful stop.
use super::engine::Engine;
use super::listen::Resubscribe;
use super::poll::Armed;
use super::queue::{PublishTask, QUEUE};
use super::{handler, sweeper};
use crate::server::state::AppState;
use apalis::prelude::*;
use apalis_postgres::{Config, PostgresStorage, Pubsub};
use sqlx::postgres::PgPoolOptions;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

/// Running workers and sweeper; they stop when the shutdown future resolves.
pub struct Workers {
    pub handle: tokio::task::JoinHandle<()>,
}

async fn task(job: PublishTask, engine: Data<Arc<Engine>>) -> Result<(), BoxDynError> {
    handler::run(&engine, job).await.map_err(|error| {
        tracing::error!(
            error = format!("{error:#}"),
            "publish task failed; it will be retried"
        );
        BoxDynError::from(error.to_string())
    })
}

/// How long a monitor that ended on its own waits before starting again.
const RESTART_AFTER: Duration = Duration::from_secs(1);

/// The apalis monitor with this process's publish worker. A restarted one (`run` > 0) takes a
/// new name: tasks the previous one had fetched stay locked by the old name, and apalis hands
/// them out again only once that name stops its heartbeat.
fn monitor(engine: &Arc<Engine>, run: usize) -> Monitor {
    let engine = engine.clone();
    let pool = engine.state.pool.clone();
    let settings = engine.settings.clone();
    let name = match run {
        0 => engine.worker.clone(),
        _ => format!("{}-{run}", engine.worker),
    };
    let config = Config::default()
        .queue(QUEUE)
        .batch_size(settings.concurrency)
        // A fetched task is already 'Queued' under this worker's name, which apalis and the
        // sweeper treat as live; marking it 'Running' too cost one more row write per task.
        .lock_tasks(false)
        .heartbeat_interval(Duration::from_secs(5))
        .missed_heartbeats(3);
    Monitor::new()
        .register(move |_restarts| {
            let storage = PostgresStorage::<PublishTask>::new(&pool).with_config(config.clone());
            let strategy = Strategy::new()
                .interval(settings.poll_interval())
                .stream(Resubscribe::new(Pubsub::new(pool.clone(), QUEUE.to_owned())));
            WorkerBuilder::new(name.clone())
                .backend(storage.poll_with_strategy(Armed(strategy)))
                .concurrency(settings.concurrency)
                .data(engine.clone())
                .build(task)
        })
        .shutdown_timeout(Duration::from_secs(25))
}

/// Starts the publish workers and the sweeper until `shutdown` resolves; `chores` (other
/// background jobs of the worker process) are stopped with them.
pub fn start(
    mut state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
    chores: Vec<tokio::task::JoinHandle<()>>,
) -> Workers {
    // Its own connections, so a busy web app cannot starve publishing (nor the reverse).
    state.pool = PgPoolOptions::new()
        .max_connections(state.settings.publishing.pool_size.max(2))
        .acquire_timeout(Duration::from_secs(5))
        .connect_lazy_with(state.pool.connect_options().as_ref().clone());
    let engine = Engine::new(state);
    tracing::info!(worker = %engine.worker, concurrency = engine.settings.concurrency, "publish workers starting");
    let sweeper = tokio::spawn(sweeper::run_every(engine.clone()));
    let renewals = tokio::spawn(crate::server::oauth::renew_every(engine.state.clone()));
    let handle = tokio::spawn(async move {
        let pool_to_close = engine.state.pool.clone();
        // apalis ends its worker, and so the monitor, when the database connection is cut (say
        // Postgres restarted): start it again; only the shutdown signal ends publishing.
        let (stop, stopped) = tokio::sync::watch::channel(false);
        tokio::spawn(async move {
            shutdown.await;
            let _ = stop.send(true);
        });
        for run in 0.. {
            let mut signal = stopped.clone();
            let result = monitor(&engine, run)
                .run_with_signal(async move {
                    let _ = signal.wait_for(|stop| *stop).await;
                    Ok(())
                })
                .await;
            if *stopped.borrow() {
                if let Err(error) = result {
                    tracing::error!(%error, "publish workers stopped with an error");
                }
                break;
            }
            match result {
                Err(error) => tracing::error!(%error, "publish workers failed; starting them again"),
                Ok(()) => tracing::warn!("publish workers stopped (database away?); starting them again"),
            }
            tokio::time::sleep(RESTART_AFTER).await;
        }
        sweeper.abort();
        renewals.abort();
        for chore in chores {
            chore.abort();
        }
        pool_to_close.close().await;
        tracing::info!("publish workers stopped");
    });
    Workers { handle }
}
