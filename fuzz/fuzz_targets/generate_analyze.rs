//! Any requirements profile (YAML or JSON text): generate every iteration, then analyze
//! what was generated. The generator must write YAML that loads without a syntax or
//! schema finding.
#![no_main]

use compose_architect::generate::ITERATIONS;
use compose_architect::recommend::Profile;
use compose_architect::report::Category;
use compose_architect::{Input, SourceFile, analyze, generate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(profile) = Profile::from_yaml(&text) else {
        return;
    };
    if !profile.problems().is_empty() {
        return;
    }

    for iteration in ITERATIONS {
        let Ok(generated) = generate(&profile, iteration) else {
            continue;
        };
        let files: Vec<SourceFile> = generated
            .files
            .iter()
            .filter(|f| f.path.ends_with(".yaml") || f.path == ".env")
            .map(|f| SourceFile::new(f.path.clone(), f.text.clone()))
            .collect();
        let report = analyze(&Input {
            files,
            ..Input::default()
        });
        let syntax: Vec<_> = report
            .findings
            .iter()
            .filter(|f| matches!(f.category, Category::Syntax | Category::Schema))
            .collect();
        assert!(
            syntax.is_empty(),
            "generated YAML does not load: {syntax:?}"
        );
    }
});
