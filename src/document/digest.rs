//! The rubric digest a visit carries (`rubric.digest`): which exact rubric it was scored
//! against. Part of the file format, so it lives beside the document; `visits` re-exports it.

use crate::domain::rubric::Rubric;

/// `sha256:<hex>` of the rubric's canonical JSON (RFC 8785, the JSON Canonicalization
/// Scheme, of the typed rubric): formatting, comments and key order do not count, any change
/// to content does, and no YAML or JSON library version can change it. Every visit created
/// from this release on carries it.
pub fn digest(rubric: &Rubric) -> String {
    let canonical = serde_json_canonicalizer::to_string(rubric).unwrap_or_default();
    sha256_text(canonical.as_bytes())
}

/// The digest visits carried before [`digest`]: `sha256:<hex>` of the rubric as the YAML
/// library wrote it. Documents and stores written then keep it, and reading them accepts it
/// ([`digest_matches`]). It depends on that library's output, so
/// `tests/it/document.rs` pins it for the committed fixtures: a YAML library upgrade that
/// changes it fails there, before any user's file is refused.
pub fn legacy_digest(rubric: &Rubric) -> String {
    let canonical = crate::yaml::to_string(rubric).unwrap_or_default();
    sha256_text(canonical.as_bytes())
}

/// Whether `given` is the digest of `rubric`, either way it has been written.
pub fn digest_matches(given: &str, rubric: &Rubric) -> bool {
    given == digest(rubric) || given == legacy_digest(rubric)
}

fn sha256_text(bytes: &[u8]) -> String {
    format!("sha256:{}", crate::domain::evidence::sha256_hex(bytes))
}
