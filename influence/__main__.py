"""``python -m influence``."""

from influence.cli import main

main()
