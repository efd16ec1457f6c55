#!/bin/sh
# make demo: the main job on the bundled fixtures: check them, then render every document.
set -e
./pbdocs validate fixtures/cases/*.xml
if ./pbdocs --help | grep -q 'pbdocs render'; then
  for f in fixtures/cases/*.xml; do ./pbdocs render "$f" -o out; done
fi
