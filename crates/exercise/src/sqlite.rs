//! The SQLite ledger: one file holds the scenario, the events and the cached state.
//!
//! Layout (schema version [`SCHEMA_VERSION`], also in `PRAGMA user_version`):
//!
//! - `exercise(key, value)`: `format` = `redeploy-exercise`, `schema_version`, `meta` (JSON);
//! - `files(path, sha256, bytes)`: the scenario's input files;
//! - `events(seq, effective, kind, person, vacancy, record)`: append-only (triggers refuse
//!   updates and deletes); `record` is the whole [`EventRecord`] as JSON;
//! - `state(id = 1, seq, json)`: the state after the last event, a cache `verify` checks
//!   against the replay.
//!
//! Every command is one `BEGIN IMMEDIATE … COMMIT` transaction, with the rollback journal and
//! `synchronous = FULL`, so a process killed at any point leaves the file as it was before or
//! after the command. A second writer waits up to the busy timeout, then gets [`Error::Busy`].

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, params};

use crate::Error;
use crate::event::{EventRecord, sha256_hex};
use crate::store::{FORMAT, FileRow, Ledger, Meta, SCHEMA_VERSION};

const SCHEMA: &str = "
CREATE TABLE exercise (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, bytes BLOB NOT NULL);
CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    effective TEXT NOT NULL,
    kind TEXT NOT NULL,
    person TEXT,
    vacancy TEXT,
    record TEXT NOT NULL
);
CREATE TABLE state (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, json TEXT NOT NULL);
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'the events of an exercise are never changed'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'the events of an exercise are never deleted'); END;
CREATE TRIGGER files_fixed_update BEFORE UPDATE ON files
    BEGIN SELECT RAISE(ABORT, 'the stored scenario is never changed'); END;
CREATE TRIGGER files_fixed_delete BEFORE DELETE ON files
    BEGIN SELECT RAISE(ABORT, 'the stored scenario is never changed'); END;
";

/// An exercise in one SQLite file.
pub struct SqliteLedger {
    path: PathBuf,
    connection: Connection,
    wait: Duration,
}

impl std::fmt::Debug for SqliteLedger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteLedger")
            .field("path", &self.path)
            .finish()
    }
}

