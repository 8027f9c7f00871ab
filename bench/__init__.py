"""The benchmark suite (issue 8): ``python -m bench`` — see ``bench/README.md``."""
