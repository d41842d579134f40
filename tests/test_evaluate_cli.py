"""The train and evaluate commands refuse a missing --data path with a usage error."""

from __future__ import annotations

import pytest

from analyzer import evaluate, train


@pytest.mark.parametrize(
    "main, name", [(evaluate.main, "compare"), (train.main, "bias")], ids=["evaluate", "train"]
)
def test_missing_data_is_a_usage_error(main, name, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([name, "--data", str(tmp_path / "nowhere")])
    assert exit_info.value.code == 2
    assert f"--data {tmp_path / 'nowhere'}: no such file or folder" in capsys.readouterr().err
