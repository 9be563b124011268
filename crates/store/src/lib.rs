//! shiju-store: the embedded event database (see ARCHITECTURE.md).
