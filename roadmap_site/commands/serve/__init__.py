"""`roadmap-site serve`, in the order a save travels: watch (which files matter, the
watchdog Observer) -> debounce (one run once saves pause) -> rebuild (one build, said and
published) -> livereload (the channel, the page script) -> http (what a browser gets);
indexing runs Pagefind once builds pause; server composes them (DevServer, run_serve)."""
