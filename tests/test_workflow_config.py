import pytest
import yaml

from analysis.workflow_config import ConfigError, check_config


@pytest.fixture
def defaults(repo):
    return yaml.safe_load((repo / "config/config.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def schema(repo):
    return repo / "workflow/schemas/config.schema.yaml"


def test_defaults_are_valid(defaults, schema):
    check_config(defaults, schema)


def test_unknown_key_is_one_line_error(defaults, schema):
    defaults["sections"]["detect_heading"] = True
    with pytest.raises(ConfigError, match=r"^config error at sections: .*detect_heading") as info:
        check_config(defaults, schema)
    assert "\n" not in str(info.value)


def test_wrong_type_names_the_key(defaults, schema):
    defaults["figures"]["per_article"] = "yes"
    with pytest.raises(ConfigError, match=r"figures\.per_article: 'yes' is not of type 'boolean'"):
        check_config(defaults, schema)


def test_topic_count_must_be_auto_or_positive(defaults, schema):
    defaults["topics"]["k"] = 0
    with pytest.raises(ConfigError, match=r"topics\.k: 0 is not valid: expected 'auto' or a whole"):
        check_config(defaults, schema)
    defaults["topics"]["k"] = 7
    check_config(defaults, schema)
