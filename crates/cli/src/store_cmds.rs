//! Subcommands that work on the embedded store (`ingest`, `events`,
//! `relations`, `network`, `search`, `export`, `show`, `rejects`,
//! `reanalyze`).

use clap::Subcommand;

#[derive(Subcommand)]
pub enum StoreCmd {}

pub fn run(cmd: &StoreCmd) -> anyhow::Result<bool> {
    match *cmd {}
}
