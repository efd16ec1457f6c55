#!/bin/sh
# make demo: the main job on the bundled fixtures.
set -e
./pbdocs validate fixtures/cases/*.xml
