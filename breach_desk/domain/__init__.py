"""Plain, immutable domain values shared by the method, the store, the reports and the GUI."""
