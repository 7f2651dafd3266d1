//! The PDF engine: fonts, measuring and fitting text, layouts, and one file per printout.
//! It takes domain values and returns PDF bytes; it knows nothing of HTTP.
