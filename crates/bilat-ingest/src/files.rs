//! Which files an input path stands for, their checksums, and loading their bytes.
//!
//! An input is one of:
//! - a single file (`.csv`, `.json`, or a `.zip` release);
//! - a folder: its regular files ending in `.csv`, `.json` or `.zip` (not recursive), by name;
//! - a zip: its members ending in `.csv`/`.json` are the data (the zip itself is the [`InputFile`]).
//!   Refused: members with unsafe names (absolute or `..`), nested zips, and members whose
//!   inflated size is over `MAX_MEMBER_BYTES` (or all together over `MAX_ARCHIVE_BYTES`) or
//!   past what their header declares — a zip bomb cannot make a read allocate more than that.
//!
//! Every data file (a zip's members included) must be text: UTF-16, gzip and binary bytes, and
//! CSV lines ending in CR only, are refused by `check_text` with what to do.
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
            return Err(Error::NoDataFiles {
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
    let loaded = if is_zip(&p, &bytes) {
        unzip(&p, &bytes)?
    } else {
        vec![Loaded {
            name: base_name(&p),
            path: p,
            bytes,
        }]
    };
    for f in &loaded {
        check_text(f)?;
    }
    Ok(loaded)
}

fn is_zip(p: &Path, bytes: &[u8]) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip")) || bytes.starts_with(b"PK\x03\x04")
}

