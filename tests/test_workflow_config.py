import pytest
import yaml

from analysis.workflow_config import ConfigError, check_config, config_warnings


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
    defaults["figures"]["per_article"] = "yes"  # text, even if YAML 1.1 reads it as True
    with pytest.raises(ConfigError, match=r"figures\.per_article: 'yes' is not of type 'boolean'"):
        check_config(defaults, schema)


def test_topic_count_must_be_auto_or_positive(defaults, schema):
    defaults["topics"]["k"] = 0
    with pytest.raises(ConfigError, match=r"topics\.k: 0 is not valid: expected 'auto' or a whole"):
        check_config(defaults, schema)
    defaults["topics"]["k"] = 7
    check_config(defaults, schema)


def test_text_from_the_command_line_is_read_as_yaml_reads_it(defaults, schema):
    """Snakemake's --config gives a nested value as text: "keywords={top_k: 12}" sets "12"."""
    defaults["keywords"]["top_k"] = "12"
    defaults["topics"]["k"] = "4"
    defaults["figures"]["per_article"] = "false"
    defaults["keywords"]["weights"] = {"tfidf": "2.5"}
    checked = check_config(defaults, schema)
    assert checked["keywords"]["top_k"] == 12 and checked["topics"]["k"] == 4
    assert checked["figures"]["per_article"] is False
    assert checked["keywords"]["weights"] == {"tfidf": 2.5}
    assert defaults["keywords"]["top_k"] == "12"  # the input is not changed
    # text the schema asks for stays text; a value read is checked like any other
    defaults["topics"]["k"] = "auto"
    assert check_config(defaults, schema)["topics"]["k"] == "auto"
    defaults["keywords"]["top_k"] = "0"
    with pytest.raises(ConfigError, match=r"keywords\.top_k: 0 is less than the minimum of 1"):
        check_config(defaults, schema)


def test_separators_of_a_column_not_compared_are_a_warning(defaults, schema):
    assert config_warnings(defaults) == []
    config = check_config(
        {**defaults, "compare": {**defaults["compare"], "split_values": {"authors": [";"]}}},
        schema,
    )
    assert config_warnings(config) == [
        "compare.split_values names 'authors', which compare.group_by (source) does not"
        " compare by: it splits nothing"
    ]
    with pytest.raises(ConfigError, match="split_values"):
        check_config(
            {**defaults, "compare": {**defaults["compare"], "split_values": {"author": []}}},
            schema,
        )
