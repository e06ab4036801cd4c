//! A policy file (TOML); a policy that loads is also checked and used for a round.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(policy) = redeploy_model::parse_policy(text, Path::new("policy.toml")) {
        let _ = policy.check();
        let small = redeploy_fuzz::configs().join("examples/small/scenario.toml");
        if let Ok(mut scenario) = redeploy_model::load_scenario(&small) {
            scenario.policy = policy;
            redeploy_fuzz::exercise(&scenario);
        }
    }
});
