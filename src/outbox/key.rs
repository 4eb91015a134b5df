//! The outbox directory (mode 0700) and the terminal key file in it: 32 random
//! bytes, mode 0600, made once at first start and never logged or printed.

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::Path;

use zeroize::Zeroizing;

use super::OutboxError;

/// The key file's name in the outbox directory.
pub const KEY_FILE: &str = "outbox.key";
/// XChaCha20-Poly1305 keys are 32 bytes.
pub const KEY_LEN: usize = 32;
/// Files being made into the key are named so; a crash may leave one behind.
const KEY_TEMP_PREFIX: &str = ".outbox.key.";
/// Permission bits for group and others: none may be set.
const OTHERS: u32 = 0o077;

/// Creates `dir` (mode 0700) when missing; refuses one that others can enter.
pub fn prepare_dir(dir: &Path) -> Result<(), OutboxError> {
    match fs::metadata(dir) {
        Err(e) if e.kind() == ErrorKind::NotFound => DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| OutboxError::io("create the directory", dir, e))?,
        Err(e) => return Err(OutboxError::io("read the directory", dir, e)),
        Ok(_) => {}
    }
    let meta = fs::metadata(dir).map_err(|e| OutboxError::io("read the directory", dir, e))?;
    if !meta.is_dir() {
        return Err(OutboxError::io(
            "use as a directory",
            dir,
            std::io::Error::from(ErrorKind::NotADirectory),
        ));
    }
    let mode = meta.mode() & 0o777;
    if mode & OTHERS != 0 {
        return Err(OutboxError::DirectoryPermissions { path: dir.to_owned(), mode });
    }
    Ok(())
}

/// The terminal key: read from `dir/outbox.key`, or made there when missing.
pub fn load_or_create(dir: &Path) -> Result<Zeroizing<[u8; KEY_LEN]>, OutboxError> {
    remove_stale_temps(dir);
    if let Some(key) = read(dir)? {
        return Ok(key);
    }
    create(dir)?;
    read(dir)?
        .ok_or_else(|| OutboxError::io("read", dir.join(KEY_FILE), std::io::Error::from(ErrorKind::NotFound)))
}

/// `None` when there is no key file yet.
fn read(dir: &Path) -> Result<Option<Zeroizing<[u8; KEY_LEN]>>, OutboxError> {
    let path = dir.join(KEY_FILE);
    match fs::symlink_metadata(&path) {
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(OutboxError::io("read", &path, e)),
        Ok(m) if !m.file_type().is_file() => return Err(OutboxError::KeyNotAFile { path }),
        Ok(_) => {}
    }
    let mut file = File::open(&path).map_err(|e| OutboxError::io("open", &path, e))?;
    // Checked on the opened file, so what is checked is what is read.
    let meta = file.metadata().map_err(|e| OutboxError::io("read", &path, e))?;
    let mode = meta.mode() & 0o777;
    if mode & OTHERS != 0 {
        return Err(OutboxError::KeyPermissions { path, mode });
    }
    if meta.len() != KEY_LEN as u64 {
        return Err(OutboxError::KeyLength { path, len: meta.len() });
    }
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    file.read_exact(key.as_mut()).map_err(|e| OutboxError::io("read", &path, e))?;
    Ok(Some(key))
}

/// Writes a fresh key to a temporary file (0600, fsynced), then links it into
/// place: the key file appears whole or not at all, and a key another process
/// made first is kept.
fn create(dir: &Path) -> Result<(), OutboxError> {
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    getrandom::fill(key.as_mut()).map_err(|e| OutboxError::Random(e.to_string()))?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    let temp = dir.join(format!("{KEY_TEMP_PREFIX}{}.{nanos}", std::process::id()));
    let written = write_new(&temp, key.as_ref());
    let linked = written.and_then(|()| match fs::hard_link(&temp, dir.join(KEY_FILE)) {
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(()),
        other => other.map_err(|e| OutboxError::io("create", dir.join(KEY_FILE), e)),
    });
    let _ = fs::remove_file(&temp);
    linked?;
    sync_dir(dir)
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<(), OutboxError> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| OutboxError::io("create", path, e))?;
    file.write_all(bytes).map_err(|e| OutboxError::io("write", path, e))?;
    file.sync_all().map_err(|e| OutboxError::io("sync", path, e))
}

/// Makes the directory's entries (a new key file, a new database) durable.
pub fn sync_dir(dir: &Path) -> Result<(), OutboxError> {
    File::open(dir).and_then(|d| d.sync_all()).map_err(|e| OutboxError::io("sync the directory", dir, e))
}

/// Removes temporary key files a crash left behind (best effort: they hold an unused key).
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(KEY_TEMP_PREFIX) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Creates `path` empty with mode 0600 unless it exists, so SQLite's database
/// (and the `-wal`/`-shm` files it makes with the same mode) are private.
pub fn touch_private(path: &Path) -> Result<(), OutboxError> {
    match OpenOptions::new().write(true).create_new(true).mode(0o600).open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            let meta = fs::metadata(path).map_err(|e| OutboxError::io("read", path, e))?;
            let mode = meta.mode() & 0o777;
            if mode & OTHERS != 0 {
                // The database holds only sealed payloads, but its metadata is nobody else's business.
                let perms = std::os::unix::fs::PermissionsExt::from_mode(mode & !OTHERS);
                fs::set_permissions(path, perms).map_err(|e| OutboxError::io("restrict", path, e))?;
            }
            Ok(())
        }
        Err(e) => Err(OutboxError::io("create", path, e)),
    }
}
