#!/bin/sh
# Tagged PDF (PDF/UA-1): every document of every fixture case, normal and large print, and a
# print stream, checked with poppler and qpdf (tests/tagged.py says what is checked and how).
exec /usr/bin/python3 tests/tagged.py "${PBDOCS:-./pbdocs}" "${PBDOCS_BUILD:-build/release}"
