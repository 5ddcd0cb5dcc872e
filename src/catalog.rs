//! The rubrics available to this laptop: the ones shipped inside the binary, plus the user's
//! own folder. A broken user file is reported and skipped; it never hides the others.

use std::path::{Path, PathBuf};

use crate::domain::rubric::Rubric;
use crate::rubric_file::{self, Diagnostic};

/// The rubrics compiled into the binary, so the app works from any folder.
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "co-quan-dat-chuan-van-hoa.yaml",
        include_str!("../rubrics/co-quan-dat-chuan-van-hoa.yaml"),
    ),
    (
        "van-hoa-cong-so.yaml",
        include_str!("../rubrics/van-hoa-cong-so.yaml"),
    ),
    (
        "doanh-nghiep-dat-chuan-van-hoa.yaml",
        include_str!("../rubrics/doanh-nghiep-dat-chuan-van-hoa.yaml"),
    ),
];

/// Earlier versions of the shipped rubrics, also compiled in. A visit never needs them (it
/// keeps its own copy of its rubric); they are here so `ID@VERSION` still starts a visit with
/// the version a team began a round of inspections with. A bare `ID` never picks one.
pub const SUPERSEDED: &[(&str, &str)] = &[
    (
        "superseded/co-quan-dat-chuan-van-hoa-2025.1.yaml",
        include_str!("../rubrics/superseded/co-quan-dat-chuan-van-hoa-2025.1.yaml"),
    ),
    (
        "superseded/van-hoa-cong-so-2025.1.yaml",
        include_str!("../rubrics/superseded/van-hoa-cong-so-2025.1.yaml"),
    ),
];

/// Where a rubric came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled in; the file name under `rubrics/`.
    Shipped(&'static str),
    File(PathBuf),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Shipped(name) => write!(f, "rubrics/{name}"),
            Origin::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// A rubric the catalog holds, and where it was read from.
#[derive(Debug, Clone)]
pub struct CatalogEntry {
    pub rubric: Rubric,
    pub origin: Origin,
}

/// Why one file of the user's folder was left out.
#[derive(Debug, Clone)]
pub enum FileProblem {
    Invalid {
        origin: Origin,
        diagnostics: Vec<Diagnostic>,
    },
    /// Same id and version as a rubric already loaded (a shipped one, or an earlier file).
    Duplicate {
        origin: Origin,
        id: String,
        version: String,
        first: Origin,
    },
    UnreadableFolder {
        folder: PathBuf,
        reason: String,
    },
    /// Anyone on this computer can change these rubrics: a warning, they are still loaded.
    WorldWritable {
        folder: PathBuf,
    },
}

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// What a new visit can use: the current shipped rubrics and the user's files.
    pub entries: Vec<CatalogEntry>,
    /// The [`SUPERSEDED`] versions, found only by `ID@VERSION`.
    pub superseded: Vec<CatalogEntry>,
    pub problems: Vec<FileProblem>,
}

/// What `find` could not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindError {
    NotFound {
        query: String,
        known: Vec<String>,
    },
    /// The id exists in several versions; name one as `ID@VERSION`.
    Ambiguous {
        query: String,
        versions: Vec<String>,
    },
}

impl Catalog {
    /// The shipped rubrics, then every `*.yaml`/`*.yml` file of `user_dir` (if it exists),
    /// in file-name order.
    pub fn load(user_dir: Option<&Path>) -> Catalog {
        let mut catalog = Catalog::default();
        for (name, text) in SHIPPED {
            match rubric_file::parse(text) {
                Ok(rubric) => catalog.add(rubric, Origin::Shipped(name)),
                Err(diagnostics) => catalog.problems.push(FileProblem::Invalid {
                    origin: Origin::Shipped(name),
                    diagnostics,
                }),
            }
        }
        for (name, text) in SUPERSEDED {
            match rubric_file::parse(text) {
                Ok(rubric) => catalog.superseded.push(CatalogEntry {
                    rubric,
                    origin: Origin::Shipped(name),
                }),
                Err(diagnostics) => catalog.problems.push(FileProblem::Invalid {
                    origin: Origin::Shipped(name),
                    diagnostics,
                }),
            }
        }
        if let Some(dir) = user_dir {
            catalog.load_folder(dir);
        }
        catalog
    }

    fn load_folder(&mut self, dir: &Path) {
        let listing = match std::fs::read_dir(dir) {
            Ok(listing) => listing,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return,
            Err(error) => {
                let folder = dir.to_owned();
                let reason = error.to_string();
                self.problems
                    .push(FileProblem::UnreadableFolder { folder, reason });
                return;
            }
        };
        if crate::platform::is_world_writable(dir) {
            self.problems.push(FileProblem::WorldWritable {
                folder: dir.to_owned(),
            });
        }
        let mut files: Vec<PathBuf> = listing
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| {
                path.is_file()
                    && path
                        .extension()
                        .is_some_and(|ext| ext == "yaml" || ext == "yml")
            })
            .collect();
        files.sort();
        for path in files {
            match rubric_file::read(&path) {
                Ok(rubric) => self.add(rubric, Origin::File(path)),
                Err(diagnostics) => {
                    let origin = Origin::File(path);
                    self.problems.push(FileProblem::Invalid {
                        origin,
                        diagnostics,
                    });
                }
            }
        }
    }

    fn add(&mut self, rubric: Rubric, origin: Origin) {
        let same = |entry: &&CatalogEntry| {
            entry.rubric.id == rubric.id && entry.rubric.version == rubric.version
        };
        // A copy of an earlier shipped version is a duplicate too: `ID@VERSION` must name one.
        if let Some(first) = self.entries.iter().chain(&self.superseded).find(same) {
            self.problems.push(FileProblem::Duplicate {
                origin,
                id: rubric.id,
                version: rubric.version,
                first: first.origin.clone(),
            });
        } else {
            self.entries.push(CatalogEntry { rubric, origin });
        }
    }

    /// Finds a rubric by `ID` (when only one current version is known) or `ID@VERSION` (also
    /// a superseded shipped version).
    pub fn find(&self, query: &str) -> Result<&CatalogEntry, FindError> {
        let (id, version) = match query.split_once('@') {
            Some((id, version)) => (id, Some(version)),
            None => (query, None),
        };
        let superseded = self.superseded.iter().filter(|_| version.is_some());
        let matches: Vec<&CatalogEntry> = self
            .entries
            .iter()
            .chain(superseded)
            .filter(|e| e.rubric.id == id && version.is_none_or(|v| e.rubric.version == v))
            .collect();
        match matches.as_slice() {
            [one] => Ok(one),
            [] => Err(FindError::NotFound {
                query: query.to_owned(),
                known: self
                    .entries
                    .iter()
                    .chain(&self.superseded)
                    .map(|e| format!("{}@{}", e.rubric.id, e.rubric.version))
                    .collect(),
            }),
            many => Err(FindError::Ambiguous {
                query: query.to_owned(),
                versions: many.iter().map(|e| e.rubric.version.clone()).collect(),
            }),
        }
    }
}
