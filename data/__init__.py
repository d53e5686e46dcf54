"""Everything that writes the store: its schema, the build from registry packages and seed files, the importers."""
