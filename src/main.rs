use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    herald::server::cli::run(herald::server::cli::Cli::parse()).await
}
