//! What a failed migration means for the person starting Herald, and what to do about it.
use sqlx::migrate::{MigrateError, Migrator};

/// `migrator` names the migration that failed.
pub fn explain(migrator: &Migrator, error: MigrateError) -> anyhow::Error {
    let advice = match &error {
        MigrateError::ExecuteMigration(_, version) => format!(
            "migration {version} ({}) failed and was rolled back, so the database is as it was \
             before this start. Start the Herald version you ran before, and report this error",
            migrator
                .iter()
                .find(|migration| migration.version == *version)
                .map_or("unknown", |migration| &migration.description)
        ),
        MigrateError::VersionMissing(version) => format!(
            "the database was brought to migration {version} by a newer Herald, which this one does \
             not know. Nothing was changed: start that newer version again, or restore a backup \
             made with this one"
        ),
        MigrateError::VersionMismatch(version) => format!(
            "migration {version} in the database differs from this Herald's. Nothing was changed: \
             start the Herald version you ran before, and report this error"
        ),
        _ => "nothing was changed".to_owned(),
    };
    anyhow::Error::new(error).context(format!("could not apply database migrations: {advice}"))
}
