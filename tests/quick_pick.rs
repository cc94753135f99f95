//! The allocation-free `quick_pick` must agree with the full evaluation everywhere.

use authwiz::analysis::walk;
use authwiz::bundled::BUNDLED;
use authwiz::dataset::{Answers, Dataset, load_str};
use authwiz::engine::{evaluate, quick_pick};
use authwiz::synth::{Rng, Shape, generate};

fn agree(ds: &Dataset, a: &Answers) {
    let full = evaluate(ds, a);
    let quick = quick_pick(ds, a);
    assert_eq!(quick.pick, full.pick, "pick for {:?}", a.to_ids(ds));
    assert_eq!(quick.none_needed, full.none_needed);
    for s in &full.standings {
        assert_eq!(quick.excluded & (1 << s.candidate) != 0, s.is_excluded());
    }
}

#[test]
fn quick_pick_agrees_on_every_path_of_the_bundled_editions() {
    for b in BUNDLED {
        let ds = load_str(b.file, b.text).unwrap();
        let mut n = 0;
        walk(&ds, &mut |a, _| {
            agree(&ds, a);
            n += 1;
            true
        });
        assert!(n > 100, "{}: only {n} states", b.name);
    }
}

#[test]
fn quick_pick_agrees_on_random_answers_of_synthetic_datasets() {
    let mut rng = Rng::new(3);
    for shape in [Shape::SMALL, Shape::LARGE] {
        let ds = load_str("synthetic", &generate(shape)).unwrap();
        for _ in 0..2000 {
            // Any subset of questions answered, in any order: not only wizard paths.
            let mut a = Answers::for_dataset(&ds);
            for (q, question) in ds.questions.iter().enumerate() {
                if rng.chance(60) {
                    a.set(q, rng.below(question.options.len()));
                }
            }
            agree(&ds, &a);
        }
    }
}
