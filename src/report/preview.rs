//! What each option of a question would do, worded for people (the wizard's options and
//! the plain mode's numbered answers).

use crate::dataset::Dataset;
use crate::engine::flow::{Preview, names};
use crate::strings;

/// The preview of one option as a short phrase; empty when the option changes nothing
/// about which candidates fit.
pub fn text(ds: &Dataset, p: &Preview) -> String {
    let conflicts: Vec<String> = p
        .conflicts_with
        .iter()
        .take(2)
        .map(|&q| ds.questions[q].prompt.clone())
        .collect();
    strings::preview(
        &ds.vocabulary.candidate,
        &names(ds, p.rules_out),
        &names(ds, p.fits),
        p.none_needed,
        p.nothing_fits(),
        &conflicts,
    )
}
