//! shiju-ingest: raw bytes to clean articles.
