#!/bin/sh
# Tagged PDF (PDF/UA-1) as pdf.js, Firefox's PDF engine, reads it: every document of every fixture
# case, normal and large print, and a print stream (tests/pdfjs/tagged.mjs says what is checked).
# pdfjs-dist comes from package-lock.json into node_modules (make deps-test). Release build only:
# the sanitizer build makes the same PDFs, and test_tagged checks those with poppler and qpdf.
case ${PBDOCS_BUILD:-} in *san*) echo "test_pdfjs: 0 passed, 0 failed (the release build only)"; exit 0 ;; esac
if ! command -v node >/dev/null || [ ! -d node_modules/pdfjs-dist ]; then
  echo "FAIL: needs node and node_modules/pdfjs-dist (make deps-test)"; echo "test_pdfjs: 0 passed, 1 failed"; exit 1
fi
exec timeout 300 node tests/pdfjs/tagged.mjs "${PBDOCS:-./pbdocs}" "${PBDOCS_BUILD:-build/release}"