fn base_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Largest inflated size of one zip member, bytes (2 GiB): several times a BACI year file (about
/// 11M rows of ~30 bytes, a few hundred MB). A member declaring more is refused before inflating.
pub(crate) const MAX_MEMBER_BYTES: u64 = 2 << 30;

/// Largest inflated size of all members of one zip together, bytes (16 GiB): a whole BACI
/// release (about 30 year files) fits; the readers hold the inflated data in memory.
pub(crate) const MAX_ARCHIVE_BYTES: u64 = 16 << 30;

fn unzip(p: &Path, bytes: &[u8]) -> Result<Vec<Loaded>> {
    let zip_err = |source| Error::Zip {
        path: p.to_path_buf(),
        source,
    };
    let refuse = |member: &str, reason: String| Error::ZipMember {
        path: p.to_path_buf(),
        member: member.chars().take(200).collect(),
        reason,
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(zip_err)?;
    let mut out = Vec::new();
    let mut inflated = 0u64;
    for i in 0..archive.len() {
        let member = archive.by_index(i).map_err(zip_err)?;
        let name = member.name().map_err(zip_err)?.to_string();
        if unsafe_name(&name) || member.enclosed_name().is_none() {
            return Err(refuse(
                &name,
                "unsafe name (absolute, or leaving the archive's folder with '..'); \
                 a data release never has one: check where the archive came from"
                    .into(),
            ));
        }
        if member.is_dir() {
            continue;
        }
        let base = name.rsplit('/').next().unwrap_or(&name).to_string();
        if Path::new(&base)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
        {
            return Err(refuse(
                &name,
                "a zip inside the zip: nested archives are not read; unzip the outer one and import the inner zip".into(),
            ));
        }
        if !has_data_ext(Path::new(&base)) {
            continue;
        }
        let declared = member.size();
        inflated = inflated.saturating_add(declared);
        if declared > MAX_MEMBER_BYTES || inflated > MAX_ARCHIVE_BYTES {
            return Err(refuse(
                &name,
                format!(
                    "would inflate to {declared} bytes (as its header says), over the limit of \
                     {MAX_MEMBER_BYTES} bytes per member and {MAX_ARCHIVE_BYTES} per archive \
                     (a zip bomb?); unzip it and import the files"
                ),
            ));
        }
        let data = inflate(member, declared).map_err(|e| {
            let past = format!(
                "inflates past its declared size of {declared} bytes (damaged, or a zip bomb)"
            );
            refuse(
                &name,
                match e {
                    Inflate::PastDeclared => past,
                    // The zip library enforces the declared size too, in its own words.
                    Inflate::Io(e) if e.to_string().contains("declared") => past,
                    Inflate::Io(e) => {
                        format!("cannot be inflated: {e} (damaged or truncated archive?)")
                    }
                },
            )
        })?;
        out.push(Loaded {
            path: p.join(&name),
            name: base,
            bytes: Arc::new(data),
        });
    }
    if out.is_empty() {
        return Err(Error::NoDataFiles {
            path: p.to_path_buf(),
        });
    }
    Ok(out)
}

/// Whether a member name would leave the folder it is unzipped into: absolute (`/x`, `\\x`,
/// `C:x`) or with a `..` component. Checked by hand as well as by the zip library, whose
/// `enclosed_name` accepts a leading `/`.
fn unsafe_name(name: &str) -> bool {
    name.starts_with(['/', '\\'])
        || name.as_bytes().get(1) == Some(&b':')
        || name.split(['/', '\\']).any(|c| c == "..")
}

/// Why a member could not be inflated.
enum Inflate {
    Io(std::io::Error),
    PastDeclared,
}

/// The most an inflation reserves before it has read anything; beyond it the buffer grows with
/// the bytes actually inflated.
const MAX_UPFRONT_BYTES: u64 = 64 << 20;

/// Inflates a member, reading at most one byte more than it declares: a member whose header
/// lies about its size cannot make us allocate more than it claims. Nor can a small archive
/// whose header claims a large size make us reserve it: the buffer starts at no more than
/// [`MAX_UPFRONT_BYTES`] and grows only as real bytes arrive.
fn inflate(member: impl Read, declared: u64) -> std::result::Result<Vec<u8>, Inflate> {
    let upfront = declared.min(MAX_UPFRONT_BYTES);
    let mut data = Vec::with_capacity(usize::try_from(upfront).unwrap_or(0));
    member
        .take(declared.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(Inflate::Io)?;
    if data.len() as u64 > declared {
        return Err(Inflate::PastDeclared);
    }
    Ok(data)
}

/// Refuses bytes that are not UTF-8 text before any reader parses them: UTF-16 (by its
/// byte-order mark), gzip, other binary data (NUL bytes in the first 4 KiB), and — for CSV —
/// lines ending in CR only.
pub(crate) fn check_text(f: &Loaded) -> Result<()> {
    let b = &f.bytes[..];
    let not_text = |reason: &str| {
        Err(Error::NotText {
            path: f.path.clone(),
            reason: reason.to_string(),
        })
    };
    if b.starts_with(b"\xFF\xFE") || b.starts_with(b"\xFE\xFF") {
        return not_text(
            "it is UTF-16 (it starts with a UTF-16 byte-order mark); re-save it as UTF-8",
        );
    }
    if b.starts_with(b"\x1F\x8B") {
        return not_text("it is gzip-compressed; decompress it first (gunzip)");
    }
    if memchr::memchr(0, &b[..b.len().min(4096)]).is_some() {
        return not_text(
            "it holds NUL bytes (binary data, or UTF-16 without a byte-order mark); \
             give a CSV or JSON file saved as UTF-8",
        );
    }
    let json = strip_bom(b)
        .iter()
        .find(|c| !c.is_ascii_whitespace())
        .is_some_and(|c| *c == b'{' || *c == b'[');
    if !json && memchr::memchr(b'\n', b).is_none() && memchr::memchr(b'\r', b).is_some() {
        return Err(Error::LineEndings {
            path: f.path.clone(),
        });
    }
    Ok(())
}

/// Which reader's layout the start of a file has, judged from its column names (a CSV header or
/// JSON keys in the first 64 KiB): for a header error that can say "this looks like …".
pub(crate) fn looks_like(bytes: &[u8]) -> Option<crate::SourceKind> {
    use crate::SourceKind;
    let b = strip_bom(bytes);
    let first = &b[..memchr::memchr(b'\n', b).unwrap_or(b.len()).min(4096)];
    let fields: Vec<String> = String::from_utf8_lossy(first)
        .split(',')
        .map(crate::table::norm)
        .collect();
    if fields
        .iter()
        .map(String::as_str)
        .eq(["t", "i", "j", "k", "v", "q"])
    {
        return Some(SourceKind::Baci);
    }
    let text: String = String::from_utf8_lossy(&b[..b.len().min(65536)])
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let has = |k: &str| text.contains(k);
    if has("cmdcode") && (has("primaryvalue") || has("tradevalueus")) {
        Some(SourceKind::Comtrade)
    } else if has("tradevalueusdexp") || has("tradevalueusdimp") {
        Some(SourceKind::Ots)
    } else if crate::series::SERIES_COLUMNS
        .iter()
        .all(|k| fields.iter().any(|f| f == k))
    {
        Some(SourceKind::Series)
    } else {
        None
    }
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

#[cfg(test)]
mod inflate_tests {
    use super::*;

    /// A header that claims 2 GB for a few bytes: the bytes are read, the claim is not reserved.
    #[test]
    fn a_large_declared_size_is_not_reserved_up_front() {
        let data = match inflate(&b"year,value\n"[..], 2 << 30) {
            Ok(d) => d,
            Err(_) => panic!("a short member inflates"),
        };
        assert_eq!(data, b"year,value\n");
        assert!(data.capacity() as u64 <= MAX_UPFRONT_BYTES);
    }

    #[test]
    fn a_member_past_its_declared_size_is_refused() {
        assert!(matches!(
            inflate(&b"0123456789"[..], 4),
            Err(Inflate::PastDeclared)
        ));
    }
}
