//! A pay-scale file (TOML); a pay scale that loads is also asked for every band's points, range
//! and the salary at every pay point.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use redeploy_model::Band;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(pay) = redeploy_model::parse_pay_scale(text, Path::new("pay.toml")) {
        for band in Band::ALL {
            let _ = pay.points(band);
            let _ = pay.range(band);
            for point in 0..=u8::MAX {
                let _ = pay.salary_at(band, point);
            }
        }
    }
});
