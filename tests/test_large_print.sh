#!/bin/sh
# Large print, read back from the PDFs with poppler: every fixture letter in large print has its
# address at 16 pt in the envelope window or, when the window cannot hold it at 16 pt, smaller
# there and again at 16 pt above the salutation; the letterhead is at 16 pt with "Email:" on the
# line of its address; the case reference is never split between lines (tests/large_print.py).
exec /usr/bin/python3 tests/large_print.py "${PBDOCS:-./pbdocs}"
