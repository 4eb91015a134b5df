//! The last reference data the portal gave: the hall's catalogue, each matter
//! with its form schema (kept by schema version), the regions and the
//! evaluation reasons. With it the kiosk starts, and citizens fill in their
//! applications, while the portal is down. Nothing personal is in it: it is
//! what the portal serves to any terminal.
//!
//! Files are JSON in one private directory, each written to a temporary file
//! and renamed over the old one, so a power cut leaves the old file or the new
//! one, never half of either. A file that does not parse is ignored (and
//! replaced at the next successful fetch).

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::model::{Catalogue, FormSchema, Matter, ReasonList, Regions};

#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("cannot write the reference cache {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("cannot encode {path}: {source}")]
    Encode { path: PathBuf, source: serde_json::Error },
}

#[derive(Debug, Clone)]
pub struct ReferenceCache {
    dir: PathBuf,
}

impl ReferenceCache {
    /// The cache in `dir` (created, private, when first written).
    pub fn new(dir: impl Into<PathBuf>) -> ReferenceCache {
        ReferenceCache { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn catalogue(&self, hall_id: &str) -> Option<Catalogue> {
        self.read(&format!("catalogue-{}.json", safe(hall_id)))
    }

    pub fn store_catalogue(&self, catalogue: &Catalogue) -> Result<(), CacheError> {
        self.write(&format!("catalogue-{}.json", safe(&catalogue.hall_id)), catalogue)
    }

    /// The matter with the form schema of the version it names.
    pub fn matter(&self, matter_id: &str) -> Option<(Matter, FormSchema)> {
        let matter: Matter = self.read(&format!("matter-{}.json", safe(matter_id)))?;
        let form = self.read(&schema_file(matter_id, matter.form_schema_version))?;
        Some((matter, form))
    }

    /// Stores the form schema under its version first, then the matter that
    /// names it: a matter is never cached without its schema.
    pub fn store_matter(&self, matter: &Matter, form: &FormSchema) -> Result<(), CacheError> {
        self.write(&schema_file(&matter.id, form.version), form)?;
        self.write(&format!("matter-{}.json", safe(&matter.id)), matter)?;
        // Older schema versions of the matter are not needed any more.
        let prefix = format!("schema-{}-v", safe(&matter.id));
        let current = schema_file(&matter.id, form.version);
        if let Ok(entries) = std::fs::read_dir(&self.dir) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with(&prefix) && name != current {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        Ok(())
    }

    pub fn regions(&self) -> Option<Regions> {
        self.read("regions.json")
    }

    pub fn store_regions(&self, regions: &Regions) -> Result<(), CacheError> {
        self.write("regions.json", regions)
    }

    pub fn reasons(&self) -> Option<ReasonList> {
        self.read("reasons.json")
    }

    pub fn store_reasons(&self, reasons: &ReasonList) -> Result<(), CacheError> {
        self.write("reasons.json", reasons)
    }

    fn read<T: DeserializeOwned>(&self, name: &str) -> Option<T> {
        let bytes = std::fs::read(self.dir.join(name)).ok()?;
        match serde_json::from_slice(&bytes) {
            Ok(value) => Some(value),
            Err(e) => {
                tracing::warn!(file = name, error = %e, "cached reference data unreadable; ignored");
                None
            }
        }
    }

    fn write<T: Serialize>(&self, name: &str, value: &T) -> Result<(), CacheError> {
        let path = self.dir.join(name);
        let io = |source| CacheError::Write { path: path.clone(), source };
        let json =
            serde_json::to_vec(value).map_err(|source| CacheError::Encode { path: path.clone(), source })?;
        super::data_dir::create_private(&self.dir).map_err(io)?;
        let temporary = self.dir.join(format!(".{name}.{}.tmp", std::process::id()));
        std::fs::write(&temporary, json).map_err(io)?;
        std::fs::rename(&temporary, &path).map_err(|e| {
            let _ = std::fs::remove_file(&temporary);
            io(e)
        })
    }
}

fn schema_file(matter_id: &str, version: u32) -> String {
    format!("schema-{}-v{version}.json", safe(matter_id))
}

/// An id as part of a file name: anything but ASCII letters, digits, `-` and `_` becomes `_`.
fn safe(id: &str) -> String {
    id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

#[cfg(test)]
#[path = "reference_cache_tests.rs"]
mod tests;
