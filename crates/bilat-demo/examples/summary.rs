//! Generates the demo world and prints its size and how long generation took.
//!
//! ```text
//! cargo run -p bilat-demo --example summary [--release]
//! ```
#![allow(clippy::print_stdout)]

use std::time::Instant;

fn main() {
    let start = Instant::now();
    let world = bilat_demo::generate();
    let elapsed = start.elapsed();
    let count = |b: &[arrow::array::RecordBatch]| b.iter().map(|b| b.num_rows()).sum::<usize>();
    println!("flows rows:    {}", count(&world.flows));
    for b in &world.flows {
        let year = b
            .column(2)
            .as_any()
            .downcast_ref::<arrow::array::Int32Array>()
            .map(|a| a.value(0));
        println!("  year {:?}: {} rows", year, b.num_rows());
    }
    println!("series rows:   {}", count(&world.series));
    println!("product rows:  {}", count(&world.products));
    println!("generated in   {:.2?}", elapsed);
}
