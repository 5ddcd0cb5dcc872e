//! What the integration tests share: the one [`sandbox::Sandbox`] that runs `onsite`, the one
//! terminal driver ([`terminal::Tui`]), the team of laptops that sync, the `Sim` that plays
//! the TUI without a terminal, and small helpers for folders and the store's lock.

pub mod files;
pub mod sandbox;
pub mod sim;
pub mod store_lock;
pub mod team;
pub mod terminal;
