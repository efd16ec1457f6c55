#!/bin/sh
# The five documents, end to end: every fixture case renders every document it asks for, and
# the PDF's own text (pdftotext) holds the names, every amount and total, the dates worked out
# by hand below, the statutory content and the page numbering. See tests/documents.py.
exec /usr/bin/python3 tests/documents.py "${PBDOCS:-./pbdocs}"
