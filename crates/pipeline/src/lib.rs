//! shiju-pipeline.
