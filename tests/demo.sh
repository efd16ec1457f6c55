#!/bin/sh
# make demo: the main job on the bundled fixtures: check every case, then render every document
# each asks for into out/, and list what was written.
set -e
./pbdocs validate fixtures/cases/*.xml
for f in fixtures/cases/*.xml; do ./pbdocs render "$f" -o out; done
echo "demo: $(ls out/*.pdf | wc -l) PDFs in out/"
