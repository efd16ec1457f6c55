#!/bin/sh
# A council profile's <extra-font> (issue #16): Armenian and Georgian names print from DejaVu
# Sans and copy out exactly; without the profile's font they are refused; Arabic stays refused
# even though DejaVu Sans has its glyphs; a missing font file stops the run. See tests/extra_font.py.
exec /usr/bin/python3 tests/extra_font.py "${PBDOCS:-./pbdocs}"