impl SqliteLedger {
    /// Creates a new exercise file at `path` holding `meta` and `files`, never over an
    /// existing file: the file is written under a temporary name and linked into place only
    /// when complete.
    ///
    /// # Errors
    /// [`Error::Exists`] when `path` exists; storage errors otherwise.
    pub fn create(
        path: &Path,
        meta: &Meta,
        files: &[FileRow],
        wait: Duration,
    ) -> Result<SqliteLedger, Error> {
        if path.exists() {
            return Err(Error::Exists(path.to_path_buf()));
        }
        let name = path
            .file_name()
            .map_or_else(|| "exercise".into(), |n| n.to_string_lossy());
        let temp = path.with_file_name(format!(".{name}.{}.partial", std::process::id()));
        let _ = std::fs::remove_file(&temp);
        let result = Self::write_new(&temp, meta, files);
        if let Err(err) = result {
            let _ = std::fs::remove_file(&temp);
            return Err(err);
        }
        let linked = std::fs::hard_link(&temp, path);
        let _ = std::fs::remove_file(&temp);
        match linked {
            Ok(()) => Self::open(path, wait),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
                Err(Error::Exists(path.to_path_buf()))
            }
            Err(source) => Err(Error::Io {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    fn write_new(temp: &Path, meta: &Meta, files: &[FileRow]) -> Result<(), Error> {
        let storage = |source| Error::Storage {
            path: temp.to_path_buf(),
            source,
        };
        let mut connection = Connection::open(temp).map_err(storage)?;
        connection
            .execute_batch("PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;")
            .map_err(storage)?;
        let tx = connection.transaction().map_err(storage)?;
        tx.execute_batch(SCHEMA).map_err(storage)?;
        tx.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION};"))
            .map_err(storage)?;
        let meta_json = serde_json::to_string(meta).unwrap_or_default();
        for (key, value) in [
            ("format", FORMAT.to_string()),
            ("schema_version", SCHEMA_VERSION.to_string()),
            ("meta", meta_json),
        ] {
            tx.execute(
                "INSERT INTO exercise (key, value) VALUES (?1, ?2)",
                params![key, value],
            )
            .map_err(storage)?;
        }
        for file in files {
            tx.execute(
                "INSERT INTO files (path, sha256, bytes) VALUES (?1, ?2, ?3)",
                params![file.path, file.sha256, file.bytes],
            )
            .map_err(storage)?;
        }
        tx.commit().map_err(storage)?;
        Ok(())
    }

    /// Opens the exercise at `path`, checking that it is one and that this build reads its
    /// schema version. Another command's write is waited for up to `wait`.
    ///
    /// # Errors
    /// [`Error::Missing`], [`Error::NotExercise`], [`Error::NewerSchema`] or
    /// [`Error::Corrupt`], each with what was found.
    pub fn open(path: &Path, wait: Duration) -> Result<SqliteLedger, Error> {
        check_header(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection = Connection::open_with_flags(path, flags)
            .map_err(|source| classify(path, source, wait))?;
        connection
            .busy_timeout(wait)
            .map_err(|source| classify(path, source, wait))?;
        connection
            .execute_batch("PRAGMA synchronous = FULL;")
            .map_err(|source| classify(path, source, wait))?;
        let ledger = SqliteLedger {
            path: path.to_path_buf(),
            connection,
            wait,
        };
        ledger.check_schema()?;
        Ok(ledger)
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn error(&self, source: rusqlite::Error) -> Error {
        classify(&self.path, source, self.wait)
    }

    fn corrupt(&self, why: impl Into<String>) -> Error {
        Error::Corrupt {
            path: self.path.clone(),
            why: why.into(),
        }
    }

    fn check_schema(&self) -> Result<(), Error> {
        let version: i64 = self
            .connection
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(|e| self.error(e))?;
        let has_table: bool = self
            .connection
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'exercise'",
                [],
                |row| row.get::<_, i64>(0),
            )
            .map_err(|e| self.error(e))?
            > 0;
        if !has_table {
            return Err(Error::NotExercise {
                path: self.path.clone(),
                why: "an SQLite database without an `exercise` table".into(),
            });
        }
        let format: Option<String> = self
            .connection
            .query_row(
                "SELECT value FROM exercise WHERE key = 'format'",
                [],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| self.error(e))?;
        if format.as_deref() != Some(FORMAT) {
            return Err(Error::NotExercise {
                path: self.path.clone(),
                why: format!("its `exercise` table says format {format:?}"),
            });
        }
        if version > SCHEMA_VERSION {
            return Err(Error::NewerSchema {
                path: self.path.clone(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if version < 1 {
            return Err(self.corrupt(format!("schema version {version}")));
        }
        Ok(())
    }

    /// SQLite's own check of the file's structure (`PRAGMA quick_check`); empty when sound.
    ///
    /// # Errors
    /// When the check cannot run.
    pub fn integrity_problems(&self) -> Result<Vec<String>, Error> {
        let mut statement = self
            .connection
            .prepare("PRAGMA quick_check")
            .map_err(|e| self.error(e))?;
        let rows = statement
            .query_map([], |row| row.get::<_, String>(0))
            .map_err(|e| self.error(e))?;
        let mut problems = Vec::new();
        for row in rows {
            let row = row.map_err(|e| self.error(e))?;
            if row != "ok" {
                problems.push(row);
            }
        }
        Ok(problems)
    }

    /// The file's size in bytes.
    pub fn size(&self) -> u64 {
        std::fs::metadata(&self.path).map_or(0, |m| m.len())
    }
}

/// The first bytes of the file must be SQLite's header.
fn check_header(path: &Path) -> Result<(), Error> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::Missing(path.to_path_buf()));
        }
        Err(source) => {
            return Err(Error::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let mut header = [0u8; 100];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(source) => {
                return Err(Error::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        }
    }
    if read == 0 {
        return Err(Error::NotExercise {
            path: path.to_path_buf(),
            why: "the file is empty".into(),
        });
    }
    if !header[..read].starts_with(b"SQLite format 3\0") {
        return Err(Error::NotExercise {
            path: path.to_path_buf(),
            why: "not an SQLite database".into(),
        });
    }
    if read < header.len() {
        return Err(Error::Corrupt {
            path: path.to_path_buf(),
            why: format!("the file is truncated ({read} bytes)"),
        });
    }
    Ok(())
}

fn classify(path: &Path, source: rusqlite::Error, wait: Duration) -> Error {
    let code = source.sqlite_error_code();
    match code {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Busy {
            path: path.to_path_buf(),
            waited_ms: u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
        },
        Some(ErrorCode::NotADatabase) => Error::NotExercise {
            path: path.to_path_buf(),
            why: "not an SQLite database".into(),
        },
        Some(ErrorCode::DatabaseCorrupt) => Error::Corrupt {
            path: path.to_path_buf(),
            why: source.to_string(),
        },
        _ => Error::Storage {
            path: path.to_path_buf(),
            source,
        },
    }
}

impl Ledger for SqliteLedger {
    fn begin(&mut self) -> Result<(), Error> {
        self.connection
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| self.error(e))
    }

    fn commit(&mut self) -> Result<(), Error> {
        let result = self
            .connection
            .execute_batch("COMMIT")
            .map_err(|e| self.error(e));
        if result.is_err() {
            self.rollback();
        }
        result
    }

    fn rollback(&mut self) {
        let _ = self.connection.execute_batch("ROLLBACK");
    }

    fn meta(&self) -> Result<Meta, Error> {
        let text: String = self
            .connection
            .query_row("SELECT value FROM exercise WHERE key = 'meta'", [], |row| {
                row.get(0)
            })
            .map_err(|e| self.error(e))?;
        serde_json::from_str(&text)
            .map_err(|err| self.corrupt(format!("its meta data does not parse: {err}")))
    }

    fn files(&self) -> Result<Vec<FileRow>, Error> {
        let mut statement = self
            .connection
            .prepare("SELECT path, sha256, bytes FROM files ORDER BY path")
            .map_err(|e| self.error(e))?;
        let rows = statement
            .query_map([], |row| {
                Ok(FileRow {
                    path: row.get(0)?,
                    sha256: row.get(1)?,
                    bytes: row.get(2)?,
                })
            })
            .map_err(|e| self.error(e))?;
        rows.map(|row| row.map_err(|e| self.error(e))).collect()
    }

    fn head(&self) -> Result<Option<EventRecord>, Error> {
        let row: Option<(i64, String)> = self
            .connection
            .query_row(
                "SELECT seq, record FROM events ORDER BY seq DESC LIMIT 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(|e| self.error(e))?;
        row.map(|(seq, text)| {
            serde_json::from_str(&text)
                .map_err(|err| self.corrupt(format!("event {seq} does not parse: {err}")))
        })
        .transpose()
    }

    fn events(&self) -> Result<Vec<EventRecord>, Error> {
        let mut statement = self
            .connection
            .prepare("SELECT seq, record FROM events ORDER BY seq")
            .map_err(|e| self.error(e))?;
        let rows = statement
            .query_map([], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
            })
            .map_err(|e| self.error(e))?;
        let mut events = Vec::new();
        for row in rows {
            let (seq, text) = row.map_err(|e| self.error(e))?;
            let record: EventRecord = serde_json::from_str(&text)
                .map_err(|err| self.corrupt(format!("event {seq} does not parse: {err}")))?;
            if i64::try_from(record.seq).ok() != Some(seq) {
                return Err(self.corrupt(format!(
                    "the event stored as {seq} says it is event {}",
                    record.seq
                )));
            }
            events.push(record);
        }
        Ok(events)
    }

    fn cached_state(&self) -> Result<Option<(u64, String)>, Error> {
        self.connection
            .query_row("SELECT seq, json FROM state WHERE id = 1", [], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
            })
            .optional()
            .map_err(|e| self.error(e))
            .map(|row| row.map(|(seq, json)| (u64::try_from(seq).unwrap_or(0), json)))
    }

    fn append(&mut self, record: &EventRecord) -> Result<(), Error> {
        let json = serde_json::to_string(record).unwrap_or_default();
        self.connection
            .execute(
                "INSERT INTO events (seq, effective, kind, person, vacancy, record) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    i64::try_from(record.seq).unwrap_or(i64::MAX),
                    record.effective.to_string(),
                    record.event.kind(),
                    record.event.person(),
                    record.event.vacancy(),
                    json
                ],
            )
            .map_err(|e| self.error(e))?;
        Ok(())
    }

    fn cache_state(&mut self, seq: u64, json: &str) -> Result<(), Error> {
        self.connection
            .execute(
                "INSERT INTO state (id, seq, json) VALUES (1, ?1, ?2) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, json = excluded.json",
                params![i64::try_from(seq).unwrap_or(i64::MAX), json],
            )
            .map_err(|e| self.error(e))?;
        Ok(())
    }
}

/// A stored file with its checksum.
pub(crate) fn file_row(path: String, bytes: Vec<u8>) -> FileRow {
    FileRow {
        sha256: sha256_hex(&bytes),
        path,
        bytes,
    }
}
