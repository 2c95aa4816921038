//! Interpolation of any template against any environment: no panic, an error offset
//! inside the template, and the variables listed without panic.
#![no_main]

use compose_architect::compose::interpolate::{substitute, variables};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (template, env) = fuzz_support::text_and_env(data);
    let lookup = |name: &str| env.get(name).cloned();

    match substitute(&template, &lookup) {
        Ok(done) => assert!(
            template.contains('$') || done.value == template,
            "a template without `$` changed"
        ),
        Err(error) => assert!(
            error.offset() <= template.len(),
            "error offset {} past the template's {} bytes",
            error.offset(),
            template.len()
        ),
    }
    let _ = variables(&template);
});
