"""The conda environment must carry exactly the pins of the pip lock."""

import yaml


def lock_pins(repo):
    lines = (repo / "requirements.lock").read_text(encoding="utf-8").splitlines()
    return sorted(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def test_environment_yml_matches_the_lock(repo):
    environment = yaml.safe_load((repo / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(d for d in environment["dependencies"] if isinstance(d, dict))
    assert sorted(pip_section["pip"]) == lock_pins(repo)
    assert "python=3.11" in environment["dependencies"]


def test_every_pin_is_exact(repo):
    pins = lock_pins(repo)
    assert len(pins) > 50
    assert all("==" in pin for pin in pins)
    names = {pin.split("==")[0].lower() for pin in pins}
    for direct in ("nltk", "scikit-learn", "textblob", "snakemake", "pytest", "vadersentiment"):
        assert direct in names
