//! Step a: the image on a fresh volume, as `docker run` on a new machine: the entrypoint makes
//! the database and the secrets key, Herald migrates, and /healthz answers 200.
use crate::Scene;
use crate::container::Herald;
use crate::figures::Figures;
use crate::helpers::TestApp;
use crate::network::Network;
use crate::podman::Made;
use anyhow::Result;

pub async fn run(made: &Made, run: String, network: Network, figures: &mut Figures) -> Result<Scene> {
    let started = chrono::Utc::now();
    let herald = Herald::create(made, format!("herald-image-{run}")).await?;
    let cold = herald.start().await?;
    figures.cold_start = Some(cold);
    eprintln!(
        "image-test: cold start to /healthz 200 in {:.1} s",
        cold.as_secs_f64()
    );
    let app = TestApp::new(herald.address());
    let browser = app.browser();
    Ok(Scene {
        email: format!("ivy-{run}@example.com"),
        run,
        started,
        network,
        herald,
        app,
        browser,
        account: uuid::Uuid::nil(),
        posts: Vec::new(),
    })
}
