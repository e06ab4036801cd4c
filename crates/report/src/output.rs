//! Writing output files safely.
//!
//! A file is written to a temporary file in the same directory and then renamed over the
//! target, so a reader never sees half a file and an interrupted run leaves the old file whole.
//! A run refuses to write over any of its own input files, and refuses to write into a
//! directory that already holds its outputs unless the user asked to replace them
//! ([`ensure_no_outputs`]).

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::Error;

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The path with symbolic links and `..` resolved, when it exists.
fn resolved(path: &Path) -> Option<PathBuf> {
    fs::canonicalize(path).ok()
}

/// Fails when `target` names the same file as any of `inputs`.
///
/// ```
/// use std::path::Path;
/// use redeploy_report::output::ensure_not_input;
///
/// let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
/// assert!(ensure_not_input(&manifest, &[manifest.clone()]).is_err());
/// assert!(ensure_not_input(&manifest.with_file_name("out.json"), &[manifest]).is_ok());
/// ```
///
/// # Errors
/// [`Error::WouldOverwriteInput`] when it does.
pub fn ensure_not_input(target: &Path, inputs: &[PathBuf]) -> Result<(), Error> {
    let Some(target_resolved) = resolved(target) else {
        return Ok(()); // a file that does not exist yet is not an input
    };
    if inputs
        .iter()
        .filter_map(|input| resolved(input))
        .any(|input| input == target_resolved)
    {
        return Err(Error::WouldOverwriteInput {
            path: target.to_path_buf(),
        });
    }
    Ok(())
}

/// Fails when `dir` already holds any of the files `names`, naming those it holds.
///
/// ```
/// use std::path::Path;
/// use redeploy_report::output::ensure_no_outputs;
///
/// let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
/// assert!(ensure_no_outputs(dir, &["Cargo.toml", "round.json"]).is_err());
/// assert!(ensure_no_outputs(dir, &["round.json"]).is_ok());
/// ```
///
/// # Errors
/// [`Error::OutputsExist`] when it does.
pub fn ensure_no_outputs(dir: &Path, names: &[&str]) -> Result<(), Error> {
    let existing: Vec<String> = names
        .iter()
        .filter(|name| dir.join(name).symlink_metadata().is_ok())
        .map(|name| format!("`{name}`"))
        .collect();
    if existing.is_empty() {
        return Ok(());
    }
    Err(Error::OutputsExist {
        dir: dir.to_path_buf(),
        names: existing,
    })
}

/// Writes `contents` to `target` atomically: a temporary file in the same directory, flushed to
/// disk, then renamed over the target.
///
/// # Errors
/// [`Error::Io`] when the directory cannot be written.
pub fn write_atomic(target: &Path, contents: &[u8]) -> Result<(), Error> {
    write_atomic_with(target, |out| {
        out.write_all(contents).map_err(io_error(target))
    })
}

/// The buffer between a writer of output and its staging file.
const STAGING_BUFFER: usize = 256 * 1024;

