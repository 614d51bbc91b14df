//! Reading a course's files: only regular files of bounded size, only inside the course folder.

use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// A course file larger than this is not a page or a dialogue someone wrote by hand.
pub(crate) const MAX_FILE_BYTES: u64 = 1 << 20;

#[derive(Debug, thiserror::Error)]
pub(crate) enum ReadError {
    #[error("{}", io_reason(.0))]
    Io(#[from] std::io::Error),
    #[error("is not a regular file")]
    NotAFile,
    #[error("is larger than {} bytes", MAX_FILE_BYTES)]
    TooLarge,
    #[error("is not UTF-8 text")]
    NotText,
}

/// An I/O error in words, without the operating system's error number.
fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "does not exist".to_string(),
        std::io::ErrorKind::PermissionDenied => "cannot be read: permission denied".to_string(),
        _ => format!(
            "cannot be read: {}",
            error
                .to_string()
                .split(" (os error")
                .next()
                .unwrap_or_default()
        ),
    }
}

/// The text of a regular file, read no further than [`MAX_FILE_BYTES`].
pub(crate) fn read_text(path: &Path) -> Result<String, ReadError> {
    if !fs::metadata(path)?.is_file() {
        return Err(ReadError::NotAFile);
    }
    let mut bytes = Vec::new();
    fs::File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge);
    }
    String::from_utf8(bytes).map_err(|_| ReadError::NotText)
}

/// `name` inside `root`, or `None` when it is absolute or climbs out with `..`.
pub(crate) fn inside(root: &Path, name: &str) -> Option<PathBuf> {
    let relative = Path::new(name);
    let plain = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    (plain && !name.is_empty()).then(|| root.join(relative))
}

/// Whether `path`, with every link followed, is still inside `root`.
pub(crate) fn stays_inside(root: &Path, path: &Path) -> bool {
    match (root.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(path)) => path.starts_with(root),
        // A path that cannot be resolved does not exist: reading it reports that.
        _ => true,
    }
}

/// The first of `names` that is a regular file in `root` or its `assets` folder, where
/// Katacoda courses keep the files they copy to the lab machine.
pub(crate) fn find_asset(root: &Path, name: &str) -> Option<PathBuf> {
    let name = name.trim_start_matches("./");
    [root.to_path_buf(), root.join("assets")]
        .into_iter()
        .filter_map(|dir| inside(&dir, name))
        .find(|path| path.is_file() && stays_inside(root, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_inside() {
        let root = Path::new("/course");
        assert_eq!(inside(root, "step1.md"), Some(root.join("step1.md")));
        assert_eq!(
            inside(root, "step1/text.md"),
            Some(root.join("step1/text.md"))
        );
        assert_eq!(inside(root, "../secret"), None);
        assert_eq!(inside(root, "/etc/passwd"), None);
        assert_eq!(inside(root, ""), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_folder_is_outside() {
        let temp = tempfile::tempdir().unwrap();
        let module = temp.path().join("module");
        fs::create_dir(&module).unwrap();
        fs::write(temp.path().join("secret.txt"), "x").unwrap();
        fs::write(module.join("step1.md"), "x").unwrap();
        std::os::unix::fs::symlink(temp.path().join("secret.txt"), module.join("link.md")).unwrap();
        assert!(stays_inside(&module, &module.join("step1.md")));
        assert!(!stays_inside(&module, &module.join("link.md")));
        assert_eq!(find_asset(&module, "link.md"), None);
    }
}
