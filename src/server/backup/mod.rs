//! `herald backup` and `herald restore`: the one database (pg_dump's custom format), the
//! uploaded media and the secrets key, as one `.tar.gz`.
mod archive;
mod create;
mod key;
mod pg_tools;
mod restore;
mod wipe;

pub use create::create;
pub use restore::{KeyOutcome, Restored, Source, restore};

/// Names inside the archive.
const MANIFEST: &str = "manifest.json";
const DATABASE: &str = "database.pgdump";
const MEDIA: &str = "media";
const KEY: &str = "secrets.key";
