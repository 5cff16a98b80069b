"""Benchmarks and their fixture, outside the generator package: the synthetic dossier (synth.py),
the pipeline and build timed at size (bench.py), adversarial pull requests timed (hostile.py)."""
