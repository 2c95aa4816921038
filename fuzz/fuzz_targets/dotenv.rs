//! `.env` parsing of any text: no panic, an error offset inside the text, and the same
//! answer twice.
#![no_main]

use compose_architect::compose::dotenv::parse_map;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text, env) = fuzz_support::text_and_env(data);
    let lookup = |name: &str| env.get(name).cloned();

    let parsed = parse_map(&text, &lookup);
    if let Err(error) = &parsed {
        assert!(
            error.offset <= text.len(),
            "error offset {} past the text's {} bytes",
            error.offset,
            text.len()
        );
    }
    assert_eq!(
        parsed,
        parse_map(&text, &lookup),
        "two answers for one text"
    );
});
