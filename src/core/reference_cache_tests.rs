use super::*;

#[derive(serde::Deserialize)]
struct SeedMatter {
    matter: Matter,
    form: FormSchema,
}

fn seed_matter() -> SeedMatter {
    serde_json::from_str(include_str!("../../assets/portal-seed/matters/old-age-allowance.json"))
        .unwrap_or_else(|e| panic!("seed matter: {e}"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yiban-cache-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn a_matter_comes_back_with_the_schema_version_it_names() {
    let dir = scratch("matter");
    let cache = ReferenceCache::new(&dir);
    let SeedMatter { mut matter, mut form } = seed_matter();
    assert!(cache.matter(&matter.id).is_none(), "empty at first");
    cache.store_matter(&matter, &form).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(cache.matter(&matter.id), Some((matter.clone(), form.clone())));

    // A new schema version replaces the old one; the matter names the new one.
    matter.form_schema_version += 1;
    form.version = matter.form_schema_version;
    cache.store_matter(&matter, &form).unwrap_or_else(|e| panic!("{e}"));
    let (m, f) = cache.matter(&matter.id).unwrap_or_else(|| panic!("cached"));
    assert_eq!((m.form_schema_version, f.version), (form.version, form.version));
    let schemas = std::fs::read_dir(&dir)
        .map(|d| d.flatten().filter(|e| e.file_name().to_string_lossy().starts_with("schema-")).count())
        .unwrap_or(0);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(schemas, 1, "only the current schema version is kept");
}

#[test]
fn a_damaged_file_is_ignored_not_fatal() {
    let dir = scratch("damaged");
    let cache = ReferenceCache::new(&dir);
    let regions: Regions = serde_json::from_str(include_str!("../../assets/portal-seed/regions.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    cache.store_regions(&regions).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(cache.regions(), Some(regions));
    // Half a file, as a power cut without the rename would leave it.
    let _ = std::fs::write(dir.join("regions.json"), b"{\"provinces\": [");
    let after = cache.regions();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(after, None);
}

#[test]
fn ids_cannot_reach_outside_the_directory() {
    assert_eq!(safe("../../etc/passwd"), "______etc_passwd");
    assert_eq!(schema_file("a/b", 3), "schema-a_b-v3.json");
}

#[cfg(unix)]
#[test]
fn the_directory_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("private");
    let cache = ReferenceCache::new(&dir);
    let reasons: ReasonList = serde_json::from_str(include_str!("../../assets/portal-seed/reasons.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    cache.store_reasons(&reasons).unwrap_or_else(|e| panic!("{e}"));
    let mode = std::fs::metadata(&dir).map(|m| m.permissions().mode() & 0o777).unwrap_or(0);
    let back = cache.reasons();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(mode, 0o700);
    assert_eq!(back, Some(reasons));
}
