//! shiju-eval: the scorer of `shared/eval/GUIDELINES.md`.