/// Writes to `target` atomically what `write` writes into the buffered staging file, as it is
/// written (nothing is held in memory): a temporary file in the same directory, flushed to
/// disk, then renamed over the target. When `write` fails the temporary file is removed and
/// the target left as it was.
///
/// ```
/// use std::io::{BufWriter, Write};
/// use redeploy_report::output::write_atomic_with;
///
/// let dir = std::env::temp_dir().join(format!("redeploy-doc-with-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let target = dir.join("rows.csv");
/// write_atomic_with(&target, |out| {
///     for row in 1..=3 {
///         writeln!(out, "{row}").map_err(|source| redeploy_report::Error::Io {
///             path: target.clone(),
///             source,
///         })?;
///     }
///     Ok(())
/// })?;
/// assert_eq!(std::fs::read_to_string(&target).unwrap(), "1\n2\n3\n");
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), redeploy_report::Error>(())
/// ```
///
/// # Errors
/// [`Error::Io`] when the directory or the file cannot be written; the error of `write`
/// otherwise.
pub fn write_atomic_with(
    target: &Path,
    write: impl FnOnce(&mut BufWriter<Tracked>) -> Result<(), Error>,
) -> Result<(), Error> {
    let directory = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string());
    // A temporary name nobody holds: created only if it does not exist, so no file of the
    // user's is ever truncated on the way.
    let mut attempt = 0u32;
    let (temporary, file) = loop {
        let temporary = directory.join(format!(".{name}.{}.{attempt}.tmp", std::process::id()));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)
        {
            Ok(file) => break (temporary, file),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(err) => return Err(io_error(&temporary)(err)),
        }
    };
    let result = (|| {
        let mut out = BufWriter::with_capacity(
            STAGING_BUFFER,
            Tracked {
                file,
                failure: None,
            },
        );
        let written = write(&mut out).and_then(|()| out.flush().map_err(io_error(&temporary)));
        let tracked = out.into_parts().0;
        // A failure of the file itself is reported as such, whoever met it.
        if let Some(failure) = tracked.failure {
            return Err(io_error(&temporary)(failure));
        }
        written?;
        tracked.file.sync_all().map_err(io_error(&temporary))?;
        drop(tracked);
        fs::rename(&temporary, target).map_err(io_error(target))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// A staging file that remembers the first error writing to it met, so that it is reported
/// as a failure to write the file even when it reaches the caller wrapped in another error.
#[derive(Debug)]
pub struct Tracked {
    file: fs::File,
    failure: Option<std::io::Error>,
}

impl Write for Tracked {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.write(buf).inspect_err(|err| self.remember(err))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush().inspect_err(|err| self.remember(err))
    }
}

impl Tracked {
    fn remember(&mut self, err: &std::io::Error) {
        if self.failure.is_none() && err.kind() != std::io::ErrorKind::Interrupted {
            self.failure = Some(std::io::Error::new(err.kind(), err.to_string()));
        }
    }
}

/// Writes `contents` to `target` atomically after checking it is not one of `inputs`.
///
/// # Errors
/// [`Error::WouldOverwriteInput`] or [`Error::Io`].
pub fn write_output(target: &Path, contents: &[u8], inputs: &[PathBuf]) -> Result<(), Error> {
    ensure_not_input(target, inputs)?;
    write_atomic(target, contents)
}

/// [`write_atomic_with`] after checking `target` is not one of `inputs`.
///
/// # Errors
/// [`Error::WouldOverwriteInput`], [`Error::Io`] or the error of `write`.
pub fn write_output_with(
    target: &Path,
    inputs: &[PathBuf],
    write: impl FnOnce(&mut BufWriter<Tracked>) -> Result<(), Error>,
) -> Result<(), Error> {
    ensure_not_input(target, inputs)?;
    write_atomic_with(target, write)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("redeploy-report-{name}-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn atomic_write_replaces_whole_file_and_leaves_no_temporary() {
        let dir = scratch("atomic");
        let target = dir.join("round.json");
        write_atomic(&target, b"first").unwrap();
        write_atomic(&target, b"second").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "second");
        let leftovers: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(
            leftovers.is_empty(),
            "temporary files left behind: {leftovers:?}"
        );
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_file_with_the_temporary_name_is_left_alone() {
        let dir = scratch("temporary");
        let held = dir.join(format!(".round.json.{}.0.tmp", std::process::id()));
        fs::write(&held, "the user's").unwrap();
        write_atomic(&dir.join("round.json"), b"{}").unwrap();
        assert_eq!(fs::read_to_string(&held).unwrap(), "the user's");
        assert_eq!(fs::read_to_string(dir.join("round.json")).unwrap(), "{}");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn refuses_to_overwrite_an_input() {
        let dir = scratch("input");
        let input = dir.join("scenario.toml");
        fs::write(&input, "name = 'x'").unwrap();
        let err = write_output(&input, b"{}", std::slice::from_ref(&input)).unwrap_err();
        assert!(matches!(err, Error::WouldOverwriteInput { .. }), "{err}");
        assert_eq!(fs::read_to_string(&input).unwrap(), "name = 'x'");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn outputs_already_there_are_named() {
        let dir = scratch("outputs");
        assert!(ensure_no_outputs(&dir, &["round.json", "summary.txt"]).is_ok());
        fs::write(dir.join("summary.txt"), "old").unwrap();
        let err = ensure_no_outputs(&dir, &["round.json", "summary.txt"]).unwrap_err();
        assert!(
            matches!(&err, Error::OutputsExist { names, .. } if names == &["`summary.txt`"]),
            "{err}"
        );
        assert!(err.to_string().contains("--force"), "{err}");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn missing_directory_is_an_io_error_not_a_panic() {
        let target = Path::new("/nonexistent-redeploy-dir/round.json");
        assert!(matches!(write_atomic(target, b"x"), Err(Error::Io { .. })));
    }
}
