#!/bin/sh
# Names in Cyrillic, Greek, Vietnamese and Romanian print and copy out exactly, in every
# document, normal and large print, and in a batch's print stream; a name in a script the fonts
# do not have (Arabic) is refused, naming the character. See tests/scripts.py.
exec /usr/bin/python3 tests/scripts.py "${PBDOCS:-./pbdocs}"
