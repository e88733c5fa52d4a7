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


def test_the_console_script_exits_with_the_commands_code_and_all_it_printed(tmp_path):
    """run() leaves with os._exit: what went to a pipe must still arrive, and the code too."""
    import subprocess
    import sys

    from helpers import REPO, write_files

    site = write_files(tmp_path / "site", {"content/a.md": "# Alpha\n\nText.\n"})
    command = [sys.executable, "-m", "roadmap_site", "build", str(site), "-o", str(tmp_path / "out"), "--no-search"]
    built = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("built 1 articles") and built.stdout.endswith("\n")
    assert (tmp_path / "out/a/index.html").is_file()
    (site / "content/a.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    failed = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    assert failed.returncode == 1 and "a.md:3: front matter is not valid YAML" in failed.stderr
