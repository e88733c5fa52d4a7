import sys

from roadmap_site.cli import main

sys.exit(main())
