use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    herald::cli::run(herald::cli::Cli::parse()).await
}
