//! Logging set-up. Logs carry event ids and codes, never personal values.

/// Logs to stderr, filtered by `RUST_LOG` (default: info for yiban, warn otherwise).
pub fn init() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,yiban=info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}
