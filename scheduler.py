"""The daemon's entry point: `python scheduler.py [options]` is `releasewatch daemon [options]`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from releasewatch.commands.daemon_cmds import daemon  # noqa: E402

if __name__ == "__main__":
    daemon.main(args=sys.argv[1:], prog_name="releasewatch daemon")
