//! Where a terminal keeps its data: the outbox, cached reference data and the
//! embedded portal's database. One directory, private to the kiosk's user.

use std::path::{Path, PathBuf};

/// The directory for `configured` ("" = the XDG data directory of the user:
/// `$XDG_DATA_HOME/yiban`, else `~/.local/share/yiban`, else a private folder
/// under the system's temporary directory).
pub fn resolve(configured: &str) -> PathBuf {
    let configured = configured.trim();
    if !configured.is_empty() {
        return PathBuf::from(configured);
    }
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(xdg) = var("XDG_DATA_HOME") {
        return xdg.join("yiban");
    }
    if let Some(home) = var("HOME") {
        return home.join(".local/share/yiban");
    }
    std::env::temp_dir().join("yiban-data")
}

/// Creates `dir` (and its parents) readable by the kiosk's user only.
pub fn create_private(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_configured_directory_wins() {
        assert_eq!(resolve(" /srv/yiban "), PathBuf::from("/srv/yiban"));
        assert!(resolve("").ends_with("yiban") || resolve("").ends_with("yiban-data"));
    }

    #[cfg(unix)]
    #[test]
    fn the_directory_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let scratch = std::env::temp_dir().join(format!("yiban-data-dir-test-{}", std::process::id()));
        let dir = scratch.join("a/b");
        create_private(&dir).unwrap_or_else(|e| panic!("{e}"));
        let mode = std::fs::metadata(&dir).map(|m| m.permissions().mode() & 0o777).unwrap_or(0);
        let _ = std::fs::remove_dir_all(&scratch);
        assert_eq!(mode, 0o700);
    }
}
