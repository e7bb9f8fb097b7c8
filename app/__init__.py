"""Digital-government structure atlas: data build, DuckDB views, metrics and page helpers."""
