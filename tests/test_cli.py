"""The command line: every command that reads a site folder says so in one line when there is none."""

import pytest

from roadmap_site.cli import main


@pytest.mark.parametrize("command", ["build", "serve", "check", "publish", "init-ci"])
def test_a_missing_site_folder_is_a_one_line_error(command, tmp_path, capsys):
    missing = tmp_path / "nowhere"
    assert main([command, str(missing)]) == 1
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"roadmap-site: {missing} is not a folder\n")
    assert not missing.exists()


def test_init_makes_the_folder_it_is_given(tmp_path, capsys):
    assert main(["init", str(tmp_path / "new-site")]) == 0
    assert (tmp_path / "new-site" / "roadmap.yml").is_file()
