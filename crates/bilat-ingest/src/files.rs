//! Which files an input path stands for, their checksums, and loading their bytes.
//!
//! An input is one of:
//! - a single file (`.csv`, `.json`, or a `.zip` release);
//! - a folder: its regular files ending in `.csv`, `.json` or `.zip` (not recursive), by name;
//! - a zip: its members ending in `.csv`/`.json` are the data (the zip itself is the [`InputFile`]).
//!
//! [`fingerprint`] lists exactly the files a read consumes, so a caller can compare checksums with
//! its catalogue and skip a re-import before any parsing.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::{Error, Result};

/// One file consumed by a read, with its checksum.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct InputFile {
    /// Path as given (joined with the folder name for folder inputs).
    pub path: PathBuf,
    /// SHA-256 of the file's bytes, lower-case hex (64 characters).
    pub sha256: String,
    /// Size of the file on disk, bytes (compressed size for a zip).
    pub bytes: u64,
}

/// The files a read of `path` would consume (a zip, the data files of a folder, or the file
/// itself), with their SHA-256 checksums.
pub fn fingerprint(path: &Path) -> Result<Vec<InputFile>> {
    list(path)?
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).map_err(|e| Error::io(&p, e))?;
            Ok(InputFile {
                sha256: sha256_hex(&bytes),
                bytes: bytes.len() as u64,
                path: p,
            })
        })
        .collect()
}

/// Lower-case hex SHA-256 of `bytes`.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest.iter() {
        s.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
        s.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
    }
    s
}

/// The files of an input path, sorted by name for folders.
pub(crate) fn list(path: &Path) -> Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(path).map_err(|e| Error::io(path, e))? {
            let entry = entry.map_err(|e| Error::io(path, e))?;
            let p = entry.path();
            // `metadata` follows symbolic links, so a linked data file counts as a file.
            let is_file = std::fs::metadata(&p)
                .map_err(|e| Error::io(&p, e))?
                .is_file();
            if is_file && has_data_ext(&p) {
                out.push(p);
            }
        }
        out.sort();
        if out.is_empty() {
            return Err(Error::Empty {
                path: path.to_path_buf(),
            });
        }
        Ok(out)
    } else {
        Ok(vec![path.to_path_buf()])
    }
}

fn has_data_ext(p: &Path) -> bool {
    let ext = p
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(ext.as_str(), "csv" | "json" | "zip")
}

/// One data file in memory: a file on disk or a zip member.
pub(crate) struct Loaded {
    /// Path shown in errors: the file, or `archive.zip/member`.
    pub path: PathBuf,
    /// File name without folders (for zip members: the member's base name).
    pub name: String,
    /// The bytes as stored (BOM included), shared with the checksum task.
    pub bytes: Arc<Vec<u8>>,
}

/// Reads every data file of `path` and runs `read` on them (zips expanded into their
/// `.csv`/`.json` members) while the SHA-256 checksums are computed on another thread.
pub(crate) fn load_with<T: Send>(
    path: &Path,
    read: impl FnOnce(Vec<Loaded>) -> Result<T> + Send,
) -> Result<(Vec<InputFile>, T)> {
    let mut raws = Vec::new();
    for p in list(path)? {
        let bytes = std::fs::read(&p).map_err(|e| Error::io(&p, e))?;
        raws.push((p, Arc::new(bytes)));
    }
    let (inputs, out) = rayon::join(
        || {
            raws.iter()
                .map(|(p, b)| InputFile {
                    path: p.clone(),
                    sha256: sha256_hex(b),
                    bytes: b.len() as u64,
                })
                .collect::<Vec<_>>()
        },
        || -> Result<T> {
            let mut loaded = Vec::new();
            for (p, b) in &raws {
                loaded.extend(expand(p.clone(), b.clone())?);
            }
            read(loaded)
        },
    );
    Ok((inputs, out?))
}

/// One file's bytes as data files: itself, or its members if it is a zip.
pub(crate) fn expand(p: PathBuf, bytes: Arc<Vec<u8>>) -> Result<Vec<Loaded>> {
    if is_zip(&p, &bytes) {
        unzip(&p, &bytes)
    } else {
        Ok(vec![Loaded {
            name: base_name(&p),
            path: p,
            bytes,
        }])
    }
}

fn is_zip(p: &Path, bytes: &[u8]) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip")) || bytes.starts_with(b"PK\x03\x04")
}

fn base_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn unzip(p: &Path, bytes: &[u8]) -> Result<Vec<Loaded>> {
    let zip_err = |source| Error::Zip {
        path: p.to_path_buf(),
        source,
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(zip_err)?;
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let mut member = archive.by_index(i).map_err(zip_err)?;
        if member.is_dir() {
            continue;
        }
        let name = member.name().map_err(zip_err)?.to_string();
        let base = name.rsplit('/').next().unwrap_or(&name).to_string();
        if !has_data_ext(Path::new(&base)) {
            continue;
        }
        let mut data = Vec::with_capacity(usize::try_from(member.size()).unwrap_or(0).min(1 << 32));
        member
            .read_to_end(&mut data)
            .map_err(|e| Error::io(p.join(&name), e))?;
        out.push(Loaded {
            path: p.join(&name),
            name: base,
            bytes: Arc::new(data),
        });
    }
    if out.is_empty() {
        return Err(Error::Empty {
            path: p.to_path_buf(),
        });
    }
    Ok(out)
}

/// Strips a UTF-8 byte-order mark.
pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// 1-based line of byte offset `at` in `bytes`.
pub(crate) fn line_of(bytes: &[u8], at: usize) -> u64 {
    memchr::memchr_iter(b'\n', &bytes[..at.min(bytes.len())]).count() as u64 + 1
}

/// Checks a whole buffer is UTF-8; the error names the line of the first bad byte.
pub(crate) fn check_utf8(path: &Path, bytes: &[u8]) -> Result<()> {
    match std::str::from_utf8(bytes) {
        Ok(_) => Ok(()),
        Err(e) => Err(Error::Encoding {
            path: path.to_path_buf(),
            line: line_of(bytes, e.valid_up_to()),
        }),
    }
}
