//! The `herald` command line.
mod backup;

use crate::domain::role::Role;
use crate::server::config::Settings;
use crate::server::state::AppState;
use crate::server::team::invites::{self, Delivery};
use crate::server::{db, telemetry};
use crate::startup::Application;
use anyhow::Context;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "herald",
    version,
    about = "Herald, the self-hosted social media scheduler"
)]
pub struct Cli {
    /// A TOML configuration file (default: ./herald.toml when present).
    #[arg(long, short, global = true, value_name = "FILE", env = "HERALD_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the web app and publish (the default).
    Serve {
        /// Serve only; leave publishing to `herald worker` processes.
        #[arg(long)]
        no_workers: bool,
    },
    /// Publish only: run the publish workers and the sweeper, without the web app.
    Worker,
    /// Create the database if needed and apply migrations, then exit.
    Migrate,
    /// Exit 0 when the server on this machine answers `/healthz` with 200 (the container's
    /// HEALTHCHECK; the image has no curl).
    Healthcheck,
    /// Write the database, the media and the secrets key to one .tar.gz (default:
    /// <data_dir>/backups/herald-<time>.tar.gz).
    Backup {
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Load a backup made by `herald backup` (`-` reads it from standard input). Refuses a
    /// database that holds workspaces or people, unless --force.
    Restore {
        #[arg(value_name = "ARCHIVE")]
        archive: PathBuf,
        /// Replace what the database holds (it is backed up first).
        #[arg(long)]
        force: bool,
    },
    /// Manage people.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Add a person to a workspace (created if absent, with them as owner); prints the
    /// one-time link where a new person sets their password.
    Add {
        #[arg(long)]
        email: String,
        /// Workspace name or id.
        #[arg(long)]
        workspace: String,
        #[arg(long, default_value = "viewer")]
        role: Role,
    },
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = Settings::load(cli.config.as_deref())?;
    telemetry::init(settings.log_format, &settings.log_filter);
    match cli.command.unwrap_or(Command::Serve { no_workers: false }) {
        Command::Serve { no_workers } => {
            let mut settings = settings;
            if no_workers {
                settings.publishing.workers = false;
            }
            serve(settings).await
        }
        Command::Worker => worker(settings).await,
        Command::Healthcheck => healthcheck(settings.server.port).await,
        Command::Backup { output } => backup::backup(settings, output).await,
        Command::Restore { archive, force } => backup::restore(settings, archive, force).await,
        Command::Migrate => {
            db::prepare(&settings.database).await?;
            println!("Database is up to date.");
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    workspace,
                    role,
                },
        } => add_user(settings, &email, &workspace, role).await,
    }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let pool = db::prepare(&settings.database).await?;
    let leptos_options = leptos_options()?;
    let base_url = settings.server.base_url().to_owned();
    let application = Application::build(settings, pool, leptos_options).await?;
    tracing::info!(port = application.port(), %base_url, "Herald is listening");
    application.run_until(shutdown_signal()).await?;
    tracing::info!("Herald stopped");
    Ok(())
}

async fn worker(settings: Settings) -> anyhow::Result<()> {
    let pool = db::prepare(&settings.database).await?;
    let state = AppState::new(settings, pool, leptos_options()?)?;
    crate::server::accounts::refuse_wrong_key(&state.pool, &state.cipher).await?;
    let planning = tokio::spawn(crate::server::plan::job::run_every(state.clone()));
    let workers = crate::server::publish::start(state, shutdown_signal(), vec![planning]);
    workers.handle.await?;
    Ok(())
}

/// Leptos' runtime options: Leptos.toml, compiled in, with LEPTOS_* variables on top.
pub fn leptos_options() -> anyhow::Result<leptos::config::LeptosOptions> {
    leptos::config::get_config_from_str(include_str!("../Leptos.toml"))
        .context("Leptos.toml or a LEPTOS_* variable is invalid")
}

async fn shutdown_signal() {
    let interrupt = async {
        tokio::signal::ctrl_c().await.ok();
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}

async fn add_user(settings: Settings, email: &str, workspace: &str, role: Role) -> anyhow::Result<()> {
    // Checked before a workspace is created for it, so a typo leaves nothing behind.
    crate::domain::email::Email::parse(email).map_err(|problem| anyhow::anyhow!("{problem}"))?;
    let pool = db::prepare(&settings.database).await?;
    let workspace_id = match workspace.parse::<uuid::Uuid>() {
        Ok(id) => id,
        Err(_) => {
            let found = db::workspaces::find_id_by_name(&pool, workspace).await?;
            match found.as_slice() {
                [id] => *id,
                [] if role == Role::Owner => {
                    let id = db::workspaces::insert(&pool, workspace, "UTC").await?;
                    println!("Created workspace “{workspace}”.");
                    id
                }
                [] => anyhow::bail!(
                    "there is no workspace named “{workspace}”; to create it, add its owner with --role owner"
                ),
                _ => {
                    anyhow::bail!("several workspaces are named “{workspace}”; pass the workspace id instead")
                }
            }
        }
    };
    let state = AppState::new(settings, pool, leptos_options()?)?;
    let invited = invites::open(&state, workspace_id, None, email, role)
        .await
        .map_err(|error| anyhow::anyhow!("{error}"))?;
    let email = invited.email;
    match invited.delivery {
        Delivery::Link(link) => println!(
            "Invited {email} as {role}. Send them this one-time link: with it they create their \
             account, or accept after signing in if they already have one.\n{link}"
        ),
        Delivery::Mailed => println!("Invited {email} as {role}; the invitation was mailed to them."),
        Delivery::MailFailed(why) => anyhow::bail!(
            "invited {email} as {role}, but the mail could not be sent ({why}); run the command again to retry"
        ),
    }
    Ok(())
}

async fn healthcheck(port: u16) -> anyhow::Result<()> {
    crate::server::outbound::use_ring_for_tls();
    let url = format!("http://127.0.0.1:{port}/healthz");
    let answer = reqwest::Client::new()
        .get(&url)
        .timeout(std::time::Duration::from_secs(4))
        .send()
        .await
        .with_context(|| format!("{url} did not answer"))?;
    anyhow::ensure!(answer.status().is_success(), "{url} answered {}", answer.status());
    Ok(())
}
