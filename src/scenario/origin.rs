//! Where a scenario's files come from: a folder on disk or the copy embedded in the binary.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Read access to a scenario's files by their name relative to the scenario folder.
pub trait ScenarioFiles {
    fn read(&self, name: &str) -> io::Result<String>;
    /// How diagnostics name the file.
    fn display_name(&self, name: &str) -> String;
}

/// Why a file read as bytes is not text: where its first byte outside UTF-8 is.
#[derive(Debug, thiserror::Error)]
#[error("it is not UTF-8 text: byte {offset} (on line {line}) is not part of a UTF-8 character")]
pub(crate) struct NotUtf8 {
    pub(crate) offset: usize,
    pub(crate) line: usize,
}

pub struct Folder {
    root: PathBuf,
}

impl Folder {
    pub fn new(root: impl Into<PathBuf>) -> Folder {
        Folder { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl ScenarioFiles for Folder {
    fn read(&self, name: &str) -> io::Result<String> {
        read_inside(&self.root, name)
    }

    fn display_name(&self, name: &str) -> String {
        self.root.join(name).display().to_string()
    }
}

/// The largest file dojo reads: a hundred times the largest shipped scene file, and small
/// enough that a wrong path or a hostile link cannot fill memory.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Why a file in a scenario folder was not read, though it may exist. Carried inside the
/// [`io::Error`] a read returns, so a caller can give each its own diagnostic code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// A FIFO, a device, a socket or a folder: reading could block forever or never end.
    #[error("it is not a regular file")]
    NotAFile,
    /// A symbolic link (or a link in a folder on the way) that resolves outside the folder.
    #[error("it leads outside the scenario folder")]
    Outside,
    #[error("it is {0} bytes; dojo reads files of at most {MAX_FILE_BYTES} bytes")]
    TooLarge(u64),
}

impl Refused {
    /// The refusal inside an error from [`ScenarioFiles::read`], if it was one.
    pub fn of(error: &io::Error) -> Option<&Refused> {
        error.get_ref()?.downcast_ref()
    }
}

/// Reads `name` under `root` as text, if it is a regular file of at most [`MAX_FILE_BYTES`]
/// that stays inside `root` once every symbolic link is resolved. A link that stays inside is
/// followed (it can reach nothing the folder does not hold); a link out is refused, whatever
/// it points at, since a scenario may come from anyone.
pub fn read_inside(root: &Path, name: &str) -> io::Result<String> {
    let path = root.join(name);
    if !fs::metadata(&path)?.is_file() {
        return Err(io::Error::other(Refused::NotAFile));
    }
    if !fs::canonicalize(&path)?.starts_with(fs::canonicalize(root)?) {
        return Err(io::Error::other(Refused::Outside));
    }
    read_regular(&path)
}

/// Reads `path` as text if it is a regular file of at most [`MAX_FILE_BYTES`], wherever it is.
pub fn read_regular(path: &Path) -> io::Result<String> {
    String::from_utf8(read_regular_bytes(path)?).map_err(|error| {
        let bytes = error.as_bytes();
        let offset = error.utf8_error().valid_up_to();
        let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
        io::Error::new(io::ErrorKind::InvalidData, NotUtf8 { offset, line })
    })
}

/// The bytes of `path` if it is a regular file of at most [`MAX_FILE_BYTES`].
pub fn read_regular_bytes(path: &Path) -> io::Result<Vec<u8>> {
    // `metadata` follows links and never opens the file, so a FIFO cannot block here.
    let metadata = fs::metadata(path)?;
    if !metadata.is_file() {
        return Err(io::Error::other(Refused::NotAFile));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(io::Error::other(Refused::TooLarge(metadata.len())));
    }
    let file = fs::File::open(path)?;
    // Checked again on what was opened: the file may have been swapped since.
    if !file.metadata()?.is_file() {
        return Err(io::Error::other(Refused::NotAFile));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(io::Error::other(Refused::TooLarge(bytes.len() as u64)));
    }
    Ok(bytes)
}

/// A scenario compiled into the binary by `build.rs`.
pub struct Embedded {
    pub name: &'static str,
    pub files: &'static [(&'static str, &'static str)],
}

mod flagship {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The Pet Clinic scenario, played by a bare `dojo`.
pub const FLAGSHIP: Embedded = Embedded {
    name: "pet-clinic-vsm",
    files: flagship::FILES,
};

impl ScenarioFiles for Embedded {
    fn read(&self, name: &str) -> io::Result<String> {
        self.files
            .iter()
            .find(|(file, _)| *file == name)
            .map(|(_, text)| (*text).to_string())
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "not in the embedded scenario"))
    }

    fn display_name(&self, name: &str) -> String {
        format!("<embedded>/{}/{name}", self.name)
    }
}

/// Whether a file name from a manifest stays inside the scenario folder.
pub(super) fn is_contained(name: &str) -> bool {
    let path = Path::new(name);
    !name.is_empty()
        && !name.contains('\\')
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// A folder as an editor sees it: the unsaved buffers, by name in the folder, stand in for
/// the files on disk, so a load reports what the author is typing.
pub(crate) struct Overlay<'a> {
    pub(crate) folder: &'a Folder,
    pub(crate) unsaved: &'a std::collections::HashMap<String, String>,
}

impl ScenarioFiles for Overlay<'_> {
    fn read(&self, name: &str) -> io::Result<String> {
        match self.unsaved.get(name) {
            Some(text) => Ok(text.clone()),
            None => self.folder.read(name),
        }
    }

    fn display_name(&self, name: &str) -> String {
        self.folder.display_name(name)
    }
}
