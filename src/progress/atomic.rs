//! Crash-safe file writes: a synced temporary file renamed over (or next to) the target.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use super::{FileKind, ProgressError, Result};

/// Replaces `path` with `bytes` so that, whatever happens, `path` holds either its old
/// content or all of the new content.
pub(super) fn write_replacing(kind: FileKind, path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = write_temp(kind, path, bytes)?;
    tmp.persist(path).map_err(|err| ProgressError::Write {
        kind,
        path: path.to_owned(),
        source: err.error,
    })?;
    sync_parent(path);
    Ok(())
}

/// Writes `bytes` to `first`, or to the first of `fallbacks` that does not exist yet,
/// never replacing a file, and returns the path used.
///
/// The existence check and the rename are one atomic step (`persist_noclobber`), so two
/// runs finishing in the same second cannot overwrite each other's file.
pub(super) fn write_new(
    kind: FileKind,
    first: PathBuf,
    mut fallbacks: impl Iterator<Item = PathBuf>,
    bytes: &[u8],
) -> Result<PathBuf> {
    let mut path = first;
    let mut tmp = write_temp(kind, &path, bytes)?;
    loop {
        match tmp.persist_noclobber(&path) {
            Ok(_) => {
                sync_parent(&path);
                return Ok(path);
            }
            Err(err) if err.error.kind() == io::ErrorKind::AlreadyExists => {
                tmp = err.file;
                match fallbacks.next() {
                    Some(next) => path = next,
                    None => {
                        return Err(ProgressError::Write {
                            kind,
                            path,
                            source: io::Error::new(
                                io::ErrorKind::AlreadyExists,
                                "too many results files with this name already exist",
                            ),
                        });
                    }
                }
            }
            Err(err) => {
                return Err(ProgressError::Write {
                    kind,
                    path,
                    source: err.error,
                });
            }
        }
    }
}

/// Creates the target's folder if needed and writes a fully synced temporary file in
/// it. Same folder, so the later rename never crosses file systems and stays atomic.
/// If anything fails, dropping the `NamedTempFile` removes it.
fn write_temp(kind: FileKind, path: &Path, bytes: &[u8]) -> Result<NamedTempFile> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(|source| ProgressError::CreateDir {
        path: dir.to_owned(),
        source,
    })?;
    let write_err = |source| ProgressError::Write {
        kind,
        path: path.to_owned(),
        source,
    };
    // A recognisable hidden name, so a temp file orphaned by a kill -9 (when no
    // destructor runs) is obviously not a real save.
    let mut tmp = tempfile::Builder::new()
        .prefix(".dojo-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(write_err)?;
    tmp.write_all(bytes).map_err(write_err)?;
    // Without this the rename can reach the disk before the data does, and a power
    // cut would leave an empty file under the real name.
    tmp.as_file().sync_all().map_err(write_err)?;
    Ok(tmp)
}

/// Makes the rename itself durable. Best effort: the new content is already complete
/// under the right name, and some file systems refuse to sync a folder, which must not
/// turn a successful save into a reported failure.
fn sync_parent(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty())
        && let Ok(dir) = fs::File::open(dir)
    {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}
