"""Generator for the dossier: YAML records -> validated model -> Markdown pages and data."""
