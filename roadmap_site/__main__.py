from roadmap_site.cli import run

run()
